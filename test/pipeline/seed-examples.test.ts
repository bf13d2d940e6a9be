import type { Account, Invoice, Tariff } from '../../libs/domain';
import { sampleRate } from '../../libs/domain/reference/index';
import type { CdrKind } from '../../libs/pipeline';
import { buildSchemas } from '../../libs/schema';
import { SEED_SCENARIOS, type SeedScenario } from '../fixtures/seed-scenarios';
import {
  answeredCall, easyTariff, embeddedRun, figures, lineOf, mediaRecord, planAccount, type EmbeddedRun,
} from './embedded-harness';

/**
 * The pricing seeds' worked examples, end to end: JSON lines in, invoice lines out, through
 * EmbeddedPipeline and invoices(). Every figure is worked out by hand from the easy tariff
 * (60/60 everywhere; cents a minute: SIP voice 1, SIP video 5, transcoding 0.5, media voice 1,
 * media video 3, conference 2, recording 0.5, monitoring 0.5) and written next to its assertion.
 */
const schemas = buildSchemas();

function run(
  records: readonly [CdrKind, string][],
  accounts: readonly Account[] = [planAccount()],
  tariffs: readonly Tariff[] = [easyTariff()],
): EmbeddedRun & { invoices: Invoice[] } {
  const r = embeddedRun(schemas, accounts, tariffs);
  for (const [kind, text] of records) r.feed(kind, text);
  return Object.assign(r, { invoices: r.pipeline.invoices() });
}

const scenarioLines = (s: SeedScenario): [CdrKind, string][] =>
  s.raw.map((raw) => [raw.kind, JSON.stringify(raw.record)]);

/** The only invoice of a run; its lines must add up to its total. */
function onlyInvoice(invoices: readonly Invoice[]): Invoice {
  expect(invoices).toHaveLength(1);
  return invoices[0]!;
}

