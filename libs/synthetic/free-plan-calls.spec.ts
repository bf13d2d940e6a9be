import { calendarMonth } from './calendar-month';
import { buildFleets } from './fleet';
import { freePlanCalls } from './free-plan-calls';
import { Prng } from './prng';
import { CallFactory } from './sipcore-calls';

const october = calendarMonth('2026-10');
const hooli = buildFleets(42, october, 4)[3]!;
const calls = freePlanCalls(hooli, october, new CallFactory(new Prng(7), october));
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const seconds = (c: (typeof calls)[number]) => (c.answerAt === null ? null : (c.endAt - c.answerAt) / 1000);

describe("the free-plan account's calls", () => {
  it('makes one 3-minute call on the 29th at 09:00 UTC: over the 2-minute maximum', () => {
    expect([calls[0]!.cdrId, iso(calls[0]!.answerAt), seconds(calls[0]!)]).toEqual(['sc-202610-limits-hooli-long', '2026-10-29T09:00:05.000Z', 180]);
  });

  it('fails six calls five minutes apart from 14:00 on the 29th: one more than 5 an hour', () => {
    const failed = calls.slice(1, 7);
    expect(failed.map((c) => [iso(c.setupAt), c.answerAt, c.disposition === 'ANSWERED'])).toEqual(
      [0, 5, 10, 15, 20, 25].map((m) => [`2026-10-29T14:${String(m).padStart(2, '0')}:00.000Z`, null, false]),
    );
  });

  it('makes sixteen 2-minute calls on the 30th, one every five minutes: 32 minutes in the day, none overlapping', () => {
    const day = calls.slice(7);
    expect(day).toHaveLength(16);
    expect(day.every((c) => seconds(c) === 120)).toBe(true);
    expect([iso(day[0]!.answerAt), iso(day[15]!.answerAt)]).toEqual(['2026-10-30T10:00:05.000Z', '2026-10-30T11:15:05.000Z']);
    for (let k = 1; k < day.length; k++) expect(day[k]!.answerAt!).toBeGreaterThanOrEqual(day[k - 1]!.endAt);
  });

  it('calls out from one device over a trunk every time: one SIP account, one leg per call, no transcoding', () => {
    expect(new Set(calls.map((c) => `${c.from} ${c.fromKind} ${c.toKind}`))).toEqual(new Set([`${hooli.devices[0]!.uri} DEVICE TRUNK`]));
    expect(calls.filter((c) => c.answerAt !== null).every((c) => !c.transcoded && c.media === 'AUDIO')).toBe(true);
  });
});
