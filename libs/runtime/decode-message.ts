import type { KafkaMessage } from 'kafkajs';
import { UndecodableRecord, type AvroTopics } from '../registry';
import type { Problem } from './dead-letter-message';

export type DecodedMessage<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: Problem };

/**
 * Decodes one consumed value. A value that can never be decoded is a problem to dead-letter
 * (stage 'ingest'); RegistryUnavailable and anything else is thrown, so the batch is retried
 * (or the consumer stops on a bug) instead of dead-lettering good records during an outage.
 */
export async function decodeMessage<T>(avro: Pick<AvroTopics, 'decode'>, message: KafkaMessage): Promise<DecodedMessage<T>> {
  if (message.value === null || message.value.length === 0) {
    return { ok: false, problem: { code: 'UNPARSEABLE', reason: 'message has no value (tombstone or empty record)' } };
  }
  try {
    return { ok: true, value: await avro.decode<T>(message.value) };
  } catch (err) {
    if (err instanceof UndecodableRecord) return { ok: false, problem: { code: err.code, reason: err.message } };
    throw err;
  }
}
