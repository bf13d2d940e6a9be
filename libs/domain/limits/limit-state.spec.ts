import fc from 'fast-check';
import type { UsageRecord } from '../usage';
import { LimitCounters, observe } from './limit-counters';
import { emptyLimitState, limitStateFromJSON, limitStateToJSON, type LimitState } from './limit-state';
import { failedAttempt, feed, gateway, leg, MIN, T0 } from './usage.fixture';

const tightPlan = gateway({
  MAX_CALL_DURATION: { value: 120, windowSeconds: null, planTariffId: null },
  TOTAL_DURATION: { value: 600, windowSeconds: 3600, planTariffId: null },
  SUCCESSFUL_CALLS: { value: 3, windowSeconds: 1800, planTariffId: null },
  FAILED_CALLS: { value: 2, windowSeconds: 900, planTariffId: null },
  SIP_ACCOUNTS: { value: 2, windowSeconds: null, planTariffId: null },
  LINES: { value: 1, windowSeconds: null, planTariffId: null },
});

/** A random account day: legs (some sharing a call), failed attempts, a few devices, roughly in order. */
const records = fc.array(
  fc.record({
    failed: fc.boolean(),
    call: fc.integer({ min: 0, max: 12 }),
    minute: fc.integer({ min: 0, max: 240 }),
    seconds: fc.integer({ min: 0, max: 300 }),
    device: fc.integer({ min: 0, max: 3 }),
  }),
  { maxLength: 40 },
).map((specs) =>
  specs.map(({ failed, call, minute, seconds, device }): UsageRecord =>
    failed
      ? failedAttempt(`f${call}-${minute}`, T0 + minute * MIN)
      : leg(`c${call}`, T0 + minute * MIN, seconds, { endpoint: `sip:${device}@acme.example` }),
  ),
);

describe('limit-counter state', () => {
  it('round-trips through JSON unchanged', () => {
    const { state } = feed([leg('a', T0, 180), failedAttempt('f', T0), leg('b', T0 + 10_000, 30)]);
    expect(limitStateFromJSON(limitStateToJSON(state))).toEqual(state);
  });

  it('gives the same flags and events when a service restarts from stored JSON after every record', () => {
    fc.assert(
      fc.property(records, (usage) => {
        const counters = LimitCounters.fresh();
        const straight = usage.map((u) => counters.observe(u, tightPlan));
        let state: LimitState = emptyLimitState();
        const restarted = usage.map((u) => {
          const next = observe(limitStateFromJSON(limitStateToJSON(state)), u, tightPlan);
          state = next.state;
          return next;
        });
        expect(restarted.map((r) => [r.flags, r.events])).toEqual(straight.map((r) => [r.flags, r.events]));
        expect(state).toEqual(counters.toJSON());
      }),
      { numRuns: 200 },
    );
  });

  it('refuses JSON that is not a v1 counter state', () => {
    expect(() => limitStateFromJSON('{"v":2,"horizon":null,"windows":{},"calls":[],"sipAccounts":{}}')).toThrow(RangeError);
    expect(() => limitStateFromJSON('{"windows":{}}')).toThrow('not a limit-counter state');
    expect(() => limitStateFromJSON('null')).toThrow(RangeError);
  });
});
