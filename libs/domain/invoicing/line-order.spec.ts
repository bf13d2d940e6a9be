import { BillingMonth } from '../ids';
import type { InvoiceLine } from '../invoice';
import { compareLines } from './line-order';

const line = (over: Partial<InvoiceLine>): InvoiceLine => ({
  kind: 'USAGE',
  product: 'sipcore.voice',
  description: 'Voice minutes (SIP core)',
  quantity: '1',
  unitPrice: '0.01',
  amount: '0.01',
  billedSeconds: 60,
  records: 1,
  forMonth: null,
  ...over,
});
const order = (lines: InvoiceLine[]) => [...lines].sort(compareLines);

describe('the order of invoice lines', () => {
  it('lists voice at 9 a minute before voice at 10 (by value, not by text)', () => {
    expect(order([line({ unitPrice: '10' }), line({ unitPrice: '9' })]).map((l) => l.unitPrice)).toEqual(['9', '10']);
  });

  it('puts usage before connect fees, adjustments, recurring, setup, proration and the minimum charge', () => {
    const kinds = ['MINIMUM_CHARGE', 'PRORATION', 'SETUP_FEE', 'RECURRING', 'ADJUSTMENT', 'CONNECT_FEE', 'USAGE'] as const;
    expect(order(kinds.map((kind) => line({ kind }))).map((l) => l.kind)).toEqual([...kinds].reverse());
  });

  it('lists late December before late January', () => {
    const months = [BillingMonth('2026-01'), BillingMonth('2025-12')];
    const sorted = order(months.map((forMonth) => line({ kind: 'ADJUSTMENT', forMonth })));
    expect(sorted.map((l) => l.forMonth)).toEqual(['2025-12', '2026-01']);
  });

  it('puts a line with no unit price before priced lines of the same product', () => {
    const sorted = order([line({ kind: 'RECURRING', unitPrice: '1' }), line({ kind: 'RECURRING', unitPrice: null })]);
    expect(sorted.map((l) => l.unitPrice)).toEqual([null, '1']);
  });

  it('still tells apart two lines equal in kind, product, price and month', () => {
    const a = line({ kind: 'RECURRING', description: 'Feature A' });
    const b = line({ kind: 'RECURRING', description: 'Feature B' });
    expect(compareLines(a, b)).toBeLessThan(0);
    expect(compareLines(b, a)).toBeGreaterThan(0);
    expect(compareLines(line({ amount: '0.02' }), line({ amount: '0.01' }))).toBeGreaterThan(0);
    expect(compareLines(a, { ...a })).toBe(0);
  });
});
