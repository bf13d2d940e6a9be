import type { Logger } from 'pino';
import type { EpochMs } from '../../libs/domain';
import type { Assignment, BatchProducer, ConsumedBatch, PartitionOffset } from '../../libs/kafka';
import type { ServiceMetrics } from '../../libs/ops';
import { monthMember, type LedgerPartition, type LedgerStore } from '../../libs/redis';
import type { AvroTopics } from '../../libs/registry';
import { deadLetterTopic } from '../../libs/runtime/topic-names';
import { mayCloseMonths } from './close-horizon';
import type { FactsBarrier } from './facts-barrier';
import type { Letter, LedgerReader, ReadBatch } from './ledger-reader';
import type { MonthCloser } from './month-closer';

export interface LedgerHandlerDeps {
  readonly reader: Pick<LedgerReader, 'read' | 'closeTime'>;
  readonly avro: Pick<AvroTopics, 'encode'>;
  readonly producer: Pick<BatchProducer, 'sendToTopics'>;
  readonly store: LedgerStore;
  readonly closer: Pick<MonthCloser, 'close'>;
  readonly ledgerTopic: string;
  readonly metrics: Pick<ServiceMetrics, 'recordsIn' | 'recordsOut' | 'deadLetters' | 'batchDuration'>;
  /** ledger_late_records_total{topic}: rated records of closed months, billed as adjustment lines. */
  readonly lateRecords?: { inc(labels: { topic: string }, value: number): void };
  readonly logger?: Logger;
  /** Waits for the recurring facts before a batch that may close a month; without it, nothing waits. */
  readonly factsBarrier?: Pick<FactsBarrier, 'caughtUp'>;
  readonly closeGraceHours?: number;
}

/**
 * The invoicer's batch handler for one ledger partition: decode, dead-letter what cannot be billed
 * (acknowledged before the ledger moves past it), wait for the recurring facts when the batch may
 * close a month (close-horizon.ts, facts-barrier.ts), apply the rest in one ledger script call,
 * then invoice the months that call closed. The write order and its crash cases: libs/redis/ledger-store.ts.
 * Throws only for what a retry can fix (registry, Kafka or Redis away, an account not loaded yet,
 * facts not stored yet).
 */
export class LedgerHandler {
  private readonly dlq: string;
  /** Stored watermark per partition as last seen (lower than the truth only makes mayCloseMonths say yes more). */
  private readonly watermarks = new Map<number, EpochMs | null>();

  constructor(private readonly deps: LedgerHandlerDeps) {
    this.dlq = deadLetterTopic(deps.ledgerTopic);
  }

  readonly handle = async (batch: ConsumedBatch): Promise<void> => {
    const { topic, partition, messages } = batch;
    const { metrics, store, closer, reader } = this.deps;
    const done = metrics.batchDuration.startTimer({ topic });
    metrics.recordsIn.inc({ topic }, messages.length);
    const read = await reader.read(batch);
    await this.deadLetter(batch, read.letters);
    const end = (BigInt(messages[messages.length - 1]!.offset) + 1n).toString();
    const where: LedgerPartition = { topic, partition };
    await this.factsBefore(batch, read);
    let entries = read.entries;
    for (;;) {
      const outcome = await store.apply(where, { entries, end, closeTimes: read.closeTimes });
      this.watermarks.set(partition, outcome.watermark);
      this.countLate(batch, outcome.late);
      if (outcome.status === 'applied') {
        await closer.close(where, outcome.closing);
        break;
      }
      entries = entries.filter((e) => BigInt(e.offset) >= BigInt(outcome.next));
      if (outcome.status === 'needs-close-time') {
        const member = monthMember(outcome.month);
        if (read.closeTimes.has(member)) throw new Error(`invariant: ledger asked again for the close time of ${member}`);
        read.closeTimes.set(member, reader.closeTime(outcome.month.accountId, outcome.month.month));
        continue;
      }
      const refused = entries.shift();
      if (refused?.kind !== 'rated' || refused.ratedId !== outcome.ratedId) {
        throw new Error(`invariant: ledger stopped at ${outcome.next} for ${outcome.ratedId}, which is not the next entry`);
      }
      const message = messages.find((m) => m.offset === refused.offset)!;
      const reason = `${refused.ratedId}: a line total of ${refused.accountId} would pass 9.2e9 currency units (64-bit nanos)`;
      await this.deadLetter(batch, [{ code: 'INVALID_RECORD', reason, message }]);
    }
    done();
  };

  /**
   * Late records are expected after an outage or a replay, but they move money to another invoice
   * (and past LEDGER_RETENTION_DAYS a replayed record is billed again): worth an operator's look.
   */
  private countLate(batch: ConsumedBatch, late: number): void {
    if (late === 0) return;
    this.deps.lateRecords?.inc({ topic: batch.topic }, late);
    this.deps.logger?.warn({ topic: batch.topic, partition: batch.partition, late }, 'rated records of closed months billed as adjustments');
  }

  /** Waits until the recurring facts are stored when the batch may close a month. */
  private async factsBefore(batch: ConsumedBatch, read: ReadBatch): Promise<void> {
    const { factsBarrier, store, closeGraceHours = 0 } = this.deps;
    if (!factsBarrier) return;
    const { partition } = batch;
    if (!this.watermarks.has(partition)) this.watermarks.set(partition, (await store.position({ topic: batch.topic, partition })).watermark);
    if (mayCloseMonths(read.entries, this.watermarks.get(partition)!, read.closeTimes, closeGraceHours)) await factsBarrier.caughtUp(batch.signal);
  }

  /** Finishes invoices a crash left in `closing`, then answers where each assigned partition resumes. */
  readonly resume = async (assignment: Assignment): Promise<PartitionOffset[]> => {
    const { ledgerTopic: topic, store, closer } = this.deps;
    const partitions = assignment[topic] ?? [];
    for (const partition of partitions) {
      const where = { topic, partition };
      await closer.close(where, await store.closing(where));
    }
    return store.nextOffsets(topic, partitions);
  };

  /** Produces dead letters and awaits their acks: the ledger may move past a record only once it is kept. */
  private async deadLetter(batch: ConsumedBatch, letters: readonly Letter[]): Promise<void> {
    if (letters.length === 0) return;
    const { avro, producer, metrics, logger } = this.deps;
    const messages = await Promise.all(
      letters.map(async ({ code, reason, message }) => ({
        key: message.key,
        value: await avro.encode(this.dlq, {
          code,
          reason,
          stage: 'invoice',
          source: { stream: batch.topic, partition: batch.partition, position: Number(message.offset) },
          original: message.value ?? Buffer.alloc(0),
        }),
      })),
    );
    await producer.sendToTopics([{ topic: this.dlq, messages }]);
    metrics.recordsOut.inc({ topic: this.dlq }, letters.length);
    for (const { code } of letters) metrics.deadLetters.inc({ code });
    logger?.warn({ topic: batch.topic, partition: batch.partition, deadLetters: letters.length, codes: [...new Set(letters.map((l) => l.code))] }, 'records dead-lettered');
  }
}
