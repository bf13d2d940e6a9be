import { AccountId, Currency, Product, TariffId, UsageId } from '../ids';
import type { Account, Rate, Tariff } from '../reference';
import type { UsageRecord } from '../usage';
import { sampleAccount, sampleRate, sampleTariff } from '../reference/sample-reference';
import { CalendarBook } from './calendar-book';
import { rateUsage, type RatingContext } from './rate';
import { TariffBook } from './tariff-book';

const at = (iso: string) => Date.parse(iso);
const JAN_10 = at('2026-01-10T10:00:00Z');

function usage(overrides: Partial<UsageRecord> = {}): UsageRecord {
  const startAt = overrides.startAt ?? JAN_10;
  const durationMs = overrides.durationMs ?? 61_000;
  return {
    usageId: UsageId('u-1'),
    sourceId: 'cdr-1',
    origin: 'SIPCORE',
    accountId: AccountId('ACME'),
    kind: 'LEG',
    product: Product('sipcore.voice'),
    direction: 'ORIGINATING',
    media: 'AUDIO',
    callId: 'call-1',
    endpoint: 'sip:100@acme',
    startAt,
    endAt: startAt + durationMs,
    durationMs,
    source: { stream: 'usage.legs', partition: 3, position: 42 },
    ...overrides,
  };
}

function context(rates: Rate[], opts: { account?: Partial<Account>; tariffs?: Partial<Tariff>[] } = {}): RatingContext {
  const accounts = new Map([[AccountId('ACME'), sampleAccount({ plans: [{ tariffId: TariffId('standard'), activatedAt: 0, expiresAt: null, options: [] }], ...opts.account })]]);
  const tariffs = new TariffBook();
  tariffs.add(sampleTariff({ effectiveFrom: 0, rates }));
  for (const t of opts.tariffs ?? []) tariffs.add(sampleTariff({ effectiveFrom: 0, rates, ...t }));
  return { account: (id) => accounts.get(id), tariffs, calendars: new CalendarBook() };
}

const voiceAt = (price: string, first = 60, next = 60, connectFee: string | null = null) =>
  context([sampleRate('sipcore.voice', price, { firstIncrement: first, nextIncrement: next, connectFee })]);

function rated(u: UsageRecord, ctx: RatingContext) {
  const outcome = rateUsage(u, ctx);
  if (!outcome.ok || outcome.rated === null) throw new Error(`expected a rated record, got ${JSON.stringify(outcome)}`);
  return outcome.rated;
}

