import type { Admin, Kafka } from 'kafkajs';
import { CONTROL_HEADER, closeThroughOf } from '../../libs/cli-kafka';
import { BatchProducer, runBatchConsumer, type LagRow } from '../../libs/kafka';
import { registerCloseMonth } from '../../services/cli/commands/close-month';
import { readControl } from '../../services/invoicer/control-marker';
import { registerLag } from '../../services/cli/commands/lag';
import { registerTopics } from '../../services/cli/commands/topics';
import { startKafka, testSessionTimeoutMs, type KafkaForTests } from '../support/kafka-cluster';
import { committedOffsets, testKafkaClient } from '../support/kafka-client';
import { freshGroup, freshName } from '../support/names';
import { waitFor } from '../support/wait-for';
import { runCdr } from './cli-run';

let cluster: KafkaForTests;
let kafka: Kafka;
let admin: Admin;
let producer: BatchProducer;
let env: Record<string, string>;

beforeAll(async () => {
  cluster = await startKafka();
  kafka = testKafkaClient(cluster.brokers);
  admin = kafka.admin();
  await admin.connect();
  producer = await BatchProducer.connect(kafka);
  env = { KAFKA_BROKERS: cluster.brokers.join(',') };
});

afterAll(async () => {
  await producer?.disconnect();
  await admin?.disconnect();
  await cluster?.stop();
});

const rated = (partition: number, count: number) => Array.from({ length: count }, (_, i) => ({ partition, value: `rated-${partition}-${i}` }));

describe('cdr lag', () => {
  it('shows high watermark minus the committed offset of a group, with a total, as a table and as JSON', async () => {
    const prefix = `${freshName('lag')}.`;
    const ledger = `${prefix}ledger.rated`;
    const invoicer = freshGroup();
    await producer.send(ledger, rated(0, 6));
    const consumer = await runBatchConsumer({
      kafka, groupId: invoicer, topics: [ledger], fromBeginning: true, sessionTimeoutMs: testSessionTimeoutMs(cluster), handler: async () => undefined,
    });
    try {
      await waitFor(async () => (await committedOffsets(admin, invoicer, ledger))[0] === 6, { what: 'the group to commit 6 on partition 0' });
    } finally {
      await consumer.stop();
    }
    await producer.send(ledger, [...rated(0, 4), ...rated(2, 3)]);

    // The invoicer's group by name: its default topic is the (prefixed) ledger.
    const asJson = await runCdr(registerLag, ['lag', '--group', invoicer, '--topic', ledger, '--json'], env);
    const table = await runCdr(registerLag, ['lag', '--group', invoicer, '--topic', ledger], env);

    const rows = JSON.parse(asJson.out.join('\n')) as LagRow[];
    const byPartition = Object.fromEntries(rows.map((r) => [r.partition, r]));
    expect(byPartition[0]).toEqual({ group: invoicer, topic: ledger, partition: 0, highWatermark: 10, committedOffset: 6, lag: 4 });
    expect(byPartition[2]).toEqual({ group: invoicer, topic: ledger, partition: 2, highWatermark: 3, committedOffset: -1, lag: 3 });
    for (const row of rows) expect(row.lag).toBe(row.highWatermark - Math.max(row.committedOffset, 0));
    expect(table.out[0]).toMatch(/^GROUP\s+TOPIC\s+PARTITION\s+HIGH\s+COMMITTED\s+LAG$/);
    expect(table.out).toContainEqual(expect.stringMatching(new RegExp(`^${invoicer}\\s+${ledger.replace(/\./g, '\\.')}\\s+0\\s+10\\s+6\\s+4$`)));
    expect(table.out[table.out.length - 1]).toBe('total lag: 7');
  });

  it('reports the service groups on their default topics when no group is named', async () => {
    const prefix = `${freshName('lagd')}.`;
    const topics = ['cdr.sipcore', 'cdr.media', 'usage.legs', 'ledger.rated', 'provisioning', 'registrations'];
    for (const topic of topics) await producer.send(prefix + topic, rated(1, 2));

    const run = await runCdr(registerLag, ['lag', '--json', '--topic-prefix', prefix], env);

    // On a shared cluster the service groups may also have committed on the real topics: look at ours.
    const rows = (JSON.parse(run.out.join('\n')) as LagRow[]).filter((r) => r.topic.startsWith(prefix));
    const seen = [...new Set(rows.map((r) => `${r.group} ${r.topic}`))];
    expect(seen).toEqual([
      `cdr-normalizer ${prefix}cdr.media`,
      `cdr-normalizer ${prefix}cdr.sipcore`,
      `cdr-rater ${prefix}usage.legs`,
      `cdr-invoicer ${prefix}ledger.rated`,
      `cdr-invoicer-facts ${prefix}provisioning`,
      `cdr-invoicer-facts ${prefix}registrations`,
    ]);
    expect(rows.reduce((sum, r) => sum + r.lag, 0)).toBe(12);
  });

  it('asks for --topic when a named group has neither committed offsets nor default topics', async () => {
    const run = await runCdr(registerLag, ['lag', '--group', 'cdr-unknown', '--topic-prefix', `${freshName('none')}.`], env);
    expect(run.error).toBe('cdr: lag: group cdr-unknown has committed no offsets and its default topics do not exist; name them with --topic');
    expect(run.exitCode).toBe(2);
  });
});

