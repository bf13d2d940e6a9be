import type { Kafka } from 'kafkajs';
import { BatchProducer, runBatchConsumer } from '../../libs/kafka';
import { startKafka, type KafkaForTests } from '../support/kafka-cluster';
import { testKafkaClient } from '../support/kafka-client';
import { freshGroup, freshTopic } from '../support/names';
import { waitFor } from '../support/wait-for';

let cluster: KafkaForTests;
let kafka: Kafka;
let producer: BatchProducer;

beforeAll(async () => {
  cluster = await startKafka();
  kafka = testKafkaClient(cluster.brokers);
  producer = await BatchProducer.connect(kafka, { maxMessagesPerRequest: 50 });
});

afterAll(async () => {
  await producer?.disconnect();
  await cluster?.stop();
});

interface Seen {
  partition: number;
  key: string;
  value: string;
  cdrId: string;
}

describe('producing and consuming rated records in batches', () => {
  it('delivers every message once, with its key and headers, in per-account order, many per batch', async () => {
    const topic = freshTopic();
    const sent = Array.from({ length: 300 }, (_, i) => ({
      key: `acct-${i % 5}`,
      value: `usage-${String(i).padStart(3, '0')}`,
      headers: { 'cdr-id': `cdr-${i}` },
    }));
    const acknowledged = await producer.send(topic, sent);
    expect(acknowledged.length).toBeGreaterThan(0);

    const seen: Seen[] = [];
    const batchSizes: number[] = [];
    const consumer = await runBatchConsumer({
      kafka,
      groupId: freshGroup(),
      topics: [topic],
      fromBeginning: true,
      handler: async ({ partition, messages }) => {
        batchSizes.push(messages.length);
        for (const m of messages) {
          seen.push({ partition, key: String(m.key), value: String(m.value), cdrId: String(m.headers?.['cdr-id']) });
        }
      },
    });
    try {
      await waitFor(() => seen.length >= sent.length, { what: `${sent.length} messages consumed` });
    } finally {
      await consumer.stop();
    }

    expect(seen).toHaveLength(sent.length);
    expect(new Set(seen.map((s) => s.value)).size).toBe(sent.length);
    expect(Math.max(...batchSizes)).toBeGreaterThan(1);
    expect(seen.every((s) => s.cdrId === `cdr-${Number(s.value.slice(6))}`)).toBe(true);
    for (let account = 0; account < 5; account += 1) {
      const ofAccount = seen.filter((s) => s.key === `acct-${account}`);
      expect(new Set(ofAccount.map((s) => s.partition)).size).toBe(1); // one key, one partition
      const values = ofAccount.map((s) => s.value);
      expect(values).toEqual([...values].sort()); // produced order survives chunked sends
    }
  });
});