describe('rateUsage', () => {
  it('bills a 61 s call at 0.01/min at 60/60 as 2 minutes = 0.020000', () => {
    expect(rated(usage(), voiceAt('0.01'))).toMatchObject({ billedSeconds: 120, quantity: '2', unitPrice: '0.01', amount: '0.020000' });
  });

  it('bills a 61 s call at 0.01/min at 1/1 as 1.016667 minutes = 0.010167', () => {
    expect(rated(usage(), voiceAt('0.01', 1, 1))).toMatchObject({ billedSeconds: 61, quantity: '1.016667', amount: '0.010167' });
  });

  it('bills a 31 s call at 30/6 as 36 s', () => {
    expect(rated(usage({ durationMs: 31_000 }), voiceAt('0.10', 30, 6))).toMatchObject({ billedSeconds: 36, quantity: '0.6', amount: '0.060000' });
  });

  it('bills a 61 s call at 60/1 as 61 s', () => {
    expect(rated(usage(), voiceAt('0.06', 60, 1))).toMatchObject({ billedSeconds: 61, amount: '0.061000' });
  });

  it('rounds the amount half-up at the rating precision', () => {
    // 1 s at 0.00003/min = 0.0000005 exactly: half a unit at 6 decimals rounds up.
    expect(rated(usage({ durationMs: 1000 }), voiceAt('0.00003', 1, 1)).amount).toBe('0.000001');
    // 1 s at 0.00002/min = 0.000000333...: rounds down to zero.
    expect(rated(usage({ durationMs: 1000 }), voiceAt('0.00002', 1, 1)).amount).toBe('0.000000');
  });

  it('keeps a 9-decimal price exact: 0.000000001/min for 60 minutes at 9 decimals', () => {
    const ctx = context([sampleRate('sipcore.voice', '0.000000001')], { tariffs: [{ version: 2, ratingDecimals: 9 }] });
    expect(rated(usage({ durationMs: 3_600_000 }), ctx)).toMatchObject({ amount: '0.000000060', unitPrice: '0.000000001', tariffVersion: 2 });
  });

  it('prints the amount with exactly the tariff rating decimals', () => {
    const ctx = context([sampleRate('sipcore.voice', '1.5')], { tariffs: [{ version: 2, ratingDecimals: 2 }] });
    expect(rated(usage(), ctx).amount).toBe('3.00');
  });

  it('prices video legs at the video price', () => {
    const ctx = context([sampleRate('sipcore.voice', '0.01'), sampleRate('sipcore.video', '0.05')]);
    expect(rated(usage({ product: Product('sipcore.video'), media: 'VIDEO' }), ctx)).toMatchObject({
      product: 'sipcore.video',
      unitPrice: '0.05',
      amount: '0.100000',
    });
  });

  it('adds the connect fee once, on top of the minutes', () => {
    expect(rated(usage(), voiceAt('0.01', 60, 60, '0.05'))).toMatchObject({ connectFee: '0.05', amount: '0.070000' });
  });

  it('charges the connect fee even on a 0-second leg', () => {
    expect(rated(usage({ durationMs: 0 }), voiceAt('0.01', 60, 60, '0.05'))).toMatchObject({ billedSeconds: 0, quantity: '0', amount: '0.050000' });
  });

  it('applies a tariff version with a later effectiveFrom only to usage starting at or after it', () => {
    const feb = at('2026-02-01T00:00:00Z');
    const ctx = context([sampleRate('sipcore.voice', '0.01')], { tariffs: [{ version: 2, effectiveFrom: feb, rates: [sampleRate('sipcore.voice', '0.02')] }] });
    expect(rated(usage({ startAt: feb - 1 }), ctx)).toMatchObject({ tariffVersion: 1, amount: '0.020000' });
    expect(rated(usage({ startAt: feb }), ctx)).toMatchObject({ tariffVersion: 2, amount: '0.040000' });
  });

  it('lands a call on the last evening of January UTC on February for a Tokyo account', () => {
    const lastEvening = at('2026-01-31T23:30:00Z');
    expect(rated(usage({ startAt: lastEvening }), voiceAt('0.01')).month).toBe('2026-01');
    const tokyo = context([sampleRate('sipcore.voice', '0.01')], { account: { timezone: 'Asia/Tokyo' } });
    expect(rated(usage({ startAt: lastEvening }), tokyo).month).toBe('2026-02');
  });

  it('carries ids, tariff, source and the call interval onto the rated record', () => {
    expect(rated(usage(), voiceAt('0.01'))).toEqual({
      ratedId: 'u-1',
      usageId: 'u-1',
      accountId: 'ACME',
      month: '2026-01',
      product: 'sipcore.voice',
      kind: 'LEG',
      startAt: JAN_10,
      billedSeconds: 120,
      quantity: '2',
      unitPrice: '0.01',
      connectFee: null,
      amount: '0.020000',
      currency: 'USD',
      tariffId: 'standard',
      tariffVersion: 1,
      source: { stream: 'usage.legs', partition: 3, position: 42 },
      flags: [],
      zeroRatedReason: null,
      callId: 'call-1',
      endAt: JAN_10 + 61_000,
    });
  });

  it('bills nothing for a failed attempt, which only feeds limit counters', () => {
    expect(rateUsage(usage({ kind: 'FAILED_ATTEMPT', product: null, durationMs: 0 }), voiceAt('0.01'))).toEqual({ ok: true, rated: null });
  });

  it('dead-letters usage of an unknown account as UNKNOWN_ACCOUNT', () => {
    expect(rateUsage(usage({ accountId: AccountId('NOBODY') }), voiceAt('0.01'))).toEqual({
      ok: false,
      code: 'UNKNOWN_ACCOUNT',
      reason: 'account NOBODY is not known; sipcore.voice usage u-1 at 2026-01-10T10:00:00.000Z cannot be rated',
    });
  });

  it('dead-letters usage with no active plan as NO_ACTIVE_TARIFF', () => {
    const ctx = context([sampleRate('sipcore.voice', '0.01')], { account: { plans: [] } });
    expect(rateUsage(usage(), ctx)).toMatchObject({ ok: false, code: 'NO_ACTIVE_TARIFF' });
  });

  it('dead-letters a product the tariff does not price as NO_PRICE, not at zero', () => {
    expect(rateUsage(usage({ product: Product('media.recording') }), voiceAt('0.01'))).toMatchObject({ ok: false, code: 'NO_PRICE' });
  });

  it('dead-letters a tariff in another currency than the account as CURRENCY_MISMATCH', () => {
    const ctx = context([sampleRate('sipcore.voice', '0.01')], { account: { currency: Currency('EUR') } });
    expect(rateUsage(usage(), ctx)).toEqual({
      ok: false,
      code: 'CURRENCY_MISMATCH',
      reason: 'account ACME is billed in EUR but tariff standard v1 prices sipcore.voice in USD (usage at 2026-01-10T10:00:00.000Z)',
    });
  });

  it('dead-letters a negative duration as INVALID_RECORD instead of throwing', () => {
    expect(rateUsage(usage({ durationMs: -1 }), voiceAt('0.01'))).toMatchObject({ ok: false, code: 'INVALID_RECORD' });
  });

  it('dead-letters usage of an account with an unknown time zone as INVALID_RECORD instead of throwing', () => {
    const ctx = context([sampleRate('sipcore.voice', '0.01')], { account: { timezone: 'Mars/Base' } });
    expect(rateUsage(usage(), ctx)).toMatchObject({ ok: false, code: 'INVALID_RECORD' });
  });
});