describe('cdr close-month', () => {
  it('puts one close-through marker on every partition of the ledger, one the invoicer obeys', async () => {
    const prefix = `${freshName('close')}.`;
    const ledger = `${prefix}ledger.rated`;
    await producer.send(ledger, rated(3, 1)); // the rater has written; the topic exists
    const partitions = (await admin.fetchTopicOffsets(ledger)).map((p) => p.partition).sort();

    const run = await runCdr(registerCloseMonth, ['close-month', '--through', '2026-10', '--topic-prefix', prefix], env);

    expect(run.error).toBeNull();
    expect(run.out).toEqual([`close-month: close-through:2026-10 sent to ${ledger} partitions ${partitions.join(',')}`]);
    const markers: { partition: number; key: string; value: number; month: string | null; invoicerReads: unknown }[] = [];
    const consumer = kafka.consumer({ groupId: freshGroup(), maxWaitTimeInMs: 100 });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [ledger], fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ partition, message }) => {
          const header = message.headers?.[CONTROL_HEADER];
          if (header === undefined) return;
          // readControl is what the invoicer applies to each ledger message: the marker must be one it obeys.
          markers.push({
            partition,
            key: message.key!.toString(),
            value: message.value?.length ?? -1,
            month: closeThroughOf(header),
            invoicerReads: readControl(message),
          });
        },
      });
      await waitFor(() => markers.length >= partitions.length, { what: `a marker on each of ${partitions.length} partitions` });
    } finally {
      await consumer.disconnect();
    }
    expect(markers.sort((a, b) => a.partition - b.partition)).toEqual(
      partitions.map((partition) => ({
        partition, key: 'control', value: 0, month: '2026-10', invoicerReads: { kind: 'close-through', through: '2026-10' },
      })),
    );
  });

  it('refuses to close on a ledger topic that does not exist, rather than creating it', async () => {
    const prefix = `${freshName('nolg')}.`;
    const run = await runCdr(registerCloseMonth, ['close-month', '--through', '2026-10', '--topic-prefix', prefix], env);
    expect(run.error).toBe(`cdr: close-month: the ledger topic ${prefix}ledger.rated does not exist (see cdr topics create, TOPIC_LEDGER)`);
    expect(run.exitCode).toBe(1);
    expect(await admin.listTopics()).not.toContain(`${prefix}ledger.rated`);
  });
});

describe('cdr topics create', () => {
  it('makes every pipeline topic exist, and a second run finds them all', async () => {
    const prefix = `${freshName('top')}.`;
    const first = await runCdr(registerTopics, ['topics', 'create', '--topic-prefix', prefix], env);
    const second = await runCdr(registerTopics, ['topics', 'create', '--topic-prefix', prefix], env);

    const expected = [
      'accounts', 'tariffs', 'cdr.sipcore', 'cdr.media', 'provisioning', 'registrations', 'usage.legs', 'ledger.rated', 'invoices', 'limits',
      'cdr.sipcore.dlq', 'cdr.media.dlq', 'provisioning.dlq', 'registrations.dlq', 'usage.legs.dlq', 'ledger.rated.dlq',
    ].map((t) => prefix + t);
    expect(first.exitCode).toBe(0);
    expect(first.out[0]).toMatch(/^TOPIC\s+PARTITIONS\s+CLEANUP\s+STATUS$/);
    expect(first.out.slice(1).map((line) => line.split(/\s+/)[0])).toEqual(expected);
    expect(await admin.listTopics()).toEqual(expect.arrayContaining(expected));
    expect(first.out[1]).toMatch(/\s+4\s+compact\s+(created|auto-created)$/);
    expect(second.out.slice(1).every((line) => / exists$/.test(line))).toBe(true);
    if (cluster.kind === 'mock') {
      expect(first.err[0]).toMatch(/cannot create topics .* auto-created/);
      expect(first.err).toContain(`topics: warning: ${prefix}accounts: auto-created without cleanup.policy=compact`);
    } else {
      expect(first.out.slice(1).every((line) => / created$/.test(line))).toBe(true);
    }
  });
});
