import { Command } from 'commander';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as avro from 'avsc';
import { generateMonth, type GenerateOptions, localMonth } from '../../libs/synthetic';
import { parseGenerateFlags, registerGenerate } from '../../services/cli/commands/generate';
import { CliError } from '../../services/cli/cli-error';

const SAMPLE = join(__dirname, '../../data/sample');
const FIELDS = {
  'cdr.sipcore.jsonl': ['cdrId', 'accountId', 'callId', 'from', 'to', 'fromKind', 'toKind', 'trunkId', 'media', 'transcoded', 'setupAt', 'answerAt', 'endAt', 'sipCode', 'disposition'],
  'cdr.media.jsonl': ['recordId', 'accountId', 'sessionId', 'resource', 'direction', 'media', 'endpoint', 'endpointKind', 'startAt', 'endAt'],
  'provisioning.jsonl': ['eventId', 'accountId', 'subject', 'subjectId', 'action', 'at'],
  'registrations.jsonl': ['eventId', 'accountId', 'sipId', 'deviceId', 'activity', 'client', 'at'],
} as const;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const TIME_FIELDS = new Set(['setupAt', 'answerAt', 'endAt', 'startAt', 'at']);

type Json = Record<string, unknown>;
let root: string;
let n = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cdr-generate-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function options(over: Partial<GenerateOptions> = {}): GenerateOptions {
  return {
    outDir: join(root, `run-${++n}`), accounts: 3, month: '2026-10', seed: 42,
    sipcore: 300, mediaSessions: 60, anomalies: false, format: 'jsonl', ...over,
  };
}

/** Runs `cdr generate <args>` through commander, as the real program would. */
async function cli(args: string[]): Promise<string> {
  const program = new Command('cdr').exitOverride();
  registerGenerate(program);
  const writes: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    writes.push(String(s));
    return true;
  });
  try {
    await program.parseAsync(['node', 'cdr', 'generate', ...args]);
  } finally {
    spy.mockRestore();
  }
  return writes.join('');
}

async function files(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const f of (await readdir(dir)).sort()) if (f !== 'README.md') out.set(f, await readFile(join(dir, f)));
  return out;
}

async function lines(dir: string, file: string): Promise<string[]> {
  return (await readFile(join(dir, file), 'utf8')).split('\n').filter((l) => l.length > 0);
}

async function records(dir: string, file: string): Promise<Json[]> {
  const out: Json[] = [];
  for (const l of await lines(dir, file)) {
    try {
      out.push(JSON.parse(l) as Json);
    } catch {
      // unparseable lines are counted by the tests that expect them
    }
  }
  return out;
}

