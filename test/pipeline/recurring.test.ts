import { cpSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Account, Invoice, RecurringPrice } from '../../libs/domain';
import { runOnFiles, summaryTable, type FileRunResult } from '../../libs/pipeline';
import { buildSchemas } from '../../libs/schema';
import { answeredCall, easyTariff, embeddedRun, lineOf, planAccount, type EmbeddedRun } from './embedded-harness';

/**
 * Recurring charges (SPEC 6) through the embedded pipeline: first on the shipped sample, whose
 * accounts each tell one story (data/sample/README.md gives every figure), then on small hand-made
 * cases. Every amount below is worked out by hand from the prices in the comments.
 */
const SAMPLE = join(__dirname, '../../data/sample');
const schemas = buildSchemas();

let root: string;
let out: string;
let run: FileRunResult;
const invoice = (id: string): Invoice => run.invoices.find((i) => i.invoiceId === id)!;
const text = (file: string) => readFile(join(out, file), 'utf8');
const amounts = (inv: Invoice, kind: string) => inv.lines.filter((l) => l.kind === kind).map((l) => [l.product, l.quantity, l.unitPrice, l.amount]);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cdr-recurring-'));
  cpSync(SAMPLE, join(root, 'sample'), { recursive: true });
  out = join(root, 'out');
  run = await runOnFiles({ inputDir: join(root, 'sample'), outDir: out, schemas, keepLedger: true });
});

afterAll(() => rm(root, { recursive: true, force: true }));

