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

/** A `YYYY-MM` month, or null for anything else. */
export function billingMonthOf(text: string): BillingMonth | null {
  return monthNumber(text) > 0 ? BillingMonth(text) : null;
}

/** The month after `month`: 2026-12 -> 2027-01. */
export function monthAfter(month: BillingMonth | string): BillingMonth {
  const mon = monthNumber(month);
  if (mon === 0) throw new RangeError(`not a billing month (YYYY-MM): "${month}"`);
  if (mon < 12) return BillingMonth(month.slice(0, 5) + MONTH_TEXT[mon + 1]);
  return BillingMonth(`${String(Number(month.slice(0, 4)) + 1).padStart(4, '0')}-01`);
}

/** `01`..`12` by month number, never mutated. */
const MONTH_TEXT: readonly string[] = ['', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];
const ZERO = 48;
const NINE = 57;
const DASH = 45;

/**
 * The month of a `YYYY-MM` text (1..12), 0 for anything else. Char codes rather than a regex: the
 * invoicer asks for the month after every rated record's month, and this keeps that cheap without
 * remembering answers.
 */
function monthNumber(text: string): number {
  if (text.length !== 7 || text.charCodeAt(4) !== DASH) return 0;
  for (let i = 0; i < 4; i++) {
    const c = text.charCodeAt(i);
    if (c < ZERO || c > NINE) return 0;
  }
  const tens = text.charCodeAt(5) - ZERO;
  const ones = text.charCodeAt(6) - ZERO;
  if (ones < 0 || ones > 9 || (tens !== 0 && tens !== 1)) return 0;
  const mon = tens * 10 + ones;
  return mon >= 1 && mon <= 12 ? mon : 0;
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
