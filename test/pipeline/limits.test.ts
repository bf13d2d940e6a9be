import { cpSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Account, LimitEvent, Limits, PlanAssignment, RatedRecord, SipCoreCdr, UsageRecord } from '../../libs/domain';
import { TariffId } from '../../libs/domain';
import { normalizeSipCore } from '../../libs/domain/normalize';
import { PlanLimits, ReferenceData, runOnFiles, type FileRunResult } from '../../libs/pipeline';
import { buildSchemas } from '../../libs/schema';
import { answeredCall, easyTariff, embeddedRun, lineOf, planAccount, planFrom, PLANS_FROM, type EmbeddedRun } from './embedded-harness';

/**
 * Tariff-plan limits (SPEC 5) through the embedded pipeline. Hand-made calls of `acct-seed` (UTC) in
 * February 2026 on `easy`, a rate card (`limits: null`), so the free plan of seed 002 holds: 2 minutes
 * a call, 5 failed calls an hour, 30 minutes a day, 1 line, 1 SIP account. Calls go out from one
 * device over a trunk (one leg, one SIP account) and never overlap unless the case is about it.
 * Then the shipped sample (data/sample/README.md lists its events).
 */
const schemas = buildSchemas();
const NO_LIMITS: Limits = { maxCallDurationSeconds: null, totalDurationSeconds: null, successfulCalls: null, failedCalls: null, sipAccounts: null, lines: null };
const ms = (iso: string) => Date.parse(iso);

const outCall = (cdrId: string, answerAt: string, seconds: number) =>
  answeredCall({ cdrId, answerAt, durationMs: seconds * 1000, toKind: 'TRUNK', trunkId: 'trunk-1' });

/** A call nobody answered: one failed attempt for the limits, nothing to rate. */
function unanswered(cdrId: string, setupAt: string): string {
  return JSON.stringify({
    cdrId, accountId: 'acct-seed', callId: `${cdrId}@sbc.example`, from: 'sip:1001@acct-seed.example', to: 'sip:+12125550100@trunk-1.example',
    fromKind: 'DEVICE', toKind: 'TRUNK', trunkId: 'trunk-1', media: 'AUDIO', transcoded: false,
    setupAt, answerAt: null, endAt: new Date(ms(setupAt) + 20_000).toISOString(), sipCode: 480, disposition: 'NO_ANSWER',
  });
}

const freePlan = (): EmbeddedRun => embeddedRun(schemas, [planAccount()], [easyTariff()]);
const feedAll = (run: EmbeddedRun, lines: readonly string[]) => lines.forEach((l) => run.feed('sipcore', l));
const flagsOf = (rated: readonly RatedRecord[]) => rated.map((r) => [r.usageId, r.flags] as const);
const at = (hour: number, minute: number, day = 10) => `2026-02-${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`;
const source = (position: number) => ({ stream: 'cdr.sipcore', partition: 0, position });

