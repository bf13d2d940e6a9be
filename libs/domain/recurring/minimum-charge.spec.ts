import { BillingMonth, Currency } from '../ids';
import { buildInvoice, type Charge } from '../invoicing';
import { parseNanos } from '../money';
import { sampleAccount } from '../reference/sample-reference';
import { minimumCharge } from './minimum-charge';
import { recurringCharge } from './recurring-charges';

const month = BillingMonth('2026-02');
const devices = (count: number): Charge => recurringCharge('DEVICE', 'Provisioned devices (peak)', count, '2.50');

describe('minimum monthly charge', () => {
  it('tops a 7.50 invoice up to a 25.00 minimum with a 17.50 line', () => {
    const invoice = buildInvoice({ account: sampleAccount({ minimumMonthlyCharge: '25.00' }), month, charges: [devices(3)], closingRules: [minimumCharge] });
    expect(invoice.lines.at(-1)).toMatchObject({ kind: 'MINIMUM_CHARGE', description: 'Minimum monthly charge top-up', amount: '17.50' });
    expect(invoice.total).toBe('25.00');
  });

  it('adds nothing when the total already reaches the minimum', () => {
    const invoice = buildInvoice({ account: sampleAccount({ minimumMonthlyCharge: '25.00' }), month, charges: [devices(10)], closingRules: [minimumCharge] });
    expect(invoice.lines.map((l) => l.kind)).toEqual(['RECURRING']);
    expect(invoice.total).toBe('25.00');
  });

  it('bills the whole minimum to an account without any usage', () => {
    const invoice = buildInvoice({ account: sampleAccount({ minimumMonthlyCharge: '25' }), month, charges: [], closingRules: [minimumCharge] });
    expect(invoice.total).toBe('25.00');
  });

  it('tops up from the rounded total, so the invoice lands exactly on the minimum', () => {
    // 3 x 0.333 = 0.999 rounds to a 1.00 line; the top-up is 9.00, not 9.001.
    const charge = recurringCharge('MOBILE_USER', 'Mobile users', 3, '0.333');
    const invoice = buildInvoice({ account: sampleAccount({ minimumMonthlyCharge: '10.00' }), month, charges: [charge], closingRules: [minimumCharge] });
    expect(invoice.lines.map((l) => l.amount)).toEqual(['1.00', '9.00']);
    expect(invoice.total).toBe('10.00');
  });

  it('rounds a minimum finer than the currency first: 1000.4 yen is a 1000 yen minimum', () => {
    const account = sampleAccount({ currency: Currency('JPY'), minimumMonthlyCharge: '1000.4' });
    const [topUp] = minimumCharge({ account, month, lines: [], totalNanos: parseNanos('400') });
    expect(topUp!.amountNanos).toBe(parseNanos('600'));
  });

  it('adds nothing to an account without a minimum', () => {
    expect(minimumCharge({ account: sampleAccount(), month, lines: [], totalNanos: 0n })).toEqual([]);
  });
});
