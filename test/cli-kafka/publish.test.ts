import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { createSchemaRegistry, loadRegistryConfig, registerSchemas } from '../../libs/registry';
import { buildSchemas, type RecordKind } from '../../libs/schema';
import { readRecordFile } from '../../libs/files';
import { registerPublish } from '../../services/cli/commands/publish';
import { startKafka, type KafkaForTests } from '../support/kafka-cluster';
import { testKafkaClient } from '../support/kafka-client';
import { freshGroup, freshName } from '../support/names';
import { SchemaRegistryDouble } from '../support/schema-registry-double';
import { waitFor } from '../support/wait-for';
import { runCdr } from './cli-run';

const SAMPLE = join(__dirname, '..', '..', 'data', 'sample');

let cluster: KafkaForTests;
let kafka: Kafka;
let double: SchemaRegistryDouble;
let env: Record<string, string>;
const consumers: Consumer[] = [];

beforeAll(async () => {
  cluster = await startKafka();
  kafka = testKafkaClient(cluster.brokers);
  double = new SchemaRegistryDouble();
  const registryUrl = process.env.SCHEMA_REGISTRY_URL ?? (await double.start());
  env = { KAFKA_BROKERS: cluster.brokers.join(','), SCHEMA_REGISTRY_URL: registryUrl };
});

afterAll(async () => {
  await Promise.all(consumers.map((c) => c.disconnect()));
  await double?.stop();
  await cluster?.stop();
});

interface Received {
  readonly key: string;
  readonly partition: number;
  readonly message: KafkaMessage;
}

/** Reads `topics` from the beginning until `expected` messages have arrived, by topic. */
async function consumeBack(topics: readonly string[], expected: number): Promise<Map<string, Received[]>> {
  const byTopic = new Map<string, Received[]>(topics.map((t) => [t, []]));
  const consumer = kafka.consumer({ groupId: freshGroup(), sessionTimeout: 6000, maxWaitTimeInMs: 100 });
  consumers.push(consumer);
  await consumer.connect();
  await consumer.subscribe({ topics: [...topics], fromBeginning: true });
  let count = 0;
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      byTopic.get(topic)!.push({ key: message.key!.toString(), partition, message });
      count += 1;
    },
  });
  await waitFor(() => count >= expected, { what: `${expected} published messages`, timeoutMs: 30_000 });
  return byTopic;
}

/** The records of a file as the JSON form decodes them, valid ones only, in file order. */
async function decodedRecords(path: string, kind: RecordKind): Promise<unknown[]> {
  const values: unknown[] = [];
  for await (const batch of readRecordFile(path, kind, buildSchemas())) {
    for (const { result } of batch) if (result.ok) values.push(result.value);
  }
  return values;
}

const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
const keyOf = (kind: RecordKind, v: { accountId: string; tariffId?: string; version?: number }) =>
  kind === 'tariff' ? `${v.tariffId}:${v.version}` : v.accountId;

/** Groups values by key, keeping their order: what one partition's offsets preserve. */
function byKey<T>(items: readonly T[], key: (item: T) => string): Record<string, T[]> {
  const groups: Record<string, T[]> = {};
  for (const item of items) (groups[key(item)] ??= []).push(item);
  return groups;
}

