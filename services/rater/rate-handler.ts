import type { RatedRecord, UsageRecord } from '../../libs/domain';
import { rateUsage, type RatingContext } from '../../libs/domain/rating';
import type { BatchHandler } from '../../libs/kafka';
import type { ServiceMetrics } from '../../libs/ops';
import { recordBatchHandler, type RecordBatchPorts } from '../../libs/runtime';

export interface RatePorts extends RecordBatchPorts {
  readonly metrics: RecordBatchPorts['metrics'] & Pick<ServiceMetrics, 'addRatedAmount'>;
  /** Accounts and tariffs as the reference topics have them now (TariffBook picks the version by usage start). */
  readonly reference: RatingContext;
  readonly ledgerTopic: string;
}

/**
 * Usage records (usage.legs) -> rated records on ledger.rated, keyed by accountId. Usage that cannot
 * be rated (no active tariff, no price, unknown account) goes to usage.legs.dlq with stage 'rate'
 * and the usage message's bytes; a failed attempt rates to nothing and produces nothing.
 * Rated amounts reach rated_amount_total only once the batch is acknowledged.
 */
export function createRateHandler(ports: RatePorts): BatchHandler {
  const { reference, ledgerTopic, metrics } = ports;
  return recordBatchHandler<UsageRecord>(ports, () => {
    const rated: RatedRecord[] = [];
    return {
      async record(usage, out) {
        const rating = rateUsage(usage.value, reference);
        if (!rating.ok) {
          return out.deadLetter(usage, { code: rating.code, reason: `${usage.value.usageId}: ${rating.reason}` }, 'rate');
        }
        if (rating.rated === null) return; // a failed attempt: nothing to bill
        const record = rating.rated;
        if (await out.addFor(usage, 'rate', [{ topic: ledgerTopic, key: record.accountId, value: record }])) rated.push(record);
      },
      acknowledged() {
        for (const record of rated) metrics.addRatedAmount(record.currency, record.amount);
      },
    };
  });
}
