import { ConfigError } from '../config';
import { loadStreamServiceConfig } from './stream-service-config';

const DEFAULTS = { clientId: 'cdr-rater', groupId: 'cdr-rater', opsPort: 9102 };
const MINIMAL = { KAFKA_BROKERS: 'kafka-1:9092', SCHEMA_REGISTRY_URL: 'http://registry:8081' };

const problemsOf = (env: Record<string, string>): readonly string[] => {
  try {
    loadStreamServiceConfig(env, DEFAULTS, { readFile: () => 'pem' });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
};

describe('stream service configuration', () => {
  it('runs with only brokers and registry set, on the service defaults', () => {
    const config = loadStreamServiceConfig(MINIMAL, DEFAULTS);

    expect(config).toMatchObject({
      groupId: 'cdr-rater',
      ops: { host: '0.0.0.0', port: 9102 },
      partitionsConsumedConcurrently: 1,
      sessionTimeoutMs: 30_000,
      heartbeatIntervalMs: 3000,
      shutdownTimeoutMs: 15_000,
      referenceTimeoutMs: 60_000,
      logLevel: 'info',
      topics: { usage: 'usage.legs', ledger: 'ledger.rated', accounts: 'accounts', tariffs: 'tariffs' },
    });
    expect(config.kafka.clientId).toBe('cdr-rater');
  });

  it('takes group, topics, concurrency and timeouts from the environment', () => {
    const config = loadStreamServiceConfig(
      {
        ...MINIMAL,
        GROUP_ID: 'rater-blue',
        TOPIC_USAGE: 'eu.usage.legs',
        PARTITIONS_CONSUMED_CONCURRENTLY: '4',
        SHUTDOWN_TIMEOUT_MS: '5000',
        KAFKA_SESSION_TIMEOUT_MS: '6000',
        KAFKA_HEARTBEAT_INTERVAL_MS: '500',
        OPS_PORT: '0',
        LOG_LEVEL: 'warn',
      },
      DEFAULTS,
    );

    expect(config).toMatchObject({ groupId: 'rater-blue', partitionsConsumedConcurrently: 4, shutdownTimeoutMs: 5000, logLevel: 'warn' });
    expect(config.topics.usage).toBe('eu.usage.legs');
    expect(config.ops.port).toBe(0);
    expect(config.sessionTimeoutMs).toBe(6000);
  });

  it('names every problem of every variable group in one error', () => {
    expect(problemsOf({ SCHEMA_REGISTRY_URL: 'registry:8081', OPS_PORT: 'http', PARTITIONS_CONSUMED_CONCURRENTLY: '0' })).toEqual([
      'KAFKA_BROKERS: required',
      'SCHEMA_REGISTRY_URL: must start with http:// or https://',
      'OPS_PORT: must be an integer from 0 to 65535',
      'PARTITIONS_CONSUMED_CONCURRENTLY: must be an integer from 1 to 256',
    ]);
  });

  it('refuses a heartbeat too slow to keep the session alive', () => {
    expect(problemsOf({ ...MINIMAL, KAFKA_SESSION_TIMEOUT_MS: '6000', KAFKA_HEARTBEAT_INTERVAL_MS: '3000' })).toEqual([
      'KAFKA_HEARTBEAT_INTERVAL_MS: must be at most a third of KAFKA_SESSION_TIMEOUT_MS',
    ]);
  });

  it('logs its config without the SASL password', () => {
    const config = loadStreamServiceConfig(
      { ...MINIMAL, KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'svc', KAFKA_SASL_PASSWORD: 'hunter2' },
      DEFAULTS,
    );

    expect(JSON.stringify(config)).not.toContain('hunter2');
    expect(JSON.stringify(config)).toContain('"groupId":"cdr-rater"');
    expect(config.kafka.sasl?.password.reveal()).toBe('hunter2');
  });
});
