import type { Invoice, LimitEvent } from '../domain';
import type { AccountMonth, MonthLedger } from '../domain/invoicing';
import { closeAccountMonth } from './month-invoice';
import type { RecurringFacts } from './recurring-facts';
import type { ReferenceData } from './reference-data';

/** Everything a run closes with: invoices, limit events and what could not be billed. */
export interface ClosedMonths {
  readonly invoices: Invoice[];
  readonly limitEvents: LimitEvent[];
  readonly warnings: string[];
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byAccountMonth = (a: AccountMonth, b: AccountMonth) => byText(a.accountId, b.accountId) || byText(a.month, b.month);

/**
 * Which account-months get an invoice: every billing month (in the account's zone) in which the
 * account has rated usage or user activity. Provisioning carried into a month with neither opens
 * no invoice on its own, so such a month bills no devices or trunks.
 */
export function invoiceMonths(ledger: MonthLedger, facts: RecurringFacts): AccountMonth[] {
  const months = new Map<string, AccountMonth>();
  for (const am of [...ledger.accountMonths(), ...facts.activityMonths()]) months.set(`${am.accountId}|${am.month}`, am);
  return [...months.values()].sort(byAccountMonth);
}

/** Closes every invoice month: one invoice each, in account then month order, and the warnings of all. */
export function closeMonths(
  reference: ReferenceData, ledger: MonthLedger, facts: RecurringFacts, planLimitEvents: readonly LimitEvent[],
): ClosedMonths {
  const invoices: Invoice[] = [];
  const warnings: string[] = [];
  for (const { accountId, month } of invoiceMonths(ledger, facts)) {
    const account = reference.account(accountId);
    if (!account) throw new Error(`invariant: usage or activity for unknown account ${accountId}`);
    const closed = closeAccountMonth({
      account,
      month,
      calendar: reference.calendars.forZone(account.timezone),
      tariffs: reference.tariffs,
      totals: ledger.totals(accountId, month),
      facts,
    });
    invoices.push(closed.invoice);
    warnings.push(...closed.warnings);
  }
  return { invoices, limitEvents: limitEvents(reference, facts, planLimitEvents), warnings };
}

/** The tariff-plan limit events and the PER_CHANNEL LINES events, by account, instant and id. */
export function limitEvents(reference: ReferenceData, facts: RecurringFacts, planLimitEvents: readonly LimitEvent[]): LimitEvent[] {
  const lines: LimitEvent[] = [];
  for (const { accountId, month, value: watch } of facts.channelMonths()) {
    const account = reference.account(accountId);
    if (!account) throw new Error(`invariant: legs of unknown account ${accountId}`);
    const event = watch.limitEvent(account, month, reference.calendars.forZone(account.timezone).monthBounds(month));
    if (event) lines.push(event);
  }
  return [...planLimitEvents, ...lines].sort((a, b) => byText(a.accountId, b.accountId) || a.at - b.at || byText(a.eventId, b.eventId));
}