describe('limits on the free plan (a rate card: limits null)', () => {
  it('raises MAX_CALL_DURATION for a 3-minute call, value 180 over 120, and still rates it, flagged', () => {
    const run = freePlan();
    feedAll(run, [outCall('short', at(9, 0), 120), outCall('long', at(10, 0), 180)]);

    expect(run.pipeline.limitEvents()).toEqual([{
      eventId: 'acct-seed:MAX_CALL_DURATION:long@sbc.example', accountId: 'acct-seed', limit: 'MAX_CALL_DURATION', planTariffId: null,
      windowStart: null, windowSeconds: null, value: 180, threshold: 120, at: ms(at(10, 0)), usageId: 'sip:long:orig', source: source(2),
    }]);
    // 2 min + 3 min at 0.01: the call past the limit is billed all the same
    expect(run.rated.map((r) => [r.usageId, r.amount, r.flags])).toEqual([
      ['sip:short:orig', '0.020000', []],
      ['sip:long:orig', '0.030000', ['LIMIT:MAX_CALL_DURATION']],
    ]);
    expect(lineOf(run.pipeline.invoices()[0]!, 'sipcore.voice')).toMatchObject({ quantity: '5', amount: '0.05', records: 2 });
  });

  it('raises FAILED_CALLS on the sixth failed call within an hour; the seventh is flagged without a new event', () => {
    const calls = [0, 10, 20, 30, 40, 50, 55].map((m, i) => unanswered(`f${i + 1}`, at(14, m)));
    const run = freePlan();
    feedAll(run, [...calls, unanswered('f8', at(15, 0))]); // 15:00: the hour that opened at 14:00 is over

    expect(run.pipeline.limitEvents()).toEqual([expect.objectContaining({
      eventId: `acct-seed:FAILED_CALLS:${ms(at(14, 0))}`, limit: 'FAILED_CALLS', windowStart: ms(at(14, 0)), windowSeconds: 3600,
      value: 6, threshold: 5, at: ms(at(14, 50)), usageId: 'sip:f6:attempt', source: source(6),
    })]);
    expect([run.rated, run.pipeline.stats.failedAttempts]).toEqual([[], 8]);

    // A failed attempt has no rated record to carry its flag: the flags PlanLimits hands back show it.
    const events: LimitEvent[] = [];
    const limits = new PlanLimits(ReferenceData.of([planAccount()], [easyTariff()]), events);
    const flags = [...calls, unanswered('f8', at(15, 0))].map((line, i) => limits.observe(usageOf(line, i)[0]!));
    expect(flags).toEqual([[], [], [], [], [], ['LIMIT:FAILED_CALLS'], ['LIMIT:FAILED_CALLS'], []]);
    expect(events.map((e) => e.usageId)).toEqual(['sip:f6:attempt']);
  });

  it('raises TOTAL_DURATION for 31 minutes of calls in a day, on the call that crosses 30', () => {
    // Fifteen 2-minute calls (each at the maximum, not over it) make 30 minutes; one more minute crosses.
    const calls = Array.from({ length: 15 }, (_, k) => outCall(`c${k + 1}`, at(8 + Math.floor(k / 2), (k % 2) * 30), 120));
    const run = freePlan();
    feedAll(run, [...calls, outCall('c16', at(16, 0), 60), outCall('next-day', at(9, 0, 11), 60)]);

    expect(run.pipeline.limitEvents()).toEqual([expect.objectContaining({
      eventId: `acct-seed:TOTAL_DURATION:${ms(at(8, 0))}`, limit: 'TOTAL_DURATION', windowStart: ms(at(8, 0)), windowSeconds: 86_400,
      value: 1860, threshold: 1800, at: ms(at(16, 0)), usageId: 'sip:c16:orig', source: source(16),
    })]);
    // The next day's call opens a new window at 09:00 on the 11th (the first one closed at 08:00).
    expect(flagsOf(run.rated).filter(([, f]) => f.length > 0)).toEqual([['sip:c16:orig', ['LIMIT:TOTAL_DURATION']]]);
    expect(run.rated).toHaveLength(17);
  });

  it('does not count a re-sent CDR twice toward a limit: dedup comes first', () => {
    const run = freePlan();
    const calls = [0, 10, 20, 30, 40].map((m, i) => unanswered(`f${i + 1}`, at(14, m)));
    feedAll(run, [...calls, calls[4]!]);
    expect([run.pipeline.limitEvents(), run.pipeline.stats.duplicates]).toEqual([[], 1]);

    run.feed('sipcore', unanswered('f6', at(14, 50)));
    expect(run.pipeline.limitEvents().map((e) => [e.usageId, e.value])).toEqual([['sip:f6:attempt', 6]]);
  });
});

describe('several active plans', () => {
  /** A plan that only limits the call duration (no prices): `easy` still rates everything. */
  const capped = (id: string, seconds: number) =>
    easyTariff({ tariffId: TariffId(id), rates: [], recurring: [], categories: ['GATEWAY'], limits: { ...NO_LIMITS, maxCallDurationSeconds: seconds } });
  const plan = (id: string, expiresAt: string | null): PlanAssignment => ({ ...planFrom(id, PLANS_FROM), expiresAt: expiresAt === null ? null : ms(expiresAt) });
  const run = (plans: PlanAssignment[], ...caps: [string, number][]) =>
    embeddedRun(schemas, [planAccount('acct-seed', 'easy', { plans: [planFrom('easy', PLANS_FROM), ...plans] } as Partial<Account>)], [
      easyTariff(), ...caps.map(([id, s]) => capped(id, s)),
    ]);

  it('takes the higher value of the same option: 10 minutes over 5', () => {
    const r = run([plan('max-5min', null), plan('max-10min', null)], ['max-5min', 300], ['max-10min', 600]);
    feedAll(r, [outCall('seven-min', at(9, 0), 420), outCall('eleven-min', at(10, 0), 660)]);

    expect(r.pipeline.limitEvents()).toEqual([
      expect.objectContaining({ limit: 'MAX_CALL_DURATION', planTariffId: 'max-10min', value: 660, threshold: 600, usageId: 'sip:eleven-min:orig' }),
    ]);
    // The limits-only plans price nothing: rating falls through to `easy`. No free-plan limit applies.
    expect(r.rated.map((x) => [x.usageId, x.tariffId, x.flags])).toEqual([
      ['sip:seven-min:orig', 'easy', []],
      ['sip:eleven-min:orig', 'easy', ['LIMIT:MAX_CALL_DURATION']],
    ]);
  });

  it('names the plan that expires first when two plans set the same value', () => {
    const r = run([plan('a-plan', '2026-06-01T00:00:00Z'), plan('b-plan', '2026-03-01T00:00:00Z')], ['a-plan', 600], ['b-plan', 600]);
    r.feed('sipcore', outCall('long', at(9, 0), 660));
    expect(r.pipeline.limitEvents().map((e) => [e.planTariffId, e.threshold])).toEqual([['b-plan', 600]]);
  });
});

