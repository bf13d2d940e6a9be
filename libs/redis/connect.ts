import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import { redactUrl } from '../config';
import type { RedisConfig } from './redis-config';

/** Redis did not answer at start-up; retrying later (or fixing REDIS_URL) can help. */
export class RedisUnreachable extends Error {
  readonly code = 'REDIS_UNREACHABLE';
  readonly retriable = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RedisUnreachable';
  }
}

export interface RedisConnectOptions {
  readonly logger?: Logger;
  /** Prepended to every key, e.g. `inv:` per service or a fresh prefix per test. */
  readonly keyPrefix?: string;
  readonly connectTimeoutMs?: number;
}

/**
 * A connected ioredis client. Connects lazily and explicitly, so an unreachable server fails start-up
 * with one clear error (naming the redacted URL and the socket error) instead of a client that
 * queues commands and retries in the background. Once connected, lost connections are retried
 * with backoff and commands wait (up to maxRetriesPerRequest) rather than fail at once.
 */
export async function connectRedis(config: RedisConfig, options: RedisConnectOptions = {}): Promise<Redis> {
  const where = redactUrl(config.url);
  let connected = false;
  const redisOptions: RedisOptions = {
    lazyConnect: true,
    connectTimeout: options.connectTimeoutMs ?? 5000,
    keyPrefix: options.keyPrefix,
    maxRetriesPerRequest: 20,
    // No reconnecting until the first connect worked: a failed start-up ends here, with nothing left running.
    retryStrategy: (attempt) => (connected ? Math.min(50 * 2 ** attempt, 2000) : null),
  };
  if (config.password) redisOptions.password = config.password.reveal();
  if (config.url.protocol === 'rediss:' && config.tlsCa) redisOptions.tls = { ca: [config.tlsCa] };
  const client = new Redis(config.url.href, redisOptions);

  let firstError: Error | undefined;
  client.on('error', (err: Error) => {
    firstError ??= err;
    options.logger?.warn({ err, redis: where }, 'redis connection error');
  });
  try {
    await client.connect();
    connected = true;
  } catch (err) {
    const cause = firstError ?? err;
    throw new RedisUnreachable(`Redis unreachable at ${where}: ${(cause as Error).message} (check REDIS_URL)`, { cause });
  }
  return client;
}
