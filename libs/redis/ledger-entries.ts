import type { AccountId, BillingMonth, EpochMs, RatedRecord } from '../domain';
import { contributionsOf, type AccountMonth, type LineContribution, type LineTotal } from '../domain/invoicing';
import { monthAfter } from '../domain/invoicing/month-close';
import type { PartitionOffset } from '../kafka/resume-offsets';
import type { ChannelLeg } from '../pipeline/channel-watch';
import { channelLegOf } from './ledger-channels';

/** A partition of the ledger topic: the unit of ordering, of ownership and of stored position. */
export interface LedgerPartition {
  readonly topic: string;
  readonly partition: number;
}

/** A rated record, reduced to what the totals need, with both ways it can be billed. */
export interface RatedEntry {
  readonly kind: 'rated';
  /** Kafka offset, as kafkajs gives it. */
  readonly offset: string;
  readonly ratedId: string;
  readonly accountId: AccountId;
  /** The month the usage belongs to. */
  readonly month: BillingMonth;
  readonly startAt: EpochMs;
  /** contributionsOf(rated): used when the month is still open. */
  readonly onTime: readonly LineContribution[];
  /** The single ADJUSTMENT line of contributionsOf(rated, lateFor): used when the month is closed. */
  readonly late: LineContribution;
  /** A PER_CHANNEL account's call leg, kept for the month's peak when on time; null otherwise. */
  readonly channel: ChannelLeg | null;
}

/**
 * The entry of a rated record at `offset`. The adjustment line's key and figures name the record's
 * own month, never the month that will carry it, so it is computed before that month is known.
 * `perChannel`: the account bills PER_CHANNEL, so a LEG also counts towards its peak of calls.
 * Throws RangeError for a record contributionsOf refuses (dead-letter it).
 */
export function ratedEntry(rated: RatedRecord, offset: string, perChannel = false): RatedEntry {
  const [late] = contributionsOf(rated, { invoiceMonth: monthAfter(rated.month) });
  return {
    kind: 'rated',
    offset,
    ratedId: rated.ratedId,
    accountId: rated.accountId,
    month: rated.month,
    startAt: rated.startAt,
    onTime: contributionsOf(rated),
    late: late!,
    channel: perChannel ? channelLegOf(rated) : null,
  };
}

/** A `close-through:YYYY-MM` control marker at its place in the partition. */
export interface CloseThroughEntry {
  readonly kind: 'close-through';
  readonly offset: string;
  readonly through: BillingMonth;
}

export type LedgerEntry = RatedEntry | CloseThroughEntry;

export interface LedgerBatch {
  /** In offset order. */
  readonly entries: readonly LedgerEntry[];
  /** The offset after the batch's last message (dead-lettered ones included). */
  readonly end: string;
  /** Close time of each account-month an entry may open, keyed `<account>|<month>`. */
  readonly closeTimes: ReadonlyMap<string, EpochMs>;
}

interface Applied {
  /** The next offset to read, as stored. */
  readonly next: string;
  /** Latest usage start applied on the partition; null before any. */
  readonly watermark: EpochMs | null;
  /** Every account-month of the partition that is closed but whose invoice is not out yet. */
  readonly closing: readonly AccountMonth[];
  /** Rated records of months already closed that this call applied, as adjustment lines. */
  readonly late: number;
}

/**
 * `applied`: the whole batch is in. The other two stopped at `next`, everything before it applied:
 * `needs-close-time` wants the close time of `month` (a late record opening it), `too-large` names
 * a record that would take a line total out of the exact range (dead-letter it, then go on).
 */
export type ApplyOutcome =
  | (Applied & { readonly status: 'applied' })
  | (Applied & { readonly status: 'needs-close-time'; readonly month: AccountMonth })
  | (Applied & { readonly status: 'too-large'; readonly ratedId: string });

/** The invoicer's state port; RedisLedgerStore is the implementation the service runs. */
export interface LedgerStore {
  apply(partition: LedgerPartition, batch: LedgerBatch): Promise<ApplyOutcome>;
  /** Closed account-months whose invoice is not out yet, by account then month. */
  closing(partition: LedgerPartition): Promise<AccountMonth[]>;
  /** The line totals of each account-month, in the order asked, each sorted by line key. */
  totals(months: readonly AccountMonth[]): Promise<LineTotal[][]>;
  /** Next offset and event-time watermark of a partition as stored. */
  position(partition: LedgerPartition): Promise<{ next: string | null; watermark: EpochMs | null }>;
  /** Forgets account-months from `closing` once their invoices are out; their keys then expire (ledger-retention.ts). */
  invoiced(partition: LedgerPartition, months: readonly AccountMonth[]): Promise<void>;
  /** Stored next offsets of the partitions that have one. */
  nextOffsets(topic: string, partitions: readonly number[]): Promise<PartitionOffset[]>;
}
