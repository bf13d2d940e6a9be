import type { Message } from 'kafkajs';
import type { Logger } from 'pino';
import type { AccountId, BillingMonth, Invoice, LimitEvent } from '../../libs/domain';
import type { AccountMonth } from '../../libs/domain/invoicing';
import { monthAfter } from '../../libs/domain/invoicing/month-close';
import { PER_CHANNEL } from '../../libs/domain/recurring';
import type { BatchProducer } from '../../libs/kafka';
import type { ServiceMetrics } from '../../libs/ops';
import { closeAccountMonth } from '../../libs/pipeline/month-invoice';
import type { ReferenceData } from '../../libs/pipeline/reference-data';
import type { FactsStore, LedgerPartition, LedgerStore } from '../../libs/redis';
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
  readonly store: Pick<LedgerStore, 'totals' | 'invoiced' | 'closing'>;
  readonly facts: Pick<FactsStore, 'restore' | 'compact'>;
  readonly producer: Pick<BatchProducer, 'sendToTopics'>;
  readonly avro: Pick<AvroTopics, 'encode'>;
  /** Accounts, tariffs (recurring and option prices) and calendars, as the reference topics have them. */
  readonly reference: Pick<ReferenceData, 'account' | 'calendars' | 'tariffs'>;
  readonly invoicesTopic: string;
  /** Where a PER_CHANNEL month's LINES event goes (LimitEvent, key accountId). */
  readonly limitsTopic: string;
  readonly writeFiles: (invoice: Invoice) => Promise<unknown>;
  readonly metrics: Pick<ServiceMetrics, 'recordsOut'>;
  readonly logger?: Logger;
}

/**
 * Invoices closed months with the embedded pipeline's own closeAccountMonth: usage line totals from
 * the ledger, recurring facts (provisioning, licences, call legs) read back from Redis, so devices,
 * trunks, licences, channels, features, plan and option prices, the setup fee and the minimum charge
 * come out as they do there. A PER_CHANNEL month that went above its channels also raises its LINES
 * event. Invoices and events are produced in one call and acknowledged, the files written, and only
 * then is the month forgotten from the partition's closing set (its keys starting their retention
 * in the same step). A crash before that invoices the same months again on restart: their totals
 * and facts are settled, so the invoices are equal. Last, the provisioning history of their accounts
 * is compacted up to the oldest month still open: housekeeping, so a failure is logged, not thrown.
 */
export class MonthCloser {
  constructor(private readonly deps: MonthCloserDeps) {}

  async close(partition: LedgerPartition, months: readonly AccountMonth[]): Promise<Invoice[]> {
    if (months.length === 0) return [];
    const { store, facts: factsStore, producer, reference, invoicesTopic, limitsTopic, metrics, logger } = this.deps;
    const [totals, facts] = await Promise.all([store.totals(months), factsStore.restore(months)]);
    const invoices: Invoice[] = [];
    const events: LimitEvent[] = [];
    const warnings: string[] = [];
    months.forEach(({ accountId, month }, i) => {
      const account = reference.account(accountId);
      if (!account) throw new AccountNotLoaded(accountId);
      const calendar = reference.calendars.forZone(account.timezone);
      const closed = closeAccountMonth({ account, month, calendar, tariffs: reference.tariffs, totals: totals[i]!, facts });
      invoices.push(closed.invoice);
      warnings.push(...closed.warnings);
      if (account.billingModel !== PER_CHANNEL) return;
      const event = facts.channels(accountId, month)?.limitEvent(account, month, calendar.monthBounds(month));
      if (event) events.push(event);
    });
    const encoded = (topic: string, values: readonly (Invoice | LimitEvent)[]): Promise<Message[]> =>
      Promise.all(values.map(async (value) => ({ key: value.accountId, value: await this.deps.avro.encode(topic, value) })));
    const [invoiceMessages, eventMessages] = await Promise.all([encoded(invoicesTopic, invoices), encoded(limitsTopic, events)]);
    await producer.sendToTopics([
      { topic: invoicesTopic, messages: invoiceMessages },
      ...(events.length > 0 ? [{ topic: limitsTopic, messages: eventMessages }] : []),
    ]);
    for (const invoice of invoices) await this.deps.writeFiles(invoice);
    await store.invoiced(partition, months);
    await this.compactProvisioning(partition, months);
    metrics.recordsOut.inc({ topic: invoicesTopic }, invoices.length);
    if (events.length > 0) metrics.recordsOut.inc({ topic: limitsTopic }, events.length);
    if (warnings.length > 0) logger?.warn({ ...partition, warnings }, 'recurring charges that could not be billed');
    logger?.info({ ...partition, invoices: invoices.map((i) => i.invoiceId), limitEvents: events.length }, 'months closed and invoiced');
    return invoices;
  }

  /** Compacts the accounts that have no month left to invoice before the one after their latest invoiced. */
  private async compactProvisioning(partition: LedgerPartition, invoiced: readonly AccountMonth[]): Promise<void> {
    const { store, facts, logger } = this.deps;
    try {
      const stillClosing = new Set((await store.closing(partition)).map((m) => m.accountId));
      const latest = new Map<AccountId, BillingMonth>();
      for (const { accountId, month } of invoiced) {
        const known = latest.get(accountId);
        if (!stillClosing.has(accountId) && (known === undefined || month > known)) latest.set(accountId, month);
      }
      const dropped = await facts.compact([...latest].map(([accountId, month]) => ({ accountId, oldestOpen: monthAfter(month) })));
      if (dropped > 0) logger?.info({ ...partition, accounts: latest.size, dropped }, 'provisioning history compacted');
    } catch (err) {
      logger?.warn({ ...partition, err }, 'provisioning history not compacted (tried again when the next month closes)');
    }
  }
}
