import type { Redis } from 'ioredis';
import type { Admin, Kafka } from 'kafkajs';
import type { BatchProducer } from '../../libs/kafka';
import { connectRedis, loadRedisConfig } from '../../libs/redis';
import { createSchemaRegistry, loadRegistryConfig, readAvroSchema, registerSchemas, type AvroTopics } from '../../libs/registry';
import { closeThroughHeaders } from '../../services/invoicer/control-marker';
import { partitionCount } from '../support/kafka-client';
import { KafkaTestBed } from '../support/kafka-test-bed';
import { freshKeyPrefix } from '../support/names';
import { deleteKeysWithPrefix } from '../support/redis-keys';
import { startRedis, type RedisForTests } from '../support/redis-server';
import { SchemaRegistryDouble } from '../support/schema-registry-double';

/**
 * What every test of a built service stands on: the Kafka test cluster, a real Redis and the Schema
 * Registry (SCHEMA_REGISTRY_URL, else the test double), with a producer, an admin and a Redis client
 * for the test itself. Key prefixes handed out are forgotten again at stop().
 */
export class ServiceTestBed {
  private readonly keyPrefixes: string[] = [];

  private constructor(
    private readonly kafkaBed: KafkaTestBed,
    private readonly redisServer: RedisForTests,
    private readonly registryDouble: SchemaRegistryDouble,
    readonly registryUrl: string,
    readonly redis: Redis,
  ) {}

  static async start(): Promise<ServiceTestBed> {
    const [kafkaBed, redisServer] = await Promise.all([KafkaTestBed.start(), startRedis()]);
    const registryDouble = new SchemaRegistryDouble();
    const registryUrl = process.env.SCHEMA_REGISTRY_URL ?? (await registryDouble.start());
    const redis = await connectRedis(loadRedisConfig({ REDIS_URL: redisServer.url }));
    return new ServiceTestBed(kafkaBed, redisServer, registryDouble, registryUrl, redis);
  }

  get kafka(): Kafka {
    return this.kafkaBed.kafka;
  }

  get admin(): Admin {
    return this.kafkaBed.admin;
  }

  get producer(): BatchProducer {
    return this.kafkaBed.producer;
  }

  sessionTimeoutMs(): number {
    return this.kafkaBed.sessionTimeoutMs;
  }

  /** Registers each topic's value schema, named by its file in schemas/ (e.g. 'RatedRecord'). */
  register(schemas: Readonly<Record<string, string>>): Promise<AvroTopics> {
    const registry = createSchemaRegistry(loadRegistryConfig({ SCHEMA_REGISTRY_URL: this.registryUrl }));
    return registerSchemas(registry, Object.fromEntries(Object.entries(schemas).map(([topic, name]) => [topic, readAvroSchema(name)])));
  }

  /** A Redis key prefix of its own for one service (group) under test. */
  freshKeyPrefix(): string {
    const prefix = freshKeyPrefix();
    this.keyPrefixes.push(prefix);
    return prefix;
  }

  /** What a service needs to reach this bed, with group timings fit for the test cluster and quiet logs. */
  serviceEnv(): Record<string, string> {
    return {
      KAFKA_BROKERS: this.kafkaBed.cluster.brokers.join(','),
      SCHEMA_REGISTRY_URL: this.registryUrl,
      REDIS_URL: this.redisServer.url,
      KAFKA_SESSION_TIMEOUT_MS: String(this.sessionTimeoutMs()),
      KAFKA_HEARTBEAT_INTERVAL_MS: '300',
      LOG_LEVEL: 'warn',
    };
  }

  /** Produces each value Avro-encoded for `topic`, keyed by its accountId as the services key them. */
  async publish(avro: Pick<AvroTopics, 'encode'>, topic: string, values: ReadonlyArray<{ readonly accountId: string }>): Promise<void> {
    const messages = await Promise.all(values.map(async (v) => ({ key: v.accountId, value: await avro.encode(topic, v) })));
    await this.producer.send(topic, messages);
  }

  /** What `cdr close-month` does: a close-through marker on every partition of the ledger. */
  async closeThrough(ledger: string, month: string): Promise<void> {
    const partitions = await partitionCount(this.admin, ledger);
    const markers = Array.from({ length: partitions }, (_, partition) => ({ partition, key: null, value: Buffer.alloc(0), headers: closeThroughHeaders(month) }));
    await this.producer.send(ledger, markers);
  }

  async stop(): Promise<void> {
    for (const prefix of this.keyPrefixes) await deleteKeysWithPrefix(this.redis, prefix);
    this.redis.disconnect();
    await this.registryDouble.stop();
    await this.kafkaBed.stop();
    await this.redisServer.stop();
  }
}
