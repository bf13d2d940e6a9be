import { createServiceMetrics, type ServiceMetrics } from '../ops';
import { RegistryUnavailable } from '../registry';
import { recordBatchHandler, type RecordBatchWork } from './record-batch-handler';
import { FakeAvro, FakeProducer, PromptFakeAvro, consumedBatch } from './stream-fakes.fixture';

/** The record a toy stage reads: it doubles `minutes` onto out.legs and dead-letters negative ones. */
interface Leg {
  readonly accountId: string;
  readonly minutes: number;
}

let avro: FakeAvro;
let producer: FakeProducer;
let metrics: ServiceMetrics;
let acknowledged: number;

beforeEach(() => {
  avro = new FakeAvro();
  producer = new FakeProducer();
  metrics = createServiceMetrics('test', { processMetrics: false });
  acknowledged = 0;
});

const work = (): RecordBatchWork<Leg> => ({
  async record(leg, out) {
    if (leg.value.minutes < 0) return out.deadLetter(leg, { code: 'INVALID_RECORD', reason: 'negative minutes' }, 'rate');
    await out.addFor(leg, 'rate', [{ topic: 'out.legs', key: leg.value.accountId, value: { minutes: leg.value.minutes * 2 } }]);
  },
  acknowledged: () => void (acknowledged += 1),
});
const handler = () => recordBatchHandler<Leg>({ avro, producer, metrics }, work);
const counter = async (metric: { get(): Promise<{ values: Array<{ value: number; labels: object }> }> }, labels: object) =>
  (await metric.get()).values.find((v) => JSON.stringify(v.labels) === JSON.stringify(labels))?.value ?? 0;

