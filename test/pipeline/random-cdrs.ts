import Big from 'big.js';
import fc from 'fast-check';
import type { Account, Tariff } from '../../libs/domain';
import { AccountId, Currency, TariffId } from '../../libs/domain';
import { sampleAccount, sampleRate, sampleTariff } from '../../libs/domain/reference/index';
import type { CdrKind } from '../../libs/pipeline';
import { planFrom } from './embedded-harness';

/**
 * Random valid CDR input for property tests: three accounts in three zones and currencies (New York
 * USD, Berlin EUR, Tokyo JPY), tariffs that price every product, and SIP core and media records
 * spread over three days around the end of January 2026, so they fall in different billing months.
 */

export const ACCOUNTS: readonly Account[] = [
  account('nyc', 'USD', 'America/New_York', 'std-usd'),
  account('ber', 'EUR', 'Europe/Berlin', 'std-eur'),
  account('tyo', 'JPY', 'Asia/Tokyo', 'std-jpy'),
];

function account(id: string, currency: string, timezone: string, tariffId: string): Account {
  return sampleAccount({
    accountId: AccountId(id), currency: Currency(currency), timezone,
    plans: [planFrom(tariffId, Date.parse('2025-06-01T00:00:00Z'))],
  });
}

/** Every product priced, with increments and prices that make half-cent and half-yen roundings common. */
function tariff(tariffId: string, currency: string, scale: string, version = 1, from = '2025-06-01T00:00:00Z'): Tariff {
  const p = (price: string) => new Big(price).times(scale).toString();
  return sampleTariff({
    tariffId: TariffId(tariffId), currency: Currency(currency), version, effectiveFrom: Date.parse(from), recurring: [],
    rates: [
      sampleRate('sipcore.voice', p(version === 1 ? '0.0125' : '0.0135')),
      sampleRate('sipcore.video', p('0.0251'), { firstIncrement: 30, nextIncrement: 6, connectFee: p('0.005') }),
      sampleRate('sipcore.transcoding', p('0.0043'), { firstIncrement: 60, nextIncrement: 1 }),
      sampleRate('media.voice', p('0.0087'), { firstIncrement: 1, nextIncrement: 1 }),
      sampleRate('media.video', p('0.0215'), { firstIncrement: 1, nextIncrement: 1 }),
      sampleRate('media.conference', p('0.0065'), { firstIncrement: 60, nextIncrement: 1 }),
      sampleRate('media.recording', p('0.0035')),
      sampleRate('media.monitoring', p('0.0025'), { firstIncrement: 6, nextIncrement: 6 }),
    ],
  });
}

export const TARIFFS: readonly Tariff[] = [
  tariff('std-usd', 'USD', '1'),
  // A second USD version inside the window: which version prices a record depends on its start only.
  tariff('std-usd', 'USD', '1', 2, '2026-01-31T12:00:00Z'),
  tariff('std-eur', 'EUR', '0.9'),
  tariff('std-jpy', 'JPY', '150'),
];

// Three days around the end of January 2026: month boundaries in Tokyo, Berlin, UTC and New York.
const WINDOW_START = Date.parse('2026-01-30T00:00:00Z');
const WINDOW_MS = 3 * 86_400_000;
const duration = fc.oneof(fc.constantFrom(0, 1_000, 30_000, 31_000, 60_000, 61_000), fc.integer({ min: 0, max: 4_000_000 }));
const iso = (ms: number) => new Date(ms).toISOString();

const sipCdr = fc.record({
  account: fc.constantFrom(...ACCOUNTS.map((a) => a.accountId)),
  fromKind: fc.constantFrom('DEVICE', 'TRUNK', 'EXTERNAL'),
  toKind: fc.constantFrom('DEVICE', 'TRUNK', 'EXTERNAL'),
  trunkId: fc.option(fc.constant('trunk-1')),
  media: fc.constantFrom('AUDIO', 'VIDEO'),
  transcoded: fc.boolean(),
  answered: fc.boolean(),
  setup: fc.integer({ min: 0, max: WINDOW_MS }),
  ringMs: fc.integer({ min: 0, max: 30_000 }),
  durationMs: duration,
});

const mediaCdr = fc.record({
  account: fc.constantFrom(...ACCOUNTS.map((a) => a.accountId)),
  resource: fc.constantFrom('CALL_LEG', 'CONFERENCE_CONNECTION', 'RECORDING', 'MONITORING'),
  direction: fc.constantFrom('ORIGINATING', 'TERMINATING'),
  media: fc.constantFrom('AUDIO', 'VIDEO'),
  endpointKind: fc.constantFrom('SIP', 'ALEXA'),
  start: fc.integer({ min: 0, max: WINDOW_MS }),
  durationMs: duration,
});

export type Line = [CdrKind, string];
type Shape<A> = A extends fc.Arbitrary<infer T> ? T : never;
type SipShape = Shape<typeof sipCdr>;
type MediaShape = Shape<typeof mediaCdr>;

/** Ids are unique per distinct record (SPEC 2.1), so a repeated id is always a true re-send. */
function sipLine(i: number, c: SipShape): Line {
  const setupAt = WINDOW_START + c.setup;
  const answerAt = c.answered ? setupAt + c.ringMs : null;
  const endAt = (answerAt ?? setupAt) + (c.answered ? c.durationMs : c.ringMs);
  return ['sipcore', JSON.stringify({
    cdrId: `cdr-${i}`, accountId: c.account, callId: `call-${i}@sbc`, from: 'sip:1001@x', to: 'sip:1002@x',
    fromKind: c.fromKind, toKind: c.toKind, trunkId: c.trunkId, media: c.media, transcoded: c.transcoded,
    setupAt: iso(setupAt), answerAt: answerAt === null ? null : iso(answerAt), endAt: iso(endAt),
    sipCode: c.answered ? 200 : 480, disposition: c.answered ? 'ANSWERED' : 'NO_ANSWER',
  })];
}

function mediaLine(i: number, m: MediaShape): Line {
  const startAt = WINDOW_START + m.start;
  const leg = m.resource === 'CALL_LEG';
  return ['media', JSON.stringify({
    recordId: `rec-${i}`, accountId: m.account, sessionId: `session-${i % 5}`, resource: m.resource,
    direction: leg ? m.direction : null, media: m.media, endpoint: leg ? `sip:${i}@x` : null,
    endpointKind: leg ? m.endpointKind : null, startAt: iso(startAt), endAt: iso(startAt + m.durationMs),
  })];
}

/** Valid SIP core and media lines with unique ids, then up to 10 exact re-sends of some of them. */
export const randomCdrLines = fc
  .tuple(
    fc.array(fc.oneof(sipCdr.map((c) => ({ sip: c })), mediaCdr.map((m) => ({ media: m }))), { minLength: 1, maxLength: 50 }),
    fc.array(fc.nat(), { maxLength: 10 }),
  )
  .map(([records, resends]) => {
    const lines = records.map((r, i) => ('sip' in r ? sipLine(i, r.sip) : mediaLine(i, r.media)));
    return [...lines, ...resends.map((k) => lines[k % lines.length]!)];
  });
