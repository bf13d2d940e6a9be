import { AccountId, type LimitEvent, type RatedRecord, type SipCoreCdr, type UsageRecord } from '../../libs/domain';
import { normalizeForAccount } from '../../libs/domain/normalize';
import { sampleAccount, sampleRate, sampleTariff } from '../../libs/domain/reference/sample-reference';
import { createServiceMetrics } from '../../libs/ops';
import { EmbeddedPipeline } from '../../libs/pipeline/embedded-pipeline';
import { ReferenceData } from '../../libs/pipeline/reference-data';
import { FakeAvro, FakeProducer, consumedBatch } from '../../libs/runtime/stream-fakes.fixture';
import { MemoryLimitStore } from './memory-limit-store.fixture';
import { createRateHandler } from './rate-handler';

/**
 * The rater against the embedded pipeline, its in-process twin: the same CDRs, normalized, give the
 * same rated records (flags, zero-rating, amounts) and the same tariff-plan limit events.
 */
const T0 = Date.UTC(2025, 2, 3, 9, 0, 0);
const accounts = [sampleAccount({ accountId: AccountId('FREE') }), sampleAccount({ accountId: AccountId('CHAN'), billingModel: 'PER_CHANNEL', channels: 1 })];
// No limits on the tariff: both accounts are held to the free plan (2 min a call, 30 min a day, 5
// failed calls an hour, one SIP account, one line).
const tariff = sampleTariff({ rates: [sampleRate('sipcore.voice', '0.01'), sampleRate('sipcore.video', '0.05'), sampleRate('sipcore.transcoding', '0.002')] });

/** 90 CDRs of two accounts, 50 s apart: failed calls, device-to-device calls, transcoded trunk calls, re-sent CDRs. */
function cdrs(): SipCoreCdr[] {
  const list: SipCoreCdr[] = [];
  for (let i = 0; i < 90; i++) {
    if (i % 9 === 8) {
      list.push(list[i - 4]!); // re-sent
      continue;
    }
    const accountId = AccountId(i % 2 === 0 ? 'FREE' : 'CHAN');
    const setupAt = T0 + i * 50_000;
    const seconds = 20 + ((i * 41) % 240);
    const failed = i % 5 === 0;
    list.push({
      cdrId: `cdr-${i}`,
      accountId,
      callId: `call-${i}@sip.example`,
      from: 'sip:100@acme.example',
      to: i % 7 === 3 ? 'sip:101@acme.example' : 'sip:+15550100@pstn.example',
      fromKind: 'DEVICE',
      toKind: i % 7 === 3 ? 'DEVICE' : i % 6 === 2 ? 'TRUNK' : 'EXTERNAL',
      trunkId: i % 6 === 2 ? 'trunk-1' : null,
      media: i % 13 === 4 ? 'VIDEO' : 'AUDIO',
      transcoded: i % 6 === 2,
      setupAt,
      answerAt: failed ? null : setupAt + 3000,
      endAt: setupAt + 3000 + (failed ? 7000 : seconds * 1000),
      sipCode: failed ? 480 : 200,
      disposition: failed ? 'NO_ANSWER' : 'ANSWERED',
    });
  }
  return list;
}

const byEvent = (a: LimitEvent, b: LimitEvent) =>
  a.accountId.localeCompare(b.accountId) || a.at - b.at || a.eventId.localeCompare(b.eventId);

describe('the rater and the embedded pipeline', () => {
  it('rate the same usage into the same flagged, zero-rated records and raise the same limit events, across batches', async () => {
    const reference = ReferenceData.of(accounts, [tariff]);
    const embeddedRated: RatedRecord[] = [];
    const embedded = new EmbeddedPipeline(reference, { deadLetter: () => undefined, rated: (r) => embeddedRated.push(r) });
    const usage: UsageRecord[] = [];
    cdrs().forEach((cdr, position) => {
      const source = { stream: 'cdr.sipcore', partition: 0, position };
      embedded.accept('sipcore', { ok: true, value: cdr }, source, '');
      const outcome = normalizeForAccount({ kind: 'sipcore', record: cdr }, source, (id) => reference.account(id) !== undefined);
      if (outcome.ok) usage.push(...outcome.usage);
    });
    // The month's PER_CHANNEL LINES event comes from the invoice side (channel peak), not from the rater.
    const planEvents = embedded.limitEvents().filter((e) => !/:LINES:\d{4}-\d{2}$/.test(e.eventId));

    const avro = new FakeAvro();
    const producer = new FakeProducer();
    const metrics = createServiceMetrics('rater', { processMetrics: false });
    const rate = createRateHandler({ avro, producer, metrics, reference, limitStore: new MemoryLimitStore(), ledgerTopic: 'ledger.rated', limitsTopic: 'limits' });
    for (let from = 0; from < usage.length; from += 40) {
      await rate(consumedBatch('usage.legs', usage.slice(from, from + 40).map((u) => avro.wire(u)), { firstOffset: from }));
    }
    const rated = (await producer.sent(avro, 'ledger.rated')).map((m) => m.value as RatedRecord);
    const events = (await producer.sent(avro, 'limits')).map((m) => m.value as LimitEvent);

    expect(rated).toEqual(embeddedRated);
    expect([...events].sort(byEvent)).toEqual(planEvents);
    // The case covers what it claims: flags of several limits (failed calls flag only their attempts,
    // which are never rated), PER_CHANNEL zero-rating, duplicates skipped.
    expect(new Set(rated.flatMap((r) => r.flags))).toEqual(
      new Set(['LIMIT:MAX_CALL_DURATION', 'LIMIT:TOTAL_DURATION', 'LIMIT:SIP_ACCOUNTS', 'LIMIT:LINES']),
    );
    expect(new Set(events.map((e) => e.limit))).toEqual(new Set(['MAX_CALL_DURATION', 'TOTAL_DURATION', 'FAILED_CALLS', 'SIP_ACCOUNTS', 'LINES']));
    expect(rated.some((r) => r.flags.length > 1)).toBe(true);
    expect(rated.filter((r) => r.zeroRatedReason === 'PER_CHANNEL').length).toBeGreaterThan(10);
    expect(embedded.stats.duplicates).toBeGreaterThan(0);
  });
});
