import fc from 'fast-check';
import { BillingCalendar } from './billing-calendar';
import { CalendarBook } from './calendar-book';

const at = (iso: string) => Date.parse(iso);

describe('BillingCalendar', () => {
  it('puts a call on the last evening of January UTC in January for a UTC account', () => {
    expect(new BillingCalendar('UTC').monthOf(at('2026-01-31T23:30:00Z'))).toBe('2026-01');
  });

  it('puts the same call in February for a Tokyo account (already 08:30 on 1 February there)', () => {
    expect(new BillingCalendar('Asia/Tokyo').monthOf(at('2026-01-31T23:30:00Z'))).toBe('2026-02');
  });

  it('puts a call at 03:00 UTC on 1 February in January for a Los Angeles account', () => {
    const la = new BillingCalendar('America/Los_Angeles');
    expect(la.monthOf(at('2026-02-01T03:00:00Z'))).toBe('2026-01');
    expect(la.monthOf(at('2026-02-01T07:59:59.999Z'))).toBe('2026-01');
    expect(la.monthOf(at('2026-02-01T08:00:00Z'))).toBe('2026-02');
  });

  it('gives UTC month bounds at UTC midnights', () => {
    expect(new BillingCalendar('UTC').monthBounds('2026-02')).toEqual({
      start: at('2026-02-01T00:00:00Z'),
      end: at('2026-03-01T00:00:00Z'),
    });
  });

  it('rolls December over into January of the next year', () => {
    expect(new BillingCalendar('UTC').monthBounds('2025-12')).toEqual({
      start: at('2025-12-01T00:00:00Z'),
      end: at('2026-01-01T00:00:00Z'),
    });
  });

  it('bounds New York months in EST and EDT, across the March DST start', () => {
    const ny = new BillingCalendar('America/New_York');
    expect(ny.monthBounds('2026-01')).toEqual({ start: at('2026-01-01T05:00:00Z'), end: at('2026-02-01T05:00:00Z') });
    // Clocks spring forward on 8 March: March starts in EST and ends in EDT, an hour shorter.
    const march = ny.monthBounds('2026-03');
    expect(march).toEqual({ start: at('2026-03-01T05:00:00Z'), end: at('2026-04-01T04:00:00Z') });
    expect(march.end - march.start).toBe((31 * 24 - 1) * 3_600_000);
  });

  it('bounds a New York November that starts in EDT and ends in EST (an hour longer)', () => {
    const november = new BillingCalendar('America/New_York').monthBounds('2026-11');
    expect(november).toEqual({ start: at('2026-11-01T04:00:00Z'), end: at('2026-12-01T05:00:00Z') });
    expect(november.end - november.start).toBe((30 * 24 + 1) * 3_600_000);
  });

  it('starts a month at the end of the DST gap when local midnight of the 1st never happened', () => {
    // Casablanca sprang from 00:00 to 01:00 on 1 June 2008: the first June instant is 01:00 local = 00:00 UTC.
    const casablanca = new BillingCalendar('Africa/Casablanca');
    expect(casablanca.monthBounds('2008-06').start).toBe(at('2008-06-01T00:00:00Z'));
    expect(casablanca.monthOf(at('2008-05-31T23:59:59.999Z'))).toBe('2008-05');
    expect(casablanca.monthOf(at('2008-06-01T00:00:00Z'))).toBe('2008-06');
  });

  it('starts a month at the first of two midnights when clocks fall back at 01:00 on the 1st', () => {
    // Havana falls back from 01:00 CDT to 00:00 CST on 1 November 2026: midnight happens at 04:00Z and at 05:00Z.
    const havana = new BillingCalendar('America/Havana');
    expect(havana.monthBounds('2026-11').start).toBe(at('2026-11-01T04:00:00Z'));
    expect(havana.monthBounds('2026-10').end).toBe(at('2026-11-01T04:00:00Z'));
    expect(havana.monthOf(at('2026-11-01T03:59:59.999Z'))).toBe('2026-10');
    expect(havana.monthOf(at('2026-11-01T04:30:00Z'))).toBe('2026-11');
  });

  it('bounds months in a half-hour zone (India, +05:30)', () => {
    expect(new BillingCalendar('Asia/Kolkata').monthBounds('2026-04')).toEqual({
      start: at('2026-03-31T18:30:00Z'),
      end: at('2026-04-30T18:30:00Z'),
    });
  });

  it('answers from its cache: monthOf agrees with bounds however instants arrive', () => {
    const zones = ['UTC', 'America/New_York', 'Asia/Tokyo', 'Australia/Lord_Howe', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.array(fc.integer({ min: at('2020-01-01T00:00:00Z'), max: at('2030-01-01T00:00:00Z') }), { minLength: 1, maxLength: 30 }),
        (zone, instants) => {
          const calendar = new BillingCalendar(zone);
          const fresh = (t: number) => new BillingCalendar(zone).monthOf(t);
          for (const t of instants) {
            const month = calendar.monthOf(t);
            expect(month).toBe(fresh(t));
            const { start, end } = calendar.monthBounds(month);
            expect(t).toBeGreaterThanOrEqual(start);
            expect(t).toBeLessThan(end);
            expect(calendar.monthOf(start)).toBe(month);
            expect(calendar.monthOf(start - 1)).not.toBe(month);
            expect(calendar.monthOf(end)).not.toBe(month);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses an unknown zone with a clear message', () => {
    expect(() => new BillingCalendar('Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => new BillingCalendar('Mars/Olympus_Mons')).toThrow(/unknown time zone "Mars\/Olympus_Mons"/);
  });

  it('refuses a malformed billing month', () => {
    const utc = new BillingCalendar('UTC');
    expect(() => utc.monthBounds('2026-13')).toThrow(/not a billing month/);
    expect(() => utc.monthBounds('2026-1')).toThrow(/not a billing month/);
  });
});

describe('CalendarBook', () => {
  it('hands out one shared calendar per zone', () => {
    const book = new CalendarBook();
    expect(book.forZone('Asia/Tokyo')).toBe(book.forZone('Asia/Tokyo'));
    expect(book.forZone('Asia/Tokyo')).not.toBe(book.forZone('UTC'));
  });

  it('keeps separate books apart (no global cache)', () => {
    expect(new CalendarBook().forZone('UTC')).not.toBe(new CalendarBook().forZone('UTC'));
  });
});
