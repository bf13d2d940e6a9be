import { ConfigProblems, EnvReader, type Env, type EnvReaderOptions } from '../../libs/config';
import { DEFAULT_CLOSE_GRACE_HOURS } from '../../libs/domain/invoicing/month-close';
import { loadKafkaConfig, type KafkaConfig } from '../../libs/kafka';
import { loadOpsConfig, type OpsConfig } from '../../libs/ops';
import {
  DEFAULT_LEDGER_RETENTION_DAYS, loadRedisConfig, MAX_LEDGER_RETENTION_DAYS, MIN_LEDGER_RETENTION_DAYS, type RedisConfig,
} from '../../libs/redis';
import { loadRegistryConfig, type RegistryConfig } from '../../libs/registry';
import { readTopicNames, type TopicNames } from '../../libs/runtime/topic-names';

export interface InvoicerConfig {
  readonly kafka: KafkaConfig;
  readonly registry: RegistryConfig;
  readonly redis: RedisConfig;
  readonly ops: OpsConfig;
  readonly topics: TopicNames;
  readonly groupId: string;
  /** The group of the provisioning and registrations consumer (its own: see main.ts). */
  readonly factsGroupId: string;
  /** How long a ledger batch that may close a month waits for the recurring facts before it is retried. */
  readonly factsWaitMs: number;
  /** Every Redis key of the invoicer starts with it. */
  readonly redisKeyPrefix: string;
  readonly invoiceDir: string;
  readonly closeGraceHours: number;
  /**
   * Days an invoiced month's Redis keys are kept (libs/redis/ledger-retention.ts). Also how long a
   * re-sent record of that month is still recognised: keep it above how far the ledger can be replayed.
   */
  readonly ledgerRetentionDays: number;
  readonly partitionsConsumedConcurrently: number;
  readonly sessionTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly shutdownTimeoutMs: number;
  /** How often consumer lag is measured for the consumer_lag metric; 0 = never. */
  readonly lagIntervalMs: number;
  readonly logLevel: string;
  /** The config as it may be logged: secrets replaced. */
  redacted(): Record<string, unknown>;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const HOURS_IN_A_LEAP_YEAR = 8784;

/**
 * The invoicer's settings: KAFKA_*, SCHEMA_REGISTRY_*, REDIS_URL (+ REDIS_PASSWORD(_FILE),
 * REDIS_TLS_CA_FILE), OPS_HOST/OPS_PORT (9103), TOPIC_*, and its own variables below (FACTS_GROUP_ID
 * defaults to `<GROUP_ID>-facts`). Throws one ConfigError listing every problem of every part.
 */
export function loadConfig(env: Env, options: EnvReaderOptions = {}): InvoicerConfig {
  const problems = new ConfigProblems();
  const part = <T>(load: () => T): T => problems.part(load);
  const kafka = part(() => loadKafkaConfig(env, { clientId: 'cdr-invoicer' }, options));
  const registry = part(() => loadRegistryConfig(env, options));
  const redis = part(() => loadRedisConfig(env, options));
  const ops = part(() => loadOpsConfig(env, { port: 9103 }));

  const read = new EnvReader(env, options);
  const groupId = read.optionalString('GROUP_ID') ?? 'cdr-invoicer';
  const own = {
    topics: readTopicNames(read),
    groupId,
    factsGroupId: read.optionalString('FACTS_GROUP_ID') ?? `${groupId}-facts`,
    factsWaitMs: read.optionalInt('FACTS_WAIT_MS', 30_000, { min: 100, max: 600_000 }),
    redisKeyPrefix: read.optionalString('REDIS_KEY_PREFIX') ?? 'cdr:',
    invoiceDir: read.optionalString('INVOICE_DIR') ?? './out/invoices',
    closeGraceHours: read.optionalInt('CLOSE_GRACE_HOURS', DEFAULT_CLOSE_GRACE_HOURS, { min: 0, max: HOURS_IN_A_LEAP_YEAR }),
    ledgerRetentionDays: read.optionalInt('LEDGER_RETENTION_DAYS', DEFAULT_LEDGER_RETENTION_DAYS, {
      min: MIN_LEDGER_RETENTION_DAYS,
      max: MAX_LEDGER_RETENTION_DAYS,
    }),
    partitionsConsumedConcurrently: read.optionalInt('PARTITIONS_CONSUMED_CONCURRENTLY', 1, { min: 1, max: 64 }),
    sessionTimeoutMs: read.optionalInt('KAFKA_SESSION_TIMEOUT_MS', 30_000, { min: 1000, max: 3_600_000 }),
    heartbeatIntervalMs: read.optionalInt('KAFKA_HEARTBEAT_INTERVAL_MS', 3000, { min: 100, max: 60_000 }),
    shutdownTimeoutMs: read.optionalInt('SHUTDOWN_TIMEOUT_MS', 15_000, { min: 100, max: 600_000 }),
    lagIntervalMs: read.optionalInt('LAG_INTERVAL_MS', 15_000, { min: 0, max: 3_600_000 }),
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS) ?? 'info',
  };
  if (own.factsGroupId === own.groupId) read.problem('FACTS_GROUP_ID', 'must differ from GROUP_ID');
  if (own.heartbeatIntervalMs * 3 > own.sessionTimeoutMs) {
    read.problem('KAFKA_HEARTBEAT_INTERVAL_MS', 'must be at most a third of KAFKA_SESSION_TIMEOUT_MS');
  }
  part(() => read.done());
  problems.done();

  const redacted = () => ({
    ...own,
    kafka: kafka.redacted(),
    registry: registry.redacted(),
    redis: redis.redacted(),
    ops,
  });
  return Object.freeze({ kafka, registry, redis, ops, ...own, redacted, toJSON: redacted });
}
