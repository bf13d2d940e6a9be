import { inspect } from 'node:util';
import { ConfigError } from '../config';
import { loadKafkaConfig } from './kafka-config';

const files: Record<string, string> = {
  '/tls/ca.pem': 'CA-PEM',
  '/tls/client.pem': 'CERT-PEM',
  '/tls/client.key': 'KEY-PEM-SECRET',
  '/run/secrets/kafka': 'sasl-secret-pw\n',
};
const readFile = (path: string) => {
  if (path in files) return files[path]!;
  throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
};
const load = (env: Record<string, string>) => loadKafkaConfig(env, { clientId: 'rater' }, { readFile });
const problems = (env: Record<string, string>): readonly string[] => {
  try {
    load(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
};

describe('Kafka settings', () => {
  it('needs KAFKA_BROKERS', () => {
    expect(problems({})).toEqual(['KAFKA_BROKERS: required']);
  });

  it('refuses a broker that is not host:port', () => {
    expect(problems({ KAFKA_BROKERS: 'kafka-1:9092,kafka-2' })).toEqual(['KAFKA_BROKERS: "kafka-2" is not host:port']);
  });

  it('takes a plaintext cluster with the service name as client id by default', () => {
    const config = load({ KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092' });
    expect(config).toMatchObject({ brokers: ['kafka-1:9092', 'kafka-2:9092'], clientId: 'rater', tls: null, sasl: null });
    expect(Object.isFrozen(config)).toBe(true);
    expect(load({ KAFKA_BROKERS: 'k:9092', KAFKA_CLIENT_ID: 'rater-7' }).clientId).toBe('rater-7');
  });

  it('names each SASL problem with its variable', () => {
    expect(problems({ KAFKA_BROKERS: 'k:9092', KAFKA_SASL_MECHANISM: 'gssapi' })).toEqual([
      'KAFKA_SASL_MECHANISM: must be one of plain, scram-sha-256, scram-sha-512',
      'KAFKA_SASL_USERNAME: required with KAFKA_SASL_MECHANISM',
      'KAFKA_SASL_PASSWORD: required with KAFKA_SASL_MECHANISM (or KAFKA_SASL_PASSWORD_FILE)',
    ]);
    expect(problems({ KAFKA_BROKERS: 'k:9092', KAFKA_SASL_USERNAME: 'rater' })).toEqual([
      'KAFKA_SASL_USERNAME: requires KAFKA_SASL_MECHANISM',
    ]);
    expect(problems({ KAFKA_BROKERS: 'k:9092', KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'r', KAFKA_SASL_PASSWORD_FILE: '/nope' })).toEqual([
      'KAFKA_SASL_PASSWORD_FILE: cannot read /nope (ENOENT)',
    ]);
  });

  it('names each TLS problem with its variable', () => {
    expect(problems({ KAFKA_BROKERS: 'k:9093', KAFKA_SSL: 'maybe' })).toEqual(['KAFKA_SSL: must be true or false']);
    expect(problems({ KAFKA_BROKERS: 'k:9093', KAFKA_SSL_CA_FILE: '/tls/ca.pem' })).toEqual(['KAFKA_SSL_CA_FILE: requires KAFKA_SSL=true']);
    expect(problems({ KAFKA_BROKERS: 'k:9093', KAFKA_SSL: 'true', KAFKA_SSL_CERT_FILE: '/tls/client.pem' })).toEqual([
      'KAFKA_SSL_CERT_FILE, KAFKA_SSL_KEY_FILE: set both for a client certificate, or neither',
    ]);
    expect(problems({ KAFKA_BROKERS: 'k:9093', KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: '/tls/missing.pem' })).toEqual([
      'KAFKA_SSL_CA_FILE: cannot read /tls/missing.pem (ENOENT)',
    ]);
  });

  it('reads SCRAM credentials and a client certificate, and never shows the secrets', () => {
    const config = load({
      KAFKA_BROKERS: 'k:9093',
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: '/tls/ca.pem',
      KAFKA_SSL_CERT_FILE: '/tls/client.pem',
      KAFKA_SSL_KEY_FILE: '/tls/client.key',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: 'rater',
      KAFKA_SASL_PASSWORD_FILE: '/run/secrets/kafka',
    });
    expect(config.sasl?.mechanism).toBe('scram-sha-512');
    expect(config.sasl?.password.reveal()).toBe('sasl-secret-pw');
    expect(config.tls?.key?.reveal()).toBe('KEY-PEM-SECRET');
    expect(config.redacted()).toEqual({
      brokers: ['k:9093'],
      clientId: 'rater',
      tls: { ca: true, cert: true, key: true },
      sasl: { mechanism: 'scram-sha-512', username: 'rater', password: '[redacted]' },
    });
    for (const shown of [JSON.stringify(config), inspect(config, { depth: 5 }), JSON.stringify(config.redacted())]) {
      expect(shown).not.toContain('sasl-secret-pw');
      expect(shown).not.toContain('KEY-PEM-SECRET');
    }
  });

  it('keeps secrets out of error messages', () => {
    const message = problems({ KAFKA_BROKERS: 'k:9092', KAFKA_SASL_PASSWORD: 'sasl-secret-pw' }).join('; ');
    expect(message).toBe('KAFKA_SASL_PASSWORD: requires KAFKA_SASL_MECHANISM');
  });
});
