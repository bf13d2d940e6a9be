import fc from 'fast-check';
import type { ProvisioningEvent } from '../records';
import { ProvisionedPeak } from './provisioned-peak';
import { ACME, FEBRUARY, feb, jan, JANUARY, provisioned, provisioning, removed } from './provisioning.fixture';

function peakOf(events: readonly ProvisioningEvent[]): ProvisionedPeak {
  const book = new ProvisionedPeak();
  for (const e of events) book.add(e);
  return book;
}

const devices = (n: number, at: number, prefix = 'phone') => Array.from({ length: n }, (_, i) => provisioned(`${prefix}-${i}`, at));

describe('peak of provisioned devices in a month', () => {
  it('bills 50 devices at peak even if only 30 remain at month end', () => {
    const events = [...devices(50, feb(3)), ...Array.from({ length: 20 }, (_, i) => removed(`phone-${i}`, feb(20)))];
    expect(peakOf(events).devicePeak(ACME, FEBRUARY)).toBe(50);
  });

  it('counts a device provisioned and removed within the month toward the peak', () => {
    const events = [...devices(3, jan(10)), provisioned('demo', feb(5)), removed('demo', feb(6))];
    expect(peakOf(events).devicePeak(ACME, FEBRUARY)).toBe(4);
  });

  it('carries a device provisioned in January and never removed into February', () => {
    expect(peakOf([provisioned('desk', jan(15))]).devicePeak(ACME, FEBRUARY)).toBe(1);
  });

  it('does not count a device removed in January in February', () => {
    expect(peakOf([provisioned('desk', jan(15)), removed('desk', jan(20))]).devicePeak(ACME, FEBRUARY)).toBe(0);
  });

  it('does not count a device provisioned only after the month', () => {
    expect(peakOf([provisioned('desk', Date.UTC(2026, 2, 1))]).devicePeak(ACME, FEBRUARY)).toBe(0);
  });

  it('counts a re-sent event (same eventId) once', () => {
    const event = provisioned('desk', feb(2));
    const book = new ProvisionedPeak();
    expect(book.add(event)).toBe('APPLIED');
    expect(book.add(event)).toBe('NO_CHANGE');
    expect(book.devicePeak(ACME, FEBRUARY)).toBe(1);
  });

  it('treats PROVISIONED for an already provisioned device as no new device', () => {
    expect(peakOf([provisioned('desk', feb(2)), provisioned('desk', feb(9))]).devicePeak(ACME, FEBRUARY)).toBe(1);
  });

  it('gives the same peak when the removal arrives before the provisioning', () => {
    const events = [removed('a', feb(10)), provisioned('b', feb(12)), provisioned('a', feb(1))];
    expect(peakOf(events).devicePeak(ACME, FEBRUARY)).toBe(1);
  });

  it('counts a swap of one device for another at the same millisecond as one device', () => {
    const events = [provisioned('old', feb(1)), removed('old', feb(14)), provisioned('new', feb(14))];
    expect(peakOf(events).devicePeak(ACME, FEBRUARY)).toBe(1);
  });

  it('refuses an event without a usable instant rather than corrupt the timeline', () => {
    expect(() => new ProvisionedPeak().add(provisioned('desk', Number.NaN))).toThrow(RangeError);
  });

  it('counts devices only of the account asked about', () => {
    const other = { ...provisioned('x', feb(2)), accountId: 'globex' } as ProvisioningEvent;
    expect(peakOf([other, provisioned('y', feb(2))]).devicePeak(ACME, FEBRUARY)).toBe(1);
  });
});

describe('SIP trunks provisioned in a month', () => {
  const trunk = (id: string, action: ProvisioningEvent['action'], at: number) => provisioning('TRUNK', id, action, at);

  it('counts 10 trunks active in the month as 10', () => {
    const events = Array.from({ length: 10 }, (_, i) => trunk(`t-${i}`, 'PROVISIONED', i < 5 ? jan(3) : feb(10)));
    expect(peakOf(events).trunksProvisioned(ACME, FEBRUARY)).toBe(10);
  });

  it('counts a trunk provisioned at any time of the month, even if removed before its end', () => {
    const events = [trunk('a', 'PROVISIONED', feb(2)), trunk('a', 'DEPROVISIONED', feb(3)), trunk('b', 'PROVISIONED', feb(27))];
    expect(peakOf(events).trunksProvisioned(ACME, FEBRUARY)).toBe(2);
  });

  it('does not count a trunk removed in January, nor devices as trunks', () => {
    const events = [trunk('a', 'PROVISIONED', jan(2)), trunk('a', 'DEPROVISIONED', jan(3)), provisioned('phone', feb(2))];
    expect(peakOf(events).trunksProvisioned(ACME, FEBRUARY)).toBe(0);
  });
});

