import { registerSchemas } from '../../services/cli/commands/schemas';
import { freshName } from '../support/names';
import { SchemaRegistryDouble } from '../support/schema-registry-double';
import { runCdr } from './cli-run';

let double: SchemaRegistryDouble;
let env: Record<string, string>;

beforeAll(async () => {
  double = new SchemaRegistryDouble();
  env = { SCHEMA_REGISTRY_URL: process.env.SCHEMA_REGISTRY_URL ?? (await double.start()) };
});

afterAll(async () => {
  await double?.stop();
});

/** The printed table as subject -> id. */
const idsOf = (out: readonly string[]): Record<string, number> =>
  Object.fromEntries(out.slice(1).map((line) => line.split(/\s+/)).map(([subject, , id]) => [subject!, Number(id)]));

describe('cdr schemas register', () => {
  it('registers every topic under <topic>-value, and a second run gives the same ids', async () => {
    const prefix = `${freshName('sch')}.`;
    const first = await runCdr(registerSchemas, ['schemas', 'register', '--topic-prefix', prefix], env);
    const second = await runCdr(registerSchemas, ['schemas', 'register', '--topic-prefix', prefix], env);

    expect(first.error).toBeNull();
    expect(first.out[0]).toMatch(/^SUBJECT\s+SCHEMA\s+ID$/);
    const ids = idsOf(first.out);
    expect(Object.keys(ids).sort()).toEqual(
      [
        'accounts', 'tariffs', 'cdr.sipcore', 'cdr.media', 'provisioning', 'registrations', 'usage.legs', 'ledger.rated', 'invoices', 'limits',
        'cdr.sipcore.dlq', 'cdr.media.dlq', 'provisioning.dlq', 'registrations.dlq', 'usage.legs.dlq', 'ledger.rated.dlq',
      ].map((t) => `${prefix}${t}-value`).sort(),
    );
    expect(first.out).toContainEqual(expect.stringMatching(new RegExp(`^${prefix.replace('.', '\\.')}ledger\\.rated-value\\s+RatedRecord\\s+\\d+$`)));
    // Every dead-letter topic carries the one DeadLetter schema: one id.
    expect(new Set(Object.entries(ids).filter(([s]) => s.endsWith('.dlq-value')).map(([, id]) => id)).size).toBe(1);
    expect(new Set(Object.values(ids)).size).toBe(11);
    expect(idsOf(second.out)).toEqual(ids);
  });

  it('stops with the registry\'s message and exit 1 when it refuses a schema as incompatible', async () => {
    const prefix = `${freshName('inc')}.`;
    const subject = `${prefix}ledger.rated-value`;
    const other = { type: 'record', name: 'Other', fields: [{ name: 'x', type: 'string' }] };
    const res = await fetch(`${env.SCHEMA_REGISTRY_URL}/subjects/${subject}/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ schema: JSON.stringify(other) }),
    });
    expect(res.status).toBe(200);

    const run = await runCdr(registerSchemas, ['schemas', 'register', '--topic-prefix', prefix], env);

    expect(run.exitCode).toBe(1);
    expect(run.error).toMatch(new RegExp(`^cdr: Schema Registry at http\\S+: HTTP 409: .*incompatible.*${subject.replace(/\./g, '\\.')}`));
    expect(run.error).not.toContain('\n');
  });

  it('says where the registry is when nothing answers there', async () => {
    const run = await runCdr(registerSchemas, ['schemas', 'register', '--registry', 'http://127.0.0.1:9'], {});
    expect(run.exitCode).toBe(1);
    expect(run.error).toMatch(/^cdr: Schema Registry at http:\/\/127\.0\.0\.1:9\/: connect ECONNREFUSED 127\.0\.0\.1:9$/);
  });
});
