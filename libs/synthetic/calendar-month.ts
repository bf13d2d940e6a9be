/** The UTC calendar month the generator fills, and time-zone arithmetic on instants. */
export interface CalendarMonth {
  /** `YYYY-MM` as given. */
  readonly label: string;
  /** `YYYYMM`, used inside generated ids so two generated months never share an id. */
  readonly compact: string;
  readonly year: number;
  /** 0-based month, as Date.UTC takes it. */
  readonly monthIndex: number;
  /** First instant of the month in UTC (epoch ms). */
  readonly start: number;
  /** First instant of the next month in UTC (epoch ms). */
  readonly end: number;
  readonly days: number;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Parses `YYYY-MM`; throws RangeError on anything else. */
export function calendarMonth(label: string): CalendarMonth {
  const m = MONTH.exec(label);
  if (!m) throw new RangeError(`month must be YYYY-MM, got "${label}"`);
  const year = Number(m[1]);
  const monthIndex = Number(m[2]) - 1;
  const start = Date.UTC(year, monthIndex, 1);
  const end = Date.UTC(year, monthIndex + 1, 1);
  return { label, compact: `${m[1]}${m[2]}`, year, monthIndex, start, end, days: (end - start) / DAY_MS };
}

/** First instant of the month `delta` months away from `month`, in UTC. */
export function monthStartOffset(month: CalendarMonth, delta: number): number {
  return Date.UTC(month.year, month.monthIndex + delta, 1);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Offset of `zone` from UTC at instant `at`, in ms (New York in October: -4 h).
 * Intl is pure computation over ICU's zone data that ships with Node.
 */
export function zoneOffsetMs(zone: string, at: number): number {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23',
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(zone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(at)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const local = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return local - (at - (((at % 1000) + 1000) % 1000));
}

/** `YYYY-MM` of instant `at` as seen in `zone`. */
export function localMonth(zone: string, at: number): string {
  return new Date(at + zoneOffsetMs(zone, at)).toISOString().slice(0, 7);
}
