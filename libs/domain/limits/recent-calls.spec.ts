import fc from 'fast-check';
import type { CallMemory } from './limit-state';
import { NO_CALL, RecentCalls } from './recent-calls';
import { HOUR, MIN, T0 } from './usage.fixture';

const call = (id: string, start: number, end: number, over: Partial<CallMemory> = {}): CallMemory => ({
  id, category: 'GATEWAY', start, end, ms: end - start, durationWindow: null, flags: [], ...over,
});
const idsOf = (calls: RecentCalls) => calls.toArray().map((c) => c.id);

describe('RecentCalls', () => {
  it('round-trips the stored calls, sorted by end, windows and flags included', () => {
    const stored = [
      call('b', T0, T0 + 2 * MIN, { durationWindow: T0, flags: ['LIMIT:MAX_CALL_DURATION', 'LIMIT:LINES'] }),
      call('a', T0, T0 + MIN, { category: 'SOFTPHONE' }),
    ];
    expect(new RecentCalls(stored).toArray()).toEqual([stored[1], stored[0]]);
  });

  it('forgets the calls that ended before the cutoff and finds the others', () => {
    const calls = new RecentCalls([call('old', T0, T0 + MIN), call('recent', T0, T0 + HOUR)]);
    calls.forgetBefore(T0 + 2 * MIN);
    expect([calls.find('GATEWAY', 'old'), calls.find('GATEWAY', 'recent') !== NO_CALL]).toEqual([NO_CALL, true]);
    expect(idsOf(calls)).toEqual(['recent']);
  });

  it('moves a call whose later leg ends later behind the calls ending no later than it', () => {
    const calls = new RecentCalls([call('a', T0, T0 + MIN), call('b', T0, T0 + 2 * MIN), call('c', T0, T0 + 3 * MIN)]);
    calls.update(calls.find('GATEWAY', 'a'), T0, T0 + 2 * MIN, 2 * MIN, null, 0);
    expect(idsOf(calls)).toEqual(['b', 'a', 'c']);
  });

  it('lists the other calls of the category overlapping a call, not the call itself', () => {
    const calls = new RecentCalls([
      call('self', T0, T0 + 10 * MIN), call('ended', T0, T0 + MIN), call('softphone', T0, T0 + 10 * MIN, { category: 'SOFTPHONE' }),
      call('during', T0 + 2 * MIN, T0 + 4 * MIN),
    ]);
    const into = { starts: [], ends: [] };
    expect(calls.overlapping('GATEWAY', 'self', T0 + MIN, T0 + 10 * MIN, into)).toBe(1);
    expect([into.starts[0], into.ends[0]]).toEqual([T0 + 2 * MIN, T0 + 4 * MIN]);
  });

  it('keeps the same calls in the same order as a plain sorted list through any adds, later legs and forgetting', () => {
    // Whole minutes, so that many calls end together and the order of ties is exercised too.
    type Op = { kind: 'leg'; id: number; start: number; seconds: number } | { kind: 'forget'; minutes: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('leg' as const), id: fc.integer({ min: 0, max: 40 }), start: fc.integer({ min: 0, max: 120 }), seconds: fc.integer({ min: 0, max: 15 }).map((m) => m * 60) }),
      fc.record({ kind: fc.constant('forget' as const), minutes: fc.integer({ min: 0, max: 120 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { minLength: 50, maxLength: 300 }), (ops) => {
        const calls = new RecentCalls([]);
        let plain: CallMemory[] = []; // the reference: sorted by end, a re-put call after equal ends
        for (const o of ops) {
          if (o.kind === 'forget') {
            calls.forgetBefore(T0 + o.minutes * MIN);
            plain = plain.filter((c) => c.end >= T0 + o.minutes * MIN);
            continue;
          }
          const id = `c${o.id}`;
          const known = plain.find((c) => c.id === id);
          const start = Math.min(known?.start ?? Infinity, T0 + o.start * MIN);
          const end = Math.max(known?.end ?? 0, T0 + o.start * MIN + o.seconds * 1000);
          const next = call(id, start, end, { ms: o.seconds * 1000 });
          const slot = calls.find('GATEWAY', id);
          expect(slot === NO_CALL).toBe(known === undefined);
          if (slot === NO_CALL) calls.add('GATEWAY', id, start, end, next.ms, null, 0);
          else calls.update(slot, start, end, next.ms, null, 0);
          plain = plain.filter((c) => c.id !== id);
          plain.splice(plain.filter((c) => c.end <= end).length, 0, next);
        }
        expect(calls.toArray()).toEqual(plain);
      }),
      { numRuns: 200 },
    );
  });
});
