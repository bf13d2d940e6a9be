import { ConfigError } from '../../libs/config';
import { loadConfig } from './config';

describe('normalizer configuration', () => {
  it('consumes both CDR topics as group cdr-normalizer with its ops endpoint on 9101 by default', () => {
    const config = loadConfig({ KAFKA_BROKERS: 'kafka:9092', SCHEMA_REGISTRY_URL: 'http://registry:8081' });

    expect([config.groupId, config.ops.port, config.topics.sipcore, config.topics.media]).toEqual([
      'cdr-normalizer',
      9101,
      'cdr.sipcore',
      'cdr.media',
    ]);
    expect(config.kafka.clientId).toBe('cdr-normalizer');
  });

  it('lets TOPIC_* and GROUP_ID move it to other topics and another group', () => {
    const config = loadConfig({
      KAFKA_BROKERS: 'kafka:9092',
      SCHEMA_REGISTRY_URL: 'http://registry:8081',
      TOPIC_SIPCORE: 'eu.cdr.sipcore',
      TOPIC_USAGE: 'eu.usage.legs',
      GROUP_ID: 'normalizer-eu',
    });

    expect([config.groupId, config.topics.sipcore, config.topics.media, config.topics.usage]).toEqual([
      'normalizer-eu',
      'eu.cdr.sipcore',
      'cdr.media',
      'eu.usage.legs',
    ]);
  });

  it('names the missing registry URL and brokers together', () => {
    expect(() => loadConfig({})).toThrow(new ConfigError(['KAFKA_BROKERS: required', 'SCHEMA_REGISTRY_URL: required']));
  });
});
