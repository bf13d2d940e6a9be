import type { RatedRecord, UsageRecord } from '../../libs/domain';
import type { RatingContext } from '../../libs/domain/rating';
import type { BatchHandler } from '../../libs/kafka';
import type { ServiceMetrics } from '../../libs/ops';
import type { LimitStore } from '../../libs/redis/limit-batch';
import { andThen, recordBatchHandler, type Output, type RecordBatchPorts } from '../../libs/runtime';
import { BatchLimits } from './batch-limits';
import { HeldLimits } from './held-limits';
import { KeptCounters } from './kept-counters';
import { rateAndCount, type LimitsOf } from './rate-and-count';

export interface RatePorts extends RecordBatchPorts {
  readonly metrics: RecordBatchPorts['metrics'] & Pick<ServiceMetrics, 'addRatedAmount'>;
  /** Accounts and tariffs as the reference topics have them now (TariffBook picks the version by usage start). */
  readonly reference: RatingContext;
  /** Limit counters, counted usage and the partition positions (Redis in the service). */
  readonly limitStore: LimitStore;
  readonly ledgerTopic: string;
  readonly limitsTopic: string;
}

/**
 * Usage records (usage.legs) -> rated records on ledger.rated and limit events on limits, both keyed
 * by accountId. Per batch: the limit counters of its accounts are loaded, each usage is rated and
 * counted in offset order (rateAndCount: flags, PER_CHANNEL zero-rating, events), everything is
 * produced in one call, and only then are the counters saved with the partition's next offset.
 * Between batches the handler keeps each partition's saved counters (KeptCounters) and each
 * account's limits (HeldLimits), so neither is worked out again per batch or per usage.
 * Usage that cannot be rated goes to usage.legs.dlq with stage 'rate' and its bytes; a failed
 * attempt produces only the limit events it raises; a duplicate usage produces nothing.
 * Rated amounts reach rated_amount_total only once the batch is acknowledged.
 */
export function createRateHandler(ports: RatePorts): BatchHandler {
  const { reference, ledgerTopic, limitsTopic, limitStore, metrics } = ports;
  const held = new HeldLimits(reference);
  const kept = new KeptCounters();
  const limitsOf: LimitsOf = (account, usage) => held.of(account, usage);
  return recordBatchHandler<UsageRecord>(ports, (batch) => {
    const rated: RatedRecord[] = [];
    const where = { topic: batch.topic, partition: batch.partition };
    let limits: BatchLimits | undefined;
    const loaded = (): BatchLimits => {
      if (limits === undefined) throw new Error('invariant: the batch limits are loaded in prepare()');
      return limits;
    };
    return {
      async prepare(records) {
        limits = await BatchLimits.load(limitStore, where, records.map((r) => r.value), kept);
      },
      record(usage, out) {
        if (loaded().applied(usage.message.offset)) return;
        const outcome = rateAndCount(usage.value, reference, loaded(), limitsOf);
        if (outcome.kind === 'rejected') return out.deadLetter(usage, outcome.problem, 'rate');
        if (outcome.kind === 'duplicate') return;
        const { rated: record, events } = outcome;
        const outputs: Output[] = record === null ? [] : [{ topic: ledgerTopic, key: record.accountId, value: record }];
        for (const event of events) outputs.push({ topic: limitsTopic, key: event.accountId, value: event });
        if (outputs.length === 0) return;
        return andThen(out.addFor(usage, 'rate', outputs), (added) => {
          if (added && record !== null) rated.push(record);
        });
      },
      async persist() {
        const last = batch.messages[batch.messages.length - 1];
        if (last !== undefined) await loaded().save(BigInt(last.offset) + 1n);
      },
      acknowledged() {
        for (const record of rated) metrics.addRatedAmount(record.currency, record.amount);
      },
    };
  });
}
