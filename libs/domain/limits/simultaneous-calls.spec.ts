import fc from 'fast-check';
import { peakOverlap } from './simultaneous-calls';

const call = (start: number, end: number) => ({ start, end });

describe('peakOverlap', () => {
  it('counts the most calls active at one instant, not every call that overlaps', () => {
    // Two calls overlap [0, 100) but not each other: at most one is active with it at a time.
    expect(peakOverlap([call(0, 40), call(60, 100)], 0, 100)).toBe(1);
    expect(peakOverlap([call(0, 70), call(60, 100)], 0, 100)).toBe(2);
  });

  it('does not count calls that only touch the interval', () => {
    expect(peakOverlap([call(0, 50), call(100, 150)], 50, 100)).toBe(0);
  });

  it('looks only inside the interval', () => {
    expect(peakOverlap([call(0, 40), call(10, 40), call(50, 90)], 45, 100)).toBe(1);
  });
});

describe('peakOverlap, few calls or many', () => {
  it('finds the same peak by counting at each start (up to 16 calls) as by sweeping the sorted edges', () => {
    const interval = fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 10 })).map(([s, d]) => call(s, s + d));
    // Calls wholly outside [start, end) change no peak but take the list past 16, to the sweep.
    const outside = Array.from({ length: 17 }, () => call(100, 110));
    fc.assert(
      fc.property(fc.array(interval, { minLength: 1, maxLength: 16 }), interval, (calls, self) => {
        expect(peakOverlap(calls, self.start, self.end)).toBe(peakOverlap([...calls, ...outside], self.start, self.end));
      }),
      { numRuns: 500 },
    );
  });
});
