import type { EpochMs } from '../ids';

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const HOUR_MS = 3_600_000;
/** Offsets reach ±14 h; a month's first instant is always this close to the UTC midnight of its date. */
const SEARCH_MS = 16 * HOUR_MS;

/**
 * Wall-clock time of an IANA zone, read with Intl (pure computation over ICU's tz data, no I/O).
 * Slow-ish (a formatToParts per call): BillingCalendar caches what it learns here.
 */
export class ZoneClock {
  private readonly format: Intl.DateTimeFormat;

  constructor(readonly timezone: string) {
    try {
      this.format = new Intl.DateTimeFormat('en-US', {
        timeZone: timezone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new RangeError(`unknown time zone "${timezone}": expected an IANA zone such as "Europe/Berlin" or "UTC"`);
    }
  }

  wallClock(at: EpochMs): WallClock {
    if (!Number.isFinite(at)) throw new RangeError(`not an instant: ${at}`);
    const w: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
    for (const part of this.format.formatToParts(at)) {
      if (part.type in w) w[part.type as keyof WallClock] = Number(part.value);
    }
    return w;
  }

  /** First UTC instant whose wall clock is in the given month: its midnight, or the end of a DST gap over it. */
  firstInstantOf(year: number, month: number): EpochMs {
    const localMidnight = Date.UTC(year, month - 1, 1);
    // Usual case: two offset look-ups land on midnight; confirm the month begins exactly there.
    let guess = localMidnight - this.offsetAt(localMidnight);
    guess = localMidnight - this.offsetAt(guess);
    if (this.isBefore(guess - 1, year, month) && !this.isBefore(guess, year, month)) return guess;
    // A clock change at midnight: bisect to the exact millisecond the month begins.
    let lo = localMidnight - SEARCH_MS;
    let hi = localMidnight + SEARCH_MS;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.isBefore(mid, year, month)) lo = mid;
      else hi = mid;
    }
    return hi;
  }

  private isBefore(at: EpochMs, year: number, month: number): boolean {
    const w = this.wallClock(at);
    return w.year < year || (w.year === year && w.month < month);
  }

  /** Zone offset at an instant (ms): the wall clock read as if it were UTC, minus the instant. */
  private offsetAt(at: EpochMs): number {
    const w = this.wallClock(at);
    const wallAsUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
    const wholeSecond = at - (((at % 1000) + 1000) % 1000);
    return wallAsUtc - wholeSecond;
  }
}
