import { EnvReader, redactUrl, type Env, type EnvReaderOptions, type Secret } from '../config';

export interface RedisConfig {
  /** redis:// or rediss:// (TLS); the path may name the database (`/2`). */
  readonly url: URL;
  /** From REDIS_PASSWORD(_FILE), or null (a password in the URL stays in the URL). */
  readonly password: Secret | null;
  /** PEM of the CA that signed the server certificate, for rediss:// with a private CA. */
  readonly tlsCa: string | null;
  redacted(): Record<string, unknown>;
}

/**
 * Redis settings: REDIS_URL (required), REDIS_PASSWORD or REDIS_PASSWORD_FILE, REDIS_TLS_CA_FILE
 * (only with rediss://). Throws one ConfigError listing every problem.
 */
export function loadRedisConfig(env: Env, options: EnvReaderOptions = {}): RedisConfig {
  const read = new EnvReader(env, options);
  const url = read.url('REDIS_URL', ['redis:', 'rediss:'], true);
  const password = read.secret('REDIS_PASSWORD') ?? null;
  const tlsCa = read.file('REDIS_TLS_CA_FILE') ?? null;
  if (url && password && url.password !== '') read.problem('REDIS_PASSWORD', 'REDIS_URL already has a password; set only one');
  if (url && url.protocol !== 'rediss:' && read.has('REDIS_TLS_CA_FILE')) {
    read.problem('REDIS_TLS_CA_FILE', 'requires a rediss:// REDIS_URL');
  }
  if (url && !/^\/?(\d+)?$/.test(url.pathname)) read.problem('REDIS_URL', 'path must be a database number, e.g. /0');
  read.done();
  const redacted = () => ({ url: redactUrl(url!), password: password ? '[redacted]' : null, tlsCa: tlsCa !== null });
  return Object.freeze({ url: url!, password, tlsCa, redacted, toJSON: redacted });
}
