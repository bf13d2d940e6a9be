import type { BatchHandler, BatchProducer, ConsumedBatch } from '../kafka';
import type { ServiceMetrics } from '../ops';
import type { AvroTopics } from '../registry';
import { BatchOutputs } from './batch-outputs';
import type { ConsumedRecord } from './dead-letter-message';
import { decodeMessage } from './decode-message';

/** A consumed record whose value decoded. */
export interface DecodedRecord<T> extends ConsumedRecord {
  readonly value: T;
}

/** What one batch does with its records; a fresh one per batch, so it may keep per-batch state. */
export interface RecordBatchWork<T> {
  /** Turns one decoded record into outputs or a dead letter; never throws for a bad record. */
  record(record: DecodedRecord<T>, out: BatchOutputs): Promise<void>;
  /** Runs once every output of the batch is acknowledged (e.g. to count rated amounts). */
  acknowledged?(): void;
}

export type BatchMetrics = Pick<ServiceMetrics, 'recordsIn' | 'recordsOut' | 'deadLetters' | 'batchDuration' | 'consumerLag'>;

export interface RecordBatchPorts {
  readonly avro: Pick<AvroTopics, 'encode' | 'decode'>;
  readonly producer: Pick<BatchProducer, 'sendToTopics'>;
  readonly metrics: BatchMetrics;
}

/**
 * The batch handler every stream service shares: decode each message (undecodable -> dead letter,
 * stage 'ingest'; registry outage -> throw, the batch is retried), let `work` turn each record into
 * outputs, send all outputs of the batch in one call and await the acks, then update the metrics.
 * When it resolves the consumer commits the batch.
 */
export function recordBatchHandler<T>(ports: RecordBatchPorts, begin: (batch: ConsumedBatch) => RecordBatchWork<T>): BatchHandler {
  const { avro, producer, metrics } = ports;
  return async (batch) => {
    const started = performance.now();
    const work = begin(batch);
    const out = new BatchOutputs(avro);
    for (const message of batch.messages) {
      const from: ConsumedRecord = { topic: batch.topic, partition: batch.partition, message };
      const decoded = await decodeMessage<T>(avro, message);
      if (decoded.ok) await work.record({ ...from, value: decoded.value }, out);
      else await out.deadLetter(from, decoded.problem, 'ingest');
    }
    await out.send(producer);

    const { topic, partition } = batch;
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
