import { ConfigError } from '../../libs/config';
import { loadConfig } from './config';

const minimal = {
  KAFKA_BROKERS: 'kafka-1:9092',
  SCHEMA_REGISTRY_URL: 'http://registry:8081',
  REDIS_URL: 'redis://redis:6379/0',
};

const problemsOf = (env: Record<string, string>): readonly string[] => {
  try {
    loadConfig(env, { readFile: () => 's3cret\n' });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

describe('invoicer configuration', () => {
  it('starts from three addresses with the documented defaults', () => {
    const config = loadConfig(minimal);
    expect(config).toMatchObject({
      groupId: 'cdr-invoicer',
      factsGroupId: 'cdr-invoicer-facts',
      factsWaitMs: 30_000,
      redisKeyPrefix: 'cdr:',
      invoiceDir: './out/invoices',
      closeGraceHours: 72,
      ledgerRetentionDays: 400,
      partitionsConsumedConcurrently: 1,
      shutdownTimeoutMs: 15_000,
      ops: { port: 9103 },
      topics: { ledger: 'ledger.rated', invoices: 'invoices', accounts: 'accounts', tariffs: 'tariffs', provisioning: 'provisioning', registrations: 'registrations', limits: 'limits' },
    });
    expect(config.kafka.clientId).toBe('cdr-invoicer');
  });

  it('names the facts group after GROUP_ID unless FACTS_GROUP_ID says otherwise, never the same group', () => {
    expect(loadConfig({ ...minimal, GROUP_ID: 'eu-invoicer' }).factsGroupId).toBe('eu-invoicer-facts');
    expect(loadConfig({ ...minimal, FACTS_GROUP_ID: 'eu-facts', FACTS_WAIT_MS: '5000' })).toMatchObject({ factsGroupId: 'eu-facts', factsWaitMs: 5000 });
    expect(problemsOf({ ...minimal, GROUP_ID: 'same', FACTS_GROUP_ID: 'same' })).toEqual(['FACTS_GROUP_ID: must differ from GROUP_ID']);
  });

  it('takes topic names, group, key prefix, invoice folder and grace from the environment', () => {
    const config = loadConfig({
      ...minimal,
      TOPIC_LEDGER: 'eu.ledger',
      TOPIC_INVOICES: 'eu.invoices',
      GROUP_ID: 'eu-invoicer',
      REDIS_KEY_PREFIX: 'eu:',
      INVOICE_DIR: '/var/invoices',
      CLOSE_GRACE_HOURS: '0',
    });
    expect(config).toMatchObject({
      topics: { ledger: 'eu.ledger', invoices: 'eu.invoices' },
      groupId: 'eu-invoicer',
      redisKeyPrefix: 'eu:',
      invoiceDir: '/var/invoices',
      closeGraceHours: 0,
    });
  });

  it('lists every problem of every part in one error, each with its variable', () => {
    expect(problemsOf({ CLOSE_GRACE_HOURS: '-1', REDIS_URL: 'http://redis' })).toEqual([
      'KAFKA_BROKERS: required',
      'SCHEMA_REGISTRY_URL: required',
      'REDIS_URL: must start with redis:// or rediss://',
      'CLOSE_GRACE_HOURS: must be an integer from 0 to 8784',
    ]);
  });

  it('keeps invoiced months 400 days unless LEDGER_RETENTION_DAYS says otherwise, never less than a week', () => {
    expect(loadConfig({ ...minimal, LEDGER_RETENTION_DAYS: '800' }).ledgerRetentionDays).toBe(800);
    for (const bad of ['6', '0', '-400', '400d', '1.5', '3661']) {
      expect(problemsOf({ ...minimal, LEDGER_RETENTION_DAYS: bad })).toEqual(['LEDGER_RETENTION_DAYS: must be an integer from 7 to 3660']);
    }
  });

  it('refuses a heartbeat that is not shorter than the session', () => {
    expect(problemsOf({ ...minimal, KAFKA_SESSION_TIMEOUT_MS: '4000', KAFKA_HEARTBEAT_INTERVAL_MS: '4000' })).toEqual([
      'KAFKA_HEARTBEAT_INTERVAL_MS: must be at most a third of KAFKA_SESSION_TIMEOUT_MS',
    ]);
  });

  it('never shows a password in what it logs', () => {
    const config = loadConfig({ ...minimal, REDIS_URL: 'redis://:hunter2@redis:6379/0', SCHEMA_REGISTRY_USERNAME: 'key', SCHEMA_REGISTRY_PASSWORD: 'secret-xyz' });
    const logged = JSON.stringify(config);
    expect(logged).not.toContain('hunter2');
    expect(logged).not.toContain('secret-xyz');
    expect(logged).toContain('"closeGraceHours":72');
  });
});
