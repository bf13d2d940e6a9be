import { TariffId } from '../ids';
import type { LimitEvent } from '../limit-event';
import { emptyLimitState } from './limit-state';
import { LimitCounters, observe } from './limit-counters';
import { failedAttempt, feed, gateway, HOUR, leg, MIN, T0 } from './usage.fixture';

describe('free plan: maximum call duration', () => {
  it('raises MAX_CALL_DURATION for a 3-minute call (value 180 s, threshold 120 s) and flags it', () => {
    const { flags, events } = observe(emptyLimitState(), leg('c1', T0, 180), gateway());
    expect(flags).toEqual(['LIMIT:MAX_CALL_DURATION']);
    expect(events).toEqual([
      {
        eventId: 'acme:MAX_CALL_DURATION:c1',
        accountId: 'acme',
        limit: 'MAX_CALL_DURATION',
        planTariffId: null,
        windowStart: null,
        windowSeconds: null,
        value: 180,
        threshold: 120,
        at: T0,
        usageId: 'sip:c1:orig',
        source: expect.objectContaining({ stream: 'usage.legs' }),
      },
    ]);
  });

  it('lets a call of exactly 2 minutes through, and flags one of 120.5 s as 121 s', () => {
    expect(observe(emptyLimitState(), leg('c1', T0, 120), gateway()).flags).toEqual([]);
    const justOver = observe(emptyLimitState(), leg('c1', T0, 120.5), gateway());
    expect(justOver.events.map((e) => e.value)).toEqual([121]);
  });
});

describe('free plan: failed calls, 5 per hour', () => {
  const attempts = (count: number, every = MIN) =>
    Array.from({ length: count }, (_, i) => failedAttempt(`f${i + 1}`, T0 + i * every));

  it('raises FAILED_CALLS on the sixth failed call within an hour (value 6, threshold 5)', () => {
    const { seen } = feed(attempts(6));
    expect(seen.slice(0, 5).map((s) => s.flags)).toEqual([[], [], [], [], []]);
    expect(seen[5]!.flags).toEqual(['LIMIT:FAILED_CALLS']);
    expect(seen[5]!.events).toEqual([
      expect.objectContaining({
        eventId: `acme:FAILED_CALLS:${T0}`,
        limit: 'FAILED_CALLS',
        value: 6,
        threshold: 5,
        windowStart: T0,
        windowSeconds: 3600,
        usageId: 'sip:f6:attempt',
      }),
    ]);
  });

  it('flags a seventh failed call in the same hour without a second event', () => {
    const { seen } = feed(attempts(7));
    expect(seen[6]!.flags).toEqual(['LIMIT:FAILED_CALLS']);
    expect(seen[6]!.events).toEqual([]);
  });

  it('starts a new window with a failed call 61 minutes after the first', () => {
    const { seen } = feed([...attempts(6), failedAttempt('late', T0 + 61 * MIN)]);
    expect(seen[6]!.flags).toEqual([]);
    expect(seen[6]!.state.windows['GATEWAY:FAILED_CALLS']).toEqual({ start: T0 + 61 * MIN, seconds: 3600, value: 1, emitted: false });
  });

  it('counts a failed call exactly one hour after the first in a new window', () => {
    const sixth = failedAttempt('f6', T0 + HOUR);
    const { seen } = feed([...attempts(5), sixth]);
    expect(seen[5]!.flags).toEqual([]);
  });
});

describe('free plan: total duration, 30 minutes a day', () => {
  // 15 calls of 2 minutes = 1800 s, exactly the limit; a 1-minute call then crosses it.
  const day = Array.from({ length: 15 }, (_, i) => leg(`d${i + 1}`, T0 + i * 10 * MIN, 120));

  it('raises TOTAL_DURATION on the call that takes the day to 31 minutes (1860 s vs 1800 s)', () => {
    const { seen } = feed([...day, leg('d16', T0 + 3 * HOUR, 60)]);
    expect(seen.slice(0, 15).every((s) => s.flags.length === 0)).toBe(true);
    expect(seen[15]!.flags).toEqual(['LIMIT:TOTAL_DURATION']);
    expect(seen[15]!.events).toEqual([
      expect.objectContaining({ eventId: `acme:TOTAL_DURATION:${T0}`, value: 1860, threshold: 1800, windowSeconds: 86400 }),
    ]);
  });

  it('flags every later call of that day and starts afresh 24 hours after the first call', () => {
    const { seen } = feed([...day, leg('d16', T0 + 3 * HOUR, 60), leg('d17', T0 + 4 * HOUR, 60), leg('next', T0 + 24 * HOUR, 60)]);
    expect(seen[16]!.flags).toEqual(['LIMIT:TOTAL_DURATION']);
    expect(seen[16]!.events).toEqual([]);
    expect(seen[17]!.flags).toEqual([]);
  });
});

describe('successful calls per window', () => {
  const threeAnHour = gateway({ SUCCESSFUL_CALLS: { value: 3, windowSeconds: 3600, planTariffId: TariffId('starter') } });

  it('flags the fourth successful call in an hour, names the plan, and opens a new window after the hour', () => {
    const calls = [0, 10, 20, 30, 61].map((m, i) => leg(`s${i + 1}`, T0 + m * MIN, 30));
    const { seen } = feed(calls, () => threeAnHour);
    expect(seen.map((s) => s.flags)).toEqual([[], [], [], ['LIMIT:SUCCESSFUL_CALLS'], []]);
    expect(seen[3]!.events).toEqual([
      expect.objectContaining({ limit: 'SUCCESSFUL_CALLS', value: 4, threshold: 3, planTariffId: 'starter', windowStart: T0 }),
    ]);
  });
});

describe('observeInto, for a loop over many records', () => {
  it('gives the flags observe() gives and appends the events to the caller\'s list: the sixth failed call of the hour', () => {
    const counters = LimitCounters.fresh();
    const events: LimitEvent[] = [];
    const flags = Array.from({ length: 7 }, (_, i) => counters.observeInto(failedAttempt(`f${i + 1}`, T0 + i * MIN), gateway(), events));
    expect(flags).toEqual([[], [], [], [], [], ['LIMIT:FAILED_CALLS'], ['LIMIT:FAILED_CALLS']]);
    expect(events.map((e) => [e.eventId, e.value])).toEqual([[`acme:FAILED_CALLS:${T0}`, 6]]);
    expect(counters.toJSON()).toEqual(feed(Array.from({ length: 7 }, (_, i) => failedAttempt(`f${i + 1}`, T0 + i * MIN))).state);
  });
});
