import { BillingMonth } from '../ids';
import { BillingCalendar } from '../rating/billing-calendar';
import { billingMonthOf, closedThrough, closesAt, isDue, lateFor, monthAfter } from './month-close';

const feb = BillingMonth('2026-02');
const mar = BillingMonth('2026-03');
const HOUR = 3_600_000;

describe('closing a billing month', () => {
  it('closes February of a UTC account 72 hours after March begins', () => {
    expect(closesAt(new BillingCalendar('UTC'), feb, 72)).toBe(Date.UTC(2026, 2, 1) + 72 * HOUR);
  });

  it('closes February in Berlin an hour earlier than in UTC: the month ends at local midnight', () => {
    const berlin = closesAt(new BillingCalendar('Europe/Berlin'), feb, 0);
    expect(berlin).toBe(Date.UTC(2026, 1, 28, 23, 0, 0));
  });

  it('closes October in New York at local midnight after the DST change, not 24 h after UTC midnight', () => {
    // 1 November 2026 00:00 in New York is still EDT (UTC-4); DST ends later that night.
    expect(closesAt(new BillingCalendar('America/New_York'), BillingMonth('2026-10'), 24)).toBe(Date.UTC(2026, 10, 1, 4) + 24 * HOUR);
  });

  it('keeps a month open until the watermark reaches its close time, and closes it at that exact millisecond', () => {
    const close = closesAt(new BillingCalendar('UTC'), feb, 72);
    expect(isDue(null, close)).toBe(false);
    expect(isDue(close - 1, close)).toBe(false);
    expect(isDue(close, close)).toBe(true);
  });

  it('refuses a negative or fractional grace period', () => {
    expect(() => closesAt(new BillingCalendar('UTC'), feb, -1)).toThrow(RangeError);
    expect(() => closesAt(new BillingCalendar('UTC'), feb, 1.5)).toThrow(RangeError);
  });

  it('lets a close-through:2026-02 marker close January and February, but not March', () => {
    expect(closedThrough(BillingMonth('2026-01'), feb)).toBe(true);
    expect(closedThrough(feb, feb)).toBe(true);
    expect(closedThrough(mar, feb)).toBe(false);
  });
});

describe('late usage', () => {
  it('bills usage of a month the account has not closed on its own month', () => {
    expect(lateFor(mar, null)).toBeUndefined();
    expect(lateFor(mar, feb)).toBeUndefined();
  });

  it('puts late February usage on March once February is closed', () => {
    expect(lateFor(feb, feb)).toEqual({ invoiceMonth: mar });
  });

  it('puts very late January usage on the month after the latest closed one, not on February', () => {
    expect(lateFor(BillingMonth('2026-01'), mar)).toEqual({ invoiceMonth: BillingMonth('2026-04') });
  });

  it('rolls December over into January of the next year', () => {
    expect(monthAfter('2026-12')).toBe('2027-01');
    expect(monthAfter('0999-09')).toBe('0999-10');
  });

  it('reads only YYYY-MM as a month', () => {
    expect(billingMonthOf('2026-02')).toBe('2026-02');
    expect(billingMonthOf('2026-13')).toBeNull();
    expect(billingMonthOf('2026-2')).toBeNull();
    expect(() => monthAfter('26-02')).toThrow(RangeError);
    for (const text of ['2026-00', '2026-13', '2026-1a', '2026-011', '2026/01', '2O26-01', ' 2026-01', '']) {
      expect(billingMonthOf(text)).toBeNull();
      expect(() => monthAfter(text)).toThrow(RangeError);
    }
  });
});
