import type { KafkaMessage } from 'kafkajs';
import { UndecodableRecord, type AvroTopics } from '../registry';
import type { Problem } from './dead-letter-message';
import type { MaybePromise } from './maybe-promise';

export type DecodedMessage<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: Problem };

/** The codec decodeMessage needs: decode(), and decodeCached() when it has it. */
export type MessageDecoder = Pick<AvroTopics, 'decode'> & Pick<Partial<AvroTopics>, 'decodeCached'>;

/**
 * Decodes one consumed value. A value that can never be decoded is a problem to dead-letter
 * (stage 'ingest'); RegistryUnavailable and anything else is thrown, so the batch is retried
 * (or the consumer stops on a bug) instead of dead-lettering good records during an outage.
 * Without a promise when the codec has the value's schema cached (AvroTopics.decodeCached).
 */
export function decodeMessage<T>(avro: MessageDecoder, message: KafkaMessage): MaybePromise<DecodedMessage<T>> {
  const bytes = message.value;
  if (bytes === null || bytes.length === 0) {
    return { ok: false, problem: { code: 'UNPARSEABLE', reason: 'message has no value (tombstone or empty record)' } };
  }
  let value: T | undefined;
  try {
    value = avro.decodeCached?.<T>(bytes);
  } catch (err) {
    return undecodable(err);
  }
  return value === undefined ? decodeLater<T>(avro, bytes) : { ok: true, value };
}

async function decodeLater<T>(avro: MessageDecoder, bytes: Buffer): Promise<DecodedMessage<T>> {
  try {
    return { ok: true, value: await avro.decode<T>(bytes) };
  } catch (err) {
    return undecodable(err);
  }
}

function undecodable(err: unknown): DecodedMessage<never> {
  if (err instanceof UndecodableRecord) return { ok: false, problem: { code: err.code, reason: err.message } };
  throw err;
}
