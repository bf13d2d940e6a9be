import { KafkaContainer } from '@testcontainers/kafka';
import { RedisContainer } from '@testcontainers/redis';
import { GenericContainer, Network, Wait, type StartedNetwork, type StartedTestContainer } from 'testcontainers';
import type { E2eInfra } from './e2e-infra';

const KAFKA_IMAGE = 'confluentinc/cp-kafka:7.6.1';
const REGISTRY_IMAGE = 'confluentinc/cp-schema-registry:7.6.1';
const REDIS_IMAGE = 'redis:7-alpine';
/** Real brokers refuse sessions under group.min.session.timeout.ms (6 s). */
const SESSION_TIMEOUT_MS = 6000;

/**
 * The real servers in Docker: a KRaft Kafka broker, Confluent's Schema Registry storing its schemas
 * in that broker (over their shared network), and Redis. Whatever started is stopped on a failure.
 */
export async function containerInfra(): Promise<E2eInfra> {
  const network = await new Network().start();
  const started: StartedTestContainer[] = [];
  const stop = async () => {
    await Promise.all(started.map((c) => c.stop()));
    await network.stop();
  };
  try {
    const kafka = await new KafkaContainer(KAFKA_IMAGE).withKraft().withNetwork(network).withNetworkAliases('kafka').start();
    started.push(kafka);
    const [registry, redis] = await Promise.all([startRegistry(network), new RedisContainer(REDIS_IMAGE).start()]);
    started.push(registry, redis);
    return {
      brokers: [`${kafka.getHost()}:${kafka.getMappedPort(9093)}`],
      redisUrl: redis.getConnectionUrl(),
      registryUrl: `http://${registry.getHost()}:${registry.getMappedPort(8081)}`,
      description: `containers ${KAFKA_IMAGE} (KRaft), ${REGISTRY_IMAGE}, ${REDIS_IMAGE}`,
      mockCluster: false,
      sessionTimeoutMs: SESSION_TIMEOUT_MS,
      stop,
    };
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
}

function startRegistry(network: StartedNetwork): Promise<StartedTestContainer> {
  return new GenericContainer(REGISTRY_IMAGE)
    .withNetwork(network)
    .withExposedPorts(8081)
    .withEnvironment({
      SCHEMA_REGISTRY_HOST_NAME: 'schema-registry',
      SCHEMA_REGISTRY_LISTENERS: 'http://0.0.0.0:8081',
      // The broker's listener for its network peers (KafkaContainer advertises BROKER://<alias>:9092).
      SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS: 'PLAINTEXT://kafka:9092',
    })
    .withWaitStrategy(Wait.forHttp('/subjects', 8081).forStatusCode(200))
    .withStartupTimeout(180_000)
    .start();
}
