import fc from 'fast-check';
import { PeakConcurrency, type CallInterval } from './peak-concurrency';

const MIN = 60_000;
const call = (callId: string, fromMin: number, toMin: number): CallInterval => ({ callId, startAt: fromMin * MIN, endAt: toMin * MIN });

function fed(...legs: CallInterval[]): PeakConcurrency {
  const peak = new PeakConcurrency();
  for (const l of legs) peak.add(l);
  return peak;
}

describe('peak simultaneous calls', () => {
  it('counts three overlapping calls as a peak of 3', () => {
    expect(fed(call('a', 0, 10), call('b', 5, 15), call('c', 8, 9), call('d', 20, 30)).peak()).toBe(3);
  });

  it('counts a call with two legs (device to device) once', () => {
    expect(fed(call('a', 0, 10), call('a', 0, 10), call('b', 2, 4)).peak()).toBe(2);
  });

  it('does not overlap a call ending at the instant another starts', () => {
    expect(fed(call('a', 0, 10), call('b', 10, 20), call('c', 20, 30)).peak()).toBe(1);
  });

  it('keeps one channel for a call whose IVR leg hands over to a new leg at the same instant', () => {
    expect(fed(call('s', 0, 5), call('s', 5, 12), call('x', 4, 6)).peak()).toBe(2);
  });

  it('ignores a zero-length leg', () => {
    expect(fed(call('a', 3, 3)).peak()).toBe(0);
  });

  it('finds the first instant and call that went above 2 channels, whatever order legs arrive in', () => {
    const legs = [call('a', 0, 10), call('b', 1, 10), call('c', 10, 12), call('d', 3, 4), call('e', 3, 5)];
    const expected = { peak: 4, firstExceededAt: 3 * MIN, callIdThatExceeded: 'd' };
    expect(fed(...legs).exceeded(2)).toEqual(expected);
    expect(fed(...[...legs].reverse()).exceeded(2)).toEqual(expected);
  });

  it('reports no excess when the calls stayed within the channels', () => {
    expect(fed(call('a', 0, 10), call('b', 10, 20)).exceeded(1)).toEqual({ peak: 1, firstExceededAt: null, callIdThatExceeded: null });
  });

  it('answers the same after a JSON round trip of its snapshot', () => {
    const peak = fed(call('a', 0, 10), call('a', 12, 14), call('b', 5, 13));
    const restored = PeakConcurrency.restore(JSON.parse(JSON.stringify(peak.snapshot())));
    expect(restored.exceeded(1)).toEqual(peak.exceeded(1));
    expect(restored.snapshot()).toEqual(peak.snapshot());
  });

  it('equals the most distinct calls up at any instant, for any legs in any order', () => {
    const leg = fc.record({ callId: fc.constantFrom('a', 'b', 'c', 'd', 'e'), from: fc.nat(20), len: fc.nat(6) }).map((l) => call(l.callId, l.from, l.from + l.len));
    fc.assert(
      fc.property(fc.array(leg, { maxLength: 20 }).chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length }))), ([legs, shuffled]) => {
        const upAt = (t: number) => new Set(legs.filter((l) => l.startAt <= t && t < l.endAt).map((l) => l.callId)).size;
        const expected = Math.max(0, ...legs.map((l) => upAt(l.startAt)));
        expect(fed(...legs).peak()).toBe(expected);
        expect(fed(...shuffled).peak()).toBe(expected);
      }),
    );
  });
});
