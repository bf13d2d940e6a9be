import { AccountId, Product, UsageId, type EpochMs } from '../ids';
import type { UsageRecord } from '../usage';
import type { EffectiveLimits } from './effective-limits';
import { freePlanLimits } from './effective-limits';
import { observe } from './limit-counters';
import { emptyLimitState, type LimitState } from './limit-state';
import type { UsageLimits } from './usage-limits';

/** Test data for the limits specs: usage of account `acme` on 2 March 2026 (UTC), readable by hand. */
export const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
export const MIN = 60_000;
export const HOUR = 3_600_000;
export const MARCH = { start: Date.UTC(2026, 2, 1), end: Date.UTC(2026, 3, 1) };
export const APRIL = { start: Date.UTC(2026, 3, 1), end: Date.UTC(2026, 4, 1) };

let seq = 0;

/** An answered SIP core leg (a GATEWAY call) of `seconds`, from `startAt`. */
export function leg(callId: string, startAt: EpochMs, seconds: number, over: Partial<UsageRecord> = {}): UsageRecord {
  seq += 1;
  return {
    usageId: UsageId(`sip:${callId}:${over.direction === 'TERMINATING' ? 'term' : 'orig'}`),
    sourceId: callId,
    origin: 'SIPCORE',
    accountId: AccountId('acme'),
    kind: 'LEG',
    product: Product('sipcore.voice'),
    direction: 'ORIGINATING',
    media: 'AUDIO',
    callId,
    endpoint: 'sip:100@acme.example',
    startAt,
    endAt: startAt + seconds * 1000,
    durationMs: seconds * 1000,
    source: { stream: 'usage.legs', partition: 0, position: seq },
    ...over,
  };
}

/** An unanswered SIP core call: one FAILED_ATTEMPT that rang for 10 s. */
export function failedAttempt(callId: string, at: EpochMs): UsageRecord {
  return leg(callId, at, 10, { usageId: UsageId(`sip:${callId}:attempt`), kind: 'FAILED_ATTEMPT', product: null, direction: null });
}

export const gateway = (options: EffectiveLimits = freePlanLimits('GATEWAY'), period = MARCH): UsageLimits => ({
  category: 'GATEWAY',
  options,
  period,
});

/** Feeds the records in order from `state` through the pure form; one observation per record. */
export function feed(
  records: readonly UsageRecord[],
  limitsOf: (u: UsageRecord) => UsageLimits = () => gateway(),
  state: LimitState = emptyLimitState(),
): { state: LimitState; seen: ReturnType<typeof observe>[] } {
  const seen: ReturnType<typeof observe>[] = [];
  for (const usage of records) {
    const next = observe(state, usage, limitsOf(usage));
    seen.push(next);
    state = next.state;
  }
  return { state, seen };
}
