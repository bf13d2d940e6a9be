import { ConfigProblems, EnvReader, type Env, type EnvReaderOptions } from '../config';
import { loadKafkaConfig, type KafkaConfig } from '../kafka';
import { loadOpsConfig, type OpsConfig } from '../ops';
import { loadRegistryConfig, type RegistryConfig } from '../registry';
import { readTopicNames, type TopicNames } from './topic-names';

/** Settings of a service that consumes one stream and writes another (normalizer, rater). */
export interface StreamServiceConfig {
  readonly kafka: KafkaConfig;
  readonly registry: RegistryConfig;
  readonly ops: OpsConfig;
  readonly topics: TopicNames;
  readonly groupId: string;
  readonly partitionsConsumedConcurrently: number;
  readonly sessionTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  /** Bound of each shutdown step (finish the batch, leave the group, disconnect). */
  readonly shutdownTimeoutMs: number;
  /** How long start-up may take to read the reference topics. */
  readonly referenceTimeoutMs: number;
  readonly logLevel: LogLevel;
  /** The config as it may be logged: secrets replaced. */
  redacted(): Record<string, unknown>;
}

export interface StreamServiceDefaults {
  readonly clientId: string;
  readonly groupId: string;
  readonly opsPort: number;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Reads KAFKA_*, SCHEMA_REGISTRY_*, OPS_*, TOPIC_* and the service's own variables: GROUP_ID,
 * PARTITIONS_CONSUMED_CONCURRENTLY (1), KAFKA_SESSION_TIMEOUT_MS (30000),
 * KAFKA_HEARTBEAT_INTERVAL_MS (3000), SHUTDOWN_TIMEOUT_MS (15000), REFERENCE_TIMEOUT_MS (60000),
 * LOG_LEVEL (info). Every loader runs, so the one ConfigError thrown names every problem at once.
 */
export function loadStreamServiceConfig(env: Env, defaults: StreamServiceDefaults, options: EnvReaderOptions = {}): StreamServiceConfig {
  const problems = new ConfigProblems();
  const attempt = <T>(load: () => T): T | undefined => problems.part(load);
  const kafka = attempt(() => loadKafkaConfig(env, { clientId: defaults.clientId }, options));
  const registry = attempt(() => loadRegistryConfig(env, options));
  const ops = attempt(() => loadOpsConfig(env, { port: defaults.opsPort }));
  const own = attempt(() => readOwnSettings(env, defaults, options));
  problems.done();

  const fields = { kafka: kafka!, registry: registry!, ops: ops!, ...own! };
  const redacted = (): Record<string, unknown> => ({ ...fields, kafka: fields.kafka.redacted(), registry: fields.registry.redacted() });
  return Object.freeze({ ...fields, redacted, toJSON: redacted });
}

function readOwnSettings(env: Env, defaults: StreamServiceDefaults, options: EnvReaderOptions) {
  const read = new EnvReader(env, options);
  const topics = readTopicNames(read);
  const groupId = read.optionalString('GROUP_ID') ?? defaults.groupId;
  const partitionsConsumedConcurrently = read.optionalInt('PARTITIONS_CONSUMED_CONCURRENTLY', 1, { min: 1, max: 256 });
  const sessionTimeoutMs = read.optionalInt('KAFKA_SESSION_TIMEOUT_MS', 30_000, { min: 1000, max: 3_600_000 });
  const heartbeatIntervalMs = read.optionalInt('KAFKA_HEARTBEAT_INTERVAL_MS', 3000, { min: 100, max: 3_600_000 });
  if (heartbeatIntervalMs * 3 > sessionTimeoutMs) {
    read.problem('KAFKA_HEARTBEAT_INTERVAL_MS', 'must be at most a third of KAFKA_SESSION_TIMEOUT_MS');
  }
  const shutdownTimeoutMs = read.optionalInt('SHUTDOWN_TIMEOUT_MS', 15_000, { min: 100, max: 600_000 });
  const referenceTimeoutMs = read.optionalInt('REFERENCE_TIMEOUT_MS', 60_000, { min: 100, max: 3_600_000 });
  const logLevel = read.oneOf('LOG_LEVEL', LOG_LEVELS) ?? 'info';
  read.done();
  return {
    topics,
    groupId,
    partitionsConsumedConcurrently,
    sessionTimeoutMs,
    heartbeatIntervalMs,
    shutdownTimeoutMs,
    referenceTimeoutMs,
    logLevel,
  };
}
