import type { SipCoreCdr } from '../domain';
import type { CalendarMonth } from './calendar-month';
import type { AccountFleet } from './fleet';
import type { CallFactory } from './sipcore-calls';

const MINUTE_MS = 60_000;
/** Every answered call is answered 5 s after its INVITE, so its leg starts at a round instant + 5 s. */
const RINGING_MS = 5_000;

/**
 * The calls of an account on the free plan (2 min per call, 5 failed calls an hour, 30 min a day,
 * 1 line, 1 SIP account), each provoking one limit event and nothing else: every call goes out from
 * the same device over a trunk (one SIP account, one leg), and no two calls overlap (one line).
 *  - the 29th, 09:00 UTC: a 3-minute call: MAX_CALL_DURATION (180 s > 120 s);
 *  - the 29th, 14:00-14:25: six unanswered calls five minutes apart: FAILED_CALLS on the sixth (6 > 5);
 *  - the 30th, 10:00-11:15: sixteen 2-minute calls five minutes apart (each at the limit, not over it):
 *    TOTAL_DURATION on the sixteenth (1920 s > 1800 s in the day from 10:00:05).
 * The 3-minute call's day has ended when the sixteen start, so its 180 s count in another window.
 */
export function freePlanCalls(fleet: AccountFleet, month: CalendarMonth, calls: CallFactory): SipCoreCdr[] {
  const device = fleet.devices[0]!.uri; // an always-on device
  const at = (day: number, hour: number, minute: number) => Date.UTC(month.year, month.monthIndex, day, hour, minute);
  const answered = (suffix: string, setupAt: number, seconds: number): SipCoreCdr => {
    const call = calls.call(suffix, fleet, setupAt, 'OUTBOUND', true);
    const answerAt = setupAt + RINGING_MS;
    return { ...call, from: device, media: 'AUDIO', transcoded: false, answerAt, endAt: answerAt + seconds * 1000 };
  };
  const id = `limits-${fleet.account.accountId}`;
  return [
    answered(`${id}-long`, at(29, 9, 0), 180),
    ...[1, 2, 3, 4, 5, 6].map((n) => ({ ...calls.call(`${id}-failed-${n}`, fleet, at(29, 14, 5 * (n - 1)), 'OUTBOUND', false), from: device })),
    ...Array.from({ length: 16 }, (_, k) => answered(`${id}-day-${String(k + 1).padStart(2, '0')}`, at(30, 10, 0) + k * 5 * MINUTE_MS, 120)),
  ];
}
