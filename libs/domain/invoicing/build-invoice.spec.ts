import { BillingMonth, Currency, Product } from '../ids';
import { buildInvoice, type ClosingRule } from './build-invoice';
import type { Charge } from './charge';
import { account } from './rated.fixture';

const feb = BillingMonth('2026-02');

function charge(over: Partial<Charge>): Charge {
  return {
    kind: 'USAGE',
    product: Product('sipcore.voice'),
    description: 'Voice minutes (SIP core)',
    quantity: '1',
    unitPrice: '0.01',
    amountNanos: 0n,
    billedSeconds: 60,
    records: 1,
    forMonth: null,
    ...over,
  };
}
const amounts = (inv: { lines: readonly { amount: string }[] }) => inv.lines.map((l) => l.amount);

describe('building an invoice from charges', () => {
  it('rounds a voice line of 0.009999 (three legs of 0.003333) to 0.01 USD', () => {
    const inv = buildInvoice({ account: account(), month: feb, charges: [charge({ amountNanos: 9_999_000n, records: 3 })] });
    expect(amounts(inv)).toEqual(['0.01']);
    expect(inv.total).toBe('0.01');
  });

  it('rounds 0.125 to 0.12 half-even and to 0.13 half-up', () => {
    const charges = [charge({ amountNanos: 125_000_000n })];
    expect(buildInvoice({ account: account({ invoiceRounding: 'HALF_EVEN' }), month: feb, charges }).total).toBe('0.12');
    expect(buildInvoice({ account: account({ invoiceRounding: 'HALF_UP' }), month: feb, charges }).total).toBe('0.13');
  });

  it('rounds 0.121 up to 0.13 with UP and 0.129 down to 0.12 with DOWN', () => {
    const up = buildInvoice({ account: account({ invoiceRounding: 'UP' }), month: feb, charges: [charge({ amountNanos: 121_000_000n })] });
    const down = buildInvoice({ account: account({ invoiceRounding: 'DOWN' }), month: feb, charges: [charge({ amountNanos: 129_000_000n })] });
    expect([up.total, down.total]).toEqual(['0.13', '0.12']);
  });

  it('rounds a JPY invoice to whole yen and a KWD invoice to fils', () => {
    const charges = [charge({ amountNanos: 1_234_500_000_000n })];
    expect(buildInvoice({ account: account({ currency: Currency('JPY') }), month: feb, charges }).total).toBe('1235');
    expect(buildInvoice({ account: account({ currency: Currency('KWD') }), month: feb, charges: [charge({ amountNanos: 1_234_500n })] }).total).toBe('0.001');
  });

  it('totals 0.005 voice + 0.005 video as 0.01 + 0.01 = 0.02, not round(0.010) = 0.01', () => {
    const charges = [
      charge({ amountNanos: 5_000_000n }),
      charge({ product: Product('sipcore.video'), description: 'Video minutes (SIP core)', amountNanos: 5_000_000n }),
    ];
    const inv = buildInvoice({ account: account(), month: feb, charges });
    expect(amounts(inv)).toEqual(['0.01', '0.01']);
    expect(inv.total).toBe('0.02');
  });

  it('keeps a zero line for a 0-second leg', () => {
    const inv = buildInvoice({ account: account(), month: feb, charges: [charge({ quantity: '0', billedSeconds: 0, amountNanos: 0n })] });
    expect(inv.lines).toEqual([expect.objectContaining({ amount: '0.00', records: 1 })]);
    expect(inv.total).toBe('0.00');
  });

  it('names the invoice after account and month and carries its currency and timezone', () => {
    const inv = buildInvoice({ account: account({ timezone: 'Europe/Berlin' }), month: feb, charges: [] });
    expect(inv).toEqual({ invoiceId: 'acme-2026-02', accountId: 'acme', month: '2026-02', currency: 'USD', timezone: 'Europe/Berlin', lines: [], total: '0.00', peakSimultaneousCalls: null, users: [] });
  });

  it('orders lines by kind, then product, price and month, whatever order the charges came in', () => {
    const charges = [
      charge({ kind: 'MINIMUM_CHARGE', product: 'MINIMUM', unitPrice: null, billedSeconds: null, records: 0 }),
      charge({ kind: 'RECURRING', product: 'DEVICE', unitPrice: '2', billedSeconds: null, records: 0 }),
      charge({ kind: 'ADJUSTMENT', forMonth: BillingMonth('2026-01') }),
      charge({ kind: 'ADJUSTMENT', forMonth: BillingMonth('2025-12') }),
      charge({ kind: 'CONNECT_FEE', unitPrice: '0.05', billedSeconds: null }),
      charge({ unitPrice: '10' }),
      charge({ unitPrice: '9' }),
      charge({ product: Product('media.voice') }),
    ];
    const expected = buildInvoice({ account: account(), month: feb, charges }).lines;
    expect(expected.map((l) => `${l.kind} ${l.product} ${l.unitPrice} ${l.forMonth}`)).toEqual([
      'USAGE media.voice 0.01 null',
      'USAGE sipcore.voice 9 null',
      'USAGE sipcore.voice 10 null',
      'CONNECT_FEE sipcore.voice 0.05 null',
      'ADJUSTMENT sipcore.voice 0.01 2025-12',
      'ADJUSTMENT sipcore.voice 0.01 2026-01',
      'RECURRING DEVICE 2 null',
      'MINIMUM_CHARGE MINIMUM null null',
    ]);
    expect(buildInvoice({ account: account(), month: feb, charges: [...charges].reverse() }).lines).toEqual(expected);
  });

  it('lets a closing rule see the rounded total and add a line that joins it', () => {
    // A stand-in for the future minimum charge: top the invoice up to 1.00.
    const topUp: ClosingRule = (draft) => [
      charge({ kind: 'MINIMUM_CHARGE', product: 'MINIMUM', description: 'Minimum monthly charge', quantity: '1', unitPrice: null, billedSeconds: null, records: 0, amountNanos: 1_000_000_000n - draft.totalNanos }),
    ];
    const inv = buildInvoice({ account: account(), month: feb, charges: [charge({ amountNanos: 9_999_000n })], closingRules: [topUp] });
    expect(amounts(inv)).toEqual(['0.01', '0.99']);
    expect(inv.total).toBe('1.00');
  });
});
