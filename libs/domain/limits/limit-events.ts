import type { EpochMs } from '../ids';
import type { LimitEvent } from '../limit-event';
import type { PlanOption } from '../reference';
import type { UsageRecord } from '../usage';
import type { OptionLimit } from './effective-limits';

/** What a crossing is counted over: a window, or a single call (MAX_CALL_DURATION, LINES). */
export type CrossingScope =
  | { readonly windowStart: EpochMs; readonly windowSeconds: number }
  | { readonly callId: string };

/**
 * The event for a usage record that crossed a limit. Its id is deterministic, so a re-run or a
 * restart emits the same id and consumers deduplicate: `<account>:<limit>:<windowStart>` for
 * windows, `<account>:<limit>:<callId>` for per-call limits.
 */
export function limitEvent(
  usage: UsageRecord,
  limit: PlanOption,
  option: OptionLimit,
  scope: CrossingScope,
  value: number,
): LimitEvent {
  const windowed = 'windowStart' in scope;
  return {
    eventId: `${usage.accountId}:${limit}:${windowed ? scope.windowStart : scope.callId}`,
    accountId: usage.accountId,
    limit,
    planTariffId: option.planTariffId,
    windowStart: windowed ? scope.windowStart : null,
    windowSeconds: windowed ? scope.windowSeconds : null,
    value,
    threshold: option.value,
    at: usage.startAt,
    usageId: usage.usageId,
    source: usage.source,
  };
}

/** Whole seconds of a duration for events, rounded up so a value above the threshold reads above it. */
export const eventSeconds = (ms: number): number => Math.ceil(ms / 1000);
