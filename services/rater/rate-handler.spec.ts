import { AccountId, Product, UsageId, type RatedRecord, type UsageRecord } from '../../libs/domain';
import { sampleAccount, sampleRate, sampleTariff } from '../../libs/domain/reference/sample-reference';
import { createServiceMetrics, type ServiceMetrics } from '../../libs/ops';
import { ReferenceData } from '../../libs/pipeline/reference-data';
import { FakeAvro, FakeProducer, consumedBatch } from '../../libs/runtime/stream-fakes.fixture';
import { createRateHandler } from './rate-handler';

const T0 = Date.UTC(2025, 2, 3, 9, 0, 0);
const APRIL = Date.UTC(2025, 3, 1);

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

let avro: FakeAvro;
let producer: FakeProducer;
let metrics: ServiceMetrics;
let reference: ReferenceData;
beforeEach(() => {
  avro = new FakeAvro();
  producer = new FakeProducer();
  metrics = createServiceMetrics('rater', { processMetrics: false });
  reference = ReferenceData.of([sampleAccount()], [sampleTariff()]); // sipcore.voice 0.01/min at 60/60, video 0.05
});

const handler = () => createRateHandler({ avro, producer, metrics, reference, ledgerTopic: 'ledger.rated' });
const ledger = async () => (await producer.sent(avro, 'ledger.rated')).map((m) => ({ key: m.key, ...(m.value as RatedRecord) }));
const letters = async () => (await producer.sent(avro, 'usage.legs.dlq')).map((m) => m.value as Record<string, unknown>);
const ratedTotal = async () => (await metrics.registry.getSingleMetricAsString('rated_amount_total')).split('\n').pop();

describe('the rater batch handler', () => {
  it('bills a 61 s call as 2 minutes at 60/60: 0.020000 USD on the ledger, keyed by account, traced to its CDR', async () => {
    await handler()(consumedBatch('usage.legs', [avro.wire(leg())]));

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
    });
  });

  it('prices usage with the tariff version in effect when it started, including one published while running', async () => {
    const rate = handler();
    reference.putTariff(sampleTariff({ version: 2, effectiveFrom: APRIL, rates: [sampleRate('sipcore.voice', '0.03')] }));

    const inApril = leg({ usageId: UsageId('sip:c-2:orig'), startAt: APRIL + 5000 });
    await rate(consumedBatch('usage.legs', [avro.wire(leg()), avro.wire(inApril)]));

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
    await handler()(consumedBatch('usage.legs', [avro.wire(leg({ startAt: Date.UTC(2024, 11, 31) }))]));

    expect((await letters()).map((l) => l.code)).toEqual(['NO_ACTIVE_TARIFF']);
  });

  it('produces nothing for a failed call attempt', async () => {
    const attempt = leg({ usageId: UsageId('sip:c-3:attempt'), kind: 'FAILED_ATTEMPT', product: null, durationMs: 0 });

    await handler()(consumedBatch('usage.legs', [avro.wire(attempt)]));

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
