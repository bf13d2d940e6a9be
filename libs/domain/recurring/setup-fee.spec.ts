import { BillingCalendar } from '../rating';
import { sampleAccount } from '../reference/sample-reference';
import { firstInvoiceMonth, setupFeeCharges } from './setup-fee';
import { plan } from './tariff.fixture';

describe('one-time setup fee', () => {
  const account = sampleAccount({ setupFee: '99.00', plans: [plan('cloud', Date.UTC(2026, 1, 10))] });
  const calendar = new BillingCalendar('UTC');
  const feeOn = (month: string) => setupFeeCharges(account, firstInvoiceMonth(account, calendar) === month);

  it('bills the setup fee on the first invoice', () => {
    expect(feeOn('2026-02')).toEqual([expect.objectContaining({ kind: 'SETUP_FEE', quantity: '1', unitPrice: '99', amountNanos: 99_000_000_000n })]);
  });

  it('bills no setup fee on the invoices after it', () => {
    expect(feeOn('2026-03')).toEqual([]);
    expect(feeOn('2027-02')).toEqual([]);
  });

  it('dates the first invoice by the earliest plan activation, in the account zone', () => {
    // 31 January 23:30 UTC is already 1 February in Berlin.
    const berlin = sampleAccount({ timezone: 'Europe/Berlin', plans: [plan('b', Date.UTC(2026, 2, 3)), plan('a', Date.UTC(2026, 0, 31, 23, 30))] });
    expect(firstInvoiceMonth(berlin, new BillingCalendar('Europe/Berlin'))).toBe('2026-02');
  });

  it('has no first invoice month for an account without plans', () => {
    expect(firstInvoiceMonth(sampleAccount({ plans: [] }), calendar)).toBeNull();
  });

  it('bills nothing when the account has no setup fee or a zero one', () => {
    expect(setupFeeCharges(sampleAccount({ setupFee: null }), true)).toEqual([]);
    expect(setupFeeCharges(sampleAccount({ setupFee: '0.00' }), true)).toEqual([]);
  });
});
