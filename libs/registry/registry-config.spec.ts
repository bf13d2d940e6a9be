import { ConfigError } from '../config';
import { loadRegistryConfig } from './registry-config';

const problems = (env: Record<string, string>): readonly string[] => {
  try {
    loadRegistryConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
};

describe('Schema Registry settings', () => {
  it('names each problem with its variable', () => {
    expect(problems({})).toEqual(['SCHEMA_REGISTRY_URL: required']);
    expect(problems({ SCHEMA_REGISTRY_URL: 'registry:8081' })).toEqual(['SCHEMA_REGISTRY_URL: must start with http:// or https://']);
    expect(problems({ SCHEMA_REGISTRY_URL: 'https://sr', SCHEMA_REGISTRY_USERNAME: 'key' })).toEqual([
      'SCHEMA_REGISTRY_PASSWORD: required with SCHEMA_REGISTRY_USERNAME',
    ]);
    expect(problems({ SCHEMA_REGISTRY_URL: 'https://sr', SCHEMA_REGISTRY_PASSWORD: 'registry-secret' })).toEqual([
      'SCHEMA_REGISTRY_USERNAME: required with SCHEMA_REGISTRY_PASSWORD',
    ]);
  });

  it('takes basic auth and never shows the password', () => {
    const config = loadRegistryConfig({
      SCHEMA_REGISTRY_URL: 'https://sr.example:443',
      SCHEMA_REGISTRY_USERNAME: 'api-key',
      SCHEMA_REGISTRY_PASSWORD: 'registry-secret',
    });
    expect(config.auth?.password.reveal()).toBe('registry-secret');
    expect(config.redacted()).toEqual({ url: 'https://sr.example/', auth: { username: 'api-key', password: '[redacted]' } });
    expect(JSON.stringify(config)).not.toContain('registry-secret');
  });
});
