import { BillingMonth } from '../ids';
import { addContribution, contributionsOf, type LineTotal } from './contribution';
import { billedMinutes, usageCharges } from './charge';
import { ratedLeg } from './rated.fixture';
import type { RatedRecord } from '../rated';

function totalsOf(records: RatedRecord[], lateFor?: { invoiceMonth: BillingMonth }): LineTotal[] {
  const lines = new Map<string, LineTotal>();
  for (const r of records) for (const c of contributionsOf(r, lateFor)) lines.set(c.key, addContribution(lines.get(c.key), c));
  return [...lines.values()];
}

describe('billed minutes on an invoice line', () => {
  it('shows 90 s as 1.5 minutes and 120 s as 2', () => {
    expect(billedMinutes(90)).toBe('1.5');
    expect(billedMinutes(120)).toBe('2');
    expect(billedMinutes(0)).toBe('0');
  });

  it('rounds 61 s to 1.016667 minutes (half-up at 6 decimals) and 1 s to 0.016667', () => {
    expect(billedMinutes(61)).toBe('1.016667');
    expect(billedMinutes(1)).toBe('0.016667');
    expect(billedMinutes(2)).toBe('0.033333');
  });
});

describe('usage charges from line totals', () => {
  it('bills three 20 s legs at 0.01 as 1 minute, 0.009999 unrounded', () => {
    const legs = [1, 2, 3].map((i) => ratedLeg({ id: `u-${i}`, billedSeconds: 20, quantity: '0.333333', amount: '0.003333' }));
    expect(usageCharges(totalsOf(legs))).toEqual([
      {
        kind: 'USAGE',
        product: 'sipcore.voice',
        description: 'Voice minutes (SIP core)',
        quantity: '1',
        unitPrice: '0.01',
        amountNanos: 9_999_000n,
        billedSeconds: 60,
        records: 3,
        forMonth: null,
      },
    ]);
  });

  it('counts connect fees in legs, with the fee as the unit price', () => {
    const legs = [1, 2].map((i) => ratedLeg({ id: `u-${i}`, connectFee: '0.05', amount: '0.06' }));
    const fee = usageCharges(totalsOf(legs)).find((c) => c.kind === 'CONNECT_FEE');
    expect(fee).toEqual({
      kind: 'CONNECT_FEE',
      product: 'sipcore.voice',
      description: 'Connect fees: Voice minutes (SIP core)',
      quantity: '2',
      unitPrice: '0.05',
      amountNanos: 100_000_000n,
      billedSeconds: null,
      records: 2,
      forMonth: null,
    });
  });

  it('bills late January minutes as an adjustment naming January', () => {
    const late = ratedLeg({ month: BillingMonth('2026-01'), billedSeconds: 300, quantity: '5', amount: '0.05' });
    const [charge] = usageCharges(totalsOf([late], { invoiceMonth: BillingMonth('2026-02') }));
    expect(charge).toMatchObject({
      kind: 'ADJUSTMENT',
      description: 'Late usage from 2026-01: Voice minutes (SIP core)',
      quantity: '5',
      billedSeconds: 300,
      forMonth: '2026-01',
    });
  });
});
