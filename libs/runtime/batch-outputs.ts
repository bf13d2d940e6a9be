import type { Message } from 'kafkajs';
import type { DeadLetterCode, Stage } from '../domain';
import type { BatchProducer } from '../kafka';
import type { ServiceMetrics } from '../ops';
import type { AvroTopics } from '../registry';
import { deadLetterOf, type ConsumedRecord, type Problem } from './dead-letter-message';
import type { MaybePromise } from './maybe-promise';
import { deadLetterTopic } from './topic-names';

/** One record to produce: its topic, its key (the accountId for data records) and its value before encoding. */
export interface Output {
  readonly topic: string;
  readonly key: string | Buffer | null;
  readonly value: unknown;
}

/** The codec BatchOutputs needs: encode(), and encodeNow() when it has it. */
export type OutputEncoder = Pick<AvroTopics, 'encode'> & Pick<Partial<AvroTopics>, 'encodeNow'>;

/**
 * Everything one consumed batch produces, data and dead letters, encoded as it is added and sent
 * with ONE sendToTopics call: the consumer commits the batch only after that call resolves, so no
 * offset is committed past an output that is not acknowledged.
 */
export class BatchOutputs {
  private readonly byTopic = new Map<string, Message[]>();
  private readonly letters = new Map<DeadLetterCode, number>();
  /** Each string key's bytes, made once per batch: kafkajs would convert it for every message. */
  private readonly keyBytes = new Map<string, Buffer>();

  constructor(private readonly avro: OutputEncoder) {}

  /**
   * Adds the outputs of one input record, all or none. An output that cannot be encoded (a value
   * the schema refuses) dead-letters the input instead, with SCHEMA_INVALID: a bad record must never
   * stop the partition. Returns whether the outputs were added: at once when the codec encodes
   * without a promise (AvroTopics.encodeNow) and every output fits its schema, else as a promise.
   */
  addFor(from: ConsumedRecord, stage: Stage, outputs: readonly Output[]): MaybePromise<boolean> {
    const avro = this.avro;
    if (avro.encodeNow === undefined) return this.addLater(from, stage, outputs);
    const values: Buffer[] = [];
    for (const { topic, value } of outputs) {
      const bytes = avro.encodeNow(topic, value);
      // Refused: encode() again, so the dead letter carries the codec's reason.
      if (bytes === undefined) return this.addLater(from, stage, outputs);
      values.push(bytes);
    }
    outputs.forEach(({ topic, key }, i) => this.push(topic, { key: this.bytesOf(key), value: values[i]! }));
    return true;
  }

  /** Adds the dead letter of `from` to `<its topic>.dlq`, keyed like the original so it stays with its account. */
  deadLetter(from: ConsumedRecord, problem: Problem, stage: Stage): MaybePromise<void> {
    const topic = deadLetterTopic(from.topic);
    const letter = deadLetterOf(from, problem, stage);
    const value = this.avro.encodeNow?.(topic, letter);
    if (value === undefined) return this.avro.encode(topic, letter).then((bytes) => this.pushLetter(topic, from, problem, bytes));
    this.pushLetter(topic, from, problem, value);
  }

  private async addLater(from: ConsumedRecord, stage: Stage, outputs: readonly Output[]): Promise<boolean> {
    const encoded: Array<[string, Message]> = [];
    for (const { topic, key, value } of outputs) {
      try {
        encoded.push([topic, { key: this.bytesOf(key), value: await this.avro.encode(topic, value) }]);
      } catch (err) {
        const reason = `its ${topic} output cannot be encoded: ${(err as Error).message}`;
        await this.deadLetter(from, { code: 'SCHEMA_INVALID', reason }, stage);
        return false;
      }
    }
    for (const [topic, message] of encoded) this.push(topic, message);
    return true;
  }

  private pushLetter(topic: string, from: ConsumedRecord, problem: Problem, value: Buffer): void {
    this.push(topic, { key: from.message.key, value });
    this.letters.set(problem.code, (this.letters.get(problem.code) ?? 0) + 1);
  }

  /** Sends everything added, in order per topic, and resolves once all of it is acknowledged. */
  async send(producer: Pick<BatchProducer, 'sendToTopics'>): Promise<void> {
    if (this.byTopic.size === 0) return;
    await producer.sendToTopics([...this.byTopic].map(([topic, messages]) => ({ topic, messages })));
  }

  /** Adds what was sent to records_out_total{topic} and dead_letters_total{code}. */
  count(metrics: Pick<ServiceMetrics, 'recordsOut' | 'deadLetters'>): void {
    for (const [topic, messages] of this.byTopic) metrics.recordsOut.inc({ topic }, messages.length);
    for (const [code, n] of this.letters) metrics.deadLetters.inc({ code }, n);
  }

  private bytesOf(key: string | Buffer | null): Buffer | null {
    if (typeof key !== 'string') return key;
    let bytes = this.keyBytes.get(key);
    if (bytes === undefined) {
      bytes = Buffer.from(key);
      this.keyBytes.set(key, bytes);
    }
    return bytes;
  }

  private push(topic: string, message: Message): void {
    const list = this.byTopic.get(topic);
    if (list) list.push(message);
    else this.byTopic.set(topic, [message]);
  }
}
