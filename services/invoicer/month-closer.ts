import type { Logger } from 'pino';
import type { Account, Invoice } from '../../libs/domain';
import { buildInvoice, usageCharges, type AccountMonth } from '../../libs/domain/invoicing';
import type { BatchProducer } from '../../libs/kafka';
import type { ServiceMetrics } from '../../libs/ops';
import type { LedgerPartition, LedgerStore } from '../../libs/redis';
import type { AvroTopics } from '../../libs/registry';

/** The account of a closing month is not in the reference data (yet): retry once the follower has it. */
export class AccountNotLoaded extends Error {
  readonly code = 'ACCOUNT_NOT_LOADED';
  readonly retriable = true;
  constructor(accountId: string) {
    super(`account ${accountId} has a closed month but is not in the accounts topic (yet)`);
    this.name = 'AccountNotLoaded';
  }
}

export interface MonthCloserDeps {
  readonly store: Pick<LedgerStore, 'totals' | 'invoiced'>;
  readonly producer: Pick<BatchProducer, 'sendToTopics'>;
  readonly avro: Pick<AvroTopics, 'encode'>;
  readonly account: (accountId: string) => Account | undefined;
  readonly invoicesTopic: string;
  readonly writeFiles: (invoice: Invoice) => Promise<unknown>;
  readonly metrics: Pick<ServiceMetrics, 'recordsOut'>;
  readonly logger?: Logger;
}

/**
 * Invoices closed months: totals read, invoices built exactly as the embedded pipeline builds them
 * (buildInvoice over usageCharges of the line totals), produced and acknowledged, written as files,
 * and only then forgotten from the partition's closing set. A crash before the last step invoices
 * the same months again on restart: their totals can no longer change, so the invoices are equal.
 */
export class MonthCloser {
  constructor(private readonly deps: MonthCloserDeps) {}

  async close(partition: LedgerPartition, months: readonly AccountMonth[]): Promise<Invoice[]> {
    if (months.length === 0) return [];
    const { store, producer, avro, invoicesTopic, metrics } = this.deps;
    const totals = await store.totals(months);
    const invoices = months.map(({ accountId, month }, i) => {
      const account = this.deps.account(accountId);
      if (!account) throw new AccountNotLoaded(accountId);
      return buildInvoice({ account, month, charges: usageCharges(totals[i]!) });
    });
    const messages = await Promise.all(invoices.map(async (invoice) => ({ key: invoice.accountId, value: await avro.encode(invoicesTopic, invoice) })));
    await producer.sendToTopics([{ topic: invoicesTopic, messages }]);
    for (const invoice of invoices) await this.deps.writeFiles(invoice);
    await store.invoiced(partition, months);
    metrics.recordsOut.inc({ topic: invoicesTopic }, invoices.length);
    this.deps.logger?.info({ ...partition, invoices: invoices.map((i) => i.invoiceId) }, 'months closed and invoiced');
    return invoices;
  }
}
