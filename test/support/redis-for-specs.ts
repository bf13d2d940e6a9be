import type { Redis } from 'ioredis';
import { connectRedis, loadRedisConfig } from '../../libs/redis';
import { freshKeyPrefix } from './names';
import { deleteKeysWithPrefix } from './redis-keys';
import { startRedis, type RedisForTests } from './redis-server';

export interface SpecRedis {
  /** One connection for the spec file. */
  readonly redis: Redis;
  /** A fresh key prefix for the current test; its keys are deleted after it. */
  readonly prefix: string;
}

/**
 * Registers the hooks of a spec that talks to a real Redis (startRedis: REDIS_URL, a container, the
 * local server or a spawned one): connect once, a fresh key prefix before each test, that test's
 * keys deleted after it, disconnect at the end. Call it at the top of the file, before the spec's
 * own beforeEach, which may then build its stores from `redis` and `prefix`.
 */
export function redisForSpecs(): SpecRedis {
  let server: RedisForTests | undefined;
  let redis: Redis | undefined;
  let prefix = '';
  beforeAll(async () => {
    server = await startRedis();
    redis = await connectRedis(loadRedisConfig({ REDIS_URL: server.url }));
  });
  beforeEach(() => {
    prefix = freshKeyPrefix();
  });
  afterEach(async () => {
    if (redis) await deleteKeysWithPrefix(redis, prefix);
  });
  afterAll(async () => {
    redis?.disconnect();
    await server?.stop();
  });
  return {
    get redis() {
      if (!redis) throw new Error('Redis is not connected yet: use it in a test or a beforeEach');
      return redis;
    },
    get prefix() {
      return prefix;
    },
  };
}