describe('the shared batch handler of the stream services', () => {
  it('sends the outputs and dead letters of a whole batch in one producer call, keyed by account', async () => {
    const batch = consumedBatch('in.legs', [avro.wire({ accountId: 'ACME', minutes: 2 }), avro.wire({ accountId: 'ACME', minutes: -1 })]);

    await handler()(batch);

    expect(producer.calls).toHaveLength(1);
    expect(producer.calls[0]!.map((b) => b.topic).sort()).toEqual(['in.legs.dlq', 'out.legs']);
    expect(await producer.sent(avro, 'out.legs')).toEqual([{ key: 'ACME', value: { minutes: 4 } }]);
    const [letter] = await producer.sent(avro, 'in.legs.dlq');
    expect(letter).toMatchObject({
      key: 'ACME',
      value: { code: 'INVALID_RECORD', stage: 'rate', source: { stream: 'in.legs', partition: 0, position: 1 } },
    });
  });

  it('dead-letters bytes that are not Avro at stage ingest with the original bytes and offset, and goes on', async () => {
    const garbage = Buffer.from('{"cdrId":"c-9"}');
    const batch = consumedBatch('in.legs', [garbage, avro.wire({ accountId: 'ACME', minutes: 1 })], { partition: 2, firstOffset: 40 });

    await handler()(batch);

    const [letter] = await producer.sent(avro, 'in.legs.dlq');
    expect(letter!.value).toMatchObject({
      code: 'UNPARSEABLE',
      stage: 'ingest',
      source: { stream: 'in.legs', partition: 2, position: 40 },
    });
    expect((letter!.value as { original: Buffer }).original.equals(garbage)).toBe(true);
    expect(await producer.sent(avro, 'out.legs')).toHaveLength(1);
  });

  it('dead-letters a message without a value (a tombstone) instead of stopping the partition', async () => {
    await handler()(consumedBatch('in.legs', [null]));

    const [letter] = await producer.sent(avro, 'in.legs.dlq');
    expect(letter!.value).toMatchObject({ code: 'UNPARSEABLE', reason: expect.stringContaining('no value') });
    expect((letter!.value as { original: Buffer }).original).toHaveLength(0);
  });

  it('throws while the registry is unavailable, producing nothing, so the batch is retried uncommitted', async () => {
    avro.registryDown = true;
    const run = handler()(consumedBatch('in.legs', [avro.wire({ accountId: 'ACME', minutes: 1 })]));

    await expect(run).rejects.toBeInstanceOf(RegistryUnavailable);
    expect(producer.calls).toHaveLength(0);
  });

  it('dead-letters a record whose output the schema refuses, with SCHEMA_INVALID, and adds none of its outputs', async () => {
    avro.refuse = (topic) => topic === 'out.legs';

    await handler()(consumedBatch('in.legs', [avro.wire({ accountId: 'ACME', minutes: 3 })]));

    expect(await producer.sent(avro, 'out.legs')).toEqual([]);
    const [letter] = await producer.sent(avro, 'in.legs.dlq');
    expect(letter!.value).toMatchObject({ code: 'SCHEMA_INVALID', stage: 'rate', reason: expect.stringContaining('out.legs') });
  });

  it('fails the batch when the producer is not acknowledged, and counts nothing as done', async () => {
    producer.failWith = Object.assign(new Error('ledger topic unavailable'), { retriable: true });

    await expect(handler()(consumedBatch('in.legs', [avro.wire({ accountId: 'ACME', minutes: 1 })]))).rejects.toThrow('unavailable');

    expect(acknowledged).toBe(0);
    expect(await counter(metrics.recordsIn, { topic: 'in.legs' })).toBe(0);
  });

  it('counts records in and out, dead letters by code and the partition lag once the batch is acknowledged', async () => {
    const values = [avro.wire({ accountId: 'ACME', minutes: 1 }), Buffer.from('x'), avro.wire({ accountId: 'ACME', minutes: -5 })];

    await handler()(consumedBatch('in.legs', values, { partition: 1, firstOffset: 10, highWatermark: 20 }));

    expect(acknowledged).toBe(1);
    expect(await counter(metrics.recordsIn, { topic: 'in.legs' })).toBe(3);
    expect(await counter(metrics.recordsOut, { topic: 'out.legs' })).toBe(1);
    expect(await counter(metrics.recordsOut, { topic: 'in.legs.dlq' })).toBe(2);
    expect(await counter(metrics.deadLetters, { code: 'UNPARSEABLE' })).toBe(1);
    expect(await counter(metrics.deadLetters, { code: 'INVALID_RECORD' })).toBe(1);
    expect(await counter(metrics.consumerLag, { topic: 'in.legs', partition: '1' })).toBe(7); // offsets 13..19 unread
  });
  it('lets the work load state for the decoded batch before the first record and store it only once the outputs are acknowledged', async () => {
    const steps: string[] = [];
    const stateful = (): RecordBatchWork<Leg> => ({
      async prepare(records) {
        steps.push(`prepare ${records.map((r) => r.message.offset).join(',')}`);
      },
      async record(leg, out) {
        steps.push(`record ${leg.message.offset}`);
        await out.addFor(leg, 'rate', [{ topic: 'out.legs', key: leg.value.accountId, value: leg.value }]);
      },
      async persist() {
        steps.push(`persist after ${producer.calls.length} send`);
      },
    });
    const batch = consumedBatch('in.legs', [avro.wire({ accountId: 'ACME', minutes: 1 }), Buffer.from('x'), avro.wire({ accountId: 'ACME', minutes: 2 })]);

    await recordBatchHandler<Leg>({ avro, producer, metrics }, stateful)(batch);

    expect(steps).toEqual(['prepare 0,2', 'record 0', 'record 2', 'persist after 1 send']);
    expect((await producer.sent(avro, 'in.legs.dlq')).map((l) => (l.value as { source: object }).source)).toEqual([
      { stream: 'in.legs', partition: 0, position: 1 },
    ]);
  });

  it('never stores state past outputs the producer did not acknowledge, and fails the batch when storing fails', async () => {
    let persisted = 0;
    const stateful = (fail: boolean) => (): RecordBatchWork<Leg> => ({
      async record(leg, out) {
        await out.addFor(leg, 'rate', [{ topic: 'out.legs', key: leg.value.accountId, value: leg.value }]);
      },
      async persist() {
        if (fail) throw Object.assign(new Error('redis away'), { retriable: true });
        persisted += 1;
      },
      acknowledged: () => void (acknowledged += 1),
    });
    const batch = () => consumedBatch('in.legs', [avro.wire({ accountId: 'ACME', minutes: 1 })]);

    producer.failWith = Object.assign(new Error('not enough replicas'), { retriable: true });
    await expect(recordBatchHandler<Leg>({ avro, producer, metrics }, stateful(false))(batch())).rejects.toThrow('replicas');
    expect(persisted).toBe(0);

    producer.failWith = undefined;
    await expect(recordBatchHandler<Leg>({ avro, producer, metrics }, stateful(true))(batch())).rejects.toThrow('redis away');
    expect([acknowledged, await counter(metrics.recordsIn, { topic: 'in.legs' })]).toEqual([0, 0]);
  });

  it('gives the same outputs and dead letters when the codec needs no promise, and falls back for a refused value', async () => {
    avro = new PromptFakeAvro();
    avro.refuse = (topic, value) => topic === 'out.legs' && (value as { minutes: number }).minutes === 6;
    const values = [{ accountId: 'ACME', minutes: 2 }, { accountId: 'ACME', minutes: -1 }, { accountId: 'ACME', minutes: 3 }];
    const batch = consumedBatch('in.legs', [...values.map((v) => avro.wire(v)), Buffer.from('junk')]);

    await handler()(batch);

    expect(producer.calls).toHaveLength(1);
    expect(await producer.sent(avro, 'out.legs')).toEqual([{ key: 'ACME', value: { minutes: 4 } }]);
    const letters = (await producer.sent(avro, 'in.legs.dlq')).map((l) => l.value as { code: string; stage: string; source: { position: number } });
    expect(letters.map((l) => [l.code, l.stage, l.source.position])).toEqual([
      ['INVALID_RECORD', 'rate', 1],
      ['SCHEMA_INVALID', 'rate', 2],
      ['UNPARSEABLE', 'ingest', 3],
    ]);
  });
});
