import { BillingMonth, type EpochMs } from '../ids';
import type { MonthBounds } from '../rating/billing-calendar';
import type { LateFor } from './contribution';

/**
 * When a billing month stops taking usage (SPEC 7: "a month closes after a configurable grace
 * period past its end"). Time is event time only: the watermark is the latest usage start seen,
 * never a clock, so a replay of the same ledger closes the same months at the same records.
 */

export const DEFAULT_CLOSE_GRACE_HOURS = 72;
const HOUR_MS = 3_600_000;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A `YYYY-MM` month, or null for anything else. */
export function billingMonthOf(text: string): BillingMonth | null {
  return MONTH.test(text) ? BillingMonth(text) : null;
}

// The invoicer asks for the month after each rated record's month: a handful of distinct months,
// so the answers are kept rather than parsed and formatted per record (at most 12 x 10^4 entries).
const monthsAfter = new Map<string, BillingMonth>();

/** The month after `month`: 2026-12 -> 2027-01. */
export function monthAfter(month: BillingMonth | string): BillingMonth {
  let after = monthsAfter.get(month);
  if (after === undefined) monthsAfter.set(month, (after = computeMonthAfter(month)));
  return after;
}

function computeMonthAfter(month: string): BillingMonth {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`not a billing month (YYYY-MM): "${month}"`);
  const [year, mon] = [Number(m[1]), Number(m[2])];
  const [y, n] = mon === 12 ? [year + 1, 1] : [year, mon + 1];
  return BillingMonth(`${String(y).padStart(4, '0')}-${String(n).padStart(2, '0')}`);
}

/** The calendar of the account's zone, as BillingCalendar provides it. */
export interface MonthCalendar {
  monthBounds(month: BillingMonth | string): MonthBounds;
}

/** The event time from which `month` is closed: its end in the account's zone plus the grace period. */
export function closesAt(calendar: MonthCalendar, month: BillingMonth, graceHours: number): EpochMs {
  if (!Number.isSafeInteger(graceHours) || graceHours < 0) throw new RangeError(`grace must be whole hours >= 0, got ${graceHours}`);
  return calendar.monthBounds(month).end + graceHours * HOUR_MS;
}

/** Whether a watermark (latest usage start seen, null before any) has reached a month's close time. */
export function isDue(watermark: EpochMs | null, closeTime: EpochMs): boolean {
  return watermark !== null && watermark >= closeTime;
}

/** Whether a `close-through:<through>` marker closes `month`. */
export function closedThrough(month: BillingMonth, through: BillingMonth): boolean {
  return month <= through;
}

/**
 * The lateness rule: usage of a month the account has already closed (at or before its latest
 * closed month) goes on the next open invoice, the month after the latest closed one, as an
 * adjustment naming its own month. Undefined: on time, billed on its own month.
 */
export function lateFor(month: BillingMonth, latestClosed: BillingMonth | null): LateFor | undefined {
  if (latestClosed === null || month > latestClosed) return undefined;
  return { invoiceMonth: monthAfter(latestClosed) };
}
