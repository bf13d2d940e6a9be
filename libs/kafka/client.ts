import { Kafka, logLevel, type LogEntry, type SASLOptions } from 'kafkajs';
import type { ConnectionOptions } from 'node:tls';
import type { Logger } from 'pino';
import type { KafkaConfig } from './kafka-config';

export interface KafkaClientOptions {
  /** kafkajs logs at warn and above go here; below warn they are dropped (kafkajs info is chatty). */
  readonly logger?: Logger;
  readonly connectionTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
}

/** A kafkajs client for the validated config: TLS and SASL mapped, logs bridged to pino. */
export function createKafka(config: KafkaConfig, options: KafkaClientOptions = {}): Kafka {
  return new Kafka({
    clientId: config.clientId,
    brokers: [...config.brokers],
    ssl: tlsOptions(config),
    sasl: saslOptions(config),
    connectionTimeout: options.connectionTimeoutMs ?? 3000,
    requestTimeout: options.requestTimeoutMs ?? 30000,
    logLevel: options.logger ? logLevel.WARN : logLevel.NOTHING,
    logCreator: () => (entry) => options.logger && bridge(options.logger, entry),
  });
}

function tlsOptions(config: KafkaConfig): ConnectionOptions | boolean {
  if (!config.tls) return false;
  const { ca, cert, key } = config.tls;
  if (ca === undefined && cert === undefined) return true; // system CAs, no client certificate
  return { ca: ca === undefined ? undefined : [ca], cert, key: key?.reveal() };
}

function saslOptions(config: KafkaConfig): SASLOptions | undefined {
  if (!config.sasl) return undefined;
  const { mechanism, username, password } = config.sasl;
  return { mechanism, username, password: password.reveal() };
}

function bridge(logger: Logger, { namespace, level, log }: LogEntry): void {
  const { message, timestamp: _ignored, logger: _name, ...fields } = log as typeof log & { logger?: string };
  const context = { kafkajs: namespace, ...fields };
  if (level === logLevel.ERROR) logger.error(context, message);
  else if (level === logLevel.WARN) logger.warn(context, message);
  else if (level === logLevel.INFO) logger.info(context, message);
  else logger.debug(context, message);
}
