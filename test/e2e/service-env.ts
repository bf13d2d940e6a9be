import type { E2eInfra } from './e2e-infra';
import type { RunNames } from './run-names';
import type { ServiceName } from './service-fleet';

export interface ServicePlaces {
  readonly infra: E2eInfra;
  readonly names: RunNames;
  /** Where the invoicers reach Redis: the infra's, or a RedisGate in front of it. */
  readonly invoicerRedisUrl: string;
  readonly invoiceDir: string;
}

/**
 * The environment of a service instance (OPS_* aside): servers, topics, its group, short sessions
 * for quick rebalances, and Redis with the run's key prefix for the two services that keep state in
 * it (the rater its limit counters, the invoicer its ledger). Both session variables are given: the
 * every service reads KAFKA_SESSION_TIMEOUT_MS and KAFKA_HEARTBEAT_INTERVAL_MS.
 */
export function serviceEnv(name: ServiceName, { infra, names, invoicerRedisUrl, invoiceDir }: ServicePlaces): Record<string, string> {
  const session = String(infra.sessionTimeoutMs);
  const common = {
    KAFKA_BROKERS: infra.brokers.join(','),
    SCHEMA_REGISTRY_URL: infra.registryUrl,
    ...names.topicEnv(),
    GROUP_ID: names.groups[name],
    SHUTDOWN_TIMEOUT_MS: '8000',
    LOG_LEVEL: 'info',
  };
  if (name === 'normalizer') return { ...common, KAFKA_SESSION_TIMEOUT_MS: session, KAFKA_HEARTBEAT_INTERVAL_MS: '300' };
  const redis = { REDIS_URL: infra.redisUrl, REDIS_KEY_PREFIX: names.redisKeyPrefix };
  if (name === 'rater') return { ...common, ...redis, KAFKA_SESSION_TIMEOUT_MS: session, KAFKA_HEARTBEAT_INTERVAL_MS: '300' };
  return {
    ...common,
    ...redis,
    REDIS_URL: invoicerRedisUrl,
    FACTS_GROUP_ID: names.factsGroup,
    INVOICE_DIR: invoiceDir,
    CLOSE_GRACE_HOURS: '8784', // a year: no month closes by watermark, only by `cdr close-month`
    KAFKA_SESSION_TIMEOUT_MS: session,
    KAFKA_HEARTBEAT_INTERVAL_MS: '300',
    LAG_INTERVAL_MS: '200', // consumer_lag refreshed often enough to be read in a test
  };
}
