import { BillingMonth } from '../../libs/domain';
import { ratedLeg } from '../../libs/domain/invoicing/rated.fixture';
import { ratedEntry, type LedgerEntry } from '../../libs/redis';
import { mayCloseMonths } from './close-horizon';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const record = (startAt: number): LedgerEntry => ratedEntry(ratedLeg({ startAt }), '0');
const marker: LedgerEntry = { kind: 'close-through', offset: '1', through: BillingMonth('2026-02') };
const none = new Map<string, number>();

describe('whether a ledger batch may close a month (and so must wait for the recurring facts)', () => {
  it('says yes at a close-through marker and for the first records of a partition', () => {
    expect(mayCloseMonths([record(at('2026-02-10T00:00:00Z')), marker], at('2026-02-11T00:00:00Z'), none, 72)).toBe(true);
    expect(mayCloseMonths([record(at('2026-02-10T00:00:00Z'))], null, none, 72)).toBe(true);
  });

  it('says no mid-month, where no month of any zone can close', () => {
    expect(mayCloseMonths([record(at('2026-02-20T00:00:00Z'))], at('2026-02-10T00:00:00Z'), none, 72)).toBe(false);
    expect(mayCloseMonths([], at('2026-02-10T00:00:00Z'), none, 72)).toBe(false);
  });

  it('says yes when the watermark nears the end of January plus 72 h in the earliest zone (UTC+14)', () => {
    // January ends in Kiritimati at 2026-01-31T10:00Z; with 72 h of grace it closes at 2026-02-03T10:00Z.
    const before = at('2026-02-03T09:00:00Z');
    expect(mayCloseMonths([record(at('2026-02-03T09:59:59Z'))], before, none, 72)).toBe(false);
    expect(mayCloseMonths([record(at('2026-02-03T10:00:00Z'))], before, none, 72)).toBe(true);
  });

  it('keeps saying yes until January has closed in the latest zone (UTC-12)', () => {
    // ... and in Baker Island at 2026-02-01T12:00Z, so with grace 2026-02-04T12:00Z.
    expect(mayCloseMonths([record(at('2026-02-04T12:00:00Z'))], at('2026-02-04T11:00:00Z'), none, 72)).toBe(true);
    expect(mayCloseMonths([record(at('2026-02-04T13:00:00Z'))], at('2026-02-04T12:00:00Z'), none, 72)).toBe(false);
  });

  it('says yes for a month the batch opens whose close time the watermark has already reached', () => {
    const closeTimes = new Map([['acme|2026-01', at('2026-02-03T00:00:00Z')]]);
    expect(mayCloseMonths([record(at('2026-01-20T00:00:00Z'))], at('2026-02-20T00:00:00Z'), closeTimes, 72)).toBe(true);
    expect(mayCloseMonths([record(at('2026-02-20T00:00:00Z') + HOUR)], at('2026-02-20T00:00:00Z'), new Map([['acme|2026-02', at('2026-03-04T00:00:00Z')]]), 72)).toBe(false);
  });
});
