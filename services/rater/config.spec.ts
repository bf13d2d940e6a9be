import { ConfigError } from '../../libs/config';
import { loadConfig } from './config';

const minimal = { KAFKA_BROKERS: 'kafka:9092', SCHEMA_REGISTRY_URL: 'http://registry:8081', REDIS_URL: 'redis://redis:6379/0' };

const problems = (env: Record<string, string>): readonly string[] => {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
};

describe('rater configuration', () => {
  it('consumes usage.legs as group cdr-rater with its ops endpoint on 9102 by default', () => {
    const config = loadConfig(minimal);

    expect([config.groupId, config.ops.port, config.topics.usage, config.topics.ledger, config.topics.limits]).toEqual([
      'cdr-rater',
      9102,
      'usage.legs',
      'ledger.rated',
      'limits',
    ]);
    expect(config.kafka.clientId).toBe('cdr-rater');
  });

  it('cannot start without brokers, and says which variable', () => {
    expect(() => loadConfig({ SCHEMA_REGISTRY_URL: 'http://registry:8081', REDIS_URL: 'redis://redis:6379' })).toThrow(
      new ConfigError(['KAFKA_BROKERS: required']),
    );
  });

  it('needs Redis for the limit counters, and names every problem at once', () => {
    expect(problems({ SCHEMA_REGISTRY_URL: 'http://registry:8081' })).toEqual(['KAFKA_BROKERS: required', 'REDIS_URL: required']);
    expect(problems({ ...minimal, REDIS_URL: 'cache:6379', LIMITS_DEDUP_DAYS: '0' })).toEqual([
      'REDIS_URL: must start with redis:// or rediss://',
      'LIMITS_DEDUP_DAYS: must be an integer from 1 to 3650',
    ]);
  });

  it('keeps its keys under cdr: and remembers counted usage 35 days unless told otherwise', () => {
    expect([loadConfig(minimal).redisKeyPrefix, loadConfig(minimal).limitsDedupDays]).toEqual(['cdr:', 35]);
    const tuned = loadConfig({ ...minimal, REDIS_KEY_PREFIX: 'eu1:', LIMITS_DEDUP_DAYS: '7' });
    expect([tuned.redisKeyPrefix, tuned.limitsDedupDays]).toEqual(['eu1:', 7]);
  });

  it('logs the Redis password nowhere', () => {
    const config = loadConfig({ ...minimal, REDIS_URL: 'redis://:s3cret-pw@redis:6379/0' });

    expect(JSON.stringify(config)).not.toContain('s3cret-pw');
    expect(config.redacted()).toMatchObject({ redis: { url: 'redis://:redacted@redis:6379/0' }, redisKeyPrefix: 'cdr:', groupId: 'cdr-rater' });
  });
});
