import { startKafka, testSessionTimeoutMs } from '../support/kafka-cluster';
import { startRedis } from '../support/redis-server';
import { SchemaRegistryDouble } from '../support/schema-registry-double';

/** The servers one e2e test runs the pipeline against. */
export interface E2eInfra {
  readonly brokers: string[];
  readonly redisUrl: string;
  readonly registryUrl: string;
  /** What runs where, for failure messages, e.g. `kafka mock, redis local, registry double`. */
  readonly description: string;
  /** librdkafka's mock cluster (kcat), with its quirks (see service-fleet.ts), rather than real brokers. */
  readonly mockCluster: boolean;
  /** Consumer session timeout the cluster accepts and that keeps rebalances short. */
  readonly sessionTimeoutMs: number;
  stop(): Promise<void>;
}

/**
 * The test infrastructure of test/support: Kafka (KAFKA_BROKERS, a container, or the kcat mock),
 * Redis (REDIS_URL, a container, a local or a spawned server) and the Schema Registry test double
 * (or SCHEMA_REGISTRY_URL).
 */
export async function supportInfra(): Promise<E2eInfra> {
  const [kafka, redis] = await Promise.all([startKafka(), startRedis()]);
  const double = new SchemaRegistryDouble();
  const fromEnv = process.env.SCHEMA_REGISTRY_URL?.trim();
  const registryUrl = fromEnv || (await double.start());
  return {
    brokers: kafka.brokers,
    redisUrl: redis.url,
    registryUrl,
    description: `kafka ${kafka.kind}, redis ${redis.kind}, registry ${fromEnv ? 'env' : 'double'}`,
    mockCluster: kafka.kind === 'mock',
    sessionTimeoutMs: testSessionTimeoutMs(kafka),
    stop: async () => {
      await double.stop();
      await Promise.all([kafka.stop(), redis.stop()]);
    },
  };
}
