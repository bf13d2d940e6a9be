import type { Redis } from 'ioredis';
import { RedisUnreachable, connectRedis, loadRedisConfig } from '../../libs/redis';
import { freePort } from '../support/local-program';
import { freshKeyPrefix } from '../support/names';
import { forgetKeys, startRedis, type RedisForTests } from '../support/redis-server';

let server: RedisForTests;
const clients: Redis[] = [];

beforeAll(async () => {
  server = await startRedis();
});

afterEach(async () => {
  for (const client of clients.splice(0)) {
    await forgetKeys(client, client.options.keyPrefix!);
    client.disconnect();
  }
});

afterAll(async () => {
  await server?.stop();
});

async function connect(keyPrefix: string): Promise<Redis> {
  const client = await connectRedis(loadRedisConfig({ REDIS_URL: server.url }), { keyPrefix });
  clients.push(client);
  return client;
}

describe('Redis for the invoicer state', () => {
  it('connects and keeps each test in its own key prefix', async () => {
    const [mine, theirs] = await Promise.all([connect(freshKeyPrefix()), connect(freshKeyPrefix())]);

    await mine.hset('invoice:acct-1:2024-03', 'sipcore.voice', '12.50');
    await theirs.hset('invoice:acct-1:2024-03', 'sipcore.voice', '99.00');

    expect(await mine.hget('invoice:acct-1:2024-03', 'sipcore.voice')).toBe('12.50');
    expect(await theirs.hget('invoice:acct-1:2024-03', 'sipcore.voice')).toBe('99.00');
    await forgetKeys(mine, mine.options.keyPrefix!);
    expect(await mine.exists('invoice:acct-1:2024-03')).toBe(0);
    expect(await theirs.exists('invoice:acct-1:2024-03')).toBe(1);
  });

  it('fails start-up with one clear error when nothing listens at REDIS_URL', async () => {
    const port = await freePort();
    const config = loadRedisConfig({ REDIS_URL: `redis://:hunter2@127.0.0.1:${port}/0` });

    const attempt = connectRedis(config, { connectTimeoutMs: 1000 });

    await expect(attempt).rejects.toBeInstanceOf(RedisUnreachable);
    await expect(attempt).rejects.toThrow(new RegExp(`Redis unreachable at redis://:redacted@127.0.0.1:${port}/0: .*ECONNREFUSED.*REDIS_URL`));
  });
});
