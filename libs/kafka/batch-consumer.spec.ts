import type { EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { runBatchConsumer, type BatchHandler, type ConsumedBatch } from './batch-consumer';

/** Just enough of a kafkajs consumer to drive eachBatch by hand; the real one is exercised in test/infra. */
class ConsumerStub {
  readonly events = { GROUP_JOIN: 'join', REBALANCING: 'rebalancing', CRASH: 'crash' };
  readonly seeks: Array<{ topic: string; partition: number; offset: string }> = [];
  readonly pendingSeeks = new Set<string>();
  disconnected = false;
  private readonly listeners = new Map<string, Array<(event: unknown) => void>>();
  private eachBatch?: (payload: EachBatchPayload) => Promise<void>;

  on(event: string, listener: (event: unknown) => void) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }
  async connect() {}
  async subscribe() {}
  async run(config: { eachBatch: (payload: EachBatchPayload) => Promise<void> }) {
    this.eachBatch = config.eachBatch;
    for (const listener of this.listeners.get('join') ?? []) listener({ payload: { memberAssignment: { legs: [0, 1] } } });
  }
  pause() {}
  seek(entry: { topic: string; partition: number; offset: string }) {
    this.seeks.push(entry);
    this.pendingSeeks.add(`${entry.topic}:${entry.partition}`);
  }
  async disconnect() {
    this.disconnected = true;
  }

  /** Hands the consumer one batch of `offsets` on legs/`partition`, as kafkajs's runner would. */
  deliver(partition: number, offsets: number[]) {
    const calls = { resolved: [] as string[], committed: [] as unknown[], heartbeats: 0 };
    const messages = offsets.map((o) => ({ offset: String(o), value: Buffer.from(`leg-${o}`) }) as unknown as KafkaMessage);
    const payload = {
      batch: { topic: 'legs', partition, highWatermark: '100', messages, lastOffset: () => String(offsets[offsets.length - 1]) },
      resolveOffset: (offset: string) => void calls.resolved.push(offset),
      commitOffsetsIfNecessary: async (offsets?: unknown) => void calls.committed.push(offsets),
      heartbeat: async () => void (calls.heartbeats += 1),
      isStale: () => this.pendingSeeks.has(`legs:${partition}`),
    } as unknown as EachBatchPayload;
    return { calls, done: this.eachBatch!(payload) };
  }
}

const start = async (handler: BatchHandler, extra: object = {}) => {
  const stub = new ConsumerStub();
  const consumer = await runBatchConsumer({
    kafka: { consumer: () => stub } as unknown as Kafka,
    groupId: 'invoicer',
    topics: ['legs'],
    handler,
    ...extra,
  });
  return { stub, consumer };
};

const offsetsOf = (batch: ConsumedBatch) => batch.messages.map((m) => Number(m.offset));

describe('the batch consumer, step by step', () => {
  it('resolves and commits the offset after the last record only once the handler has finished', async () => {
    let finish: () => void = () => undefined;
    const { stub } = await start(() => new Promise<void>((resolve) => (finish = resolve)));

    const { calls, done } = stub.deliver(1, [40, 41, 42]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls.committed).toEqual([]);

    finish();
    await done;
    expect(calls.resolved).toEqual(['42']);
    expect(calls.committed).toEqual([{ topics: [{ topic: 'legs', partitions: [{ partition: 1, offset: '43' }] }] }]);
  });

  it('heartbeats while a long batch runs, and stops heartbeating after it', async () => {
    const { stub } = await start(() => new Promise((resolve) => setTimeout(resolve, 120)), { heartbeatIntervalMs: 20 });

    const { calls, done } = stub.deliver(0, [1]);
    await done;
    const afterBatch = calls.heartbeats;
    await new Promise((resolve) => setTimeout(resolve, 60));

    expect(afterBatch).toBeGreaterThanOrEqual(3);
    expect(calls.heartbeats).toBe(afterBatch);
  });

  it('on assignment, seeks to the stored offsets, drops batches read before the seek and records already applied', async () => {
    const seen: number[][] = [];
    const { stub } = await start(async (batch) => void seen.push(offsetsOf(batch)), {
      resumeOffsets: async () => [{ topic: 'legs', partition: 0, offset: '5' }],
    });

    const early = stub.deliver(0, [3, 4, 5, 6]); // fetched from the committed offset, before the seek applied
    await early.done;
    expect(stub.seeks).toEqual([{ topic: 'legs', partition: 0, offset: '5' }]);
    expect(seen).toEqual([]);
    expect(early.calls.resolved).toEqual([]);

    stub.pendingSeeks.clear(); // kafkajs applied the seek at its next fetch
    const racing = stub.deliver(0, [4, 5, 6]);
    await racing.done;
    const other = stub.deliver(1, [0, 1]);
    await other.done;

    expect(seen).toEqual([[5, 6], [0, 1]]);
    expect(racing.calls.resolved).toEqual(['6']);
  });

  it('leaves batches unresolved once stopping, for the next owner of the partition', async () => {
    const seen: number[][] = [];
    const { stub, consumer } = await start(async (batch) => void seen.push(offsetsOf(batch)));
    await consumer.stop(100);

    const late = stub.deliver(0, [7]);
    await late.done;

    expect(stub.disconnected).toBe(true);
    expect(seen).toEqual([]);
    expect(late.calls.resolved).toEqual([]);
    expect(consumer.joined()).toBe(false);
  });
});