describe('cdr generate: reproducible output', () => {
  it('writes byte-identical files for the same seed', async () => {
    const a = options({ anomalies: true });
    const b = { ...a, outDir: join(root, 'same-seed') };
    await generateMonth(a);
    await generateMonth(b);
    expect(await files(b.outDir)).toEqual(await files(a.outDir));
  });

  it('writes byte-identical Avro files for the same seed (the sync marker comes from the seed)', async () => {
    const a = options({ format: 'avro' });
    const b = { ...a, outDir: join(root, 'same-seed-avro') };
    await generateMonth(a);
    await generateMonth(b);
    expect(await files(b.outDir)).toEqual(await files(a.outDir));
  });

  it('writes different CDRs for a different seed', async () => {
    const a = options();
    const b = options({ seed: 43 });
    await generateMonth(a);
    await generateMonth(b);
    for (const f of ['cdr.sipcore.jsonl', 'cdr.media.jsonl', 'registrations.jsonl']) {
      expect((await readFile(join(b.outDir, f))).equals(await readFile(join(a.outDir, f)))).toBe(false);
    }
  });

  it('ships data/sample exactly as `cdr generate --accounts 4 --seed 42 --month 2026-10 --sipcore 300 --media-sessions 60 --anomalies` writes it', async () => {
    const out = join(root, 'sample');
    await cli(['--out', out, '--accounts', '4', '--seed', '42', '--month', '2026-10', '--sipcore', '300', '--media-sessions', '60', '--anomalies']);
    const fresh = await files(out);
    const shipped = await files(SAMPLE);
    expect([...shipped.keys()]).toEqual([...fresh.keys()]);
    for (const [name, bytes] of fresh) expect({ name, same: bytes.equals(shipped.get(name) as Buffer) }).toEqual({ name, same: true });
  });
  it('keeps data/sample/README.md true: its record counts and the line of every anomaly it lists', async () => {
    const readme = (await readFile(join(SAMPLE, 'README.md'), 'utf8')).split('\n');
    const counted = readme.map((l) => /^\| `([\w.]+)` \| (\d+)/.exec(l)).filter((m) => m !== null);
    expect(counted).toHaveLength(6);
    for (const [, file, n] of counted) {
      const text = await readFile(join(SAMPLE, file!), 'utf8');
      const size = file!.endsWith('.json') ? (JSON.parse(text) as unknown[]).length : text.split('\n').filter(Boolean).length;
      expect({ file, size }).toEqual({ file, size: Number(n) });
    }
    const placed = readme.map((l) => /^\| `([\w.]+)` line (\d+) \| `([\w-]+)`/.exec(l)).filter((m) => m !== null);
    expect(placed).toHaveLength(12);
    for (const [, file, line, id] of placed) {
      const text = (await lines(SAMPLE, file!))[Number(line) - 1] ?? '';
      expect({ file, line, starts: text.slice(0, 60) }).toEqual({ file, line, starts: expect.stringContaining(`"${id}"`) });
    }
  });
});

describe('cdr generate: counts and shape', () => {
  it('writes as many accounts, SIP core CDRs and media sessions as the flags ask', async () => {
    const out = join(root, 'counts');
    const summary = await cli(['--out', out, '--accounts', '5', '--sipcore', '250', '--media-sessions', '40']);
    const accounts = JSON.parse(await readFile(join(out, 'accounts.json'), 'utf8')) as Json[];
    expect(accounts.map((a) => a.accountId)).toEqual(['acme', 'globex', 'initech', 'hooli', 'acct-0005']);
    expect(await lines(out, 'cdr.sipcore.jsonl')).toHaveLength(250);
    const sessions = new Set((await records(out, 'cdr.media.jsonl')).map((r) => r.sessionId));
    expect(sessions.size).toBe(40);
    expect(summary).toMatch(/^generate: wrote .*cdr\.sipcore\.jsonl 250, .*\n$/);
    expect(summary.trim().split('\n')).toHaveLength(1);
  });

  it('defaults to 100 SIP core CDRs and 20 media sessions per account', async () => {
    const out = join(root, 'defaults');
    await cli(['--out', out, '--accounts', '4']);
    expect(await lines(out, 'cdr.sipcore.jsonl')).toHaveLength(400);
    expect(new Set((await records(out, 'cdr.media.jsonl')).map((r) => r.sessionId)).size).toBe(80);
  });

  it('writes every line as JSON with exactly the SPEC field names, ISO-8601 UTC times with milliseconds and nulls written', async () => {
    const o = options();
    await generateMonth(o);
    for (const [file, fields] of Object.entries(FIELDS)) {
      const text = await lines(o.outDir, file);
      expect(text.length).toBeGreaterThan(0);
      for (const line of text) {
        const r = JSON.parse(line) as Json;
        expect(Object.keys(r)).toEqual(fields);
        for (const [k, v] of Object.entries(r)) if (TIME_FIELDS.has(k) && v !== null) expect(v).toMatch(ISO_MS);
      }
    }
  });

  it('keeps reference data to the agreed shape: three named accounts, one tariff per currency and a mid-month USD version', async () => {
    const o = options();
    await generateMonth(o);
    const accounts = JSON.parse(await readFile(join(o.outDir, 'accounts.json'), 'utf8')) as Json[];
    expect(accounts.map((a) => [a.accountId, a.currency, a.timezone])).toEqual([
      ['acme', 'USD', 'America/New_York'], ['globex', 'EUR', 'Europe/Berlin'], ['initech', 'JPY', 'Asia/Tokyo'],
    ]);
    // acme's plan starts at midnight of 1 October in New York, so October is its first invoice (setup fee);
    // its limits-only plan (lines-pack) joins it at midnight of 8 October.
    expect(accounts.map((a) => (a.plans as Json[]).map((p) => [p.activatedAt, p.expiresAt]))).toEqual([
      [['2026-10-01T04:00:00.000Z', null], ['2026-10-08T04:00:00.000Z', null]], [['2026-07-01T00:00:00.000Z', null]], [['2026-06-01T00:00:00.000Z', null]],
    ]);
    const tariffs = JSON.parse(await readFile(join(o.outDir, 'tariffs.json'), 'utf8')) as Json[];
    expect(tariffs.map((t) => `${t.tariffId}:${t.version}`)).toEqual(['std-usd:1', 'std-usd:2', 'std-eur:1', 'std-jpy:1', 'lines-pack:1']);
    const voice = (t: Json) => (t.rates as Json[]).find((r) => r.product === 'sipcore.voice')?.pricePerMinute;
    expect([voice(tariffs[0]!), voice(tariffs[1]!), tariffs[1]!.effectiveFrom]).toEqual(['0.0100', '0.0120', '2026-10-16T00:00:00.000Z']);
  });
});

