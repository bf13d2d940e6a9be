import type { Admin } from 'kafkajs';
import { ensureTopics, type TopicSpec } from '../../libs/kafka';
import { startKafka, type KafkaForTests } from '../support/kafka-cluster';
import { testKafkaClient } from '../support/kafka-client';
import { freshTopic } from '../support/names';

let cluster: KafkaForTests;
let admin: Admin;

beforeAll(async () => {
  cluster = await startKafka();
  admin = testKafkaClient(cluster.brokers).admin();
  await admin.connect();
});

afterAll(async () => {
  await admin?.disconnect();
  await cluster?.stop();
});

describe('ensuring the pipeline topics exist', () => {
  it('creates a missing ledger and a compacted tariffs topic (on the mock: by auto-creation, with the differences reported)', async () => {
    const specs: TopicSpec[] = [
      { topic: freshTopic(), partitions: 4, replicationFactor: 1, compacted: false },
      { topic: freshTopic(), partitions: 1, replicationFactor: 1, compacted: true },
    ];
    const [ledger, tariffs] = specs.map((s) => s.topic);

    const report = await ensureTopics(admin, specs);

    expect(await admin.listTopics()).toEqual(expect.arrayContaining([ledger, tariffs]));
    expect(report.existing).toEqual([]);
    if (cluster.kind === 'mock') {
      expect(report.created).toEqual([]);
      expect(report.autoCreated).toEqual([ledger, tariffs]);
      expect(report.warnings).toEqual([
        `${tariffs}: auto-created with 4 partitions, spec says 1`,
        `${tariffs}: auto-created without cleanup.policy=compact`,
      ]);
    } else {
      expect(report).toMatchObject({ created: [ledger, tariffs], autoCreated: [], warnings: [] });
    }
  });

  it('leaves topics that already exist as they are', async () => {
    const specs: TopicSpec[] = [{ topic: freshTopic(), partitions: 4, replicationFactor: 1, compacted: false }];
    await ensureTopics(admin, specs);

    const again = await ensureTopics(admin, specs);

    expect(again).toEqual({ existing: [specs[0]!.topic], created: [], autoCreated: [], warnings: [] });
  });
});
