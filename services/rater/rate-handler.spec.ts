import { AccountId, Product, UsageId, type LimitEvent, type RatedRecord, type UsageRecord } from '../../libs/domain';
import { sampleAccount, sampleRate, sampleTariff } from '../../libs/domain/reference/sample-reference';
import { createServiceMetrics, type ServiceMetrics } from '../../libs/ops';
import { ReferenceData } from '../../libs/pipeline/reference-data';
import { LimitCountersTaken, LimitPositionMoved } from '../../libs/redis/limit-batch';
import { FakeAvro, FakeProducer, consumedBatch } from '../../libs/runtime/stream-fakes.fixture';
import { MemoryLimitStore } from './memory-limit-store.fixture';
import { createRateHandler } from './rate-handler';

const T0 = Date.UTC(2025, 2, 3, 9, 0, 0);
const APRIL = Date.UTC(2025, 3, 1);
const MIN = 60_000;

const leg = (over: Partial<UsageRecord> = {}): UsageRecord => ({
  usageId: UsageId('sip:c-1:orig'),
  sourceId: 'c-1',
  origin: 'SIPCORE',
  accountId: AccountId('ACME'),
  kind: 'LEG',
  product: Product('sipcore.voice'),
  direction: 'ORIGINATING',
  media: 'AUDIO',
  callId: 'call-1@sip.example',
  endpoint: 'sip:1001@acme.example',
  startAt: T0,
  endAt: T0 + 61_000,
  durationMs: 61_000,
  source: { stream: 'cdr.sipcore', partition: 2, position: 17 },
  ...over,
});

/** A call of its own (id `c-<n>`), starting n minutes after T0, `seconds` long. */
const call = (n: number, seconds: number, over: Partial<UsageRecord> = {}): UsageRecord =>
  leg({ usageId: UsageId(`sip:c-${n}:orig`), sourceId: `c-${n}`, callId: `c-${n}@sip.example`, startAt: T0 + n * MIN, endAt: T0 + n * MIN + seconds * 1000, durationMs: seconds * 1000, ...over });

/** An unanswered call: a FAILED_ATTEMPT usage, counted for limits, never billed. */
const attempt = (n: number): UsageRecord =>
  call(n, 0, { usageId: UsageId(`sip:f-${n}:attempt`), callId: `f-${n}@sip.example`, kind: 'FAILED_ATTEMPT', product: null, direction: null });

let avro: FakeAvro;
let producer: FakeProducer;
let metrics: ServiceMetrics;
let reference: ReferenceData;
let store: MemoryLimitStore;
beforeEach(() => {
  avro = new FakeAvro();
  producer = new FakeProducer();
  metrics = createServiceMetrics('rater', { processMetrics: false });
  // sipcore.voice 0.01/min at 60/60, video 0.05; the tariff has no limits, so the free plan's hold.
  reference = ReferenceData.of([sampleAccount()], [sampleTariff()]);
  store = new MemoryLimitStore();
});

const handler = () => createRateHandler({ avro, producer, metrics, reference, limitStore: store, ledgerTopic: 'ledger.rated', limitsTopic: 'limits' });
const rate = (usage: readonly UsageRecord[], options: { firstOffset?: number } = {}) =>
  handler()(consumedBatch('usage.legs', usage.map((u) => avro.wire(u)), options));
const ledger = async () => (await producer.sent(avro, 'ledger.rated')).map((m) => ({ key: m.key, ...(m.value as RatedRecord) }));
const events = async () => (await producer.sent(avro, 'limits')).map((m) => ({ key: m.key, ...(m.value as LimitEvent) }));
const letters = async () => (await producer.sent(avro, 'usage.legs.dlq')).map((m) => m.value as Record<string, unknown>);
const ratedTotal = async () => (await metrics.registry.getSingleMetricAsString('rated_amount_total')).split('\n').pop();

