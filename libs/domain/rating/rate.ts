import type { AccountId } from '../ids';
import type { Account } from '../reference';
import type { RatedRecord } from '../rated';
import type { UsageRecord } from '../usage';
import { violation, type RuleViolation } from '../dead-letter';
import { billedAmount } from './billed-amount';
import { billedMinutes } from './billed-minutes';
import { billedSeconds } from './billed-seconds';
import type { BillingCalendar } from './billing-calendar';
import type { CalendarBook } from './calendar-book';
import { selectRate } from './plan-selection';
import type { TariffBook } from './tariff-book';

/** The reference data rating reads; the service keeps it current from the compacted topics. */
export interface RatingContext {
  account(id: AccountId): Account | undefined;
  readonly tariffs: TariffBook;
  readonly calendars: CalendarBook;
}

/** A rated record, null for usage that is never billed (failed attempts), or the rule it broke. */
export type RatingOutcome = { readonly ok: true; readonly rated: RatedRecord | null } | RuleViolation;

const NOTHING_TO_BILL: RatingOutcome = Object.freeze({ ok: true, rated: null });

/**
 * Prices one usage record (SPEC 4). Hot path (100k+ records/s): prices were parsed when the tariff was
 * compiled, the month comes from the calendar's cache, and the amount (billedSeconds x priceNanos /
 * (60 x nanos-per-unit), rounded half-up once, plus the connect fee, which is charged once per rated
 * record, even a 0-second one) is remembered per rate and billed seconds (billedAmount).
 */
export function rateUsage(usage: UsageRecord, ctx: RatingContext): RatingOutcome {
  const product = usage.product;
  if (product === null || usage.kind === 'FAILED_ATTEMPT') return NOTHING_TO_BILL;
  if (!Number.isFinite(usage.startAt) || !(usage.durationMs >= 0) || !Number.isFinite(usage.durationMs)) {
    return violation('INVALID_RECORD', `usage ${usage.usageId} has start ${usage.startAt} and duration ${usage.durationMs} ms; cannot rate it`);
  }
  const account = ctx.account(usage.accountId);
  if (account === undefined) {
    return violation('UNKNOWN_ACCOUNT', `account ${usage.accountId} is not known; ${product} usage ${usage.usageId} at ${iso(usage.startAt)} cannot be rated`);
  }

  const choice = selectRate(account, product, usage.startAt, ctx.tariffs);
  if (!choice.ok) return choice;
  const { tariff, rate } = choice;
  if (tariff.currency !== account.currency) {
    return violation(
      'CURRENCY_MISMATCH',
      `account ${account.accountId} is billed in ${account.currency} but tariff ${tariff.tariffId} v${tariff.version} ` +
        `prices ${product} in ${tariff.currency} (usage at ${iso(usage.startAt)})`,
    );
  }
  const calendar = calendarOf(account, ctx.calendars);
  if (calendar === undefined) {
    return violation('INVALID_RECORD', `account ${account.accountId} has an unknown time zone "${account.timezone}"; cannot tell the billing month`);
  }

  const seconds = billedSeconds(usage.durationMs, rate.firstIncrement, rate.nextIncrement);

  const rated: RatedRecord = {
    ratedId: usage.usageId,
    usageId: usage.usageId,
    accountId: account.accountId,
    month: calendar.monthOf(usage.startAt),
    product,
    kind: usage.kind,
    startAt: usage.startAt,
    billedSeconds: seconds,
    quantity: billedMinutes(seconds),
    unitPrice: rate.pricePerMinute,
    connectFee: rate.connectFee,
    amount: billedAmount(tariff, rate, seconds),
    currency: tariff.currency,
    tariffId: tariff.tariffId,
    tariffVersion: tariff.version,
    source: usage.source,
    flags: [],
    zeroRatedReason: null,
    callId: usage.callId,
    endAt: usage.endAt,
  };
  return { ok: true, rated };
}

function calendarOf(account: Account, calendars: CalendarBook): BillingCalendar | undefined {
  try {
    return calendars.forZone(account.timezone);
  } catch {
    return undefined;
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
