import type { Admin, Kafka } from 'kafkajs';
import { createKafka, loadKafkaConfig } from '../../libs/kafka';

/** A kafkajs client for the test cluster, built through the same config path the services use. */
export function testKafkaClient(brokers: readonly string[]): Kafka {
  return createKafka(loadKafkaConfig({ KAFKA_BROKERS: brokers.join(','), KAFKA_CLIENT_ID: 'infra-test' }));
}

/** Committed offsets of `groupId` on `topic`, by partition (-1 = never committed). */
export async function committedOffsets(admin: Admin, groupId: string, topic: string): Promise<Record<number, number>> {
  const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return Object.fromEntries((offsets?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
}

/** How many partitions `topic` has (the mock auto-creates 4). */
export async function partitionCount(admin: Admin, topic: string): Promise<number> {
  return (await admin.fetchTopicOffsets(topic)).length;
}
