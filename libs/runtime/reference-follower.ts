import { randomUUID } from 'node:crypto';
import type { Consumer, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { Account, Tariff } from '../domain';
import { rememberingZones, validateAccount, validateTariff } from '../domain/reference/index';
import type { ReferenceData } from '../pipeline/reference-data';
import type { AvroTopics } from '../registry';

export interface ReferenceFollowerOptions {
  readonly kafka: Kafka;
  readonly avro: AvroTopics;
  readonly reference: ReferenceData;
  readonly service: string;
  readonly accountsTopic: string;
  /** Omit for services that need accounts only (the normalizer). */
  readonly tariffsTopic?: string;
  readonly logger: Logger;
}

/**
 * Reads the compacted reference topics (accounts, tariffs) in full at start-up and follows them
 * afterwards. Every instance reads every partition, so it uses a group of its own and never commits:
 * a restart re-reads the topics, which compaction keeps small. `caughtUp` resolves once the high
 * watermarks seen at start are reached; the service is not ready (and consumes no usage) before.
 * A record that fails its rules is logged and skipped: rating with it would mis-bill.
 */
export class ReferenceFollower {
  private consumer: Consumer | undefined;
  private ready = false;
  private readonly zones = rememberingZones();

  constructor(private readonly options: ReferenceFollowerOptions) {}

  get isCaughtUp(): boolean {
    return this.ready;
  }

  async start(timeoutMs = 60_000): Promise<void> {
    const { kafka, service, accountsTopic, tariffsTopic } = this.options;
    const topics = tariffsTopic ? [accountsTopic, tariffsTopic] : [accountsTopic];
    const remaining = await this.endOffsets(topics);
    const consumer = kafka.consumer({ groupId: `${service}-reference-${randomUUID()}`, maxWaitTimeInMs: 200 });
    this.consumer = consumer;
    let markCaughtUp!: () => void;
    const caughtUp = new Promise<void>((resolve) => (markCaughtUp = resolve));
    const check = (): void => {
      if (!this.ready && remaining.size === 0) {
        this.ready = true;
        markCaughtUp();
      }
    };
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          if (message.value) await this.apply(batch.topic, message.value);
          const key = `${batch.topic}:${batch.partition}`;
          const end = remaining.get(key);
          if (end !== undefined && BigInt(message.offset) + 1n >= end) remaining.delete(key);
        }
        check();
      },
    });
    check();
    const timer = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`reference topics ${topics.join(', ')} not read within ${timeoutMs} ms`)), timeoutMs).unref(),
    );
    await Promise.race([caughtUp, timer]);
    this.options.logger.info({ accounts: this.options.reference.allAccounts().length }, 'reference data loaded');
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }

  /** Partitions that hold records, with the offset one past their last record at start-up. */
  private async endOffsets(topics: readonly string[]): Promise<Map<string, bigint>> {
    const admin = this.options.kafka.admin();
    await admin.connect();
    try {
      const ends = new Map<string, bigint>();
      for (const topic of topics) {
        for (const p of await admin.fetchTopicOffsets(topic)) {
          if (BigInt(p.high) > BigInt(p.low)) ends.set(`${topic}:${p.partition}`, BigInt(p.high));
        }
      }
      return ends;
    } finally {
      await admin.disconnect();
    }
  }

  private async apply(topic: string, value: Buffer): Promise<void> {
    const { avro, reference, logger, accountsTopic } = this.options;
    let record: Account | Tariff;
    try {
      record = await avro.decode<Account | Tariff>(value);
    } catch (err) {
      logger.error({ err, topic }, 'reference record cannot be decoded; skipped');
      return;
    }
    if (topic === accountsTopic) {
      const account = record as Account;
      const problems = validateAccount(account, this.zones);
      if (problems.length > 0) return void logger.error({ accountId: account.accountId, problems }, 'invalid account skipped');
      reference.putAccount(account);
    } else {
      const tariff = record as Tariff;
      const problems = validateTariff(tariff);
      if (problems.length > 0) return void logger.error({ tariffId: tariff.tariffId, version: tariff.version, problems }, 'invalid tariff skipped');
      reference.putTariff(tariff);
    }
  }
}
