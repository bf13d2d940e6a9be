import type { Admin, Kafka } from 'kafkajs';
import { createKafka, ensureTopics, loadKafkaConfig, type TopicSpec } from '../../libs/kafka';
import { startMockCluster, type KafkaForTests } from '../support/kafka-cluster';
import { spawnRedis, type RedisForTests } from '../support/redis-server';
import { SchemaRegistryDouble } from '../support/schema-registry-double';

/** What the Kafka benchmark runs against: one cluster, one Redis, one registry for both paths. */
export interface BenchInfra {
  readonly cluster: KafkaForTests;
  readonly redis: RedisForTests;
  readonly registryUrl: string;
  /** The environment every process of the run connects with (KAFKA_*, SCHEMA_REGISTRY_URL, REDIS_URL). */
  readonly env: NodeJS.ProcessEnv;
  readonly kafka: Kafka;
  readonly admin: Admin;
  /** What it runs on, e.g. "kafka mock cluster (kcat), redis spawned, registry test double". */
  readonly describe: string;
  stop(): Promise<void>;
}

/**
 * KAFKA_BROKERS, REDIS_URL and SCHEMA_REGISTRY_URL when set (with their TLS/SASL/auth variables,
 * passed on to every process); otherwise librdkafka's mock cluster in kcat, a private redis-server
 * and the registry test double, all stopped again by stop().
 */
export async function startBenchInfra(env: NodeJS.ProcessEnv): Promise<BenchInfra> {
  const brokers = env.KAFKA_BROKERS?.trim();
  const cluster: KafkaForTests = brokers
    ? { brokers: brokers.split(',').map((b) => b.trim()), kind: 'env', stop: async () => undefined }
    : await startMockCluster();
  const redisUrl = env.REDIS_URL?.trim();
  const redis: RedisForTests = redisUrl ? { url: redisUrl, kind: 'env', stop: async () => undefined } : await spawnRedis();
  const double = env.SCHEMA_REGISTRY_URL?.trim() ? undefined : new SchemaRegistryDouble();
  const registryUrl = double ? await double.start() : env.SCHEMA_REGISTRY_URL!.trim();

  const shared = { ...env, KAFKA_BROKERS: cluster.brokers.join(','), REDIS_URL: redis.url, SCHEMA_REGISTRY_URL: registryUrl };
  const kafka = createKafka(loadKafkaConfig(shared, { clientId: 'kafka-bench' }));
  const admin = kafka.admin();
  await admin.connect();
  return {
    cluster,
    redis,
    registryUrl,
    env: shared,
    kafka,
    admin,
    describe: [
      `kafka ${cluster.kind === 'mock' ? 'mock cluster (kcat)' : cluster.brokers.join(',')}`,
      `redis ${redis.kind === 'spawned' ? 'spawned' : redis.url}`,
      `registry ${double ? 'test double' : registryUrl}`,
    ].join(', '),
    stop: async () => {
      await admin.disconnect().catch(() => undefined);
      await double?.stop();
      await redis.stop();
      await cluster.stop();
    },
  };
}

/** Creates the run's topics with `partitions` each (on the mock: auto-created with 4, whatever is asked). */
export async function createBenchTopics(infra: BenchInfra, topics: readonly string[], partitions = 4): Promise<void> {
  const replicationFactor = Math.min(3, (await infra.admin.describeCluster()).brokers.length);
  const specs: TopicSpec[] = topics.map((topic) => ({ topic, partitions, replicationFactor, compacted: false }));
  await ensureTopics(infra.admin, specs);
}
