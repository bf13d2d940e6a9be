import { ConfigProblems, EnvReader, type Env, type EnvReaderOptions } from '../../libs/config';
import { loadRedisConfig, type RedisConfig } from '../../libs/redis';
import { loadStreamServiceConfig, type StreamServiceConfig } from '../../libs/runtime';

export interface RaterConfig extends StreamServiceConfig {
  /** Where the limit counters, the counted usage and the partition positions live. */
  readonly redis: RedisConfig;
  /** Every Redis key of the rater starts with it (then `limits:`, so it may share the invoicer's). */
  readonly redisKeyPrefix: string;
  /** How long a counted usage is remembered after its day's last write: copies arriving later count again. */
  readonly limitsDedupDays: number;
}

/**
 * The rater's settings: the stream service's (group cdr-rater and ops port 9102 unless GROUP_ID /
 * OPS_PORT say otherwise), REDIS_URL (+ REDIS_PASSWORD(_FILE), REDIS_TLS_CA_FILE), REDIS_KEY_PREFIX
 * (`cdr:`) and LIMITS_DEDUP_DAYS (35). Throws one ConfigError listing every problem of every part.
 */
export function loadConfig(env: Env, options: EnvReaderOptions = {}): RaterConfig {
  const problems = new ConfigProblems();
  const part = <T>(load: () => T): T => problems.part(load);
  const stream = part(() => loadStreamServiceConfig(env, { clientId: 'cdr-rater', groupId: 'cdr-rater', opsPort: 9102 }, options));
  const redis = part(() => loadRedisConfig(env, options));
  const own = part(() => {
    const read = new EnvReader(env, options);
    const settings = {
      redisKeyPrefix: read.optionalString('REDIS_KEY_PREFIX') ?? 'cdr:',
      limitsDedupDays: read.optionalInt('LIMITS_DEDUP_DAYS', 35, { min: 1, max: 3650 }),
    };
    read.done();
    return settings;
  });
  problems.done();

  const redacted = () => ({ ...stream.redacted(), redis: redis.redacted(), ...own });
  return Object.freeze({ ...stream, redis, ...own, redacted, toJSON: redacted });
}
