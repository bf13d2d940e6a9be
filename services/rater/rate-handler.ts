import type { RatedRecord, UsageRecord } from '../../libs/domain';
import type { RatingContext } from '../../libs/domain/rating';
import type { BatchHandler } from '../../libs/kafka';
import type { ServiceMetrics } from '../../libs/ops';
import type { LimitStore } from '../../libs/redis/limit-batch';
import { recordBatchHandler, type Output, type RecordBatchPorts } from '../../libs/runtime';
import { BatchLimits } from './batch-limits';
import { rateAndCount } from './rate-and-count';

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
 * Usage that cannot be rated goes to usage.legs.dlq with stage 'rate' and its bytes; a failed
 * attempt produces only the limit events it raises; a duplicate usage produces nothing.
 * Rated amounts reach rated_amount_total only once the batch is acknowledged.
 */
export function createRateHandler(ports: RatePorts): BatchHandler {
  const { reference, ledgerTopic, limitsTopic, limitStore, metrics } = ports;
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
        limits = await BatchLimits.load(limitStore, where, records.map((r) => r.value));
      },
      async record(usage, out) {
        if (loaded().applied(usage.message.offset)) return;
        const outcome = rateAndCount(usage.value, reference, loaded());
        if (outcome.kind === 'rejected') return out.deadLetter(usage, outcome.problem, 'rate');
        if (outcome.kind === 'duplicate') return;
        const outputs: Output[] = outcome.events.map((event) => ({ topic: limitsTopic, key: event.accountId, value: event }));
        if (outcome.rated !== null) outputs.unshift({ topic: ledgerTopic, key: outcome.rated.accountId, value: outcome.rated });
        if (outputs.length > 0 && (await out.addFor(usage, 'rate', outputs)) && outcome.rated !== null) rated.push(outcome.rated);
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