describe('the rater batch handler', () => {
  it('bills a 61 s call as 2 minutes at 60/60: 0.020000 USD on the ledger, keyed by account, traced to its CDR', async () => {
    await rate([leg()]);

    const [rated] = await ledger();
    expect(rated).toMatchObject({
      key: 'ACME',
      ratedId: 'sip:c-1:orig',
      month: '2025-03',
      product: 'sipcore.voice',
      billedSeconds: 120,
      quantity: '2',
      unitPrice: '0.01',
      amount: '0.020000',
      currency: 'USD',
      tariffId: 'standard',
      tariffVersion: 1,
      source: { stream: 'cdr.sipcore', partition: 2, position: 17 },
      flags: [],
      zeroRatedReason: null,
    });
  });

  it('prices usage with the tariff version in effect when it started, including one published while running', async () => {
    const rating = handler();
    reference.putTariff(sampleTariff({ version: 2, effectiveFrom: APRIL, rates: [sampleRate('sipcore.voice', '0.03')] }));

    const inApril = leg({ usageId: UsageId('sip:c-2:orig'), callId: 'call-2@sip.example', startAt: APRIL + 5000 });
    await rating(consumedBatch('usage.legs', [avro.wire(leg()), avro.wire(inApril)]));

    expect((await ledger()).map((r) => [r.usageId, r.month, r.tariffVersion, r.amount])).toEqual([
      ['sip:c-1:orig', '2025-03', 1, '0.020000'],
      ['sip:c-2:orig', '2025-04', 2, '0.060000'],
    ]);
  });

  it('dead-letters usage of a product the tariff has no price for to usage.legs.dlq with the usage bytes', async () => {
    const recording = avro.wire(leg({ usageId: UsageId('media:r-1'), kind: 'RECORDING', product: Product('media.recording') }));

    await handler()(consumedBatch('usage.legs', [recording], { partition: 1, firstOffset: 5 }));

    const [letter] = await letters();
    expect(letter).toMatchObject({ code: 'NO_PRICE', stage: 'rate', source: { stream: 'usage.legs', partition: 1, position: 5 } });
    expect(letter!.reason).toMatch(/^media:r-1: /);
    expect((letter!.original as Buffer).equals(recording)).toBe(true);
    expect(await ledger()).toEqual([]);
  });

  it('dead-letters usage that starts before any tariff of the account is active, rather than billing it at zero', async () => {
    await rate([leg({ startAt: Date.UTC(2024, 11, 31) })]);

    expect((await letters()).map((l) => l.code)).toEqual(['NO_ACTIVE_TARIFF']);
  });

  it('produces nothing for a failed call attempt within the limits', async () => {
    await rate([attempt(1)]);

    expect(producer.calls).toEqual([]);
  });

  it('adds rated amounts to rated_amount_total only once the ledger acknowledged them', async () => {
    const batch = () => consumedBatch('usage.legs', [avro.wire(leg()), avro.wire(leg({ usageId: UsageId('sip:c-1:term') }))]);
    producer.failWith = Object.assign(new Error('not enough replicas'), { retriable: true });
    await expect(handler()(batch())).rejects.toThrow('replicas');
    expect(await ratedTotal()).not.toContain('USD');

    producer.failWith = undefined;
    await handler()(batch());

    expect(await ratedTotal()).toBe('rated_amount_total{currency="USD",service="rater"} 0.04');
  });
});