describe('seed examples through the embedded pipeline', () => {
  it('bills a 3-minute device-to-device call as two legs: 6 minutes on the invoice', () => {
    const r = run([['sipcore', answeredCall({ cdrId: 'd2d-3min', answerAt: '2024-03-05T10:00:00Z', durationMs: 180_000 })]]);
    const invoice = onlyInvoice(r.invoices);

    expect(invoice).toMatchObject({ invoiceId: 'acct-seed-2024-03', accountId: 'acct-seed', month: '2024-03', currency: 'USD' });
    // 2 legs x 180 s = 360 s = 6 min x 0.01 = 0.06
    expect(invoice.lines.map(figures)).toEqual([
      { quantity: '6', billedSeconds: 360, unitPrice: '0.01', amount: '0.06', records: 2 },
    ]);
    expect(invoice.total).toBe('0.06');
    expect(r.rated.map((x) => [x.usageId, x.billedSeconds])).toEqual([
      ['sip:d2d-3min:orig', 180],
      ['sip:d2d-3min:term', 180],
    ]);
  });

  it('bills a 10-minute conference of three participants as 40 media minutes: 10 conference + 30 voice', () => {
    const invoice = onlyInvoice(run(scenarioLines(SEED_SCENARIOS.conferenceSession)).invoices);

    // connection: 600 s = 10 min x 0.02 = 0.20; participants: 3 x 600 s = 30 min x 0.01 = 0.30
    expect(figures(lineOf(invoice, 'media.conference'))).toEqual({ quantity: '10', billedSeconds: 600, unitPrice: '0.02', amount: '0.20', records: 1 });
    expect(figures(lineOf(invoice, 'media.voice'))).toEqual({ quantity: '30', billedSeconds: 1800, unitPrice: '0.01', amount: '0.30', records: 3 });
    expect(invoice.lines).toHaveLength(2);
    expect(invoice.total).toBe('0.50');
  });

  it("bills an IVR caller's terminating leg and the agent's originating leg each for its own time", () => {
    const r = run(scenarioLines(SEED_SCENARIOS.ivrSession));
    const invoice = onlyInvoice(r.invoices);

    // caller 10:00-10:07 = 420 s; agent joins 10:02 until 10:07 = 300 s
    expect(r.rated.map((x) => [x.usageId, x.product, x.billedSeconds, x.amount])).toEqual([
      ['media:ivr-0001-caller', 'media.voice', 420, '0.070000'],
      ['media:ivr-0001-agent', 'media.voice', 300, '0.050000'],
    ]);
    // 720 s = 12 min x 0.01 = 0.12
    expect(invoice.lines.map(figures)).toEqual([{ quantity: '12', billedSeconds: 720, unitPrice: '0.01', amount: '0.12', records: 2 }]);
    expect(invoice.total).toBe('0.12');
  });

  it('bills recording and monitoring minutes in addition to the legs they cover', () => {
    const invoice = onlyInvoice(run(scenarioLines(SEED_SCENARIOS.recordedMonitoredBridge)).invoices);

    // legs: 480 s and 450 s -> 480 s at 60/60 = 960 s = 16 min x 0.01 = 0.16
    expect(figures(lineOf(invoice, 'media.voice'))).toEqual({ quantity: '16', billedSeconds: 960, unitPrice: '0.01', amount: '0.16', records: 2 });
    // recording 450 s -> 480 s = 8 min x 0.005 = 0.04
    expect(figures(lineOf(invoice, 'media.recording'))).toEqual({ quantity: '8', billedSeconds: 480, unitPrice: '0.005', amount: '0.04', records: 1 });
    // monitoring 180 s = 3 min x 0.005 = 0.015, rounded half-up once on the line to 0.02
    expect(figures(lineOf(invoice, 'media.monitoring'))).toEqual({ quantity: '3', billedSeconds: 180, unitPrice: '0.005', amount: '0.02', records: 1 });
    expect(invoice.lines).toHaveLength(3);
    expect(invoice.total).toBe('0.22');
  });

  it('bills video legs at the video price, on SIP core and on the media server', () => {
    const invoice = onlyInvoice(
      run([
        ['sipcore', answeredCall({ cdrId: 'video-d2d', answerAt: '2024-03-05T11:00:00Z', durationMs: 120_000, media: 'VIDEO' })],
        ['media', mediaRecord({ recordId: 'video-leg', startAt: '2024-03-05T12:00:00Z', durationMs: 300_000, media: 'VIDEO' })],
      ]).invoices,
    );

    // SIP: 2 legs x 120 s = 240 s = 4 min x 0.05 = 0.20; media: 300 s = 5 min x 0.03 = 0.15
    expect(figures(lineOf(invoice, 'sipcore.video'))).toEqual({ quantity: '4', billedSeconds: 240, unitPrice: '0.05', amount: '0.20', records: 2 });
    expect(figures(lineOf(invoice, 'media.video'))).toEqual({ quantity: '5', billedSeconds: 300, unitPrice: '0.03', amount: '0.15', records: 1 });
    expect(invoice.lines.map((l) => l.product).sort()).toEqual(['media.video', 'sipcore.video']);
    expect(invoice.total).toBe('0.35');
  });

  it('bills a transcoded call from the PSTN trunk as one leg plus one transcoding record', () => {
    const invoice = onlyInvoice(run(scenarioLines(SEED_SCENARIOS.transcodedTrunkCall)).invoices);

    // 200 s -> 240 s at 60/60: leg 4 min x 0.01 = 0.04; transcoding 4 min x 0.005 = 0.02
    expect(figures(lineOf(invoice, 'sipcore.voice'))).toEqual({ quantity: '4', billedSeconds: 240, unitPrice: '0.01', amount: '0.04', records: 1 });
    expect(figures(lineOf(invoice, 'sipcore.transcoding'))).toEqual({ quantity: '4', billedSeconds: 240, unitPrice: '0.005', amount: '0.02', records: 1 });
    expect(invoice.total).toBe('0.06');
  });

  it('bills transcoding once per call, not per leg, when two devices talk across a transcoding trunk', () => {
    const call = answeredCall({ cdrId: 'd2d-via-trunk', answerAt: '2024-03-05T13:00:00Z', durationMs: 120_000, transcoded: true, trunkId: 'trunk-1' });
    const invoice = onlyInvoice(run([['sipcore', call]]).invoices);

    // 2 legs x 120 s = 4 min x 0.01 = 0.04; transcoding 120 s once = 2 min x 0.005 = 0.01
    expect(figures(lineOf(invoice, 'sipcore.voice'))).toEqual({ quantity: '4', billedSeconds: 240, unitPrice: '0.01', amount: '0.04', records: 2 });
    expect(figures(lineOf(invoice, 'sipcore.transcoding'))).toEqual({ quantity: '2', billedSeconds: 120, unitPrice: '0.005', amount: '0.01', records: 1 });
  });

  describe('billing increments on the invoice line', () => {
    // 0.60 a minute is 0.01 a second: the amount is billed seconds / 100, read straight off.
    const cases: [number, number, number, number, string, string][] = [
      // first/next increment, call ms, billed seconds, quantity (min), amount
      [60, 60, 0, 0, '0', '0.00'],
      [60, 60, 1_000, 60, '1', '0.60'],
      [60, 60, 60_000, 60, '1', '0.60'],
      [60, 60, 61_000, 120, '2', '1.20'],
      [60, 60, 60_001, 120, '2', '1.20'], // a millisecond over still starts the next minute
      [60, 60, 3_601_000, 3660, '61', '36.60'],
      [1, 1, 0, 0, '0', '0.00'],
      [1, 1, 400, 1, '0.016667', '0.01'], // under a second is the first second
      [1, 1, 1_000, 1, '0.016667', '0.01'],
      [1, 1, 2_000, 2, '0.033333', '0.02'],
      [1, 1, 3_601_000, 3601, '60.016667', '36.01'],
      [30, 6, 0, 0, '0', '0.00'],
      [30, 6, 1_000, 30, '0.5', '0.30'],
      [30, 6, 30_000, 30, '0.5', '0.30'],
      [30, 6, 31_000, 36, '0.6', '0.36'],
      [30, 6, 3_601_000, 3606, '60.1', '36.06'], // 30 + ceil(3571 / 6) x 6 = 30 + 596 x 6
      [60, 1, 0, 0, '0', '0.00'],
      [60, 1, 1_000, 60, '1', '0.60'],
      [60, 1, 60_000, 60, '1', '0.60'],
      [60, 1, 61_000, 61, '1.016667', '0.61'],
      [60, 1, 3_601_000, 3601, '60.016667', '36.01'],
    ];

    it.each(cases)('bills at %i/%i a call of %i ms as %i s = %s min = %s at 0.60/min', (first, next, ms, seconds, minutes, amount) => {
      const tariff = easyTariff({ rates: [sampleRate('sipcore.voice', '0.60', { firstIncrement: first, nextIncrement: next })] });
      const call = answeredCall({ cdrId: `inc-${ms}`, answerAt: '2024-03-05T10:00:00Z', durationMs: ms, toKind: 'TRUNK' });
      const invoice = onlyInvoice(run([['sipcore', call]], [planAccount()], [tariff]).invoices);

      expect(invoice.lines.map(figures)).toEqual([{ quantity: minutes, billedSeconds: seconds, unitPrice: '0.6', amount, records: 1 }]);
      expect(invoice.total).toBe(amount);
    });
  });

  it('puts a connect fee once per leg on its own line, beside the minutes', () => {
    const tariff = easyTariff({ rates: [sampleRate('sipcore.voice', '0.01', { connectFee: '0.10' })] });
    const invoice = onlyInvoice(
      run(
        [
          ['sipcore', answeredCall({ cdrId: 'fee-d2d', answerAt: '2024-03-05T10:00:00Z', durationMs: 60_000 })],
          ['sipcore', answeredCall({ cdrId: 'fee-in', answerAt: '2024-03-05T11:00:00Z', durationMs: 60_000, fromKind: 'TRUNK' })],
        ],
        [planAccount()],
        [tariff],
      ).invoices,
    );

    // 3 legs of 60 s: 3 min x 0.01 = 0.03 of minutes, 3 x 0.10 = 0.30 of connect fees
    expect(figures(lineOf(invoice, 'sipcore.voice', 'USAGE'))).toEqual({ quantity: '3', billedSeconds: 180, unitPrice: '0.01', amount: '0.03', records: 3 });
    expect(lineOf(invoice, 'sipcore.voice', 'CONNECT_FEE')).toMatchObject({
      description: 'Connect fees: Voice minutes (SIP core)', quantity: '3', unitPrice: '0.1', amount: '0.30', billedSeconds: null, records: 3,
    });
    expect(invoice.lines.map((l) => l.kind)).toEqual(['USAGE', 'CONNECT_FEE']);
    expect(invoice.total).toBe('0.33');
  });

  it('bills a re-sent CDR and a re-sent media record once', () => {
    const call = answeredCall({ cdrId: 'resent', answerAt: '2024-03-05T10:00:00Z', durationMs: 120_000 });
    const leg = mediaRecord({ recordId: 'resent-leg', startAt: '2024-03-05T10:00:00Z', durationMs: 60_000 });
    const r = run([['sipcore', call], ['media', leg], ['sipcore', call], ['media', leg]]);
    const invoice = onlyInvoice(r.invoices);

    // once: 2 legs x 120 s = 4 min = 0.04 and 1 min of media voice = 0.01 (twice would be 0.08 and 0.02)
    expect(figures(lineOf(invoice, 'sipcore.voice'))).toEqual({ quantity: '4', billedSeconds: 240, unitPrice: '0.01', amount: '0.04', records: 2 });
    expect(figures(lineOf(invoice, 'media.voice'))).toEqual({ quantity: '1', billedSeconds: 60, unitPrice: '0.01', amount: '0.01', records: 1 });
    expect(invoice.total).toBe('0.05');
    expect(r.pipeline.stats).toMatchObject({ cdrsRead: 4, rated: 3, duplicates: 3 });
    expect(r.letters).toEqual([]);
  });

  it("bills a call on the last evening of January in UTC to February for a Tokyo account and to January for a UTC account", () => {
    const tokyo = planAccount('tokyo', 'easy', { timezone: 'Asia/Tokyo' });
    const utc = planAccount('utc', 'easy', { timezone: 'UTC' });
    // 2026-01-31T22:00:00Z is 2026-02-01 07:00 in Tokyo (UTC+9, no DST)
    const r = run(
      [
        ['sipcore', answeredCall({ cdrId: 'eve-tokyo', accountId: 'tokyo', answerAt: '2026-01-31T22:00:00Z', durationMs: 60_000, toKind: 'TRUNK' })],
        ['sipcore', answeredCall({ cdrId: 'eve-utc', accountId: 'utc', answerAt: '2026-01-31T22:00:00Z', durationMs: 60_000, toKind: 'TRUNK' })],
      ],
      [tokyo, utc],
    );

    expect(r.invoices.map((i) => [i.invoiceId, i.accountId, i.month, i.timezone, i.total])).toEqual([
      ['tokyo-2026-02', 'tokyo', '2026-02', 'Asia/Tokyo', '0.01'],
      ['utc-2026-01', 'utc', '2026-01', 'UTC', '0.01'],
    ]);
  });

  it('prices calls with the tariff version in effect when each started: two lines, two unit prices', () => {
    const v2 = easyTariff({ version: 2, effectiveFrom: Date.parse('2026-03-16T00:00:00Z'), rates: [sampleRate('sipcore.voice', '0.02')] });
    const r = run(
      [
        // starts a minute before v2 and runs past it: all of it at v1's 0.01, 120 s = 2 min = 0.02
        ['sipcore', answeredCall({ cdrId: 'before-v2', answerAt: '2026-03-15T23:59:00Z', durationMs: 120_000, toKind: 'TRUNK' })],
        // starts exactly at v2's effectiveFrom: 180 s = 3 min x 0.02 = 0.06
        ['sipcore', answeredCall({ cdrId: 'at-v2', answerAt: '2026-03-16T00:00:00Z', durationMs: 180_000, toKind: 'TRUNK' })],
      ],
      [planAccount()],
      [easyTariff(), v2],
    );
    const invoice = onlyInvoice(r.invoices);

    expect(invoice.lines.map(figures)).toEqual([
      { quantity: '2', billedSeconds: 120, unitPrice: '0.01', amount: '0.02', records: 1 },
      { quantity: '3', billedSeconds: 180, unitPrice: '0.02', amount: '0.06', records: 1 },
    ]);
    expect(invoice.total).toBe('0.08');
    expect(r.rated.map((x) => [x.usageId, x.tariffVersion])).toEqual([
      ['sip:before-v2:orig', 1],
      ['sip:at-v2:orig', 2],
    ]);
  });
});