describe('cdr generate: the accounts\' billing stories (data/sample/README.md)', () => {
  let dir: string;
  beforeAll(async () => {
    const o = options({ anomalies: true });
    dir = o.outDir;
    await generateMonth(o);
  });
  const accountsOf = async () => JSON.parse(await readFile(join(dir, 'accounts.json'), 'utf8')) as Json[];

  it('gives acme a setup fee, the call-recording feature and a LINES upgrade from 4 to 6 on 15 October, 09:00 New York', async () => {
    const [acme] = await accountsOf();
    expect(acme).toMatchObject({ setupFee: '99.00', features: ['call-recording'], billingModel: 'PER_MINUTE' });
    expect((acme!.plans as Json[])[0]!.options).toEqual([
      { option: 'LINES', value: 4, at: '2026-10-01T04:00:00.000Z' },
      { option: 'LINES', value: 6, at: '2026-10-15T13:00:00.000Z' },
    ]);
  });

  it('bills globex per channel on 2 channels with a minimum of 500.00 EUR', async () => {
    const [, globex, initech] = await accountsOf();
    expect(globex).toMatchObject({ billingModel: 'PER_CHANNEL', channels: 2, minimumMonthlyCharge: '500.00' });
    expect(initech).toMatchObject({ billingModel: 'PER_MINUTE', channels: null, minimumMonthlyCharge: null, setupFee: null });
  });

  it('prices every recurring charge the stories bill: the licences everywhere, plan, feature and LINES in USD, channels in EUR', async () => {
    const tariffs = JSON.parse(await readFile(join(dir, 'tariffs.json'), 'utf8')) as Json[];
    const charges = (t: Json) => (t.recurring as Json[]).map((p) => (p.feature ? `${p.charge}:${p.feature}` : p.charge));
    const everyday = ['DEVICE', 'TRUNK', 'MOBILE_USER', 'DESKTOP_USER', 'VIDEO_HOST', 'MESSAGING_USER'];
    expect(tariffs.map((t) => [t.tariffId, charges(t), t.optionPrices])).toEqual([
      ['std-usd', [...everyday, 'FEATURE:call-recording', 'PLAN'], [{ option: 'LINES', pricePerUnit: '5.00' }]],
      ['std-usd', [...everyday, 'FEATURE:call-recording', 'PLAN'], [{ option: 'LINES', pricePerUnit: '5.00' }]],
      ['std-eur', [...everyday, 'CHANNEL'], []],
      ['std-jpy', everyday, []],
      ['lines-pack', [], []],
    ]);
  });

  it("registers John Doe's three mobiles under one initech SIP-ID and names the host, not the guests, of a video conference", async () => {
    const activity = (await records(dir, 'registrations.jsonl')).filter((r) => r.accountId === 'initech');
    const john = activity.filter((r) => r.sipId === '1234500@initech.example.com');
    expect(new Set(john.map((r) => r.deviceId))).toEqual(new Set(['sip:1001@initech.example.com', 'sip:1002@initech.example.com', 'sip:1003@initech.example.com']));
    expect(new Set(john.map((r) => `${r.activity}/${r.client}`))).toEqual(new Set(['REGISTERED/MOBILE']));

    const hosted = activity.filter((r) => r.activity === 'HOSTED_VIDEO_CONFERENCE');
    const media = (await records(dir, 'cdr.media.jsonl')).filter((r) => r.accountId === 'initech');
    const bridge = media.find((r) => r.resource === 'CONFERENCE_CONNECTION' && r.media === 'VIDEO')!;
    const legs = media.filter((r) => r.sessionId === bridge.sessionId && r.resource === 'CALL_LEG');
    expect(hosted.map((r) => [r.deviceId, r.at])).toEqual([[legs[0]!.endpoint, bridge.startAt]]);
    const guests = legs.slice(1).map((l) => l.endpoint);
    expect(guests.length).toBeGreaterThan(0);
    expect(activity.filter((r) => guests.includes(r.deviceId))).toEqual([]);
  });
});