describe('bounded state', () => {
  it('keeps February exact after January is compacted, and drops devices removed in January', () => {
    const book = peakOf([provisioned('kept', jan(5)), provisioned('gone', jan(6)), removed('gone', jan(7)), provisioned('feb', feb(3))]);
    book.compact(ACME, FEBRUARY.start);
    expect(book.devicePeak(ACME, FEBRUARY)).toBe(2);
    expect(book.snapshot(ACME).subjects.map((s) => s.subjectId)).toEqual(['feb', 'kept']);
    expect(book.snapshot(ACME).subjects[1]!.changes).toEqual([[jan(5), 'PROVISIONED']]);
  });

  it('refuses a late January event for a device it no longer keeps, and merges one for a kept device', () => {
    const book = peakOf([provisioned('kept', jan(5))]);
    book.compact(ACME, FEBRUARY.start);
    expect(book.add(provisioned('stranger', jan(9)))).toBe('BEFORE_HORIZON');
    expect(book.add(provisioned('kept', jan(2)))).toBe('NO_CHANGE');
    expect(book.add(removed('kept', jan(20)))).toBe('APPLIED');
    expect(book.devicePeak(ACME, FEBRUARY)).toBe(0);
  });

  it('refuses to answer for a month already compacted', () => {
    const book = peakOf([provisioned('kept', jan(5))]);
    book.compact(ACME, FEBRUARY.start);
    expect(() => book.devicePeak(ACME, JANUARY)).toThrow(RangeError);
  });

  it('answers the same after a JSON round trip of its snapshot', () => {
    const book = peakOf([...devices(4, jan(5)), removed('phone-0', feb(9)), provisioning('TRUNK', 't', 'PROVISIONED', feb(2))]);
    const restored = new ProvisionedPeak();
    restored.restore(ACME, JSON.parse(JSON.stringify(book.snapshot(ACME))));
    expect(restored.devicePeak(ACME, FEBRUARY)).toBe(4);
    expect(restored.trunksProvisioned(ACME, FEBRUARY)).toBe(1);
    expect(restored.snapshot(ACME)).toEqual(book.snapshot(ACME));
  });
});

// Instants around February, few enough that same-millisecond collisions are common.
const instant = fc.constantFrom(jan(20), FEBRUARY.start, feb(3), feb(3) + 1, feb(10), feb(20), FEBRUARY.end, Date.UTC(2026, 2, 5));
const event = fc
  .record({ id: fc.constantFrom('a', 'b', 'c', 'd'), on: fc.boolean(), at: instant })
  .map(({ id, on, at }) => (on ? provisioned(id, at) : removed(id, at)));

/** The count at an instant: devices whose last change at or before it (removals first on ties) is PROVISIONED. */
function bruteCount(events: readonly ProvisioningEvent[], t: number): number {
  const ids = new Set(events.map((e) => e.subjectId));
  let count = 0;
  for (const id of ids) {
    const last = events
      .filter((e) => e.subjectId === id && e.at <= t)
      .sort((x, y) => x.at - y.at || (x.action === y.action ? 0 : x.action === 'DEPROVISIONED' ? -1 : 1))
      .pop();
    if (last?.action === 'PROVISIONED') count++;
  }
  return count;
}

describe('peak properties', () => {
  it('equals the largest count at any instant of the month, whatever order events arrive in', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 25 }).chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length }))), ([events, shuffled]) => {
        const instants = [FEBRUARY.start, ...events.map((e) => e.at).filter((t) => t >= FEBRUARY.start && t < FEBRUARY.end)];
        const expected = Math.max(...instants.map((t) => bruteCount(events, t)));
        expect(peakOf(events).devicePeak(ACME, FEBRUARY)).toBe(expected);
        expect(peakOf(shuffled).devicePeak(ACME, FEBRUARY)).toBe(expected);
      }),
    );
  });

  it('answers for February after compacting January as if refused late events had never been sent', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 25 }), fc.nat(25), (events, split) => {
        const whole = peakOf(events);
        const compacted = peakOf(events.slice(0, split));
        compacted.compact(ACME, FEBRUARY.start);
        const refused = events.slice(split).filter((e) => compacted.add(e) === 'BEFORE_HORIZON');
        // Refused: January events of devices not kept at the horizon; they are the only thing compaction may lose.
        const withoutRefused = peakOf(events.filter((e) => !refused.includes(e)));
        expect(compacted.devicePeak(ACME, FEBRUARY)).toBe(withoutRefused.devicePeak(ACME, FEBRUARY));
        if (refused.length === 0) expect(compacted.devicePeak(ACME, FEBRUARY)).toBe(whole.devicePeak(ACME, FEBRUARY));
      }),
    );
  });
});
