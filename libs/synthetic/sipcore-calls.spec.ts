import type { SipCoreCdr } from '../domain';
import { calendarMonth } from './calendar-month';
import { buildFleets, deviceActiveAt } from './fleet';
import { Prng } from './prng';
import { sipcoreMonth } from './sipcore-calls';

const month = calendarMonth('2026-10');
const fleets = buildFleets(42, month, 3);
const calls: SipCoreCdr[] = [...sipcoreMonth(Prng.stream(42, 'sipcore'), month, fleets, 5000)];
const share = (pred: (c: SipCoreCdr) => boolean) => calls.filter(pred).length / calls.length;
const durationS = (c: SipCoreCdr) => (c.endAt - (c.answerAt ?? c.endAt)) / 1000;

describe('sipcoreMonth', () => {
  it('makes exactly the asked number of CDRs, with unique cdrIds and Call-IDs, in ascending setup time', () => {
    expect(calls).toHaveLength(5000);
    expect(new Set(calls.map((c) => c.cdrId)).size).toBe(5000);
    expect(new Set(calls.map((c) => c.callId)).size).toBe(5000);
    expect(calls.every((c, i) => i === 0 || calls[i - 1]!.setupAt <= c.setupAt)).toBe(true);
  });

  it('mixes ~45 % internal, ~25 % inbound, ~20 % outbound and ~8 % unanswered calls', () => {
    const answered = (c: SipCoreCdr) => c.disposition === 'ANSWERED';
    expect(share((c) => answered(c) && c.fromKind === 'DEVICE' && c.toKind === 'DEVICE')).toBeCloseTo(0.45, 1);
    expect(share((c) => answered(c) && c.fromKind === 'TRUNK')).toBeCloseTo(0.25, 1);
    expect(share((c) => answered(c) && c.toKind === 'TRUNK')).toBeCloseTo(0.2, 1);
    expect(share((c) => !answered(c))).toBeCloseTo(0.08, 1);
  });

  it('gives unanswered calls a matching SIP code and no answer time', () => {
    const codes = { NO_ANSWER: 480, BUSY: 486, CANCELLED: 487, FAILED: 503, ANSWERED: 200 };
    for (const c of calls) {
      expect(c.sipCode).toBe(codes[c.disposition]);
      expect(c.answerAt === null).toBe(c.disposition !== 'ANSWERED');
    }
    expect(new Set(calls.map((c) => c.disposition)).size).toBe(5);
  });

  it('rings 1-20 s before an answer and never ends before it is answered', () => {
    for (const c of calls.filter((x) => x.answerAt !== null)) {
      expect(c.answerAt! - c.setupAt).toBeGreaterThanOrEqual(1000);
      expect(c.answerAt! - c.setupAt).toBeLessThanOrEqual(20000);
      expect(c.endAt).toBeGreaterThanOrEqual(c.answerAt!);
      expect(durationS(c)).toBeLessThan(3600);
    }
  });

  it('includes the increment edges 0 s, 1 s, 60 s and 61 s exactly', () => {
    const durations = new Set(calls.filter((c) => c.answerAt !== null).map(durationS));
    for (const edge of [0, 1, 60, 61]) expect(durations.has(edge)).toBe(true);
  });

  it('has some video calls, and transcoding only on calls that crossed a trunk (~10 % of them)', () => {
    expect(share((c) => c.media === 'VIDEO')).toBeGreaterThan(0.02);
    expect(share((c) => c.media === 'VIDEO')).toBeLessThan(0.08);
    expect(calls.filter((c) => c.transcoded && c.trunkId === null)).toEqual([]);
    const trunkCalls = calls.filter((c) => c.trunkId !== null);
    expect(trunkCalls.filter((c) => c.transcoded).length / trunkCalls.length).toBeCloseTo(0.1, 1);
  });

  it('only uses devices that are provisioned at the time of the call', () => {
    for (const c of calls) {
      const fleet = fleets.find((f) => f.account.accountId === c.accountId)!;
      for (const uri of [c.from, c.to]) {
        const device = fleet.devices.find((d) => d.uri === uri);
        if (device) expect(deviceActiveAt(device, c.setupAt)).toBe(true);
      }
    }
  });
});
