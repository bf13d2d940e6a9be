import type { BatchHandler, BatchProducer, ConsumedBatch } from '../kafka';
import type { ServiceMetrics } from '../ops';
import type { AvroTopics } from '../registry';
import { BatchOutputs } from './batch-outputs';
import type { ConsumedRecord, Problem } from './dead-letter-message';
import { decodeMessage } from './decode-message';
import type { MaybePromise } from './maybe-promise';

/** A consumed record whose value decoded. */
export interface DecodedRecord<T> extends ConsumedRecord {
  readonly value: T;
}

/** What one batch does with its records; a fresh one per batch, so it may keep per-batch state. */
export interface RecordBatchWork<T> {
  /**
   * Runs once every message of the batch is decoded, before the first record(): the place to load
   * per-batch state in one round trip (the rater's limit counters). Undecodable messages are left out.
   */
  prepare?(records: readonly DecodedRecord<T>[]): Promise<void>;
  /**
   * Turns one decoded record into outputs or a dead letter; never throws for a bad record. A promise
   * it returns is awaited before the next record; most records need none (BatchOutputs, MaybePromise).
   */
  record(record: DecodedRecord<T>, out: BatchOutputs): MaybePromise<void>;
  /**
   * Runs once every output of the batch is acknowledged, before the batch counts as done: the place
   * to store state that must never move past an output not yet acknowledged. Throwing retries the batch.
   */
  persist?(): Promise<void>;
  /** Runs once every output of the batch is acknowledged (e.g. to count rated amounts). */
  acknowledged?(): void;
}

export type BatchMetrics = Pick<ServiceMetrics, 'recordsIn' | 'recordsOut' | 'deadLetters' | 'batchDuration' | 'consumerLag'>;

export interface RecordBatchPorts {
  readonly avro: Pick<AvroTopics, 'encode' | 'decode'> & Pick<Partial<AvroTopics>, 'encodeNow' | 'decodeCached'>;
  readonly producer: Pick<BatchProducer, 'sendToTopics'>;
  readonly metrics: BatchMetrics;
}

/**
 * The batch handler every stream service shares: decode each message (undecodable -> dead letter,
 * stage 'ingest'; registry outage -> throw, the batch is retried), let `work` prepare, turn each
 * record into outputs in offset order, send all outputs of the batch in one call and await the acks,
 * let `work` persist, then update the metrics. When it resolves the consumer commits the batch.
 */
export function recordBatchHandler<T>(ports: RecordBatchPorts, begin: (batch: ConsumedBatch) => RecordBatchWork<T>): BatchHandler {
  const { avro, producer, metrics } = ports;
  return async (batch) => {
    const started = performance.now();
    const work = begin(batch);
    const out = new BatchOutputs(avro);
    // Decoded first, all of them, so prepare() sees the whole batch; outputs still follow offset order.
    const { topic, partition } = batch;
    const decoded: Array<DecodedRecord<T> | { from: ConsumedRecord; problem: Problem }> = [];
    const records: DecodedRecord<T>[] = [];
    for (const message of batch.messages) {
      const decoding = decodeMessage<T>(avro, message);
      const result = decoding instanceof Promise ? await decoding : decoding;
      if (result.ok) {
        const record = { topic, partition, message, value: result.value };
        decoded.push(record);
        records.push(record);
      } else {
        decoded.push({ from: { topic, partition, message }, problem: result.problem });
      }
    }
    await work.prepare?.(records);
    for (const item of decoded) {
      const done = 'problem' in item ? out.deadLetter(item.from, item.problem, 'ingest') : work.record(item, out);
      if (done instanceof Promise) await done;
    }
    await out.send(producer);
    await work.persist?.();

    metrics.recordsIn.inc({ topic }, batch.messages.length);
    out.count(metrics);
    work.acknowledged?.();
    metrics.batchDuration.observe({ topic }, (performance.now() - started) / 1000);
    const last = batch.messages[batch.messages.length - 1];
    if (last) {
      const lag = Math.max(0, Number(batch.highWatermark) - Number(last.offset) - 1);
      metrics.consumerLag.set({ topic, partition: String(partition) }, lag);
    }
  };
}
