import { anomalySchedule, duplicatedIndex, timezoneEdgeCalls } from './anomalies';
import { calendarMonth, localMonth } from './calendar-month';
import { buildFleets } from './fleet';
import { Prng } from './prng';
import { CallFactory } from './sipcore-calls';

describe('anomalySchedule', () => {
  it('spreads the anomalies over the stream at sixths, the duplicate after the record it repeats', () => {
    expect(anomalySchedule(301).map((a) => [a.kind, a.after])).toEqual([
      ['truncated', 50], ['unknown-kind', 100], ['end-before-answer', 150], ['unknown-account', 200], ['duplicate', 250],
    ]);
    expect(duplicatedIndex(301)).toBe(150);
  });

  it('puts them all at the start and drops the duplicate when there are no normal CDRs', () => {
    expect(anomalySchedule(0).map((a) => a.after)).toEqual([-1, -1, -1, -1]);
  });
});

describe('timezoneEdgeCalls', () => {
  it.each(['2026-10', '2026-03', '2027-01'])('starts each account\'s edge call in a different month locally than in UTC (%s)', (label) => {
    const month = calendarMonth(label);
    const fleets = buildFleets(42, month, 6);
    const calls = timezoneEdgeCalls(new CallFactory(new Prng(1), month), fleets, month);
    // hooli is on UTC: its months are the UTC months, so it has no edge call.
    expect(calls.map((c) => c.accountId).sort()).toEqual(['acct-0005', 'acct-0006', 'acme', 'globex', 'initech']);
    for (const c of calls) {
      const zone = fleets.find((f) => f.account.accountId === c.accountId)!.account.timezone;
      const utc = new Date(c.setupAt).toISOString().slice(0, 7);
      expect(localMonth(zone, c.setupAt)).not.toBe(utc);
      expect(c.disposition).toBe('ANSWERED');
    }
  });
});