describe('tariff-plan limits in the rater', () => {
  it('flags a 3-minute call of a free-plan account LIMIT:MAX_CALL_DURATION at its full price and raises one event on limits', async () => {
    await rate([call(1, 180)]);

    const [rated] = await ledger();
    expect(rated).toMatchObject({ ratedId: 'sip:c-1:orig', quantity: '3', amount: '0.030000', flags: ['LIMIT:MAX_CALL_DURATION'] });
    expect(await events()).toEqual([
      expect.objectContaining({
        key: 'ACME',
        eventId: 'ACME:MAX_CALL_DURATION:c-1@sip.example',
        limit: 'MAX_CALL_DURATION',
        planTariffId: null,
        value: 180,
        threshold: 120,
        usageId: 'sip:c-1:orig',
      }),
    ]);
  });

  it('raises FAILED_CALLS on the sixth failed call within an hour, across batches, and bills nothing for attempts', async () => {
    await rate([1, 2, 3].map(attempt), { firstOffset: 0 });
    await rate([4, 5, 6, 7].map(attempt), { firstOffset: 3 });

    expect(await ledger()).toEqual([]);
    expect((await events()).map((e) => [e.eventId, e.usageId, e.value, e.threshold, e.windowSeconds])).toEqual([
      [`ACME:FAILED_CALLS:${T0 + MIN}`, 'sip:f-6:attempt', 6, 5, 3600],
    ]);
  });

  it('zero-rates a PER_CHANNEL account voice leg with its reason, keeps its minutes and flags, and still bills transcoding', async () => {
    reference = ReferenceData.of(
      [sampleAccount({ billingModel: 'PER_CHANNEL', channels: 2 })],
      [sampleTariff({ rates: [sampleRate('sipcore.voice', '0.01'), sampleRate('sipcore.transcoding', '0.002')] })],
    );
    const voice = call(1, 180);
    const transcoding = { ...voice, usageId: UsageId('sip:c-1:transcoding'), kind: 'TRANSCODING' as const, product: Product('sipcore.transcoding'), endpoint: null };

    await rate([voice, transcoding]);

    expect((await ledger()).map((r) => [r.product, r.quantity, r.unitPrice, r.amount, r.zeroRatedReason, r.flags])).toEqual([
      ['sipcore.voice', '3', '0.00', '0.000000', 'PER_CHANNEL', ['LIMIT:MAX_CALL_DURATION']],
      ['sipcore.transcoding', '3', '0.002', '0.006000', null, ['LIMIT:MAX_CALL_DURATION']],
    ]);
    expect((await events()).map((e) => e.limit)).toEqual(['MAX_CALL_DURATION']);
  });

  it('counts a usage sent twice once: no second rated record, no second event, wherever the copy arrives', async () => {
    await rate([call(1, 180), attempt(2), call(1, 180)], { firstOffset: 0 });
    await rate([call(1, 180)], { firstOffset: 3 });

    expect((await ledger()).map((r) => r.ratedId)).toEqual(['sip:c-1:orig']);
    expect(await events()).toHaveLength(1);
    expect(store.counted).toEqual(new Set(['ACME|sip:c-1:orig', 'ACME|sip:f-2:attempt']));
  });

  it('loads the counters of a batch in one round trip and saves them with the offset after its last message', async () => {
    await rate([call(1, 60), attempt(2), call(3, 60)], { firstOffset: 40 });

    expect([store.loads, store.saves]).toEqual([1, 1]);
    expect(await store.nextOffsets('usage.legs', [0, 1])).toEqual([{ topic: 'usage.legs', partition: 0, offset: '43' }]);
    expect(store.counters.get('ACME')?.calls.map((c) => c.id)).toEqual(['c-1@sip.example', 'c-3@sip.example']);
  });

  it('gives the same flags and events when a batch comes again after a crash between producing and saving, counting nothing twice', async () => {
    const usage = [1, 2, 3, 4, 5].map(attempt);
    await rate(usage, { firstOffset: 0 });
    const crashed = [6, 7].map(attempt);
    store.failNextSave = new Error('killed before the save');
    await expect(rate(crashed, { firstOffset: 5 })).rejects.toThrow('killed');
    const firstRun = await events();

    await rate(crashed, { firstOffset: 5 });

    const both = await events();
    expect(firstRun).toHaveLength(1);
    expect(both).toEqual([firstRun[0], firstRun[0]]); // the same event twice (at least once), same eventId
    expect(store.counters.get('ACME')?.windows['GATEWAY:FAILED_CALLS']).toMatchObject({ value: 7 });
  });

  it('skips a batch it already saved when it comes again from an older Kafka offset (a lost commit)', async () => {
    await rate([call(1, 180), attempt(2)], { firstOffset: 0 });
    const before = producer.calls.length;

    await rate([call(1, 180), attempt(2), call(5, 180)], { firstOffset: 0 });

    expect(producer.calls.slice(before).flat().map((b) => [b.topic, b.messages.length])).toEqual([['ledger.rated', 1], ['limits', 1]]);
    expect((await ledger()).map((r) => r.ratedId)).toEqual(['sip:c-1:orig', 'sip:c-5:orig']);
    expect(await store.nextOffsets('usage.legs', [0])).toEqual([{ topic: 'usage.legs', partition: 0, offset: '3' }]);
  });

  it('refuses to save over a position another instance moved, so the batch is retried from its state', async () => {
    const load = store.load.bind(store);
    store.load = async (...args) => {
      const snapshot = await load(...args);
      store.positions.set('usage.legs/0', 1n); // the new owner saved the same batch meanwhile
      return snapshot;
    };

    await expect(rate([call(1, 60)])).rejects.toBeInstanceOf(LimitPositionMoved);
    expect(store.counters.size).toBe(0);
  });

  it('dead-letters a failed attempt of an account it does not know, instead of counting it for no one', async () => {
    await rate([{ ...attempt(1), accountId: AccountId('GLOBEX') }]);

    expect((await letters()).map((l) => [l.code, l.stage])).toEqual([['UNKNOWN_ACCOUNT', 'rate']]);
    expect(store.counted.size).toBe(0);
  });
});

