import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { RawAvroSchema } from '@kafkajs/confluent-schema-registry/dist/@types';
import {
  RegistryUnavailable,
  UndecodableRecord,
  createSchemaRegistry,
  loadRegistryConfig,
  readAvroSchema,
  registerSchemas,
} from '../../libs/registry';
import { freshTopic } from '../support/names';
import { SchemaRegistryDouble } from '../support/schema-registry-double';

let double: SchemaRegistryDouble;
let url: string;

beforeAll(async () => {
  double = new SchemaRegistryDouble();
  url = process.env.SCHEMA_REGISTRY_URL ?? (await double.start());
});

afterAll(async () => {
  await double?.stop();
});

const client = () => createSchemaRegistry(loadRegistryConfig({ SCHEMA_REGISTRY_URL: url }));

const rated = {
  ratedId: 'u-1',
  usageId: 'u-1',
  accountId: 'acct-1',
  month: '2024-03',
  product: 'sipcore.voice',
  kind: 'LEG',
  startAt: 1709251200000,
  billedSeconds: 120,
  quantity: '2',
  unitPrice: '0.0125',
  connectFee: null,
  amount: '0.025000',
  currency: 'USD',
  tariffId: 'basic',
  tariffVersion: 3,
  source: { stream: 'cdr.sipcore', partition: 2, position: 41 },
};

const leg = (fields: object[]): RawAvroSchema => ({
  type: 'record',
  name: 'Leg',
  namespace: 'cdrrating.test',
  fields: [{ name: 'usageId', type: 'string' }, ...fields],
});

describe('Avro records through the schema registry', () => {
  it('round-trips a rated record in Confluent wire format, timestamps staying epoch milliseconds', async () => {
    const ledger = freshTopic();
    const producerSide = await registerSchemas(client(), { [ledger]: readAvroSchema('RatedRecord') });

    const bytes = await producerSide.encode(ledger, rated);

    expect(bytes[0]).toBe(0);
    expect(bytes.readInt32BE(1)).toBe(producerSide.ids.get(ledger));
    const decoded = await producerSide.decode<typeof rated>(bytes);
    expect({ ...decoded, source: { ...decoded.source } }).toMatchObject(rated); // fields added later with defaults may follow
    expect(typeof decoded.startAt).toBe('number');
  });

  it('fetches a writer schema once per id and decodes every later record from the cache', async () => {
    const ledger = freshTopic();
    const producerSide = await registerSchemas(client(), { [ledger]: readAvroSchema('RatedRecord') });
    const id = producerSide.ids.get(ledger)!;
    const records = await Promise.all(
      Array.from({ length: 50 }, (_, i) => producerSide.encode(ledger, { ...rated, ratedId: `u-${i}`, usageId: `u-${i}` })),
    );
    const consumerSide = await registerSchemas(client(), {}); // a consumer registers nothing, it only reads
    const before = double.requests.filter((r) => r === `GET /schemas/ids/${id}`).length;

    const decoded = await Promise.all(records.map((r) => consumerSide.decode<typeof rated>(r)));

    expect(decoded.map((d) => d.ratedId)).toEqual(records.map((_, i) => `u-${i}`));
    if (!process.env.SCHEMA_REGISTRY_URL) {
      expect(double.requests.filter((r) => r === `GET /schemas/ids/${id}`).length - before).toBe(1);
    }
  });

  it('registers the same schema twice under the same id', async () => {
    const topic = freshTopic();
    const first = await registerSchemas(client(), { [topic]: readAvroSchema('UsageRecord') });
    const second = await registerSchemas(client(), { [topic]: readAvroSchema('UsageRecord') });
    expect(second.ids.get(topic)).toBe(first.ids.get(topic));
  });

  it('accepts a new optional field with a default (BACKWARD) and old records still decode', async () => {
    const topic = freshTopic();
    const v1 = await registerSchemas(client(), { [topic]: leg([{ name: 'seconds', type: 'long' }]) });
    const old = await v1.encode(topic, { usageId: 'u-1', seconds: 61 });

    const v2 = await registerSchemas(client(), {
      [topic]: leg([{ name: 'seconds', type: 'long' }, { name: 'trunkId', type: ['null', 'string'], default: null }]),
    });

    expect(v2.ids.get(topic)).not.toBe(v1.ids.get(topic));
    expect({ ...(await v2.decode<object>(old)) }).toEqual({ usageId: 'u-1', seconds: 61 });
  });

  it.each([
    ['a new required field without a default', [{ name: 'seconds', type: 'long' }, { name: 'trunkId', type: 'string' }]],
    ['a changed field type', [{ name: 'seconds', type: 'string' }]],
  ])('refuses %s with HTTP 409', async (_case, fields) => {
    const topic = freshTopic();
    await registerSchemas(client(), { [topic]: leg([{ name: 'seconds', type: 'long' }]) });

    const refused = registerSchemas(client(), { [topic]: leg(fields) });

    await expect(refused).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/incompatible/) });
  });

  it('tells undecodable bytes (dead-letter them) from an unreachable registry (retry)', async () => {
    const topic = freshTopic();
    const codec = await registerSchemas(client(), { [topic]: readAvroSchema('UsageRecord') });

    await expect(codec.decode(Buffer.from('{"usageId":"json, not avro"}'))).rejects.toBeInstanceOf(UndecodableRecord);
    await expect(codec.decode(Buffer.from([0, 0x7f, 0xff, 0xff, 0xff, 1]))).rejects.toBeInstanceOf(UndecodableRecord);
    const truncated = (await codec.encode(topic, { ...usage() })).subarray(0, 12);
    await expect(codec.decode(truncated)).rejects.toBeInstanceOf(UndecodableRecord);

    const nowhere = await registerSchemas(
      new SchemaRegistry({ host: 'http://127.0.0.1:9', retry: { retries: 0 } }),
      {},
    );
    await expect(nowhere.decode(Buffer.from([0, 0, 0, 0, 1, 2]))).rejects.toBeInstanceOf(RegistryUnavailable);
  });
});

