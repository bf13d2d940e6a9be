import { BillingMonth, type EpochMs } from '../ids';
import { ZoneClock } from './zone-clock';

export interface MonthBounds {
  /** UTC instant of the month's first midnight in the zone (inclusive). */
  readonly start: EpochMs;
  /** UTC instant of the next month's first midnight in the zone (exclusive). */
  readonly end: EpochMs;
}

interface KnownMonth extends MonthBounds {
  readonly month: BillingMonth;
}

/**
 * Calendar months of one IANA zone (SPEC 2.5: billing months are calendar months in the account's zone).
 * Called once per rated record, so every month seen is kept with its UTC bounds: an instant in a known
 * month costs a couple of comparisons, and Intl is consulted only the first time a month shows up.
 */
export class BillingCalendar {
  readonly timezone: string;
  private readonly clock: ZoneClock;
  /** Known months sorted by start; they never overlap. */
  private readonly months: KnownMonth[] = [];
  private readonly byName = new Map<string, KnownMonth>();
  private last: KnownMonth | undefined;

  /** Throws RangeError for a zone ICU does not know. */
  constructor(timezone: string) {
    this.clock = new ZoneClock(timezone);
    this.timezone = timezone;
  }

  /** The billing month ('YYYY-MM') in which this instant falls, in this zone. */
  monthOf(at: EpochMs): BillingMonth {
    const last = this.last;
    if (last !== undefined && at >= last.start && at < last.end) return last.month;
    let hit = this.find(at);
    if (hit === undefined) {
      const { year, month } = this.clock.wallClock(at);
      hit = this.remember(year, month);
    }
    this.last = hit;
    return hit.month;
  }

  /** UTC bounds of a billing month in this zone: [its first midnight, next month's first midnight). */
  monthBounds(month: BillingMonth | string): MonthBounds {
    const known = this.byName.get(month) ?? this.remember(...parseMonth(month));
    return { start: known.start, end: known.end };
  }

  private find(at: EpochMs): KnownMonth | undefined {
    const months = this.months;
    let lo = 0;
    let hi = months.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const m = months[mid]!;
      if (at < m.start) hi = mid - 1;
      else if (at >= m.end) lo = mid + 1;
      else return m;
    }
    return undefined;
  }

  private remember(year: number, month: number): KnownMonth {
    const name = BillingMonth(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`);
    const known = this.byName.get(name);
    if (known !== undefined) return known;
    const [nextYear, nextMonth] = month === 12 ? [year + 1, 1] : [year, month + 1];
    const added: KnownMonth = {
      month: name,
      start: this.clock.firstInstantOf(year, month),
      end: this.clock.firstInstantOf(nextYear, nextMonth),
    };
    this.byName.set(name, added);
    const after = this.months.findIndex((m) => m.start > added.start);
    this.months.splice(after < 0 ? this.months.length : after, 0, added);
    return added;
  }
}

function parseMonth(month: string): [number, number] {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const mon = m ? Number(m[2]) : 0;
  if (!m || mon < 1 || mon > 12) throw new RangeError(`not a billing month (YYYY-MM): "${month}"`);
  return [Number(m[1]), mon];
}
