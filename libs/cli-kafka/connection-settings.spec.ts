import { CliError } from '../../services/cli/cli-error';
import { kafkaSettings, registrySettings, topicNames } from './connection-settings';

describe('connection settings of the operator commands', () => {
  it('takes --brokers over KAFKA_BROKERS and keeps the TLS and SASL variables', () => {
    const env = { KAFKA_BROKERS: 'prod-1:9092', KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'ops', KAFKA_SASL_PASSWORD: 'pw' };
    const config = kafkaSettings(env, { brokers: 'localhost:19092' });
    expect(config.brokers).toEqual(['localhost:19092']);
    expect(config.sasl?.username).toBe('ops');
    expect(config.clientId).toBe('cdr-cli');
  });

  it('names the flag when the flag gave the bad value, the variable otherwise', () => {
    expect(() => registrySettings({ SCHEMA_REGISTRY_URL: 'http://sr:8081' }, { registry: 'sr:8081' })).toThrow(
      new CliError('--registry: must start with http:// or https://'),
    );
    expect(() => registrySettings({ SCHEMA_REGISTRY_URL: 'sr:8081' }, {})).toThrow(new CliError('SCHEMA_REGISTRY_URL: must start with http:// or https://'));
  });

  it('puts the test prefix in front of each topic, after the TOPIC_* overrides', () => {
    const names = topicNames({ TOPIC_LEDGER: 'billing.ledger' }, { topicPrefix: 'run-7.' });
    expect(names.ledger).toBe('run-7.billing.ledger');
    expect(names.sipcore).toBe('run-7.cdr.sipcore');
    expect(() => topicNames({ TOPIC_USAGE: 'usage legs' }, {})).toThrow(new CliError('TOPIC_*: "usage legs" is not a valid Kafka topic name'));
  });
});
