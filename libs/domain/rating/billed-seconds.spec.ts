import fc from 'fast-check';
import { billedSeconds } from './billed-seconds';

const s = (seconds: number) => seconds * 1000;

describe('billedSeconds', () => {
  describe('60/60 (whole minutes)', () => {
    it('bills nothing for a 0 s call', () => expect(billedSeconds(0, 60, 60)).toBe(0));
    it('bills a 1 s call as one minute', () => expect(billedSeconds(s(1), 60, 60)).toBe(60));
    it('bills a 1 ms call as one minute', () => expect(billedSeconds(1, 60, 60)).toBe(60));
    it('bills exactly 60 s as one minute', () => expect(billedSeconds(s(60), 60, 60)).toBe(60));
    it('bills a 61 s call as 2 minutes', () => expect(billedSeconds(s(61), 60, 60)).toBe(120));
    it('bills 60.001 s as 2 minutes', () => expect(billedSeconds(s(60) + 1, 60, 60)).toBe(120));
    it('bills 60.2 s as 2 minutes', () => expect(billedSeconds(60_200, 60, 60)).toBe(120));
    it('bills exactly 120 s as 2 minutes', () => expect(billedSeconds(s(120), 60, 60)).toBe(120));
    it('bills a 3601 s call as 61 minutes', () => expect(billedSeconds(s(3601), 60, 60)).toBe(3660));
  });

  describe('1/1 (per second)', () => {
    it('bills nothing for a 0 s call', () => expect(billedSeconds(0, 1, 1)).toBe(0));
    it('bills a 1 ms call as 1 s', () => expect(billedSeconds(1, 1, 1)).toBe(1));
    it('bills exactly 1 s as 1 s', () => expect(billedSeconds(s(1), 1, 1)).toBe(1));
    it('bills 1.2 s as 2 s', () => expect(billedSeconds(1200, 1, 1)).toBe(2));
    it('bills 1.001 s as 2 s', () => expect(billedSeconds(1001, 1, 1)).toBe(2));
    it('bills 61 s as 61 s', () => expect(billedSeconds(s(61), 1, 1)).toBe(61));
    it('bills a 3601 s call as 3601 s', () => expect(billedSeconds(s(3601), 1, 1)).toBe(3601));
  });

  describe('30/6', () => {
    it('bills nothing for a 0 s call', () => expect(billedSeconds(0, 30, 6)).toBe(0));
    it('bills a 1 s call as 30 s', () => expect(billedSeconds(s(1), 30, 6)).toBe(30));
    it('bills exactly 30 s as 30 s', () => expect(billedSeconds(s(30), 30, 6)).toBe(30));
    it('bills 30.001 s as 36 s', () => expect(billedSeconds(s(30) + 1, 30, 6)).toBe(36));
    it('bills 31 s as 36 s', () => expect(billedSeconds(s(31), 30, 6)).toBe(36));
    it('bills exactly 36 s as 36 s', () => expect(billedSeconds(s(36), 30, 6)).toBe(36));
    it('bills 37 s as 42 s', () => expect(billedSeconds(s(37), 30, 6)).toBe(42));
    it('bills a 3601 s call as 3606 s', () => expect(billedSeconds(s(3601), 30, 6)).toBe(3606));
  });

  describe('60/1', () => {
    it('bills nothing for a 0 s call', () => expect(billedSeconds(0, 60, 1)).toBe(0));
    it('bills a 1 s call as 60 s', () => expect(billedSeconds(s(1), 60, 1)).toBe(60));
    it('bills exactly 60 s as 60 s', () => expect(billedSeconds(s(60), 60, 1)).toBe(60));
    it('bills 60.001 s as 61 s', () => expect(billedSeconds(s(60) + 1, 60, 1)).toBe(61));
    it('bills 61 s as 61 s', () => expect(billedSeconds(s(61), 60, 1)).toBe(61));
    it('bills a 3601 s call as 3601 s', () => expect(billedSeconds(s(3601), 60, 1)).toBe(3601));
  });

  it('rounds a fraction of a millisecond up (time on the line is never dropped)', () => {
    expect(billedSeconds(60_000.4, 60, 1)).toBe(61);
  });

  it('refuses a negative duration and zero increments', () => {
    expect(() => billedSeconds(-1, 60, 60)).toThrow(RangeError);
    expect(() => billedSeconds(Number.NaN, 60, 60)).toThrow(RangeError);
    expect(() => billedSeconds(1000, 0, 60)).toThrow(RangeError);
    expect(() => billedSeconds(1000, 60, 0)).toThrow(RangeError);
    expect(() => billedSeconds(1000, 1.5, 1)).toThrow(RangeError);
  });

  it('never bills less than the duration, nor a whole increment more, on the increment grid', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400_000_000 }),
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 1, max: 120 }),
        (d, first, next) => {
          const billed = billedSeconds(d, first, next);
          expect(billed * 1000).toBeGreaterThanOrEqual(d);
          if (billed > first) {
            expect((billed - first) % next).toBe(0);
            expect((billed - next) * 1000).toBeLessThan(d);
          } else {
            expect(billed).toBe(first);
          }
        },
      ),
    );
  });
});