describe('cdr publish', () => {
  it('publishes the sample month, reference data first, and every record reads back equal to its JSON line, in file order per key', async () => {
    const prefix = `${freshName('pub')}.`;
    const run = await runCdr(registerPublish, ['publish', SAMPLE, '--topic-prefix', prefix], env);

    expect(run.error).toBeNull();
    // cdr.sipcore.jsonl: 334 lines (data/sample/README.md) less the 2 that are not valid records
    expect(run.out).toEqual([
      `published 4 to ${prefix}accounts, 6 to ${prefix}tariffs, 332 to ${prefix}cdr.sipcore, 194 to ${prefix}cdr.media, ` +
        `72 to ${prefix}provisioning, 98 to ${prefix}registrations; 2 invalid records not published`,
    ]);
    expect(run.err).toEqual([
      expect.stringMatching(/cdr\.sipcore\.jsonl:51: not valid JSON/),
      expect.stringMatching(/cdr\.sipcore\.jsonl:102: .*PHONE/),
    ]);
    expect(run.exitCode).toBe(0);

    const files: [RecordKind, string, string][] = [
      ['account', 'accounts.json', 'accounts'],
      ['tariff', 'tariffs.json', 'tariffs'],
      ['sipcore', 'cdr.sipcore.jsonl', 'cdr.sipcore'],
      ['media', 'cdr.media.jsonl', 'cdr.media'],
      ['provisioning', 'provisioning.jsonl', 'provisioning'],
      ['activity', 'registrations.jsonl', 'registrations'],
    ];
    const received = await consumeBack(files.map(([, , topic]) => prefix + topic), 4 + 6 + 332 + 194 + 72 + 98);
    const codec = await registerSchemas(createSchemaRegistry(loadRegistryConfig(env)), {});

    for (const [kind, file, topic] of files) {
      const expected = (await decodedRecords(join(SAMPLE, file), kind)) as { accountId: string }[];
      const messages = received.get(prefix + topic)!;
      expect(messages).toHaveLength(expected.length);
      const decoded = await Promise.all(
        messages.map(async (m) => ({
          key: m.key,
          partition: m.partition,
          offset: Number(m.message.offset),
          value: plain(await codec.decode(m.message.value!)),
        })),
      );
      // Within a key, everything is on one partition, and offset order is the file order.
      const consumedByKey = byKey(decoded.sort((a, b) => a.partition - b.partition || a.offset - b.offset), (d) => d.key);
      for (const entries of Object.values(consumedByKey)) expect(new Set(entries.map((e) => e.partition)).size).toBe(1);
      const valuesByKey = Object.fromEntries(Object.entries(consumedByKey).map(([k, entries]) => [k, entries.map((e) => e.value)]));
      expect(valuesByKey).toEqual(byKey(expected.map(plain) as { accountId: string }[], (v) => keyOf(kind, v)));
    }
    const times = (topic: string) => received.get(prefix + topic)!.map((r) => Number(r.message.timestamp));
    expect(Math.max(...times('accounts'), ...times('tariffs'))).toBeLessThanOrEqual(Math.min(...times('cdr.sipcore'), ...times('cdr.media')));
    expect(Object.keys(byKey(received.get(`${prefix}tariffs`)!, (r) => r.key)).sort()).toEqual(['card-usd:1', 'lines-pack:1', 'std-eur:1', 'std-jpy:1', 'std-usd:1', 'std-usd:2']);
  });

  it('reports invalid lines by file and line, publishes the rest, and with --strict exits 1', async () => {
    const prefix = `${freshName('bad')}.`;
    const dir = mkdtempSync(join(tmpdir(), 'cdr-publish-'));
    const good = (id: string) => JSON.stringify({
      eventId: id, accountId: 'acme', subject: 'DEVICE', subjectId: 'sip:1001@acme.example.com', action: 'PROVISIONED', at: '2026-10-01T00:00:00.000Z',
    });
    writeFileSync(join(dir, 'provisioning.jsonl'), [good('pv-1'), '{"eventId": "pv-2", "accountId"', '', good('pv-3'), '{"eventId":"pv-4"}'].join('\n'));

    const run = await runCdr(registerPublish, ['publish', join(dir, 'provisioning.jsonl'), '--strict', '--topic-prefix', prefix], env);

    expect(run.out).toEqual([`published 2 to ${prefix}provisioning; 2 invalid records not published`]);
    expect(run.err).toEqual([
      expect.stringMatching(/provisioning\.jsonl:2: not valid JSON/),
      expect.stringMatching(/provisioning\.jsonl:5: .*accountId/),
      'cdr: --strict: 2 records were invalid and not published',
    ]);
    expect(run.exitCode).toBe(1);
    const received = await consumeBack([`${prefix}provisioning`], 2);
    const codec = await registerSchemas(createSchemaRegistry(loadRegistryConfig(env)), {});
    const decoded = received.get(`${prefix}provisioning`)!.map((m) => codec.decode<{ eventId: string }>(m.message.value!));
    const ids = (await Promise.all(decoded)).map((event) => event.eventId);
    expect(ids).toEqual(['pv-1', 'pv-3']);
  });

  it('refuses a file whose name says nothing about its topic, before connecting anywhere', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdr-publish-'));
    writeFileSync(join(dir, 'export-0042.jsonl'), '{}\n');
    const run = await runCdr(registerPublish, ['publish', join(dir, 'export-0042.jsonl')], env);
    expect(run.error).toMatch(/^cdr: publish: .*export-0042\.jsonl is not an input file/);
    expect(run.exitCode).toBe(2);
  });
});