describe('recurring charges on the sample month', () => {
  it("bills acme's first invoice: setup fee, 18 devices at peak, trunk, feature, plan, LINES and the prorated upgrade", () => {
    const acme = invoice('acme-2026-10');
    expect(amounts(acme, 'SETUP_FEE')).toEqual([['SETUP_FEE', '1', '99', '99.00']]);
    // 18 devices on 1 October, 15 after three are removed on the 3rd, 7th and 11th: the peak is billed.
    expect(amounts(acme, 'RECURRING')).toEqual([
      ['DESKTOP_USER', '5', '4', '20.00'],
      ['DEVICE', '18', '2.5', '45.00'],
      ['FEATURE:call-recording', '1', '10', '10.00'],
      ['MESSAGING_USER', '2', '1.5', '3.00'],
      ['MOBILE_USER', '6', '3', '18.00'],
      ['OPTION:LINES', '4', '5', '20.00'],
      ['PLAN:std-usd', '1', '49', '49.00'],
      ['TRUNK', '1', '15', '15.00'],
    ]);
    // LINES 4 -> 6 on 15 October: 2 x 5.00 x 17/31 = 5.4838... -> 5.48
    expect(lineOf(acme, 'OPTION:LINES', 'PRORATION')).toMatchObject({
      quantity: '2', amount: '5.48', description: 'Plan std-usd: LINES 4 -> 6 from 2026-10-15 (17/31 days)',
    });
    // usage 29.75 + recurring 180.00 + setup 99.00 + proration 5.48
    expect(acme.total).toBe('314.23');
    expect(acme.peakSimultaneousCalls).toBeNull();
  });

  it('bills globex per channel: voice and video legs at zero with the reason in the ledger, 2 channels, and a top-up to the minimum', async () => {
    const globex = invoice('globex-2026-10');
    const legs = ['media.video', 'media.voice', 'sipcore.video', 'sipcore.voice'];
    expect(globex.lines.filter((l) => legs.includes(l.product)).map((l) => [l.product, l.unitPrice, l.amount])).toEqual(
      legs.map((p) => [p, '0', '0.00']),
    );
    expect(lineOf(globex, 'sipcore.voice')).toMatchObject({ quantity: '1408', records: 193 }); // minutes still counted
    const ledger = (await text('ledger.rated.jsonl')).trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const voice = ledger.filter((r) => r.accountId === 'globex' && r.product === 'sipcore.voice');
    expect(voice.length).toBe(194); // 193 in October, the edge call in November
    expect(new Set(voice.map((r) => `${r.amount} ${r.zeroRatedReason}`))).toEqual(new Set(['0.000000 PER_CHANNEL']));
    // transcoding is a resource on top of the call: still billed (46.566667 min x 0.0035 = 0.16)
    expect(lineOf(globex, 'sipcore.transcoding').amount).toBe('0.16');

    expect(lineOf(globex, 'CHANNEL', 'RECURRING')).toMatchObject({ quantity: '2', unitPrice: '25', amount: '50.00' });
    // everything else adds up to 178.82; the minimum is 500.00
    expect(lineOf(globex, 'MINIMUM_CHARGE', 'MINIMUM_CHARGE')).toMatchObject({ unitPrice: '500', amount: '321.18' });
    expect(globex.total).toBe('500.00');
  });

  it("reports globex's peak of 4 simultaneous calls and writes its LINES event to limits.jsonl and limits.csv", async () => {
    expect(invoice('globex-2026-10').peakSimultaneousCalls).toBe(4);
    expect(invoice('globex-2026-11').peakSimultaneousCalls).toBe(1);
    const sipcore = join(root, 'sample', 'cdr.sipcore.jsonl');
    const event = {
      eventId: 'globex:LINES:2026-10', accountId: 'globex', limit: 'LINES', planTariffId: null,
      windowStart: '2026-09-30T22:00:00.000Z', windowSeconds: 2_682_000, value: 4, threshold: 2,
      at: '2026-10-28T13:02:05.000Z', usageId: 'sip:sc-202610-burst-globex-3:term',
      source: { stream: sipcore, partition: 0, position: 273 },
    };
    // The other events in the files are hooli's free-plan limits (test/pipeline/limits.test.ts).
    const globex = (rows: string[]) => rows.filter((row) => row.startsWith('event_id,') || row.includes('"accountId":"globex"') || row.startsWith('globex:'));
    expect(globex((await text('limits.jsonl')).trimEnd().split('\n')).map((l) => JSON.parse(l))).toEqual([event]);
    expect(globex((await text('limits.csv')).trimEnd().split('\n'))).toEqual([
      'event_id,account_id,limit,plan_tariff_id,window_start,window_seconds,value,threshold,at,usage_id,source_stream,source_partition,source_position',
      `globex:LINES:2026-10,globex,LINES,,2026-09-30T22:00:00.000Z,2682000,4,2,2026-10-28T13:02:05.000Z,sip:sc-202610-burst-globex-3:term,${sipcore},0,273`,
    ]);
    expect(run.limitEvents.filter((e) => e.accountId === 'globex')).toHaveLength(1);
  });

  it("writes initech's users.csv with each SIP-ID once: John Doe's three mobiles are one user, the conference host one video host", async () => {
    const csv = (await readFile(join(out, 'invoices', 'initech-2026-10-users.csv'), 'utf8')).split('\n');
    expect(csv).toEqual([
      'sip_id,mobile_user,desktop_user,video_host,messaging_user',
      '1234500@initech.example.com,1,0,0,0',
      '1234503@initech.example.com,1,0,0,0',
      '1234504@initech.example.com,1,0,1,0',
      '1234505@initech.example.com,0,1,0,0',
      '',
    ]);
    const initech = invoice('initech-2026-10');
    expect(amounts(initech, 'RECURRING')).toEqual([
      ['DESKTOP_USER', '1', '480', '480'],
      ['DEVICE', '7', '300', '2100'],
      ['MOBILE_USER', '3', '350', '1050'],
      ['TRUNK', '2', '1800', '3600'],
      ['VIDEO_HOST', '1', '950', '950'],
    ]);
    expect(initech.users).toHaveLength(4);
  });

  it('writes an empty warnings.txt and puts the limit events and warnings in the run summary', async () => {
    expect(await text('warnings.txt')).toBe('');
    expect(run.warnings).toEqual([]);
    expect(summaryTable(run.invoices, run.stats).split('\n').at(-1)).toBe(
      '72 provisioning events and 98 user activities read; 4 limit events, 0 warnings',
    );
  });

  it('writes byte-identical limit, warning and users files when run again', async () => {
    const files = ['limits.jsonl', 'limits.csv', 'warnings.txt', 'invoices/initech-2026-10-users.csv', 'invoices/globex-2026-10.json'];
    const before = await Promise.all(files.map(text));
    await runOnFiles({ inputDir: join(root, 'sample'), outDir: out, schemas });
    expect(await Promise.all(files.map(text))).toEqual(before);
  });
});

