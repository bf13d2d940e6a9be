import { EnvReader, redactUrl, type Env, type EnvReaderOptions, type Secret } from '../config';

export interface RegistryConfig {
  readonly url: URL;
  /** HTTP basic auth (Confluent Cloud API key and secret), or null. */
  readonly auth: { readonly username: string; readonly password: Secret } | null;
  redacted(): Record<string, unknown>;
}

/**
 * Schema Registry settings: SCHEMA_REGISTRY_URL (required, http/https), SCHEMA_REGISTRY_USERNAME
 * with SCHEMA_REGISTRY_PASSWORD or SCHEMA_REGISTRY_PASSWORD_FILE. Throws one ConfigError.
 */
export function loadRegistryConfig(env: Env, options: EnvReaderOptions = {}): RegistryConfig {
  const read = new EnvReader(env, options);
  const url = read.url('SCHEMA_REGISTRY_URL', ['http:', 'https:'], true);
  const username = read.optionalString('SCHEMA_REGISTRY_USERNAME');
  const password = read.secret('SCHEMA_REGISTRY_PASSWORD');
  const passwordGiven = read.has('SCHEMA_REGISTRY_PASSWORD') || read.has('SCHEMA_REGISTRY_PASSWORD_FILE');
  if (username !== undefined && !passwordGiven) read.problem('SCHEMA_REGISTRY_PASSWORD', 'required with SCHEMA_REGISTRY_USERNAME');
  if (username === undefined && passwordGiven) read.problem('SCHEMA_REGISTRY_USERNAME', 'required with SCHEMA_REGISTRY_PASSWORD');
  read.done();
  const auth = username !== undefined && password !== undefined ? Object.freeze({ username, password }) : null;
  const redacted = () => ({
    url: redactUrl(url!),
    auth: auth && { username: auth.username, password: '[redacted]' },
  });
  return Object.freeze({ url: url!, auth, redacted, toJSON: redacted });
}
