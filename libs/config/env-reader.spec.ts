import { ConfigError } from './config-error';
import { EnvReader } from './env-reader';
import { Secret } from './secret';
import { redactUrl } from './redact';

const files: Record<string, string> = { '/run/secrets/redis': 'hunter2\n', '/etc/ca.pem': 'PEM' };
const readFile = (path: string) => {
  if (path in files) return files[path]!;
  throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
};

function problemsOf(read: (r: EnvReader) => void, env: Record<string, string>): readonly string[] {
  const reader = new EnvReader(env, { readFile });
  read(reader);
  try {
    reader.done();
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
}

describe('reading service settings from the environment', () => {
  it('lists every problem at once, each with its variable', () => {
    const problems = problemsOf(
      (r) => {
        r.requireString('LEDGER_TOPIC');
        r.optionalInt('BATCH_SIZE', 500, { min: 1, max: 10_000 });
        r.bool('KAFKA_SSL', false);
        r.url('REDIS_URL', ['redis:', 'rediss:'], true);
      },
      { BATCH_SIZE: '0', KAFKA_SSL: 'yes', REDIS_URL: 'http://cache:6379' },
    );
    expect(problems).toEqual([
      'LEDGER_TOPIC: required',
      'BATCH_SIZE: must be an integer from 1 to 10000',
      'KAFKA_SSL: must be true or false',
      'REDIS_URL: must start with redis:// or rediss://',
    ]);
  });

  it('treats a blank value as unset, as compose files write `VAR=`', () => {
    expect(problemsOf((r) => r.requireString('LEDGER_TOPIC'), { LEDGER_TOPIC: '  ' })).toEqual(['LEDGER_TOPIC: required']);
  });

  it('reads a secret from NAME_FILE without its trailing newline, and refuses both forms', () => {
    const reader = new EnvReader({ REDIS_PASSWORD_FILE: '/run/secrets/redis' }, { readFile });
    expect(reader.secret('REDIS_PASSWORD')?.reveal()).toBe('hunter2');
    expect(problemsOf((r) => r.secret('REDIS_PASSWORD'), { REDIS_PASSWORD: 'a', REDIS_PASSWORD_FILE: '/run/secrets/redis' })).toEqual([
      'REDIS_PASSWORD, REDIS_PASSWORD_FILE: set only one',
    ]);
    expect(problemsOf((r) => r.secret('REDIS_PASSWORD'), { REDIS_PASSWORD_FILE: '/missing' })).toEqual([
      'REDIS_PASSWORD_FILE: cannot read /missing (ENOENT)',
    ]);
  });

  it('parses lists, enums and integers', () => {
    const reader = new EnvReader({ KAFKA_BROKERS: 'a:9092, ,b:9092', MODE: 'PLAIN', BATCH_SIZE: '250' });
    expect(reader.list('KAFKA_BROKERS', true)).toEqual(['a:9092', 'b:9092']);
    expect(reader.oneOf('MODE', ['plain', 'scram-sha-256'])).toBe('plain');
    expect(reader.optionalInt('BATCH_SIZE', 500)).toBe(250);
    expect(reader.optionalInt('MISSING', 500)).toBe(500);
    expect(() => reader.done()).not.toThrow();
  });
});

describe('secrets never leak', () => {
  it('prints a secret as [redacted] in strings, JSON and inspection', () => {
    const secret = new Secret('hunter2');
    const shown = [String(secret), `${secret}`, JSON.stringify({ secret }), require('node:util').inspect({ secret })].join(' ');
    expect(shown).not.toContain('hunter2');
    expect(secret.reveal()).toBe('hunter2');
  });

  it('replaces the password of a URL and keeps the rest', () => {
    expect(redactUrl(new URL('rediss://svc:hunter2@cache:6380/2'))).toBe('rediss://svc:redacted@cache:6380/2');
    expect(redactUrl(new URL('redis://cache:6379'))).toBe('redis://cache:6379');
  });
});