describe('the registry test double', () => {
  const call = async (method: string, path: string, body?: object) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: body && JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('answers lookups, versions, config and compatibility checks as Confluent does', async () => {
    if (process.env.SCHEMA_REGISTRY_URL) return; // these assertions are about the double itself
    const topic = freshTopic();
    const subject = `${topic}-value`;
    const v1 = JSON.stringify(leg([{ name: 'seconds', type: 'long' }]));
    const breaking = JSON.stringify(leg([{ name: 'seconds', type: 'string' }]));
    const { body: registered } = await call('POST', `/subjects/${subject}/versions`, { schema: v1 });

    expect((await call('GET', '/subjects')).body).toEqual(expect.arrayContaining([subject]));
    expect((await call('GET', `/subjects/${subject}/versions/latest`)).body).toMatchObject({ subject, version: 1, id: registered.id });
    expect((await call('POST', `/subjects/${subject}`, { schema: v1 })).body).toMatchObject({ id: registered.id, version: 1 });
    expect((await call('GET', `/config/${subject}`)).status).toBe(404);
    expect((await call('POST', `/compatibility/subjects/${subject}/versions/latest`, { schema: breaking })).body).toEqual({ is_compatible: false });
    expect((await call('PUT', `/config/${subject}`, { compatibility: 'NONE' })).body).toEqual({ compatibility: 'NONE' });
    expect((await call('GET', `/config/${subject}`)).body).toEqual({ compatibilityLevel: 'NONE' });
    expect((await call('POST', `/subjects/${subject}/versions`, { schema: breaking })).status).toBe(200);
    expect((await call('GET', `/subjects/${subject}/versions/3`)).body).toEqual({ error_code: 40402, message: 'Version not found.' });
    expect((await call('GET', '/schemas/ids/99999')).body).toEqual({ error_code: 40403, message: 'Schema not found' });
  });


  it('answers 401 without the credentials and serves a client configured with them', async () => {
    const guarded = new SchemaRegistryDouble({ credentials: { username: 'svc-rater', password: 's3cret' } });
    const guardedUrl = await guarded.start();
    try {
      const anonymous = createSchemaRegistry(loadRegistryConfig({ SCHEMA_REGISTRY_URL: guardedUrl }));
      await expect(registerSchemas(anonymous, { t: leg([]) })).rejects.toMatchObject({ status: 401 });

      const withAuth = createSchemaRegistry(
        loadRegistryConfig({ SCHEMA_REGISTRY_URL: guardedUrl, SCHEMA_REGISTRY_USERNAME: 'svc-rater', SCHEMA_REGISTRY_PASSWORD: 's3cret' }),
      );
      const codec = await registerSchemas(withAuth, { t: leg([]) });
      expect(codec.ids.get('t')).toBe(1);
    } finally {
      await guarded.stop();
    }
  });
});

function usage() {
  return {
    usageId: 'u-9',
    sourceId: 'cdr-9',
    origin: 'SIPCORE',
    accountId: 'acct-1',
    kind: 'LEG',
    product: 'sipcore.voice',
    direction: 'ORIGINATING',
    media: 'AUDIO',
    callId: 'call-9',
    endpoint: null,
    startAt: 1709251200000,
    endAt: 1709251261000,
    durationMs: 61000,
    source: { stream: 'cdr.sipcore', partition: 0, position: 9 },
  };
}