describe('the limit counters between batches of a partition', () => {
  const failedWindow = () => store.counters.get('ACME')?.windows['GATEWAY:FAILED_CALLS'];

  it('counts on from the counters its last batch saved, without reading them back', async () => {
    const rating = handler();
    await rating(consumedBatch('usage.legs', [1, 2, 3].map((n) => avro.wire(attempt(n))), { firstOffset: 0 }));
    await rating(consumedBatch('usage.legs', [4, 5, 6, 7].map((n) => avro.wire(attempt(n))), { firstOffset: 3 }));

    expect(store.asked).toEqual([['ACME'], []]);
    expect((await events()).map((e) => e.usageId)).toEqual(['sip:f-6:attempt']);
    expect(failedWindow()).toMatchObject({ value: 7 });
  });

  it('retries a batch whose save failed from the stored counters, not from what the failed run counted', async () => {
    const rating = handler();
    await rating(consumedBatch('usage.legs', [1, 2, 3, 4, 5].map((n) => avro.wire(attempt(n))), { firstOffset: 0 }));
    const crashed = () => consumedBatch('usage.legs', [6, 7].map((n) => avro.wire(attempt(n))), { firstOffset: 5 });
    store.failNextSave = new Error('Redis went away');
    await expect(rating(crashed())).rejects.toThrow('Redis went away');

    await rating(crashed());

    expect(store.asked).toEqual([['ACME'], [], ['ACME']]);
    const [first, again] = await events();
    expect(again).toEqual(first);
    expect(failedWindow()).toMatchObject({ value: 7 });
  });

  it('reads the counters again when another instance saved the partition since its last batch', async () => {
    const rating = handler();
    await rating(consumedBatch('usage.legs', [1, 2, 3].map((n) => avro.wire(attempt(n))), { firstOffset: 0 }));
    await handler()(consumedBatch('usage.legs', [4, 5].map((n) => avro.wire(attempt(n))), { firstOffset: 3 })); // a rebalance and back

    await rating(consumedBatch('usage.legs', [avro.wire(attempt(6))], { firstOffset: 5 }));

    expect((await events()).map((e) => e.usageId)).toEqual(['sip:f-6:attempt']);
    expect(failedWindow()).toMatchObject({ value: 6 });
  });

  it('counts an account whose usage is in two partitions exactly once each, however the saves interleave', async () => {
    // Partitions were added to usage.legs: ACME's older usage is still in partition 0, its newer in 1.
    const rating = handler();
    const partition = (p: number, ns: number[], firstOffset: number) =>
      consumedBatch('usage.legs', ns.map((n) => avro.wire(attempt(n))), { partition: p, firstOffset });
    await rating(partition(0, [1, 2], 0)); // partition 0 keeps ACME's counters in memory
    await handler()(partition(1, [3, 4], 0)); // another instance counts on top of them in Redis

    await expect(rating(partition(0, [5, 6], 2))).rejects.toBeInstanceOf(LimitCountersTaken);
    await rating(partition(0, [5, 6], 2)); // the consumer's retry reads what partition 1 stored

    expect(failedWindow()).toMatchObject({ value: 6 });
    expect((await events()).map((e) => e.usageId)).toContain('sip:f-6:attempt');
  });
});
