import { ConfigError } from '../config';
import { loadRedisConfig } from './redis-config';

const readFile = (path: string) => {
  if (path === '/run/secrets/redis') return 'redis-secret-pw\n';
  if (path === '/tls/ca.pem') return 'CA-PEM';
  throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
};
const problems = (env: Record<string, string>): readonly string[] => {
  try {
    loadRedisConfig(env, { readFile });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
};

describe('Redis settings', () => {
  it('names each problem with its variable', () => {
    expect(problems({})).toEqual(['REDIS_URL: required']);
    expect(problems({ REDIS_URL: 'cache:6379' })).toEqual(['REDIS_URL: must start with redis:// or rediss://']);
    expect(problems({ REDIS_URL: 'not a url' })).toEqual(['REDIS_URL: not a URL']);
    expect(problems({ REDIS_URL: 'redis://cache:6379/invoices' })).toEqual(['REDIS_URL: path must be a database number, e.g. /0']);
    expect(problems({ REDIS_URL: 'redis://cache:6379', REDIS_TLS_CA_FILE: '/tls/ca.pem' })).toEqual([
      'REDIS_TLS_CA_FILE: requires a rediss:// REDIS_URL',
    ]);
    expect(problems({ REDIS_URL: 'redis://:inline-pw@cache:6379', REDIS_PASSWORD: 'other' })).toEqual([
      'REDIS_PASSWORD: REDIS_URL already has a password; set only one',
    ]);
  });

  it('reads TLS with a private CA and a password file, and redacts the password everywhere', () => {
    const config = loadRedisConfig(
      { REDIS_URL: 'rediss://cache:6380/2', REDIS_PASSWORD_FILE: '/run/secrets/redis', REDIS_TLS_CA_FILE: '/tls/ca.pem' },
      { readFile },
    );
    expect(config.password?.reveal()).toBe('redis-secret-pw');
    expect(config.tlsCa).toBe('CA-PEM');
    expect(config.redacted()).toEqual({ url: 'rediss://cache:6380/2', password: '[redacted]', tlsCa: true });
    expect(JSON.stringify(config)).not.toContain('redis-secret-pw');
  });

  it('redacts a password given inside the URL', () => {
    const config = loadRedisConfig({ REDIS_URL: 'redis://:inline-pw@cache:6379/0' });
    expect(JSON.stringify(config)).not.toContain('inline-pw');
    expect(config.redacted().url).toBe('redis://:redacted@cache:6379/0');
  });
});
