import type { AccountId, BillingMonth } from '../domain';
import type { AccountMonth } from '../domain/invoicing';

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** One value per account and billing month, created on first use; listed by account, then month. */
export class AccountMonths<T> {
  readonly #accounts = new Map<AccountId, Map<BillingMonth, T>>();

  constructor(private readonly create: () => T) {}

  get(accountId: AccountId, month: BillingMonth): T | undefined {
    return this.#accounts.get(accountId)?.get(month);
  }

  /** The value of this account and month, made when it is the first time. */
  at(accountId: AccountId, month: BillingMonth): T {
    let months = this.#accounts.get(accountId);
    if (!months) this.#accounts.set(accountId, (months = new Map()));
    let value = months.get(month);
    if (value === undefined) months.set(month, (value = this.create()));
    return value;
  }

  entries(): (AccountMonth & { readonly value: T })[] {
    const out: (AccountMonth & { value: T })[] = [];
    for (const [accountId, months] of this.#accounts) {
      for (const [month, value] of months) out.push({ accountId, month, value });
    }
    return out.sort((a, b) => byText(a.accountId, b.accountId) || byText(a.month, b.month));
  }
}
