import Big from 'big.js';
import fc from 'fast-check';
import type { Invoice, RatedRecord } from '../../libs/domain';
import { invoiceCsv, invoiceJson } from '../../libs/domain/invoicing';
import { buildSchemas } from '../../libs/schema';
import { embeddedRun } from './embedded-harness';
import { ACCOUNTS, TARIFFS, randomCdrLines, type Line } from './random-cdrs';

/**
 * SPEC 7: the same inputs give byte-identical invoices, whatever the order and batching. Random valid
 * SIP core and media CDRs (re-sends included) for three accounts in three zones and currencies go
 * through two fresh pipelines in two random orders and batch splits; the rendered invoices must be
 * the same bytes, every total the sum of its rounded lines, and every line the rounding of its records.
 */
const schemas = buildSchemas();

/** A random order of the lines, cut into random batches. */
const orderAndBatches = (n: number) =>
  fc.tuple(
    fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
    fc.array(fc.boolean(), { minLength: n, maxLength: n }),
  );

interface Outcome {
  readonly bytes: string;
  readonly invoices: Invoice[];
  readonly rated: RatedRecord[];
  readonly letters: number;
}

/**
 * A fresh pipeline fed in the given order; after every batch but the last the invoices are read
 * (as a service would on a flush), which must not change what the last read gives.
 */
function runInOrder(lines: readonly Line[], order: readonly number[], cutAfter: readonly boolean[]): Outcome {
  const r = embeddedRun(schemas, ACCOUNTS, TARIFFS);
  order.forEach((k, at) => {
    const [kind, text] = lines[k]!;
    r.feed(kind, text);
    if (cutAfter[at] && at < order.length - 1) r.pipeline.invoices();
  });
  const invoices = r.pipeline.invoices();
  const bytes = invoices.map((inv) => invoiceJson(inv) + invoiceCsv(inv)).join('');
  return { bytes, invoices, rated: r.rated, letters: r.letters.length };
}

const MINOR_DIGITS: Record<string, number> = { USD: 2, EUR: 2, JPY: 0 };

/** What each invoice line must hold: the exact sum of its rated records, rounded half-up once. */
function expectedLineAmounts(rated: readonly RatedRecord[]): Map<string, string> {
  const sums = new Map<string, Big>();
  const add = (key: string, v: Big) => sums.set(key, (sums.get(key) ?? new Big(0)).plus(v));
  for (const r of rated) {
    const fee = new Big(r.connectFee ?? '0');
    add(`${r.accountId}|${r.month}|USAGE|${r.product}|${new Big(r.unitPrice).toString()}`, new Big(r.amount).minus(fee));
    if (r.connectFee !== null) add(`${r.accountId}|${r.month}|CONNECT_FEE|${r.product}|${fee.toString()}`, fee);
  }
  const currency = new Map(ACCOUNTS.map((a) => [a.accountId as string, a.currency as string]));
  const out = new Map<string, string>();
  for (const [key, sum] of sums) {
    const digits = MINOR_DIGITS[currency.get(key.split('|')[0]!)!]!;
    out.set(key, sum.round(digits, Big.roundHalfUp).toFixed(digits));
  }
  return out;
}

describe('invoices do not depend on order or batching', () => {
  it('renders byte-identical invoices from two random orders and batch splits, each total the sum of its rounded lines', () => {
    fc.assert(
      fc.property(
        randomCdrLines.chain((lines) => fc.tuple(fc.constant(lines), orderAndBatches(lines.length), orderAndBatches(lines.length))),
        ([lines, [orderA, cutsA], [orderB, cutsB]]) => {
          const a = runInOrder(lines, orderA, cutsA);
          const b = runInOrder(lines, orderB, cutsB);

          expect(b.bytes).toBe(a.bytes);
          expect(a.letters).toBe(0); // all generated records are valid and priced

          const expected = expectedLineAmounts(a.rated);
          let lineCount = 0;
          for (const invoice of a.invoices) {
            const digits = MINOR_DIGITS[invoice.currency]!;
            const decimals = digits === 0 ? /^\d+$/ : new RegExp(`^\\d+\\.\\d{${digits}}$`);
            const sum = invoice.lines.reduce((s, l) => s.plus(l.amount), new Big(0));
            expect(invoice.total).toMatch(decimals);
            expect(new Big(invoice.total).eq(sum)).toBe(true);
            for (const l of invoice.lines) {
              expect(l.amount).toMatch(decimals);
              const key = `${invoice.accountId}|${invoice.month}|${l.kind}|${l.product}|${l.unitPrice}`;
              expect([key, l.amount]).toEqual([key, expected.get(key)]);
              lineCount++;
            }
          }
          expect(lineCount).toBe(expected.size); // no line lost, none invented
        },
      ),
      { numRuns: 100 },
    );
  });
});
