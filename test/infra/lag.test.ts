import type { Admin, Kafka } from 'kafkajs';
import { BatchProducer, consumerLag, lagTable, runBatchConsumer } from '../../libs/kafka';
import { startKafka, type KafkaForTests } from '../support/kafka-cluster';
import { committedOffsets, testKafkaClient } from '../support/kafka-client';
import { freshGroup, freshTopic } from '../support/names';
import { waitFor } from '../support/wait-for';

let cluster: KafkaForTests;
let kafka: Kafka;
let admin: Admin;
let producer: BatchProducer;

beforeAll(async () => {
  cluster = await startKafka();
  kafka = testKafkaClient(cluster.brokers);
  admin = kafka.admin();
  await admin.connect();
  producer = await BatchProducer.connect(kafka);
});

afterAll(async () => {
  await producer?.disconnect();
  await admin?.disconnect();
  await cluster?.stop();
});

const ratedRecords = (partition: number, from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({ partition, value: `rated-${partition}-${from + i}` }));

describe('consumer lag of the invoicer group on the ledger', () => {
  it('is the high watermark minus the committed offset, and everything for a partition never committed', async () => {
    const ledger = freshTopic();
    const invoicer = freshGroup();
    await producer.send(ledger, ratedRecords(0, 0, 6));
    const consumer = await runBatchConsumer({ kafka, groupId: invoicer, topics: [ledger], fromBeginning: true, handler: async () => undefined });
    try {
      await waitFor(async () => (await committedOffsets(admin, invoicer, ledger))[0] === 6, { what: 'the invoicer to commit 6' });
    } finally {
      await consumer.stop();
    }
    // While the invoicer is down, the rater goes on writing to partition 0 and starts on partition 1.
    await producer.send(ledger, [...ratedRecords(0, 6, 4), ...ratedRecords(1, 0, 4)]);

    const rows = await consumerLag(admin, invoicer, [ledger]);

    const byPartition = Object.fromEntries(rows.map((r) => [r.partition, r]));
    expect(byPartition[0]).toEqual({ group: invoicer, topic: ledger, partition: 0, highWatermark: 10, committedOffset: 6, lag: 4 });
    expect(byPartition[1]).toEqual({ group: invoicer, topic: ledger, partition: 1, highWatermark: 4, committedOffset: -1, lag: 4 });
    expect(rows.map((r) => r.partition)).toEqual([0, 1, 2, 3].slice(0, rows.length));
    expect(lagTable(rows).split('\n').pop()).toBe('total lag: 8');
    if (cluster.kind !== 'mock') {
      // A real broker lists a group's topics itself; librdkafka's mock answers an empty list, so name them there.
      expect(await consumerLag(admin, invoicer)).toEqual(rows);
    }
  });
});
