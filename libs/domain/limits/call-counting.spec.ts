import { TariffId, UsageId } from '../ids';
import type { UsageRecord } from '../usage';
import { freePlanLimits } from './effective-limits';
import { CALL_MEMORY_MS, LimitCounters, observe } from './limit-counters';
import { emptyLimitState } from './limit-state';
import { APRIL, feed, gateway, HOUR, leg, MIN, T0 } from './usage.fixture';

/** Both legs of a call between two devices of the account, as the normalizer gives them. */
const internalCall = (callId: string, startAt: number, seconds: number): UsageRecord[] => [
  leg(callId, startAt, seconds, { endpoint: 'sip:100@acme.example' }),
  leg(callId, startAt, seconds, { direction: 'TERMINATING', endpoint: 'sip:101@acme.example' }),
];
const twoSipAccounts = gateway({ ...freePlanLimits('GATEWAY'), SIP_ACCOUNTS: { value: 2, windowSeconds: null, planTariffId: null } });

describe('a two-leg internal call counts once', () => {
  it('counts its duration once: 15 internal 2-minute calls stay within 30 minutes a day', () => {
    const day = Array.from({ length: 15 }, (_, i) => internalCall(`i${i}`, T0 + i * 10 * MIN, 120)).flat();
    const { state, seen } = feed(day, () => twoSipAccounts);
    expect(seen.flatMap((s) => s.flags)).toEqual([]);
    expect(state.windows['GATEWAY:TOTAL_DURATION']!.value).toBe(1800 * 1000);
  });

  it('counts it as one successful call', () => {
    const onePerHour = gateway({ SUCCESSFUL_CALLS: { value: 1, windowSeconds: 3600, planTariffId: null } });
    const { seen } = feed([...internalCall('i1', T0, 30), leg('other', T0 + MIN, 30)], () => onePerHour);
    expect(seen.map((s) => s.flags)).toEqual([[], [], ['LIMIT:SUCCESSFUL_CALLS']]);
  });

  it('raises one MAX_CALL_DURATION event for a 3-minute internal call and flags both legs', () => {
    const { seen } = feed(internalCall('i1', T0, 180), () => twoSipAccounts);
    expect(seen.map((s) => s.flags)).toEqual([['LIMIT:MAX_CALL_DURATION'], ['LIMIT:MAX_CALL_DURATION']]);
    expect(seen.flatMap((s) => s.events).map((e) => e.eventId)).toEqual(['acme:MAX_CALL_DURATION:i1']);
  });

  it('takes the longest leg of a session as the call duration, adding only the excess', () => {
    const ivr = [leg('sess', T0, 600), leg('sess', T0 + MIN, 900, { direction: 'TERMINATING' })];
    const noMax = gateway({ TOTAL_DURATION: { value: 3600, windowSeconds: 86400, planTariffId: null } });
    const { state } = feed(ivr, () => noMax);
    expect(state.windows['GATEWAY:TOTAL_DURATION']!.value).toBe(900 * 1000);
  });
});

describe('lines (simultaneous calls)', () => {
  it('raises LINES for a second simultaneous call on a 1-line plan', () => {
    const { seen } = feed([leg('a', T0, 100), leg('b', T0 + 50_000, 30)]);
    expect(seen[0]!.flags).toEqual([]);
    expect(seen[1]!.flags).toEqual(['LIMIT:LINES']);
    expect(seen[1]!.events).toEqual([
      expect.objectContaining({ eventId: 'acme:LINES:b', value: 2, threshold: 1, windowStart: null, planTariffId: null }),
    ]);
  });

  it('does not count a call that starts the instant the other ends', () => {
    const { seen } = feed([leg('a', T0, 60), leg('b', T0 + 60_000, 60)]);
    expect(seen[1]!.flags).toEqual([]);
  });

  it('flags a third call joining two already over the line without another event', () => {
    const { seen } = feed([leg('a', T0, 110), leg('b', T0 + 1000, 100), leg('c', T0 + 2000, 90)]);
    expect(seen[2]!.flags).toEqual(['LIMIT:LINES']);
    expect(seen[2]!.events).toEqual([]);
  });

  it('does not limit lines for softphone (media-server) usage', () => {
    const softphone = { category: 'SOFTPHONE' as const, options: freePlanLimits('SOFTPHONE'), period: gateway().period };
    const media = (id: string, at: number) => leg(id, at, 60, { origin: 'MEDIA' });
    const { seen } = feed([media('m1', T0), media('m2', T0 + 1000)], () => softphone);
    expect(seen[1]!.flags).toEqual([]);
  });
});

