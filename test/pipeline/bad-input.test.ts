import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Currency } from '../../libs/domain';
import { runOnFiles, type FileRunResult } from '../../libs/pipeline';
import { buildSchemas } from '../../libs/schema';
import {
  answeredCall, easyTariff, embeddedRun, figures, lineOf, mediaRecord, planAccount, planFrom,
} from './embedded-harness';

/**
 * Bad input through the file run: every bad record becomes one dead letter that names its file and
 * line, says why, and keeps the line exactly as read; the good records around it are still billed.
 */
const schemas = buildSchemas();

const patch = (line: string, fields: Record<string, unknown>) => JSON.stringify({ ...JSON.parse(line), ...fields });

// The easy tariff (cents a minute: SIP voice 1, media voice 1, recording 0.5) without a monitoring price.
const tariff = easyTariff({ rates: easyTariff().rates.filter((r) => r.product !== 'media.monitoring') });
const accounts = [
  planAccount('acme'),
  planAccount('euro', 'easy', { currency: Currency('EUR') }), // billed in EUR, but `easy` prices in USD
  planAccount('late', 'easy', { plans: [planFrom('easy', Date.parse('2025-01-01T00:00:00Z'))] }), // from after every call
];

const SIPCORE = [
  /* 1 */ answeredCall({ cdrId: 'good-d2d', accountId: 'acme', answerAt: '2024-03-05T10:00:00Z', durationMs: 60_000 }),
  /* 2 */ '{"cdrId":"cut-off","accountId":"acme","callId":"cut',
  /* 3 */ patch(answeredCall({ cdrId: 'phone', accountId: 'acme', answerAt: '2024-03-05T11:00:00Z', durationMs: 60_000 }), { fromKind: 'PHONE' }),
  /* 4 */ patch(answeredCall({ cdrId: 'end-before-answer', accountId: 'acme', answerAt: '2024-03-05T12:00:05Z', durationMs: 0 }), {
    setupAt: '2024-03-05T12:00:00.000Z', endAt: '2024-03-05T12:00:03.000Z',
  }),
  /* 5 */ patch(answeredCall({ cdrId: 'answer-before-setup', accountId: 'acme', answerAt: '2024-03-05T13:00:05Z', durationMs: 60_000 }), {
    setupAt: '2024-03-05T13:00:10.000Z',
  }),
  /* 6 */ '',
  /* 7 */ answeredCall({ cdrId: 'ghost-call', accountId: 'ghost', answerAt: '2024-03-05T14:00:00Z', durationMs: 60_000, toKind: 'TRUNK' }),
  /* 8 */ answeredCall({ cdrId: 'euro-call', accountId: 'euro', answerAt: '2024-03-05T15:00:00Z', durationMs: 60_000, toKind: 'TRUNK' }),
  /* 9 */ answeredCall({ cdrId: 'late-call', accountId: 'late', answerAt: '2024-03-05T16:00:00Z', durationMs: 60_000, toKind: 'TRUNK' }),
  /* 10 */ answeredCall({ cdrId: 'good-in', accountId: 'acme', answerAt: '2024-03-05T17:00:00Z', durationMs: 120_000, fromKind: 'TRUNK' }),
];
const MEDIA = [
  /* 1 */ mediaRecord({ recordId: 'good-leg', accountId: 'acme', startAt: '2024-03-05T10:00:00Z', durationMs: 60_000 }),
  /* 2 */ mediaRecord({ recordId: 'unpriced', accountId: 'acme', resource: 'MONITORING', startAt: '2024-03-05T10:00:00Z', durationMs: 60_000 }),
  /* 3 */ mediaRecord({ recordId: 'backwards', accountId: 'acme', startAt: '2024-03-05T10:00:00Z', durationMs: -1_000 }),
  /* 4 */ mediaRecord({ recordId: 'good-rec', accountId: 'acme', resource: 'RECORDING', startAt: '2024-03-05T10:00:00Z', durationMs: 30_000 }),
];

