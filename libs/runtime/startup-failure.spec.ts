import { ConfigError } from '../config';
import { startupFailureLine } from './startup-failure';

describe('the start-up failure line', () => {
  it('names the service and every variable problem on one line', () => {
    const error = new ConfigError(['KAFKA_BROKERS: required', 'OPS_PORT: must be an integer from 0 to 65535']);

    expect(startupFailureLine('rater', error)).toBe('rater: KAFKA_BROKERS: required; OPS_PORT: must be an integer from 0 to 65535');
  });

  it('keeps a multi-line loader error on one line', () => {
    expect(startupFailureLine('normalizer', new Error('no schemas/ directory\n  above /opt/app'))).toBe(
      'normalizer: no schemas/ directory above /opt/app',
    );
  });
});
