import type { AccountId, BillingMonth } from '../ids';
import type { RatedRecord } from '../rated';
import { contributionsOf, type LateFor, type LineTotal } from './contribution';
import { RunningTotal } from './running-total';

export interface AccountMonth {
  readonly accountId: AccountId;
  readonly month: BillingMonth;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Line totals per account and invoice month, in memory (the embedded pipeline's twin of the
 * Redis hashes). It keeps sums only, so memory grows with accounts x months x lines, never with
 * records. It does not deduplicate: a record re-sent must be dropped before it gets here.
 */
export class MonthLedger {
  readonly #accounts = new Map<AccountId, Map<BillingMonth, Map<string, RunningTotal>>>();

  /** Adds a record to its own month, or, when late, to lateFor.invoiceMonth as an adjustment. */
  add(rated: RatedRecord, lateFor?: LateFor): void {
    const month = lateFor?.invoiceMonth ?? rated.month;
    let months = this.#accounts.get(rated.accountId);
    if (!months) this.#accounts.set(rated.accountId, (months = new Map()));
    let lines = months.get(month);
    if (!lines) months.set(month, (lines = new Map()));
    for (const c of contributionsOf(rated, lateFor)) {
      const total = lines.get(c.key);
      if (total === undefined) lines.set(c.key, new RunningTotal(c));
      else total.add(c);
    }
  }

  /** Every account and month with at least one line, by account then month. */
  accountMonths(): AccountMonth[] {
    const out: AccountMonth[] = [];
    for (const [accountId, months] of this.#accounts) {
      for (const month of months.keys()) out.push({ accountId, month });
    }
    return out.sort((a, b) => byText(a.accountId, b.accountId) || byText(a.month, b.month));
  }

  /** The line totals of one account and month, by key; empty when nothing was added. */
  totals(accountId: AccountId, month: BillingMonth): LineTotal[] {
    const lines = this.#accounts.get(accountId)?.get(month);
    return lines ? [...lines.values()].map((total) => total.snapshot()).sort((a, b) => byText(a.key, b.key)) : [];
  }
}
