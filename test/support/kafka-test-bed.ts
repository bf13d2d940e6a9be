import type { Admin, Kafka } from 'kafkajs';
import { BatchProducer, runBatchConsumer, type BatchConsumerOptions, type BatchHandler, type RunningConsumer } from '../../libs/kafka';
import { startKafka, testSessionTimeoutMs, type KafkaForTests } from './kafka-cluster';
import { testKafkaClient } from './kafka-client';

/** The Kafka test cluster with a client, a connected producer and admin: what a Kafka test starts from. */
export class KafkaTestBed {
  /** A consumer session timeout fit for this cluster. */
  readonly sessionTimeoutMs: number;
  private readonly running: RunningConsumer[] = [];

  private constructor(
    readonly cluster: KafkaForTests,
    readonly kafka: Kafka,
    readonly producer: BatchProducer,
    readonly admin: Admin,
  ) {
    this.sessionTimeoutMs = testSessionTimeoutMs(cluster);
  }

  static async start(): Promise<KafkaTestBed> {
    const cluster = await startKafka();
    const kafka = testKafkaClient(cluster.brokers);
    const producer = await BatchProducer.connect(kafka);
    const admin = kafka.admin();
    await admin.connect();
    return new KafkaTestBed(cluster, kafka, producer, admin);
  }

  /** A batch consumer of `topic` from its beginning, with group timings fit for tests; see stopConsumers(). */
  async consume(topic: string, groupId: string, handler: BatchHandler, extra: Partial<BatchConsumerOptions> = {}): Promise<RunningConsumer> {
    const consumer = await runBatchConsumer({
      kafka: this.kafka,
      groupId,
      topics: [topic],
      fromBeginning: true,
      handler,
      heartbeatIntervalMs: 300,
      sessionTimeoutMs: this.sessionTimeoutMs,
      ...extra,
    });
    this.running.push(consumer);
    return consumer;
  }

  /** Stops every consumer consume() started (after each test). */
  async stopConsumers(): Promise<void> {
    await Promise.all(this.running.splice(0).map((c) => c.stop(2000)));
  }

  async stop(): Promise<void> {
    await this.stopConsumers();
    await this.admin.disconnect();
    await this.producer.disconnect();
    await this.cluster.stop();
  }
}