// Hand-made: the easy tariff with round monthly prices, one account in UTC, February 2026.
const PRICES: RecurringPrice[] = [
  { charge: 'DEVICE', feature: null, price: '2.50' },
  { charge: 'CHANNEL', feature: null, price: '20.00' },
  { charge: 'MOBILE_USER', feature: null, price: '3.00' },
  { charge: 'DESKTOP_USER', feature: null, price: '4.00' },
];
const tariff = easyTariff({ recurring: PRICES });

function pipelineFor(account: Partial<Account> = {}): EmbeddedRun & {
  provision(id: string, action: 'PROVISIONED' | 'DEPROVISIONED', at: string, accountId?: string): void;
  activity(sipId: string, deviceId: string, at: string, client?: 'MOBILE' | 'DESKTOP'): void;
} {
  const run = embeddedRun(schemas, [planAccount('acct-seed', 'easy', account)], [tariff]);
  let n = 0;
  return {
    ...run,
    provision(subjectId, action, at, accountId = 'acct-seed') {
      const line = JSON.stringify({ eventId: `pv-${++n}`, accountId, subject: 'DEVICE', subjectId, action, at });
      run.pipeline.acceptProvisioning(schemas.decodeJson('provisioning', line), { stream: 'provisioning', partition: 0, position: n }, line);
    },
    activity(sipId, deviceId, at, client = 'MOBILE') {
      const line = JSON.stringify({ eventId: `rg-${++n}`, accountId: 'acct-seed', sipId, deviceId, activity: 'REGISTERED', client, at });
      run.pipeline.acceptActivity(schemas.decodeJson('activity', line), { stream: 'registrations', partition: 0, position: n }, line);
    },
  };
}

const aFebruaryCall = (run: EmbeddedRun) => run.feed('sipcore', answeredCall({ cdrId: 'feb', answerAt: '2026-02-10T10:00:00Z', durationMs: 60_000, toKind: 'TRUNK' }));

