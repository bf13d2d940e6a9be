import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { formatNanos, NANO_DECIMALS, parseNanos, type Nanos } from '../domain/money';
import type { LagRow } from '../kafka/lag';

export interface ServiceMetrics {
  /** Owned by the service and served by its ops endpoint; every series carries `service`. */
  readonly registry: Registry;
  readonly recordsIn: Counter<'topic'>;
  readonly recordsOut: Counter<'topic'>;
  readonly deadLetters: Counter<'code'>;
  readonly batchDuration: Histogram<'topic'>;
  readonly consumerLag: Gauge<'topic' | 'partition'>;
  /** Adds a rated amount (decimal string, >= 0) to rated_amount_total{currency}. */
  addRatedAmount(currency: string, amount: string): void;
  /** Sets consumer_lag from rows of the lag module. */
  recordLag(rows: readonly LagRow[]): void;
}

/**
 * The metric set every service registers, on a fresh registry labelled `service`.
 *
 * rated_amount_total: Prometheus samples are float64, which cannot hold money exactly. The exact
 * total is kept here as bigint nanos per currency and converted to a float once per scrape (so the
 * error never accumulates, and stays below one part in 2^53 of the total). It is for watching
 * throughput; invoices, never this metric, are the amounts of record.
 */
export function createServiceMetrics(service: string, options: { processMetrics?: boolean } = {}): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const totals = new Map<string, Nanos>();
  new Counter({
    name: 'rated_amount_total',
    help: 'Sum of rated amounts in major currency units (exact sum kept as nanos; float64 only at scrape)',
    labelNames: ['currency'],
    registers,
    collect() {
      this.reset();
      for (const [currency, nanos] of totals) this.inc({ currency }, Number(formatNanos(nanos, NANO_DECIMALS)));
    },
  });

  const consumerLag = new Gauge({
    name: 'consumer_lag',
    help: 'Messages between the committed offset and the high watermark',
    labelNames: ['topic', 'partition'] as const,
    registers,
  });

  return {
    registry,
    recordsIn: new Counter({ name: 'records_in_total', help: 'Records consumed', labelNames: ['topic'] as const, registers }),
    recordsOut: new Counter({ name: 'records_out_total', help: 'Records produced', labelNames: ['topic'] as const, registers }),
    deadLetters: new Counter({ name: 'dead_letters_total', help: 'Records sent to a dead-letter topic', labelNames: ['code'] as const, registers }),
    batchDuration: new Histogram({
      name: 'batch_duration_seconds',
      help: 'Time to process one consumed batch, outputs acknowledged',
      labelNames: ['topic'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    consumerLag,
    addRatedAmount(currency, amount) {
      const nanos = parseNanos(amount);
      if (nanos < 0n) throw new RangeError(`rated amount must not be negative: ${amount}`);
      totals.set(currency, (totals.get(currency) ?? 0n) + nanos);
    },
    recordLag(rows) {
      for (const row of rows) consumerLag.set({ topic: row.topic, partition: String(row.partition) }, row.lag);
    },
  };
}
