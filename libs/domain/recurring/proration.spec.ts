import type { PlanOption } from '../reference';
import { BillingCalendar } from '../rating';
import { formatNanos } from '../money';
import { sampleAccount } from '../reference/sample-reference';
import { optionCharges } from './proration';
import { bookOf, cloudTariff, plan } from './tariff.fixture';

const APRIL = { start: Date.UTC(2026, 3, 1), end: Date.UTC(2026, 4, 1) }; // 30 days
const MAY = { start: Date.UTC(2026, 4, 1), end: Date.UTC(2026, 5, 1) }; // 31 days
const lines = (limits: number | null) =>
  bookOf(cloudTariff({ optionPrices: [{ option: 'LINES', pricePerUnit: '5.00' }], limits: limits === null ? null : { ...NO_LIMITS, lines: limits } }));
const NO_LIMITS = { maxCallDurationSeconds: null, totalDurationSeconds: null, successfulCalls: null, failedCalls: null, sipAccounts: null, lines: null };

function billed(changes: { option?: PlanOption; value: number; at: number }[], window = APRIL, tariffs = lines(1), timezone = 'UTC') {
  const options = changes.map((c) => ({ option: c.option ?? 'LINES', value: c.value, at: c.at }));
  const account = sampleAccount({ timezone, plans: [plan('cloud', Date.UTC(2025, 0, 1), { options })] });
  return optionCharges({ account, window, tariffs }).map((c) => [c.kind, c.description, c.quantity, c.unitPrice, formatNanos(c.amountNanos, 2)]);
}

describe('mutable plan options', () => {
  it('bills a mid-month upgrade of LINES from 1 to 3 on day 16 of a 30-day month at 5.00/line as 2 x 5.00 x 15/30 = 5.00', () => {
    expect(billed([{ value: 3, at: Date.UTC(2026, 3, 16, 10) }])).toEqual([
      ['RECURRING', 'Plan cloud: LINES', '1', '5', '5.00'],
      ['PRORATION', 'Plan cloud: LINES 1 -> 3 from 2026-04-16 (15/30 days)', '2', '5', '5.00'],
    ]);
  });

  it('credits a downgrade from 3 to 1 on day 16 as -5.00', () => {
    expect(billed([{ value: 3, at: Date.UTC(2026, 2, 10) }, { value: 1, at: Date.UTC(2026, 3, 16) }])).toEqual([
      ['RECURRING', 'Plan cloud: LINES', '3', '5', '15.00'],
      ['PRORATION', 'Plan cloud: LINES 3 -> 1 from 2026-04-16 (15/30 days)', '-2', '5', '-5.00'],
    ]);
  });

  it('bills the value set before the month in full, with no proration', () => {
    expect(billed([{ value: 4, at: Date.UTC(2026, 2, 20) }])).toEqual([['RECURRING', 'Plan cloud: LINES', '4', '5', '20.00']]);
  });

  it('prorates each of two changes from the value before it', () => {
    const rows = billed([{ value: 3, at: Date.UTC(2026, 3, 16) }, { value: 2, at: Date.UTC(2026, 3, 26) }]);
    expect(rows.slice(1)).toEqual([
      ['PRORATION', 'Plan cloud: LINES 1 -> 3 from 2026-04-16 (15/30 days)', '2', '5', '5.00'],
      ['PRORATION', 'Plan cloud: LINES 3 -> 2 from 2026-04-26 (5/30 days)', '-1', '5', '-0.83'],
    ]);
  });

  it('rounds the exact fraction once: one line from day 2 of a 31-day month is 5.00 x 30/31 = 4.84', () => {
    expect(billed([{ value: 2, at: Date.UTC(2026, 4, 2) }], MAY)[1]).toEqual(['PRORATION', 'Plan cloud: LINES 1 -> 2 from 2026-05-02 (30/31 days)', '1', '5', '4.84']);
  });

  it("counts days in the account's zone: 15 April 23:30 UTC is already the 16th in Berlin", () => {
    const berlinApril = new BillingCalendar('Europe/Berlin').monthBounds('2026-04');
    expect(billed([{ value: 3, at: Date.UTC(2026, 3, 15, 23, 30) }], berlinApril, lines(1), 'Europe/Berlin')[1]![1]).toBe(
      'Plan cloud: LINES 1 -> 3 from 2026-04-16 (15/30 days)',
    );
  });

  it('starts an option the tariff does not limit from 0, and bills nothing for it until it is set', () => {
    expect(billed([], APRIL, lines(null))).toEqual([]);
    expect(billed([{ value: 2, at: Date.UTC(2026, 3, 16) }], APRIL, lines(null))).toEqual([
      ['PRORATION', 'Plan cloud: LINES 0 -> 2 from 2026-04-16 (15/30 days)', '2', '5', '5.00'],
    ]);
  });

  it('bills nothing for an option the tariff has no price for', () => {
    expect(billed([{ option: 'SIP_ACCOUNTS', value: 5, at: Date.UTC(2026, 3, 16) }]).map((r) => r[1])).toEqual(['Plan cloud: LINES']);
  });

  it('leaves a change after the month to the next month', () => {
    expect(billed([{ value: 3, at: APRIL.end }])).toEqual([['RECURRING', 'Plan cloud: LINES', '1', '5', '5.00']]);
  });
});
