import type { Redis } from 'ioredis';
import { connectRedis, loadRedisConfig } from '../../libs/redis';

/** Deletes every key starting with `prefix`: Redis may be shared, so a run leaves none of its keys behind. */
export async function deleteKeysWithPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** deleteKeysWithPrefix over a connection of its own. */
export async function forgetRedisKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = await connectRedis(loadRedisConfig({ REDIS_URL: redisUrl }));
  try {
    await deleteKeysWithPrefix(redis, prefix);
  } finally {
    redis.disconnect();
  }
}