describe('limit events and batches', () => {
  // A free-plan day touching every kind of limit: a device-to-device call (2 SIP accounts), two calls
  // up at once (2 lines), a long call, six failed calls and well over 30 minutes in the day.
  const day = [
    answeredCall({ cdrId: 'd2d', answerAt: at(8, 0), durationMs: 60_000 }),
    outCall('a', at(9, 0), 600),
    outCall('b', at(9, 5), 60),
    ...[0, 1, 2, 3, 4, 5, 6].map((k) => unanswered(`f${k}`, at(10, k * 5))),
    ...Array.from({ length: 14 }, (_, k) => outCall(`c${k}`, at(11 + Math.floor(k / 3), (k % 3) * 20), 120 + k)),
  ];
  const eventsInBatches = (size: number): LimitEvent[] => {
    const r = freePlan();
    day.forEach((line, i) => {
      r.feed('sipcore', line);
      if ((i + 1) % size === 0) r.pipeline.closeMonths(); // a flush reads everything out, as a service would
    });
    return r.pipeline.limitEvents();
  };

  it('gives the same events whatever the batch split, in arrival order', () => {
    const once = eventsInBatches(day.length);
    expect(new Set(once.map((e) => e.limit))).toEqual(new Set(['SIP_ACCOUNTS', 'MAX_CALL_DURATION', 'LINES', 'FAILED_CALLS', 'TOTAL_DURATION']));
    for (const size of [1, 2, 5, 7]) expect(eventsInBatches(size)).toEqual(once);
  });
});

describe('limits on the shipped sample', () => {
  let root: string;
  let run: FileRunResult;
  let ledger: RatedRecord[];

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'cdr-limits-'));
    cpSync(join(__dirname, '../../data/sample'), join(root, 'sample'), { recursive: true });
    run = await runOnFiles({ inputDir: join(root, 'sample'), outDir: join(root, 'out'), schemas, keepLedger: true });
    ledger = (await readFile(join(root, 'out', 'ledger.rated.jsonl'), 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as RatedRecord);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("writes hooli's three free-plan events and globex's LINES event to limits.jsonl", async () => {
    const expected = [
      ['globex:LINES:2026-10', null, 4, 2, 273],
      ['hooli:MAX_CALL_DURATION:267886f29e2fcc0e-limits-hooli-long@sbc.hooli.example.com', null, 180, 120, 284],
      [`hooli:FAILED_CALLS:${ms('2026-10-29T14:00:00Z')}`, null, 6, 5, 295],
      [`hooli:TOTAL_DURATION:${ms('2026-10-30T10:00:05Z')}`, null, 1920, 1800, 320],
    ];
    const written = (await readFile(run.limitsFile, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
    expect(written.map((e) => [e.eventId, e.planTariffId, e.value, e.threshold, e.source.position])).toEqual(expected);
    expect(run.limitEvents.map((e) => e.eventId)).toEqual(expected.map(([id]) => id));
  });

  it("flags hooli's calls past a limit in the ledger and bills them on its invoice; nobody else is flagged", () => {
    expect(flagsOf(ledger.filter((r) => r.flags.length > 0))).toEqual([
      ['sip:sc-202610-limits-hooli-long:orig', ['LIMIT:MAX_CALL_DURATION']],
      ['sip:sc-202610-limits-hooli-day-16:orig', ['LIMIT:TOTAL_DURATION']],
    ]);
    const hooli = run.invoices.find((i) => i.invoiceId === 'hooli-2026-10')!;
    // 3 min + 16 x 2 min = 35 min x 0.015 (card-usd) = 0.525 -> 0.53
    expect(lineOf(hooli, 'sipcore.voice')).toMatchObject({ quantity: '35', billedSeconds: 2100, records: 17, amount: '0.53' });
  });

  it("rates acme with std-usd all month: its limits-only plan (10 lines from 8 October) prices nothing", () => {
    const acme = ledger.filter((r) => r.accountId === 'acme');
    expect(acme.filter((r) => ms(String(r.startAt)) >= ms('2026-10-08T04:00:00Z')).length).toBeGreaterThan(100); // the JSON form has ISO times
    expect(new Set(acme.map((r) => r.tariffId))).toEqual(new Set(['std-usd']));
  });
});

/** The usage records of one SIP core CDR line, as the pipeline normalizes them. */
function usageOf(line: string, position: number): readonly UsageRecord[] {
  const decoded = schemas.decodeJson('sipcore', line);
  if (!decoded.ok) throw new Error(decoded.reason);
  const outcome = normalizeSipCore(decoded.value as SipCoreCdr, source(position));
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome.usage;
}
