import { calendarMonth } from './calendar-month';
import { buildFleets } from './fleet';
import { type MediaSession, mediaMonth } from './media-sessions';
import { Prng } from './prng';

const month = calendarMonth('2026-10');
const fleets = buildFleets(42, month, 3);
const sessions: MediaSession[] = [...mediaMonth(Prng.stream(42, 'media'), month, fleets, 600)];
const all = sessions.flatMap((s) => s.records);

describe('mediaMonth', () => {
  it('makes the asked number of sessions with unique record ids', () => {
    expect(sessions).toHaveLength(600);
    expect(new Set(all.map((r) => r.recordId)).size).toBe(all.length);
  });

  it('starts an IVR session with the caller terminating leg; the agent leg that follows is originating', () => {
    const ivr = sessions.filter((s) => s.records[0]!.resource === 'CALL_LEG');
    expect(ivr.length).toBeGreaterThan(100);
    for (const s of ivr) {
      const legs = s.records.filter((r) => r.resource === 'CALL_LEG');
      expect(legs[0]!.direction).toBe('TERMINATING');
      if (legs.length === 2) {
        expect(legs[1]!.direction).toBe('ORIGINATING');
        expect(legs[1]!.startAt).toBeGreaterThan(legs[0]!.startAt);
        expect(legs[1]!.endAt).toBe(legs[0]!.endAt);
      }
    }
  });

  it('gives a conference one bridge record over the whole session and 2-6 participant legs inside it', () => {
    const conferences = sessions.filter((s) => s.records[0]!.resource === 'CONFERENCE_CONNECTION');
    expect(conferences.length).toBeGreaterThan(100);
    for (const s of conferences) {
      const bridge = s.records[0]!;
      const legs = s.records.filter((r) => r.resource === 'CALL_LEG');
      expect(legs.length).toBeGreaterThanOrEqual(2);
      expect(legs.length).toBeLessThanOrEqual(6);
      for (const leg of legs) expect([leg.startAt >= bridge.startAt, leg.endAt <= bridge.endAt, leg.startAt < leg.endAt]).toEqual([true, true, true]);
    }
    expect(all.some((r) => r.endpointKind === 'ALEXA')).toBe(true);
    expect(conferences.some((s) => s.records[0]!.media === 'VIDEO')).toBe(true);
  });

  it('records some sessions, monitors a few, and never monitors an account whose tariff has no monitoring price', () => {
    const recorded = sessions.filter((s) => s.records.some((r) => r.resource === 'RECORDING')).length;
    const monitored = all.filter((r) => r.resource === 'MONITORING');
    expect(recorded / sessions.length).toBeCloseTo(0.25, 1);
    expect(monitored.length).toBeGreaterThan(0);
    expect(monitored.filter((r) => r.accountId === 'initech')).toEqual([]);
    for (const r of all.filter((x) => x.resource !== 'CALL_LEG')) expect([r.direction, r.endpoint]).toEqual([null, null]);
  });
});
