import type { Admin, Kafka } from 'kafkajs';
import { BatchProducer, createKafka, type KafkaConfig } from '../kafka';
import { CliError } from '../../services/cli/cli-error';

/** A connected admin (and producer, when asked for) for one command; both closed afterwards. */
export interface KafkaSession {
  readonly kafka: Kafka;
  readonly admin: Admin;
  /** Connected on first call. */
  producer(): Promise<BatchProducer>;
}

/**
 * Runs `use` with a session on the cluster of `config`. A broker that cannot be reached or answers
 * with an error becomes one CliError line (exit 1) naming the brokers; kafkajs logs are off, since
 * the command reports for itself.
 */
export async function withKafka<T>(config: KafkaConfig, use: (session: KafkaSession) => Promise<T>): Promise<T> {
  const kafka = createKafka(config);
  const admin = kafka.admin();
  let producer: Promise<BatchProducer> | undefined;
  try {
    await admin.connect();
    return await use({ kafka, admin, producer: () => (producer ??= BatchProducer.connect(kafka)) });
  } catch (err) {
    throw kafkaError(err, config);
  } finally {
    await Promise.allSettled([admin.disconnect(), producer?.then((p) => p.disconnect())]);
  }
}

function kafkaError(err: unknown, config: KafkaConfig): unknown {
  if (err instanceof CliError || !(err instanceof Error) || !err.name.startsWith('KafkaJS')) return err;
  const cause = (err as { cause?: unknown }).cause;
  const why = cause instanceof Error && cause.message !== err.message ? `${err.message} (${cause.message})` : err.message;
  return new CliError(`Kafka at ${config.brokers.join(',')}: ${why}`, 1);
}
