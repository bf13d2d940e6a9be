import { Kafka, logLevel } from 'kafkajs';
import { Redis } from 'ioredis';
import { startKafka, startMockCluster } from '../support/kafka-cluster';
import { spawnRedis, startRedis } from '../support/redis-server';
import { waitFor } from '../support/wait-for';

/** Runs `work` with some environment variables replaced, restoring them afterwards. */
async function withEnv<T>(vars: Record<string, string | undefined>, work: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  apply(vars);
  try {
    return await work();
  } finally {
    apply(saved);
  }
}

describe('the test harness', () => {
  it('fails, naming what is missing and how to install it, when no Kafka can be found', async () => {
    await expect(withEnv({ PATH: '/nonexistent' }, () => startMockCluster())).rejects.toThrow(
      'kcat not found: run `apt-get install -y kcat` (or set KAFKA_BROKERS)',
    );
  });

  it('fails the same way when no Redis can be found or started', async () => {
    await expect(withEnv({ PATH: '/nonexistent' }, spawnRedis)).rejects.toThrow(
      'redis-server not found: run `apt-get install -y redis-server` (or set REDIS_URL)',
    );
  });

  it('takes the service addresses from the environment when they are set', async () => {
    const kafka = await withEnv({ KAFKA_BROKERS: 'broker-1:9092, broker-2:9092' }, startKafka);
    const redis = await withEnv({ REDIS_URL: 'redis://cache:6380/2' }, startRedis);
    expect([kafka.kind, kafka.brokers, redis.kind, redis.url]).toEqual(['env', ['broker-1:9092', 'broker-2:9092'], 'env', 'redis://cache:6380/2']);
  });

  it('spawns a private redis-server without persistence and stops it', async () => {
    const redis = await spawnRedis();
    const client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    await client.connect();
    expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'no']);
    client.disconnect();
    await redis.stop();
    await expect(new Redis(redis.url, { lazyConnect: true, retryStrategy: () => null }).connect()).rejects.toThrow();
  });

  it('freezes the mock cluster like an outage and thaws it back', async () => {
    const cluster = await startKafka();
    try {
      if (cluster.kind !== 'mock') return; // only the mock's process can be frozen
      const admin = new Kafka({ brokers: cluster.brokers, requestTimeout: 500, retry: { retries: 0 }, logLevel: logLevel.NOTHING }).admin();
      await admin.connect();
      cluster.freeze!();
      await expect(admin.fetchTopicMetadata({ topics: ['t-frozen'] })).rejects.toThrow();
      cluster.thaw!();
      await waitFor(() => admin.fetchTopicMetadata({ topics: ['t-frozen'] }).then(() => true), { what: 'the thawed cluster to answer' });
      await admin.disconnect();
    } finally {
      await cluster.stop();
    }
  });

  it('reports what it waited for when the deadline passes', async () => {
    await expect(waitFor(() => false, { what: 'the ledger to drain', timeoutMs: 50 })).rejects.toThrow(
      /timed out after 50 ms waiting for the ledger to drain \(last value: false\)/,
    );
  });
});