describe('recurring charges on hand-made months', () => {
  it('bills 50 devices at peak x 2.50 = 125.00 even when 30 remain at month end', () => {
    const run = pipelineFor();
    for (let i = 1; i <= 50; i++) run.provision(`sip:${1000 + i}@acct`, 'PROVISIONED', '2026-01-15T09:00:00Z');
    for (let i = 1; i <= 20; i++) run.provision(`sip:${1000 + i}@acct`, 'DEPROVISIONED', '2026-02-20T09:00:00Z');
    aFebruaryCall(run);

    const [february] = run.pipeline.invoices();
    expect(lineOf(february!, 'DEVICE', 'RECURRING')).toMatchObject({ quantity: '50', unitPrice: '2.5', amount: '125.00' });
    expect(february!.total).toBe('125.01'); // + 1 minute of voice at 0.01
  });

  it("bills John Doe's three mobile devices on one SIP-ID as one mobile user", () => {
    const run = pipelineFor();
    run.activity('1234568@myvoipserver.com', 'john-iphone', '2026-02-02T08:00:00Z');
    run.activity('1234568@myvoipserver.com', 'john-android', '2026-02-03T08:00:00Z');
    run.activity('1234568@myvoipserver.com', 'john-tablet', '2026-02-04T08:00:00Z');

    const [february] = run.pipeline.invoices();
    expect(february!.users).toEqual([{ sipId: '1234568@myvoipserver.com', licences: ['MOBILE_USER'] }]);
    expect(lineOf(february!, 'MOBILE_USER', 'RECURRING')).toMatchObject({ quantity: '1', amount: '3.00' });
    expect(february!.total).toBe('3.00'); // a month with activity and no usage still gets its invoice
  });

  it('does not bill a user with no activity in the month, and bills the month the user was active in', () => {
    const run = pipelineFor();
    run.activity('jane@acct', 'jane-desk', '2026-01-20T08:00:00Z', 'DESKTOP');
    run.activity('john@acct', 'john-phone', '2026-02-02T08:00:00Z', 'MOBILE');

    const invoices = run.pipeline.invoices();
    expect(invoices.map((i) => [i.month, i.users.map((u) => u.sipId), i.total])).toEqual([
      ['2026-01', ['jane@acct'], '4.00'],
      ['2026-02', ['john@acct'], '3.00'],
    ]);
  });

  it('opens no invoice for a month that has only provisioning carried into it', () => {
    const run = pipelineFor();
    run.provision('sip:1001@acct', 'PROVISIONED', '2026-01-15T09:00:00Z');
    aFebruaryCall(run);

    expect(run.pipeline.invoices().map((i) => [i.month, lineOf(i, 'DEVICE', 'RECURRING').amount])).toEqual([['2026-02', '2.50']]);
  });

  it('lists an enabled feature no tariff prices as a warning instead of billing it at zero', () => {
    const run = pipelineFor({ features: ['call-recording'] });
    aFebruaryCall(run);

    const closed = run.pipeline.closeMonths();
    expect(closed.warnings).toEqual(['acct-seed 2026-02: feature "call-recording" is enabled but no active tariff prices it']);
    expect(closed.invoices[0]!.lines.map((l) => l.product)).toEqual(['sipcore.voice']);
    expect(run.pipeline.stats.warnings).toBe(1);
  });

  it('dead-letters an event of an unknown account and an unreadable event line at ingest, and goes on', () => {
    const run = pipelineFor();
    run.provision('sip:1@ghost', 'PROVISIONED', '2026-02-01T09:00:00Z', 'ghost');
    run.pipeline.acceptActivity(schemas.decodeJson('activity', '{"eventId":'), { stream: 'registrations', partition: 0, position: 9 }, '{"eventId":');
    run.provision('sip:1001@acct', 'PROVISIONED', '2026-02-01T09:00:00Z');
    aFebruaryCall(run);

    expect(run.letters.map((l) => [l.code, l.stage, l.source.stream])).toEqual([
      ['UNKNOWN_ACCOUNT', 'ingest', 'provisioning'],
      ['UNPARSEABLE', 'ingest', 'registrations'],
    ]);
    expect(run.letters[0]!.reason).toContain('ghost');
    expect(lineOf(run.pipeline.invoices()[0]!, 'DEVICE', 'RECURRING').quantity).toBe('1');
    expect([run.pipeline.stats.provisioningEvents, run.pipeline.stats.userActivities, run.pipeline.stats.cdrsRead]).toEqual([2, 1, 1]);
  });

  it('zero-rates a PER_CHANNEL account on 2 channels and raises one LINES event for the third call up at once', () => {
    const run = pipelineFor({ billingModel: 'PER_CHANNEL', channels: 2 });
    // A device-to-device call (two legs, one channel) 10:00-10:10, a trunk call 10:02-10:08, then a third at 10:05.
    run.feed('sipcore', answeredCall({ cdrId: 'd2d', answerAt: '2026-02-10T10:00:00Z', durationMs: 600_000 }));
    run.feed('sipcore', answeredCall({ cdrId: 'second', answerAt: '2026-02-10T10:02:00Z', durationMs: 360_000, fromKind: 'TRUNK' }));
    run.feed('sipcore', answeredCall({ cdrId: 'third', answerAt: '2026-02-10T10:05:00Z', durationMs: 120_000, fromKind: 'TRUNK' }));

    expect(run.rated.map((r) => [r.usageId, r.amount, r.zeroRatedReason])).toEqual([
      ['sip:d2d:orig', '0.000000', 'PER_CHANNEL'],
      ['sip:d2d:term', '0.000000', 'PER_CHANNEL'],
      ['sip:second:term', '0.000000', 'PER_CHANNEL'],
      ['sip:third:term', '0.000000', 'PER_CHANNEL'],
    ]);
    const [february] = run.pipeline.invoices();
    expect(february!.peakSimultaneousCalls).toBe(3);
    expect(lineOf(february!, 'sipcore.voice')).toMatchObject({ quantity: '28', amount: '0.00', records: 4 }); // 10 + 10 + 6 + 2 min
    expect(lineOf(february!, 'CHANNEL', 'RECURRING')).toMatchObject({ quantity: '2', amount: '40.00' });
    // `easy` is a rate card, so the free plan's own events (1 line, 2 minutes a call...) come too: the channel event is the month's.
    expect(run.pipeline.limitEvents().filter((e) => e.eventId.endsWith(':2026-02'))).toEqual([
      expect.objectContaining({
        eventId: 'acct-seed:LINES:2026-02', limit: 'LINES', value: 3, threshold: 2,
        at: Date.parse('2026-02-10T10:05:00Z'), usageId: 'sip:third:term', source: { stream: 'cdr.sipcore', partition: 0, position: 3 },
      }),
    ]);
  });
});
