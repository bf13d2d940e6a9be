import fc from 'fast-check';
import { AccountId, BillingMonth, Currency, Product } from '../ids';
import type { Invoice } from '../invoice';
import { formatNanos, parseNanos } from '../money';
import type { RatedRecord } from '../rated';
import type { RoundingMode } from '../reference';
import { buildInvoice } from './build-invoice';
import { usageCharges } from './charge';
import { MonthLedger } from './month-ledger';
import { account, ratedLeg } from './rated.fixture';
import { invoiceCsv, invoiceJson } from './render-invoice';

/** Rated records with an optional lateness, as the invoicer receives them. */
type Arrival = { rated: RatedRecord; late: boolean };
const MARCH = { invoiceMonth: BillingMonth('2026-03') };

function ledgerOf(arrivals: readonly Arrival[]): MonthLedger {
  const ledger = new MonthLedger();
  for (const a of arrivals) ledger.add(a.rated, a.late ? MARCH : undefined);
  return ledger;
}

function invoicesOf(ledger: MonthLedger, settings: { currency: string; rounding: RoundingMode }): Invoice[] {
  return ledger.accountMonths().map(({ accountId, month }) =>
    buildInvoice({
      account: account({ accountId, currency: Currency(settings.currency), invoiceRounding: settings.rounding }),
      month,
      charges: usageCharges(ledger.totals(accountId, month)),
    }),
  );
}

describe('a monthly invoice from the ledger', () => {
  it('bills three legs of 0.003333 as one voice line of 0.01 USD', () => {
    const legs = [1, 2, 3].map((i) => ({ rated: ratedLeg({ id: `u-${i}`, billedSeconds: 20, amount: '0.003333' }), late: false }));
    const [invoice] = invoicesOf(ledgerOf(legs), { currency: 'USD', rounding: 'HALF_UP' });
    expect(invoice!.lines).toEqual([
      expect.objectContaining({ kind: 'USAGE', quantity: '1', unitPrice: '0.01', amount: '0.01', billedSeconds: 60, records: 3 }),
    ]);
    expect(invoice!.total).toBe('0.01');
  });

  it('puts February connect fees on their own line and late January usage on an adjustment', () => {
    const arrivals: Arrival[] = [
      { rated: ratedLeg({ id: 'a', month: BillingMonth('2026-03'), connectFee: '0.05', amount: '0.060000' }), late: false },
      { rated: ratedLeg({ id: 'b', month: BillingMonth('2026-02'), billedSeconds: 180, amount: '0.030000' }), late: true },
    ];
    const [invoice] = invoicesOf(ledgerOf(arrivals), { currency: 'USD', rounding: 'HALF_UP' });
    expect(invoice!.month).toBe('2026-03');
    expect(invoice!.lines.map((l) => [l.kind, l.description, l.quantity, l.amount])).toEqual([
      ['USAGE', 'Voice minutes (SIP core)', '1', '0.01'],
      ['CONNECT_FEE', 'Connect fees: Voice minutes (SIP core)', '1', '0.05'],
      ['ADJUSTMENT', 'Late usage from 2026-02: Voice minutes (SIP core)', '3', '0.03'],
    ]);
    expect(invoice!.total).toBe('0.09');
  });
});

const arrival: fc.Arbitrary<Arrival> = fc
  .record({
    id: fc.uuid(),
    accountId: fc.constantFrom('acme', 'globex'),
    month: fc.constantFrom('2026-01', '2026-02'),
    product: fc.constantFrom('sipcore.voice', 'sipcore.video', 'media.recording', 'fax.pages'),
    unitPrice: fc.constantFrom('0.01', '0.0100', '0.015', '0.5', '0'),
    connectFee: fc.constantFrom(null, '0.05', '0.003'),
    billedSeconds: fc.nat({ max: 7200 }),
    micros: fc.integer({ min: 0, max: 50_000_000 }),
    late: fc.boolean(),
  })
  .map((r) => ({
    late: r.late,
    rated: ratedLeg({
      id: r.id,
      accountId: AccountId(r.accountId),
      month: BillingMonth(r.month),
      product: Product(r.product),
      unitPrice: r.unitPrice,
      connectFee: r.connectFee,
      billedSeconds: r.billedSeconds,
      amount: formatNanos(BigInt(r.micros) * 1000n, 6),
    }),
  }));

const arrivalsInTwoOrders = fc
  .array(arrival, { maxLength: 60 })
  .chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length })));

const settings = fc.record({
  currency: fc.constantFrom('USD', 'JPY', 'KWD'),
  rounding: fc.constantFrom<RoundingMode>('HALF_UP', 'HALF_EVEN', 'UP', 'DOWN'),
});

describe('invoices are reproducible', () => {
  it('prints byte-identical JSON and CSV whatever order the same rated records arrive in', () => {
    fc.assert(
      fc.property(arrivalsInTwoOrders, settings, ([first, second], s) => {
        const a = invoicesOf(ledgerOf(first), s);
        const b = invoicesOf(ledgerOf(second), s);
        expect(b.map(invoiceJson)).toEqual(a.map(invoiceJson));
        expect(b.map(invoiceCsv)).toEqual(a.map(invoiceCsv));
      }),
    );
  });

  it('totals every invoice as the sum of its rounded lines', () => {
    fc.assert(
      fc.property(arrivalsInTwoOrders, settings, ([arrivals], s) => {
        for (const inv of invoicesOf(ledgerOf(arrivals), s)) {
          const sum = inv.lines.reduce((acc, l) => acc + parseNanos(l.amount), 0n);
          expect(parseNanos(inv.total)).toBe(sum);
        }
      }),
    );
  });

  it('loses no nano of any rated amount before the lines are rounded', () => {
    fc.assert(
      fc.property(arrivalsInTwoOrders, ([arrivals]) => {
        const ledger = ledgerOf(arrivals);
        const onLines = ledger
          .accountMonths()
          .flatMap(({ accountId, month }) => ledger.totals(accountId, month))
          .reduce((acc, t) => acc + t.amountNanos, 0n);
        expect(onLines).toBe(arrivals.reduce((acc, a) => acc + parseNanos(a.rated.amount), 0n));
      }),
    );
  });
});
