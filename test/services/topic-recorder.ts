import type { Consumer, Kafka } from 'kafkajs';
import type { AvroTopics } from '../../libs/registry';
import { freshGroup } from '../support/names';

export interface RecordedMessage {
  readonly topic: string;
  readonly partition: number;
  readonly key: string | null;
  readonly bytes: Buffer;
}

/** Reads every message of some topics from the beginning, in a group of its own, for tests to inspect. */
export class TopicRecorder {
  readonly messages: RecordedMessage[] = [];

  private constructor(private readonly consumer: Consumer) {}

  static async start(kafka: Kafka, topics: readonly string[], sessionTimeout: number): Promise<TopicRecorder> {
    const consumer = kafka.consumer({ groupId: freshGroup(), sessionTimeout, heartbeatInterval: 300, maxWaitTimeInMs: 100 });
    const recorder = new TopicRecorder(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) =>
        void recorder.messages.push({ topic, partition, key: message.key?.toString() ?? null, bytes: message.value ?? Buffer.alloc(0) }),
    });
    return recorder;
  }

  on(topic: string): RecordedMessage[] {
    return this.messages.filter((m) => m.topic === topic);
  }

  /** The values on `topic`, decoded through the registry. */
  async decoded<T>(avro: AvroTopics, topic: string): Promise<Array<T & { readonly key: string | null }>> {
    return Promise.all(this.on(topic).map(async (m) => ({ ...(await avro.decode<T>(m.bytes)), key: m.key })));
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}
