import { ConfigError } from '../../libs/config';
import { loadConfig } from './config';

describe('rater configuration', () => {
  it('consumes usage.legs as group cdr-rater with its ops endpoint on 9102 by default', () => {
    const config = loadConfig({ KAFKA_BROKERS: 'kafka:9092', SCHEMA_REGISTRY_URL: 'http://registry:8081' });

    expect([config.groupId, config.ops.port, config.topics.usage, config.topics.ledger]).toEqual([
      'cdr-rater',
      9102,
      'usage.legs',
      'ledger.rated',
    ]);
    expect(config.kafka.clientId).toBe('cdr-rater');
  });

  it('cannot start without brokers, and says which variable', () => {
    expect(() => loadConfig({ SCHEMA_REGISTRY_URL: 'http://registry:8081' })).toThrow(new ConfigError(['KAFKA_BROKERS: required']));
  });
});
