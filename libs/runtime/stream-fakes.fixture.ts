import type { KafkaMessage } from 'kafkajs';
import type { ConsumedBatch, TopicBatch } from '../kafka';
import { RegistryUnavailable, UndecodableRecord, type AvroTopics } from '../registry';

/**
 * In-memory twins of the registry codec and the producer, for handler specs. FakeAvro "encodes" a
 * value as `avro:<n>` and decodes only such bytes (anything else is UndecodableRecord, as real
 * non-Confluent bytes are); `registryDown` makes decoding fail as during a registry outage.
 */
export class FakeAvro implements Pick<AvroTopics, 'encode' | 'decode'> {
  registryDown = false;
  /** Makes encode refuse a value, as avsc refuses one that does not fit the schema. */
  refuse: (topic: string, value: unknown) => boolean = () => false;
  private readonly values: unknown[] = [];

  /** The bytes an upstream producer would have written for `value`. */
  wire(value: unknown): Buffer {
    this.values.push(value);
    return Buffer.from(`avro:${this.values.length - 1}`);
  }

  async encode(topic: string, value: unknown): Promise<Buffer> {
    if (this.refuse(topic, value)) throw new Error(`invalid value for the schema of ${topic}`);
    return this.wire(value);
  }

  async decode<T>(buffer: Buffer): Promise<T> {
    if (this.registryDown) throw new RegistryUnavailable('schema id 1: connect ECONNREFUSED');
    const match = /^avro:(\d+)$/.exec(buffer.toString('latin1'));
    if (!match) throw new UndecodableRecord(`not in Confluent wire format (${buffer.length} bytes)`);
    return this.decodeNow<T>(Number(match[1]));
  }

  protected decodeNow<T>(index: number): T {
    return this.values[index] as T;
  }
}

/** FakeAvro with the registry codec's promise-free paths (encodeNow, decodeCached), so specs run both. */
export class PromptFakeAvro extends FakeAvro {
  encodeNow(topic: string, value: unknown): Buffer | undefined {
    return this.refuse(topic, value) ? undefined : this.wire(value);
  }

  decodeCached<T>(buffer: Buffer): T | undefined {
    if (this.registryDown) return undefined; // as a schema id not fetched yet: decode() goes to the registry
    const match = /^avro:(\d+)$/.exec(buffer.toString('latin1'));
    if (!match) throw new UndecodableRecord(`not in Confluent wire format (${buffer.length} bytes)`);
    return this.decodeNow<T>(Number(match[1]));
  }
}

/** Records every sendToTopics call; `failWith` makes the next calls fail, as a broker outage does. */
export class FakeProducer {
  readonly calls: TopicBatch[][] = [];
  failWith: Error | undefined;

  async sendToTopics(batches: readonly TopicBatch[]): Promise<never[]> {
    if (this.failWith) throw this.failWith;
    this.calls.push([...batches]);
    return [];
  }

  /** Every message sent to `topic`, decoded through `avro`, with its key. */
  async sent(avro: FakeAvro, topic: string): Promise<Array<{ key: string | null; value: unknown }>> {
    const messages = this.calls.flat().filter((b) => b.topic === topic).flatMap((b) => b.messages);
    return Promise.all(
      messages.map(async (m) => ({ key: m.key == null ? null : String(m.key), value: await avro.decode(m.value as Buffer) })),
    );
  }
}

/** A consumed batch of `values` starting at `firstOffset`, keyed by `key`. */
export function consumedBatch(
  topic: string,
  values: ReadonlyArray<Buffer | null>,
  options: { partition?: number; firstOffset?: number; highWatermark?: number; key?: string } = {},
): ConsumedBatch {
  const { partition = 0, firstOffset = 0, key = 'ACME' } = options;
  const messages = values.map(
    (value, i): KafkaMessage => ({
      key: Buffer.from(key),
      value,
      offset: String(firstOffset + i),
      timestamp: '0',
      attributes: 0,
      headers: {},
    }),
  );
  const highWatermark = String(options.highWatermark ?? firstOffset + values.length);
  return { topic, partition, messages, highWatermark, signal: new AbortController().signal };
}
