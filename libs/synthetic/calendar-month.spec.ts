import { calendarMonth, localMonth, zoneOffsetMs } from './calendar-month';

describe('calendarMonth', () => {
  it('spans October 2026 in UTC: 31 days from the 1st to the 1st of November', () => {
    const m = calendarMonth('2026-10');
    expect([new Date(m.start).toISOString(), new Date(m.end).toISOString(), m.days, m.compact]).toEqual([
      '2026-10-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z', 31, '202610',
    ]);
  });

  it('knows February of a leap year has 29 days', () => {
    expect(calendarMonth('2028-02').days).toBe(29);
  });

  it.each(['2026-13', '2026-1', '26-10', '2026-10-01'])('rejects "%s"', (label) => {
    expect(() => calendarMonth(label)).toThrow(RangeError);
  });
});

describe('zoneOffsetMs', () => {
  it('follows New York from daylight to standard time on 1 November 2026 at 06:00Z', () => {
    expect(zoneOffsetMs('America/New_York', Date.parse('2026-11-01T05:59:59Z')) / 3_600_000).toBe(-4);
    expect(zoneOffsetMs('America/New_York', Date.parse('2026-11-01T06:00:00Z')) / 3_600_000).toBe(-5);
  });

  it('puts Berlin one hour ahead after its switch on 25 October and Tokyo nine', () => {
    expect(zoneOffsetMs('Europe/Berlin', Date.parse('2026-10-31T12:00:00Z')) / 3_600_000).toBe(1);
    expect(zoneOffsetMs('Asia/Tokyo', Date.parse('2026-10-31T12:00:00Z')) / 3_600_000).toBe(9);
  });
});

describe('localMonth', () => {
  it('puts 2026-10-31T20:00Z in November in Tokyo and 2026-11-01T02:00Z in October in New York', () => {
    expect(localMonth('Asia/Tokyo', Date.parse('2026-10-31T20:00:00Z'))).toBe('2026-11');
    expect(localMonth('America/New_York', Date.parse('2026-11-01T02:00:00Z'))).toBe('2026-10');
  });
});
