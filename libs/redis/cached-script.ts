import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * A Lua script run by its SHA1 (EVALSHA), so a batch sends its arguments, not the script text.
 * A server that does not know the script yet (first use, restart, SCRIPT FLUSH, failover) answers
 * NOSCRIPT: the script is loaded once and the call repeated.
 */
export class CachedScript {
  readonly sha: string;

  constructor(readonly lua: string) {
    this.sha = createHash('sha1').update(lua).digest('hex');
  }

  async run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    const call = () => redis.call('EVALSHA', [this.sha, keys.length, ...keys, ...args]);
    try {
      return await call();
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      await redis.script('LOAD', this.lua);
      return call();
    }
  }
}