let dir: string;
let result: FileRunResult;
let letters: Record<string, unknown>[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdr-bad-input-'));
  await writeFile(join(dir, 'accounts.json'), JSON.stringify(accounts, null, 2));
  await writeFile(join(dir, 'tariffs.json'), JSON.stringify([tariff], null, 2));
  await writeFile(join(dir, 'cdr.sipcore.jsonl'), `${SIPCORE.join('\n')}\n`);
  await writeFile(join(dir, 'cdr.media.jsonl'), `${MEDIA.join('\n')}\n`);
  result = await runOnFiles({ inputDir: dir, outDir: join(dir, 'out'), schemas });
  const text = await readFile(result.deadLetterFile, 'utf8');
  letters = text.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('bad input through the file run', () => {
  const sip = (line: number) => ({ file: join(dir, 'cdr.sipcore.jsonl'), line, original: SIPCORE[line - 1] });
  const media = (line: number) => ({ file: join(dir, 'cdr.media.jsonl'), line, original: MEDIA[line - 1] });
  const has = (...parts: string[]) => expect.stringMatching(new RegExp(parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')));

  it('turns every bad record into one dead letter with its file, line, reason and exact original text', () => {
    expect(letters).toEqual([
      { code: 'UNPARSEABLE', stage: 'ingest', reason: has('not valid JSON'), ...sip(2) },
      { code: 'SCHEMA_INVALID', stage: 'ingest', reason: 'fromKind: "PHONE" is not one of DEVICE, TRUNK, EXTERNAL', ...sip(3) },
      {
        code: 'ANSWER_OUTSIDE_CALL', stage: 'normalize', ...sip(4),
        reason: has('answerAt=2024-03-05T12:00:05.000Z', 'endAt=2024-03-05T12:00:03.000Z', 'cdrId=end-before-answer'),
      },
      {
        code: 'ANSWER_OUTSIDE_CALL', stage: 'normalize', ...sip(5),
        reason: has('answerAt=2024-03-05T13:00:05.000Z', 'setupAt=2024-03-05T13:00:10.000Z', 'cdrId=answer-before-setup'),
      },
      { code: 'UNKNOWN_ACCOUNT', stage: 'normalize', reason: has('account ghost is not known'), ...sip(7) },
      { code: 'CURRENCY_MISMATCH', stage: 'rate', reason: has('account euro is billed in EUR', 'in USD'), ...sip(8) },
      { code: 'NO_ACTIVE_TARIFF', stage: 'rate', reason: has('account late has no tariff plan active at 2024-03-05T16:00:00.000Z'), ...sip(9) },
      { code: 'NO_PRICE', stage: 'rate', reason: has('account acme', 'media.monitoring'), ...media(2) },
      { code: 'END_BEFORE_START', stage: 'normalize', reason: has('endAt=2024-03-05T09:59:59.000Z', 'startAt=2024-03-05T10:00:00.000Z', 'recordId=backwards'), ...media(3) },
    ]);
  });

  it('goes on after each bad record and bills the good ones around them', () => {
    expect(result.invoices.map((i) => i.invoiceId)).toEqual(['acme-2024-03']);
    const invoice = result.invoices[0]!;
    // d2d 60 s (2 legs) + trunk-in 120 s (1 leg) = 240 s = 4 min x 0.01 = 0.04
    expect(figures(lineOf(invoice, 'sipcore.voice'))).toEqual({ quantity: '4', billedSeconds: 240, unitPrice: '0.01', amount: '0.04', records: 3 });
    // media leg 60 s = 1 min x 0.01 = 0.01
    expect(figures(lineOf(invoice, 'media.voice'))).toEqual({ quantity: '1', billedSeconds: 60, unitPrice: '0.01', amount: '0.01', records: 1 });
    // recording 30 s -> 60 s = 1 min x 0.005 = 0.005, half-up to 0.01
    expect(figures(lineOf(invoice, 'media.recording'))).toEqual({ quantity: '1', billedSeconds: 60, unitPrice: '0.005', amount: '0.01', records: 1 });
    expect(invoice.lines).toHaveLength(3);
    expect(invoice.total).toBe('0.06');
  });

  it('counts the dead letters by code, and by account and month where known', () => {
    const { stats } = result;
    expect(Object.fromEntries(stats.deadLettersByCode)).toEqual({
      UNPARSEABLE: 1, SCHEMA_INVALID: 1, ANSWER_OUTSIDE_CALL: 2, UNKNOWN_ACCOUNT: 1,
      CURRENCY_MISMATCH: 1, NO_ACTIVE_TARIFF: 1, NO_PRICE: 1, END_BEFORE_START: 1,
    });
    expect(stats.deadLetters).toBe(9);
    // acme: lines 4 and 5 of sipcore, 2 and 3 of media; the two undecodable lines belong to no one
    expect(Object.fromEntries(stats.deadLettersByAccountMonth)).toEqual({
      '-|-': 2, 'acme|2024-03': 4, 'ghost|-': 1, 'euro|2024-03': 1, 'late|2024-03': 1,
    });
    // 9 non-blank SIP lines + 4 media lines read; 3 SIP legs + 2 media records billed
    expect(stats).toMatchObject({ cdrsRead: 13, rated: 5, duplicates: 0, failedAttempts: 0 });
  });
});

describe('a CDR of an unknown account (SPEC 3: a missing account is a rule the record breaks)', () => {
  const unknownAccount = (line: string) => {
    const r = embeddedRun(schemas, accounts, [tariff]);
    r.feed('sipcore', line);
    return r;
  };

  it('dead-letters an unanswered call of an unknown account instead of counting it as a failed attempt', () => {
    const unanswered = patch(answeredCall({ cdrId: 'ghost-ring', accountId: 'ghost', answerAt: '2024-03-05T10:00:00Z', durationMs: 20_000 }), {
      answerAt: null, sipCode: 480, disposition: 'NO_ANSWER',
    });
    const r = unknownAccount(unanswered);

    expect(r.letters.map((l) => [l.code, l.source.position, l.original])).toEqual([['UNKNOWN_ACCOUNT', 1, unanswered]]);
    expect(r.pipeline.stats.failedAttempts).toBe(0);
  });

  it('dead-letters a device-to-device call of an unknown account once, not once per leg', () => {
    const call = answeredCall({ cdrId: 'ghost-d2d', accountId: 'ghost', answerAt: '2024-03-05T10:00:00Z', durationMs: 60_000 });
    const r = unknownAccount(call);

    // one bad record, one dead letter: `cdr run --strict` reports "N records were dead-lettered" from this count
    expect(r.letters.map((l) => [l.code, l.source.position])).toEqual([['UNKNOWN_ACCOUNT', 1]]);
    expect(r.pipeline.stats.deadLetters).toBe(1);
  });
});