describe('cdr generate: anomalies', () => {
  it('injects every listed bad and edge-case record with --anomalies', async () => {
    const o = options({ anomalies: true });
    await generateMonth(o);
    const text = await lines(o.outDir, 'cdr.sipcore.jsonl');
    const unparseable = text.filter((l) => {
      try { JSON.parse(l); return false; } catch { return true; }
    });
    expect(unparseable).toHaveLength(1);
    expect(unparseable[0]).toMatch(/^\{"cdrId":"sc-202610-bad-truncated"/);
    const cdrs = await records(o.outDir, 'cdr.sipcore.jsonl');
    const byId = (id: string) => cdrs.filter((r) => r.cdrId === id);
    expect(byId('sc-202610-bad-unknown-kind')[0]?.fromKind).toBe('PHONE');
    const late = byId('sc-202610-bad-end-before-answer')[0]!;
    expect(Date.parse(String(late.endAt))).toBeLessThan(Date.parse(String(late.answerAt)));
    expect(byId('sc-202610-bad-unknown-account')[0]?.accountId).toBe('ghost');
    const repeated = text.filter((l, i) => text.indexOf(l) !== i);
    expect(repeated).toHaveLength(1);
    expect(repeated[0]).toContain('"cdrId":"sc-202610-00000150"');
    const tz = (account: string) => byId(`sc-202610-tz-${account}`)[0]!;
    expect(tz('initech').setupAt).toBe('2026-10-31T20:00:00.000Z');
    expect(tz('acme').setupAt).toBe('2026-11-01T02:00:00.000Z');
    const zones: Record<string, string> = { acme: 'America/New_York', globex: 'Europe/Berlin', initech: 'Asia/Tokyo' };
    const localMonths = Object.keys(zones).map((a) => [a, localMonth(zones[a]!, Date.parse(String(tz(a).setupAt)))]);
    expect(localMonths).toEqual([['acme', '2026-10'], ['globex', '2026-11'], ['initech', '2026-11']]);
    const monitoring = (await records(o.outDir, 'cdr.media.jsonl')).filter((r) => r.resource === 'MONITORING' && r.accountId === 'initech');
    expect(monitoring.map((r) => r.recordId)).toEqual(['md-202610-bad-unpriced-monitoring']);
    const burst = cdrs.filter((r) => String(r.cdrId).startsWith('sc-202610-burst-'));
    expect(burst.map((r) => [r.accountId, r.answerAt, r.endAt])).toEqual([
      ['globex', '2026-10-28T13:00:05.000Z', '2026-10-28T13:20:05.000Z'],
      ['globex', '2026-10-28T13:01:05.000Z', '2026-10-28T13:16:05.000Z'],
      ['globex', '2026-10-28T13:02:05.000Z', '2026-10-28T13:12:05.000Z'],
    ]);
    expect(text).toHaveLength(300 + 5 + 3 + 3);
  });

  it('writes none of them without --anomalies, and the same normal records either way', async () => {
    const clean = options();
    const dirty = options({ anomalies: true });
    await generateMonth(clean);
    await generateMonth(dirty);
    const text = await lines(clean.outDir, 'cdr.sipcore.jsonl');
    const cdrs = text.map((l) => JSON.parse(l) as Json);
    expect(new Set(cdrs.map((r) => r.cdrId)).size).toBe(cdrs.length);
    expect(cdrs.filter((r) => !['DEVICE', 'TRUNK', 'EXTERNAL'].includes(String(r.fromKind)))).toEqual([]);
    const edgeCase = (id: string) => ['-bad-', '-tz-', '-burst-'].some((part) => id.includes(part));
    expect(cdrs.filter((r) => r.accountId === 'ghost' || edgeCase(String(r.cdrId)))).toEqual([]);
    for (const r of cdrs) {
      const [setup, answer, end] = [r.setupAt, r.answerAt, r.endAt].map((t) => (t === null ? null : Date.parse(String(t))));
      if (answer !== null) expect([setup! < answer!, answer! <= end!]).toEqual([true, true]);
      else expect(setup! < end!).toBe(true);
    }
    const media = await records(clean.outDir, 'cdr.media.jsonl');
    expect(media.filter((r) => r.resource === 'MONITORING' && r.accountId === 'initech')).toEqual([]);
    const dirtyText = new Set(await lines(dirty.outDir, 'cdr.sipcore.jsonl'));
    expect(text.filter((l) => !dirtyText.has(l))).toEqual([]);
  });

  it('skips in Avro the two anomalies a container file cannot hold, and says so', async () => {
    const out = join(root, 'avro-anomalies');
    const summary = await cli(['--out', out, '--anomalies', '--format', 'avro']);
    expect(summary).toContain('skipped: truncated, unknown-kind');
    const decoded: Json[] = [];
    await new Promise<void>((resolve, reject) => {
      avro.createFileDecoder(join(out, 'cdr.sipcore.avro')).on('data', (r: Json) => decoded.push(r)).on('end', resolve).on('error', reject);
    });
    expect(decoded).toHaveLength(300 + 3 + 3 + 3);
    expect(decoded.filter((r) => r.accountId === 'ghost')).toHaveLength(1);
    expect(typeof decoded[0]?.setupAt).toBe('number');
  });
});

describe('cdr generate: flags', () => {
  it.each([
    [{ accounts: '0' }, '--accounts must be a whole number from 1 to 10000, got "0"'],
    [{ accounts: 'three' }, '--accounts must be a whole number'],
    [{ month: '2026-13' }, '--month must be YYYY-MM'],
    [{ month: '2026-9' }, '--month must be YYYY-MM'],
    [{ seed: '-1' }, '--seed must be a whole number >= 0'],
    [{ sipcore: '1e6' }, '--sipcore must be a whole number >= 0, got "1e6"'],
    [{ mediaSessions: '2.5' }, '--media-sessions must be a whole number'],
    [{ format: 'csv' }, '--format must be jsonl or avro, got "csv"'],
    [{ accounts: '2', anomalies: true }, '--anomalies needs --accounts 3 or more'],
  ])('rejects %o with a one-line CliError', (flags, message) => {
    const attempt = () => parseGenerateFlags({ out: '/tmp/x', ...flags });
    expect(attempt).toThrow(CliError);
    expect(attempt).toThrow(message);
  });

  it('requires --out', () => {
    expect(() => parseGenerateFlags({})).toThrow('--out <dir> is required');
  });

  it('derives the default sizes from the number of accounts', () => {
    expect(parseGenerateFlags({ out: 'x', accounts: '7' })).toEqual({
      outDir: 'x', accounts: 7, month: '2026-10', seed: 42, sipcore: 700, mediaSessions: 140, anomalies: false, format: 'jsonl',
    });
  });
});