describe('SIP accounts per billing month', () => {
  it('raises SIP_ACCOUNTS when a second device calls on the free plan, and flags only that device', () => {
    const { seen } = feed([
      leg('a', T0, 30, { endpoint: 'sip:100@acme.example' }),
      leg('b', T0 + HOUR, 30, { endpoint: 'sip:200@acme.example' }),
      leg('c', T0 + 2 * HOUR, 30, { endpoint: 'sip:100@acme.example' }),
      leg('d', T0 + 3 * HOUR, 30, { endpoint: 'sip:200@acme.example' }),
    ]);
    expect(seen.map((s) => s.flags)).toEqual([[], ['LIMIT:SIP_ACCOUNTS'], [], ['LIMIT:SIP_ACCOUNTS']]);
    expect(seen.flatMap((s) => s.events)).toEqual([
      expect.objectContaining({ eventId: `acme:SIP_ACCOUNTS:${Date.UTC(2026, 2, 1)}`, value: 2, threshold: 1, windowSeconds: 31 * 86400 }),
    ]);
  });

  it('counts devices afresh in the next billing month', () => {
    const april = Date.UTC(2026, 3, 2);
    const { seen } = feed(
      [leg('a', T0, 30), leg('b', april, 30, { endpoint: 'sip:200@acme.example' })],
      (u) => (u.startAt >= APRIL.start ? gateway(undefined, APRIL) : gateway()),
    );
    expect(seen[1]!.flags).toEqual([]);
  });
});

describe('usage that is not a call', () => {
  it('carries the flags of its call: the transcoding of a 3-minute call is flagged too', () => {
    const transcoding = leg('c1', T0, 180, { usageId: UsageId('sip:c1:transcoding'), kind: 'TRANSCODING', endpoint: 'trunk-1' });
    const { seen } = feed([leg('c1', T0, 180), transcoding]);
    expect(seen[1]!.flags).toEqual(['LIMIT:MAX_CALL_DURATION']);
    expect(seen[1]!.events).toEqual([]);
  });
});

describe('counter state', () => {
  it('leaves the state it was given untouched', () => {
    const before = feed([leg('a', T0, 180)]).state;
    const copy = JSON.parse(JSON.stringify(before));
    observe(before, leg('b', T0 + 10_000, 180), gateway());
    expect(before).toEqual(copy);
  });

  it('forgets calls that ended long before the newest one, so it stays small', () => {
    const { state } = feed([leg('old', T0, 60), leg('new', T0 + CALL_MEMORY_MS + 2 * MIN, 60)]);
    expect(state.calls.map((c) => c.id)).toEqual(['new']);
  });

  it('names the plan that set the threshold', () => {
    const plan = gateway({ MAX_CALL_DURATION: { value: 60, windowSeconds: null, planTariffId: TariffId('pro') } });
    expect(observe(emptyLimitState(), leg('a', T0, 61), plan).events[0]!.planTariffId).toBe('pro');
  });
});

describe('a long-running account', () => {
  const noLimits = gateway({
    LINES: { value: 1, windowSeconds: null, planTariffId: null },
    SUCCESSFUL_CALLS: { value: 10_000, windowSeconds: 10 * 86_400, planTariffId: null },
  });

  it('remembers only the last two hours of calls, and still counts a recent call once', () => {
    const counters = LimitCounters.fresh();
    for (let i = 0; i < 3000; i++) counters.observe(leg(`c${i}`, T0 + i * MIN, 30), noLimits);
    const kept = counters.toJSON().calls;
    expect(kept.length).toBe(121);
    expect(kept[0]!.id).toBe('c2879');
    const sibling = counters.observe(leg('c2999', T0 + 2999 * MIN, 30, { direction: 'TERMINATING' }), noLimits);
    expect(sibling.flags).toEqual([]);
    expect(counters.toJSON().windows['GATEWAY:SUCCESSFUL_CALLS']!.value).toBe(3000);
  });

  it('sees a new call overlapping one it still remembers', () => {
    const counters = LimitCounters.fresh();
    for (let i = 0; i < 3000; i++) counters.observe(leg(`c${i}`, T0 + i * MIN, 30), noLimits);
    expect(counters.observe(leg('late', T0 + 2999 * MIN + 10_000, 30), noLimits).flags).toEqual(['LIMIT:LINES']);
  });
});
