import { busyWeight, TrafficCurve } from './busy-hours';
import { calendarMonth, zoneOffsetMs } from './calendar-month';
import { Prng } from './prng';

const month = calendarMonth('2026-10');

describe('busyWeight', () => {
  it('weighs a weekday office hour far above a night or a weekend hour', () => {
    expect(busyWeight(10, 3)).toBeGreaterThan(10 * busyWeight(3, 3));
    expect(busyWeight(10, 3)).toBeGreaterThan(5 * busyWeight(10, 6));
  });
});

describe('TrafficCurve', () => {
  it('hands out call slots in ascending time, all inside the month', () => {
    const curve = new TrafficCurve(month, ['America/New_York', 'Asia/Tokyo'], [10, 30]);
    const rng = new Prng(9);
    let last = -Infinity;
    for (let i = 0; i < 5000; i++) {
      const { at } = curve.slot(i, 5000, rng.next(), rng.next());
      expect(at).toBeGreaterThanOrEqual(last);
      expect(at % 1000).toBe(0);
      last = at;
    }
    expect(last).toBeLessThan(month.end);
  });

  it('gives a bigger account proportionally more calls, mostly in its own office hours', () => {
    const zones = ['America/New_York', 'Asia/Tokyo'];
    const curve = new TrafficCurve(month, zones, [10, 30]);
    const rng = new Prng(11);
    const calls = [0, 0];
    let office = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const { at, accountIndex } = curve.slot(i, n, rng.next(), rng.next());
      calls[accountIndex]!++;
      const local = new Date(at + zoneOffsetMs(zones[accountIndex]!, at));
      const day = local.getUTCDay();
      if (day !== 0 && day !== 6 && local.getUTCHours() >= 8 && local.getUTCHours() <= 18) office++;
    }
    expect(calls[1]! / n).toBeCloseTo(0.75, 1);
    expect(office / n).toBeGreaterThan(0.7);
  });
});
