import { AccountId, TariffId, UsageId, type Account, type LimitEvent, type Limits, type UsageRecord } from '../domain';
import { flagBit, flagList } from '../domain/limits/limit-flags';
import { sampleAccount, sampleTariff } from '../domain/reference/sample-reference';
import { PlanLimits, withFlags } from './plan-limits';
import { ReferenceData } from './reference-data';

// acme (UTC) on `card` (a rate card) and, from 1 March 2026, `gw`: 5 failed calls an hour, 1 SIP account.
const MIN = 60_000;
const MARCH = Date.UTC(2026, 2, 1);
const T0 = Date.UTC(2026, 2, 2, 14, 0);
const NO_LIMITS: Limits = { maxCallDurationSeconds: null, totalDurationSeconds: null, successfulCalls: null, failedCalls: null, sipAccounts: null, lines: null };
const gw = sampleTariff({
  tariffId: TariffId('gw'), effectiveFrom: 0, rates: [], categories: ['GATEWAY'],
  limits: { ...NO_LIMITS, failedCalls: { limit: 5, windowSeconds: 3600 }, sipAccounts: 1 },
});

function limitsFor(gwOptions: Account['plans'][number]['options'] = []) {
  const account = sampleAccount({
    accountId: AccountId('acme'),
    plans: [
      { tariffId: TariffId('card'), activatedAt: 0, expiresAt: null, options: [] },
      { tariffId: TariffId('gw'), activatedAt: MARCH, expiresAt: null, options: gwOptions },
    ],
  });
  const events: LimitEvent[] = [];
  const limits = new PlanLimits(ReferenceData.of([account], [sampleTariff({ tariffId: TariffId('card'), effectiveFrom: 0 }), gw]), events);
  return { limits, events };
}

let n = 0;
function usage(kind: 'LEG' | 'FAILED_ATTEMPT', startAt: number, seconds: number, endpoint = 'sip:100@acme.example'): UsageRecord {
  n += 1;
  return {
    usageId: UsageId(`sip:c${n}:${kind === 'LEG' ? 'orig' : 'attempt'}`), sourceId: `c${n}`, origin: 'SIPCORE', accountId: AccountId('acme'),
    kind, product: null, direction: null, media: 'AUDIO', callId: `c${n}`, endpoint, startAt, endAt: startAt + seconds * 1000,
    durationMs: seconds * 1000, source: { stream: 'usage.legs', partition: 0, position: n },
  };
}
const failed = (at: number) => usage('FAILED_ATTEMPT', at, 10);

describe('PlanLimits', () => {
  it('holds the sixth failed call of the hour to 5, and to 10 once an option change raised the limit', () => {
    const fiveThenSixth = (sixthAt: number, change: number) => {
      const { limits, events } = limitsFor([{ option: 'FAILED_CALLS', value: 10, at: change }]);
      const flags = [0, 5, 10, 15, 20].map((m) => limits.observe(failed(T0 + m * MIN)));
      flags.push(limits.observe(failed(sixthAt)));
      return { flags, events };
    };
    // The first five were judged before the change: their cached limits must not outlive it.
    const raised = fiveThenSixth(T0 + 35 * MIN, T0 + 30 * MIN);
    expect([raised.flags.at(-1), raised.events]).toEqual([[], []]);
    const before = fiveThenSixth(T0 + 25 * MIN, T0 + 30 * MIN);
    expect(before.flags.at(-1)).toEqual(['LIMIT:FAILED_CALLS']);
    expect(before.events.map((e) => [e.threshold, e.planTariffId])).toEqual([[5, 'gw']]);
  });

  it('holds usage before the plan starts to the free plan: a 3-minute call on 28 February is over 2 minutes', () => {
    const { limits, events } = limitsFor();
    expect(limits.observe(usage('LEG', MARCH - 60 * MIN, 180))).toEqual(['LIMIT:MAX_CALL_DURATION']);
    expect(limits.observe(usage('LEG', MARCH + 60 * MIN, 180))).toEqual([]); // gw sets no call maximum
    expect(events.map((e) => [e.limit, e.planTariffId])).toEqual([['MAX_CALL_DURATION', null]]);
  });

  it('counts SIP accounts per billing month: a second phone in March is over 1, the same phone in April is not', () => {
    const { limits, events } = limitsFor();
    limits.observe(usage('LEG', T0, 30, 'sip:100@acme.example'));
    expect(limits.observe(usage('LEG', T0 + MIN, 30, 'sip:101@acme.example'))).toEqual(['LIMIT:SIP_ACCOUNTS']);
    expect(limits.observe(usage('LEG', Date.UTC(2026, 3, 2), 30, 'sip:101@acme.example'))).toEqual([]);
    expect(events.map((e) => [e.limit, e.windowStart])).toEqual([['SIP_ACCOUNTS', MARCH]]);
  });
});

describe('withFlags', () => {
  const rated = (flags: string[]) => ({ ratedId: 'r', flags });

  it('leaves a record with nothing to add as it is', () => {
    const record = rated([]);
    expect(withFlags(record, [])).toBe(record);
  });

  it('sorts the flags the counters hand out for a record past two limits', () => {
    const counted = flagList(flagBit('MAX_CALL_DURATION') | flagBit('LINES'));
    expect(withFlags(rated([]), counted).flags).toEqual(['LIMIT:LINES', 'LIMIT:MAX_CALL_DURATION']);
  });

  it('lists the flags sorted and each once', () => {
    expect(withFlags(rated(['LIMIT:TOTAL_DURATION']), ['LIMIT:MAX_CALL_DURATION', 'LIMIT:TOTAL_DURATION']).flags).toEqual([
      'LIMIT:MAX_CALL_DURATION', 'LIMIT:TOTAL_DURATION',
    ]);
  });
});
