import type { Account, AccountId, Tariff } from '../domain';
import { CalendarBook, TariffBook, type RatingContext } from '../domain/rating';

/**
 * Accounts and tariffs as the rater sees them. Both the embedded pipeline (from files) and the
 * rater service (from compacted topics) fill one of these; later versions replace earlier ones.
 */
export class ReferenceData implements RatingContext {
  readonly tariffs = new TariffBook();
  readonly calendars = new CalendarBook();
  private readonly accounts = new Map<string, Account>();

  static of(accounts: readonly Account[], tariffs: readonly Tariff[]): ReferenceData {
    const reference = new ReferenceData();
    for (const a of accounts) reference.putAccount(a);
    for (const t of tariffs) reference.putTariff(t);
    return reference;
  }

  putAccount(account: Account): void {
    this.accounts.set(account.accountId, account);
  }

  putTariff(tariff: Tariff): void {
    this.tariffs.add(tariff);
  }

  account(id: AccountId | string): Account | undefined {
    return this.accounts.get(id);
  }

  allAccounts(): Account[] {
    return [...this.accounts.values()];
  }
}
