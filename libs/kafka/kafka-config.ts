import { EnvReader, Secret, type Env, type EnvReaderOptions } from '../config';

export const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

export interface KafkaTls {
  /** PEM contents, read at load time so a wrong path fails at start-up, not at first connect. */
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: Secret;
}

export interface KafkaSasl {
  readonly mechanism: SaslMechanism;
  readonly username: string;
  readonly password: Secret;
}

export interface KafkaConfig {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** null = plaintext. */
  readonly tls: KafkaTls | null;
  readonly sasl: KafkaSasl | null;
  /** The config as it may be logged: secrets replaced. */
  redacted(): Record<string, unknown>;
}

const HOST_PORT = /^[^\s:/]+:(\d{1,5})$|^\[[0-9a-fA-F:.]+\]:(\d{1,5})$/;

/**
 * Kafka connection settings from the environment: KAFKA_BROKERS (required, host:port list),
 * KAFKA_CLIENT_ID, KAFKA_SSL with KAFKA_SSL_CA_FILE / _CERT_FILE / _KEY_FILE, and
 * KAFKA_SASL_MECHANISM with KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD(_FILE).
 * Throws one ConfigError listing every problem.
 */
export function loadKafkaConfig(
  env: Env,
  defaults: { clientId?: string } = {},
  options: EnvReaderOptions = {},
): KafkaConfig {
  const read = new EnvReader(env, options);
  const brokers = read.list('KAFKA_BROKERS', true);
  const badBroker = brokers.find((b) => !isHostPort(b));
  if (badBroker !== undefined) read.problem('KAFKA_BROKERS', `"${badBroker}" is not host:port`);
  const clientId = read.optionalString('KAFKA_CLIENT_ID') ?? defaults.clientId ?? 'cdr-rating';
  const tls = readTls(read);
  const sasl = readSasl(read);
  read.done();
  return freezeConfig({ brokers: Object.freeze(brokers), clientId, tls, sasl });
}

function isHostPort(text: string): boolean {
  const m = HOST_PORT.exec(text);
  const port = Number(m?.[1] ?? m?.[2]);
  return m !== null && port > 0 && port < 65536;
}

function readTls(read: EnvReader): KafkaTls | null {
  const enabled = read.bool('KAFKA_SSL', false);
  const ca = read.file('KAFKA_SSL_CA_FILE');
  const cert = read.file('KAFKA_SSL_CERT_FILE');
  const keyText = read.file('KAFKA_SSL_KEY_FILE');
  for (const name of ['KAFKA_SSL_CA_FILE', 'KAFKA_SSL_CERT_FILE', 'KAFKA_SSL_KEY_FILE']) {
    if (!enabled && read.has(name)) read.problem(name, 'requires KAFKA_SSL=true');
  }
  if (read.has('KAFKA_SSL_CERT_FILE') !== read.has('KAFKA_SSL_KEY_FILE')) {
    read.problem('KAFKA_SSL_CERT_FILE, KAFKA_SSL_KEY_FILE', 'set both for a client certificate, or neither');
  }
  if (!enabled) return null;
  const key = keyText === undefined ? undefined : new Secret(keyText);
  return Object.freeze({ ca, cert, key });
}

function readSasl(read: EnvReader): KafkaSasl | null {
  const mechanism = read.oneOf('KAFKA_SASL_MECHANISM', SASL_MECHANISMS);
  const username = read.optionalString('KAFKA_SASL_USERNAME');
  const password = read.secret('KAFKA_SASL_PASSWORD');
  if (!read.has('KAFKA_SASL_MECHANISM')) {
    if (username !== undefined) read.problem('KAFKA_SASL_USERNAME', 'requires KAFKA_SASL_MECHANISM');
    if (password !== undefined) read.problem('KAFKA_SASL_PASSWORD', 'requires KAFKA_SASL_MECHANISM');
    return null;
  }
  if (username === undefined) read.problem('KAFKA_SASL_USERNAME', `required with KAFKA_SASL_MECHANISM`);
  if (password === undefined && !read.has('KAFKA_SASL_PASSWORD_FILE')) {
    read.problem('KAFKA_SASL_PASSWORD', 'required with KAFKA_SASL_MECHANISM (or KAFKA_SASL_PASSWORD_FILE)');
  }
  if (mechanism === undefined || username === undefined || password === undefined) return null;
  return Object.freeze({ mechanism, username, password });
}

function freezeConfig(fields: Omit<KafkaConfig, 'redacted'>): KafkaConfig {
  const redacted = (): Record<string, unknown> => ({
    brokers: [...fields.brokers],
    clientId: fields.clientId,
    tls: fields.tls && { ca: fields.tls.ca !== undefined, cert: fields.tls.cert !== undefined, key: fields.tls.key !== undefined },
    sasl: fields.sasl && { mechanism: fields.sasl.mechanism, username: fields.sasl.username, password: '[redacted]' },
  });
  // toJSON keeps JSON.stringify(config) (and pino's serializer) on the redacted view.
  return Object.freeze({ ...fields, redacted, toJSON: redacted });
}
