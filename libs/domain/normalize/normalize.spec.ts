import type { RawCdr } from '../records';
import type { UsageRecord } from '../usage';
import { SEED_SCENARIOS, type SeedScenario } from '../../../test/fixtures/seed-scenarios';
import { normalize } from './normalize';

const MIN = 60_000;

/** Normalizes a scenario the way the service would: one source position per raw record. */
const run = (scenario: SeedScenario): UsageRecord[] =>
  scenario.raw.flatMap((raw, i) => {
    const out = normalize(raw, { stream: scenario.stream, partition: 0, position: i + 1 });
    if (!out.ok) throw new Error(`${scenario.name}: ${out.code} ${out.reason}`);
    return out.usage;
  });

const brief = (u: UsageRecord) => ({
  usageId: u.usageId,
  kind: u.kind,
  product: u.product,
  direction: u.direction,
  durationMs: u.durationMs,
});
const totalMs = (usage: readonly UsageRecord[]) => usage.reduce((sum, u) => sum + u.durationMs, 0);

describe('normalizing the seed scenarios', () => {
  it.each(Object.values(SEED_SCENARIOS).map((s) => [s.name, s] as const))(
    '%s gives exactly the usage written down for it',
    (_name, scenario) => {
      const usage = run(scenario);
      expect(usage.map(brief)).toEqual(scenario.expected.usage);
      expect(totalMs(usage)).toBe(scenario.expected.totalDurationMs);
    },
  );

  it('bills an IVR caller as a terminating leg for the time connected, and the connection to an agent as an added originating leg', () => {
    const usage = run(SEED_SCENARIOS.ivrSession);
    expect(usage.map((u) => [u.direction, u.product, u.durationMs])).toEqual([
      ['TERMINATING', 'media.voice', 7 * MIN],
      ['ORIGINATING', 'media.voice', 5 * MIN],
    ]);
    // The agent leg starts when the caller is connected, inside the caller's leg.
    const [caller, agent] = usage;
    expect(agent!.startAt - caller!.startAt).toBe(2 * MIN);
    expect(agent!.endAt).toBe(caller!.endAt);
  });

  it('counts a 10 minute conference of 3 participants as 40 minutes: 10 conference + 30 participant', () => {
    const usage = run(SEED_SCENARIOS.conferenceSession);
    expect(totalMs(usage)).toBe(40 * MIN);
    expect(totalMs(usage.filter((u) => u.product === 'media.conference'))).toBe(10 * MIN);
    expect(totalMs(usage.filter((u) => u.product === 'media.voice'))).toBe(30 * MIN);
    expect(usage.filter((u) => u.kind === 'LEG')).toHaveLength(3);
  });

  it('bills recording and monitoring in addition to the legs they cover', () => {
    const usage = run(SEED_SCENARIOS.recordedMonitoredBridge);
    const minutesOf = (product: string) => totalMs(usage.filter((u) => u.product === product)) / MIN;
    expect(minutesOf('media.voice')).toBe(15.5);
    expect(minutesOf('media.recording')).toBe(7.5);
    expect(minutesOf('media.monitoring')).toBe(3);
  });

  it('gives only a failed attempt, never a billable product, for the unanswered seed call', () => {
    expect(run(SEED_SCENARIOS.unansweredCall).map((u) => [u.kind, u.product])).toEqual([['FAILED_ATTEMPT', null]]);
  });

  it('gives a re-sent CDR identical usage ids, whatever its position in the stream', () => {
    for (const scenario of Object.values(SEED_SCENARIOS)) {
      const first = run(scenario).map((u) => u.usageId);
      const resent = scenario.raw.flatMap((raw) => {
        const out = normalize(raw, { stream: scenario.stream, partition: 5, position: 10_000 });
        return out.ok ? out.usage.map((u) => u.usageId) : [];
      });
      expect(resent).toEqual(first);
    }
  });

  it('gives every usage of every seed scenario a distinct id', () => {
    const ids = Object.values(SEED_SCENARIOS).flatMap((s) => run(s).map((u) => u.usageId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('sends a raw record of an unknown kind to the dead-letter topic instead of throwing', () => {
    const raw = { kind: 'fax', record: {} } as unknown as RawCdr;
    expect(normalize(raw, { stream: 'cdr.fax', partition: 0, position: 1 })).toEqual({
      ok: false,
      code: 'SCHEMA_INVALID',
      reason: 'unknown raw CDR kind=fax',
    });
  });
});
