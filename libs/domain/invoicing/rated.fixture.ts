import { AccountId, BillingMonth, Currency, Product, TariffId, UsageId } from '../ids';
import type { RatedRecord } from '../rated';
import type { Account } from '../reference';

/** Test data for the invoicing specs: a rated leg with defaults a reader can check by hand. */
export function ratedLeg(over: Partial<RatedRecord> & { id?: string } = {}): RatedRecord {
  const { id = 'u-1', ...rest } = over;
  return {
    ratedId: UsageId(id),
    usageId: UsageId(id),
    accountId: AccountId('acme'),
    month: BillingMonth('2026-02'),
    product: Product('sipcore.voice'),
    kind: 'LEG',
    startAt: Date.UTC(2026, 1, 3, 9, 0, 0),
    billedSeconds: 60,
    quantity: '1',
    unitPrice: '0.01',
    connectFee: null,
    amount: '0.010000',
    currency: Currency('USD'),
    tariffId: TariffId('standard'),
    tariffVersion: 1,
    source: { stream: 'ledger.rated', partition: 0, position: 1 },
    flags: [],
    zeroRatedReason: null,
    ...rest,
  };
}

export function account(over: Partial<Account> = {}): Account {
  return {
    accountId: AccountId('acme'),
    currency: Currency('USD'),
    timezone: 'UTC',
    billingModel: 'PER_MINUTE',
    channels: null,
    minimumMonthlyCharge: null,
    setupFee: null,
    features: [],
    plans: [],
    invoiceRounding: 'HALF_UP',
    ...over,
  };
}
