import { AccountId, BillingMonth, Product } from '../ids';
import { MonthLedger } from './month-ledger';
import { ratedLeg } from './rated.fixture';

const acme = AccountId('acme');
const feb = BillingMonth('2026-02');
const mar = BillingMonth('2026-03');

describe('the month ledger', () => {
  it('sums 1,000 one-minute calls into one voice line of 1,000 minutes', () => {
    const ledger = new MonthLedger();
    for (let i = 0; i < 1000; i++) ledger.add(ratedLeg({ id: `u-${i}` }));
    expect(ledger.totals(acme, feb)).toEqual([
      expect.objectContaining({ key: 'USAGE|sipcore.voice|0.01', billedSeconds: 60_000, records: 1000, amountNanos: 10_000_000_000n }),
    ]);
  });

  it('keeps voice and video, and two prices of voice, on separate lines', () => {
    const ledger = new MonthLedger();
    ledger.add(ratedLeg({ id: 'a' }));
    ledger.add(ratedLeg({ id: 'b', unitPrice: '0.02', amount: '0.02' }));
    ledger.add(ratedLeg({ id: 'c', product: Product('sipcore.video'), unitPrice: '0.05', amount: '0.05' }));
    expect(ledger.totals(acme, feb).map((t) => t.key)).toEqual([
      'USAGE|sipcore.video|0.05',
      'USAGE|sipcore.voice|0.01',
      'USAGE|sipcore.voice|0.02',
    ]);
  });

  it('files late February usage on the March invoice as an adjustment, leaving February untouched', () => {
    const ledger = new MonthLedger();
    ledger.add(ratedLeg({ id: 'on-time' }));
    ledger.add(ratedLeg({ id: 'late', billedSeconds: 120, amount: '0.02' }), { invoiceMonth: mar });
    expect(ledger.totals(acme, feb).map((t) => t.key)).toEqual(['USAGE|sipcore.voice|0.01']);
    expect(ledger.totals(acme, mar)).toEqual([
      expect.objectContaining({ key: 'ADJUSTMENT|sipcore.voice|0.01|2026-02', billedSeconds: 120, amountNanos: 20_000_000n }),
    ]);
  });

  it('lists account months by account, then month, whatever the arrival order', () => {
    const ledger = new MonthLedger();
    ledger.add(ratedLeg({ accountId: AccountId('zeta'), month: feb }));
    ledger.add(ratedLeg({ accountId: acme, month: mar }));
    ledger.add(ratedLeg({ accountId: acme, month: BillingMonth('2025-12') }));
    expect(ledger.accountMonths()).toEqual([
      { accountId: 'acme', month: '2025-12' },
      { accountId: 'acme', month: '2026-03' },
      { accountId: 'zeta', month: '2026-02' },
    ]);
  });

  it('has no lines for a month nobody used', () => {
    expect(new MonthLedger().totals(acme, feb)).toEqual([]);
  });
});
