import { type CalendarMonth, HOUR_MS, zoneOffsetMs } from './calendar-month';

/** Relative call volume of one local hour: office hours on weekdays dominate, nights are quiet. */
export function busyWeight(localHour: number, localWeekday: number): number {
  const weekend = localWeekday === 0 || localWeekday === 6;
  if (weekend) return localHour >= 10 && localHour <= 20 ? 1.5 : 0.2;
  if (localHour >= 9 && localHour <= 17) return 10;
  if (localHour === 8 || localHour === 18) return 5;
  if (localHour === 7 || (localHour >= 19 && localHour <= 21)) return 2;
  return 0.3;
}

export interface CallSlot {
  /** Whole-second instant (epoch ms). */
  readonly at: number;
  readonly accountIndex: number;
}

/**
 * The month's traffic as one distribution over (hour, account): each account's size times the
 * busy weight of that hour in the account's own time zone. Drawing the i-th of n calls by
 * stratified sampling ((i + r) / n through the inverse CDF) gives ascending instants, so the
 * generator can stream a sorted month in constant memory.
 */
export class TrafficCurve {
  private readonly hours: number;
  /** Running total of weight over hours (length hours). */
  private readonly byHour: Float64Array;
  /** Per hour, running total over accounts (hours x accounts). */
  private readonly byAccount: Float64Array;

  constructor(
    private readonly month: CalendarMonth,
    zones: readonly string[],
    sizes: readonly number[],
  ) {
    this.hours = month.days * 24;
    const n = zones.length;
    this.byHour = new Float64Array(this.hours);
    this.byAccount = new Float64Array(this.hours * n);
    const weightByZone = new Map<string, Float64Array>();
    for (const zone of zones) if (!weightByZone.has(zone)) weightByZone.set(zone, this.zoneWeights(zone));
    let total = 0;
    for (let h = 0; h < this.hours; h++) {
      let inHour = 0;
      for (let a = 0; a < n; a++) {
        inHour += (weightByZone.get(zones[a] as string) as Float64Array)[h]! * (sizes[a] ?? 1);
        this.byAccount[h * n + a] = inHour;
      }
      total += inHour;
      this.byHour[h] = total;
    }
  }

  /** The i-th of n call slots (0 <= i < n), `r` and `pick` uniform in [0, 1). Ascending in i. */
  slot(i: number, n: number, r: number, pick: number): CallSlot {
    const total = this.byHour[this.hours - 1] as number;
    const target = ((i + r) / n) * total;
    let lo = 0;
    let hi = this.hours - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.byHour[mid] as number) <= target) lo = mid + 1;
      else hi = mid;
    }
    const before = lo === 0 ? 0 : (this.byHour[lo - 1] as number);
    const weight = (this.byHour[lo] as number) - before;
    const fraction = weight > 0 ? Math.min(0.9999, (target - before) / weight) : 0;
    const at = this.month.start + Math.floor((lo + fraction) * 3600) * 1000;
    return { at, accountIndex: this.accountIn(lo, pick) };
  }

  private accountIn(hour: number, pick: number): number {
    const n = this.byAccount.length / this.hours;
    const base = hour * n;
    const x = pick * (this.byAccount[base + n - 1] as number);
    let a = 0;
    while (a < n - 1 && (this.byAccount[base + a] as number) <= x) a++;
    return a;
  }

  private zoneWeights(zone: string): Float64Array {
    const w = new Float64Array(this.hours);
    for (let h = 0; h < this.hours; h++) {
      const utc = this.month.start + h * HOUR_MS;
      const local = new Date(utc + zoneOffsetMs(zone, utc));
      w[h] = busyWeight(local.getUTCHours(), local.getUTCDay());
    }
    return w;
  }
}
