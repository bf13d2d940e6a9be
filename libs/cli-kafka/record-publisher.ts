import type { Message } from 'kafkajs';
import type { Account, Tariff } from '../domain';
// `reference/index`, not `reference`: the latter resolves to the type file libs/domain/reference.ts.
import { validateAccount, validateTariff } from '../domain/reference/index';
import { readRecordFile, type FileRecord } from '../files';
import type { BatchProducer } from '../kafka';
import type { AvroTopics } from '../registry';
import type { Schemas } from '../schema';
import type { PublishFile, PublishedKind } from './publish-files';

export interface PublishDeps {
  readonly schemas: Schemas;
  readonly avro: Pick<AvroTopics, 'encode'>;
  readonly producer: Pick<BatchProducer, 'send'>;
  /** Records read, encoded and sent per produce call (default 500). */
  readonly batchSize?: number;
}

export interface PublishEvents {
  /** A record not published: `where` is `file:line` (or the file when it cannot be read on). */
  invalid(where: string, reason: string): void;
  /** `count` more records of the input have been handled (published or reported). */
  progress?(count: number): void;
}

export interface PublishResult {
  /** Records published per topic, in the order the topics were first written. */
  readonly published: ReadonlyMap<string, number>;
  readonly invalid: number;
}

type KeyFields = { accountId: string; tariffId?: string; version?: number };

/** Tariffs are compacted per version; everything else is partitioned by account. */
export function messageKey(kind: PublishedKind, value: KeyFields): string {
  return kind === 'tariff' ? `${value.tariffId}:${value.version}` : value.accountId;
}

/**
 * Publishes the files one after the other, in batches: each batch is decoded from its JSON (or
 * Avro) form, checked, Avro-encoded in the Confluent wire format and sent, and the next batch is
 * read only once the brokers acknowledged it. Files and batches go out in order and the key picks
 * the partition, so the order of each key's records is the file order. A bad record is reported
 * and skipped; a Kafka or registry failure stops the run (what was acknowledged stays published).
 */
export async function publishRecordFiles(files: readonly PublishFile[], deps: PublishDeps, events: PublishEvents): Promise<PublishResult> {
  const published = new Map<string, number>();
  let invalid = 0;
  const report = (where: string, reason: string) => {
    invalid += 1;
    events.invalid(where, reason);
  };
  for (const file of files) {
    const batches = readRecordFile(file.path, file.kind, deps.schemas, { batchSize: deps.batchSize ?? 500 });
    for (;;) {
      let next: IteratorResult<FileRecord<unknown>[]>;
      try {
        next = await batches.next();
      } catch (err) {
        report(file.path, `cannot be read on: ${(err as Error).message}`);
        break;
      }
      if (next.done) break;
      const messages = await encodeBatch(file, next.value, deps.avro, report);
      if (messages.length > 0) await deps.producer.send(file.topic, messages);
      published.set(file.topic, (published.get(file.topic) ?? 0) + messages.length);
      events.progress?.(next.value.length);
    }
  }
  return { published, invalid };
}

async function encodeBatch(
  file: PublishFile,
  records: readonly FileRecord<unknown>[],
  avro: Pick<AvroTopics, 'encode'>,
  report: (where: string, reason: string) => void,
): Promise<Message[]> {
  const encoded = await Promise.all(
    records.map(async ({ position, entry, result }) => {
      const where = `${file.path}:${position}`;
      const problems = result.ok ? ruleProblems(file.kind, result.value) : [result.reason];
      if (problems.length > 0) {
        report(where, (result.ok && entry !== null ? `entry ${entry}: ` : '') + problems.join('; '));
        return null;
      }
      const value = (result as { value: KeyFields }).value;
      try {
        return { key: messageKey(file.kind, value), value: await avro.encode(file.topic, value) };
      } catch (err) {
        // Only the value's own fault is the record's; a registry outage stops the run.
        if ((err as Error).name !== 'ConfluentSchemaRegistryValidationError') throw err;
        report(where, `cannot be Avro-encoded: ${(err as Error).message}`);
        return null;
      }
    }),
  );
  return encoded.filter((m): m is { key: string; value: Buffer } => m !== null);
}

/** Accounts and tariffs that break the billing rules would be skipped by every service: never send them. */
function ruleProblems(kind: PublishedKind, value: unknown): string[] {
  if (kind === 'account') return validateAccount(value as Account);
  if (kind === 'tariff') return validateTariff(value as Tariff);
  return [];
}
