import type { Redis } from 'ioredis';
import { BillingMonth } from '../domain';
import type { AccountMonth, LineTotal } from '../domain/invoicing';
import type { PartitionOffset } from '../kafka/resume-offsets';
import { CachedScript } from './cached-script';
import type { ApplyOutcome, LedgerBatch, LedgerPartition, LedgerStore } from './ledger-entries';
import { byAccountMonth, LedgerKeys, monthMember, parseMonthMember } from './ledger-keys';
import { lineTotalsOf } from './ledger-lines';
import { retentionSeconds, type LedgerRetention } from './ledger-retention';
import { LEDGER_APPLY_LUA } from './ledger-script';
import { ledgerEntriesText } from './ledger-wire';

/**
 * The invoicer's ledger in Redis: line totals per account and month, the ratedIds already applied,
 * and per partition its next offset, watermark, open and closing months. Redis, not Kafka's
 * committed offset, is the source of truth for where a partition resumes.
 *
 * Write order for one batch (persist, then commit offset):
 *  1. dead letters of the batch produced and acknowledged; when the batch may close a month, the
 *     recurring facts consumer's stored positions awaited (services/invoicer/facts-barrier.ts);
 *  2. ONE script call applies totals, PER_CHANNEL call legs, seen ratedIds, opened and closed
 *     months, watermark and next offset atomically (ledger-script.ts);
 *  3. for each closing month: totals and recurring facts read, invoice (and LINES event) produced
 *     and acknowledged, files written;
 *  4. the months removed from `closing` and their keys given the retention's EXPIRE, in one
 *     MULTI/EXEC (`invoiced`; ledger-retention.ts), then the provisioning of their accounts compacted;
 *  5. the batch's Kafka offset committed (for lag only).
 * A crash between 1 and 2 redelivers the batch: its dead letters appear twice on the DLQ (at least
 * once), nothing is counted. Step 2 is all or nothing. Between 2 and 3 or 3 and 4 the months are
 * still in `closing`; on restart they are invoiced again from totals no record can change any more
 * (their months are closed, later records go to the next month, later activity no longer opens
 * them, and provisioning facts are dated events whose set only grows by re-sends or late news), so
 * the same invoice comes out,
 * byte for byte, with the same invoiceId `<account>-<month>` for downstream to deduplicate, and the
 * same files are rewritten. Between 4 and 5, or after a lost commit, the batch is redelivered from
 * the older Kafka offset and skipped: resume starts at the Redis offset, and the script ignores
 * offsets below it and ratedIds it has seen. An invoiced month's ratedIds are known for the
 * retention only: a record replayed after its month's keys expired is billed again, as an
 * adjustment on the open month (ledger-retention.ts).
 *
 * One writer per partition: ledger.rated is keyed by account, so a partition's owner is normally
 * the only writer of its accounts' totals and closed months, and closing runs in the same loop as
 * applying; the script reads the closed month itself, so the lateness decision needs no earlier
 * read. Partitions added to ledger.rated move accounts while their older records may be unread:
 * both partitions then apply to the same totals (each script call is atomic, ratedIds dedup across
 * them), and only the first to close a month invoices it (its `closer` key): a second invoice could
 * differ, the first one's compaction of the provisioning history having run.
 * Needs one Redis (or a primary with replicas), not Redis Cluster: the script derives per-account
 * keys from the prefix.
 */
export class RedisLedgerStore implements LedgerStore {
  private readonly keys: LedgerKeys;
  private readonly script = new CachedScript(LEDGER_APPLY_LUA);
  private readonly retentionSeconds: number;

  constructor(private readonly redis: Redis, keyPrefix: string, retention: LedgerRetention = {}) {
    if (redis.options.keyPrefix) {
      throw new Error('RedisLedgerStore prefixes its own keys (the script builds some); connect without keyPrefix');
    }
    this.keys = new LedgerKeys(keyPrefix);
    this.retentionSeconds = retentionSeconds(retention);
  }

  async apply({ topic, partition }: LedgerPartition, batch: LedgerBatch): Promise<ApplyOutcome> {
    const k = this.keys;
    const keys = [k.position(topic, partition), k.open(topic, partition), k.closing(topic, partition), k.closed()];
    const args: (string | number)[] = [k.prefix, batch.end, ledgerEntriesText(batch.entries), this.retentionSeconds];
    for (const [member, at] of batch.closeTimes) args.push(member, at);
    const [status, next, watermark, detail, closing, late] = (await this.script.run(this.redis, keys, args)) as [
      string, string, string, string, string[], number,
    ];
    const applied = {
      next,
      watermark: watermark === '' ? null : Number(watermark),
      closing: closing.map(parseMonthMember).sort(byAccountMonth),
      late,
    };
    if (status === 'applied') return { status, ...applied };
    if (status === 'needs-close-time') return { status, ...applied, month: parseMonthMember(detail) };
    if (status === 'too-large') return { status, ...applied, ratedId: detail };
    throw new Error(`ledger script answered an unknown status "${status}"`);
  }

  async closing({ topic, partition }: LedgerPartition): Promise<AccountMonth[]> {
    const members = await this.redis.smembers(this.keys.closing(topic, partition));
    return members.map(parseMonthMember).sort(byAccountMonth);
  }

  async totals(months: readonly AccountMonth[]): Promise<LineTotal[][]> {
    if (months.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const m of months) pipeline.hgetall(this.keys.totals(m.accountId, m.month));
    const replies = (await pipeline.exec()) ?? [];
    return replies.map(([err, hash]) => {
      if (err) throw err;
      return lineTotalsOf(hash as Record<string, string>);
    });
  }

  /**
   * Forgets the months from `closing` and starts their keys' retention in one transaction: a month
   * is never forgotten without its expiry, and no key of it expires before its invoice is out.
   */
  async invoiced({ topic, partition }: LedgerPartition, months: readonly AccountMonth[]): Promise<void> {
    if (months.length === 0) return;
    const transaction = this.redis.multi().srem(this.keys.closing(topic, partition), ...months.map(monthMember));
    for (const { accountId, month } of months) {
      for (const key of this.keys.monthKeys(accountId, month)) transaction.expire(key, this.retentionSeconds);
    }
    for (const [err] of (await transaction.exec()) ?? []) if (err) throw err;
  }

  async nextOffsets(topic: string, partitions: readonly number[]): Promise<PartitionOffset[]> {
    if (partitions.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const p of partitions) pipeline.hget(this.keys.position(topic, p), 'next');
    const replies = (await pipeline.exec()) ?? [];
    const offsets: PartitionOffset[] = [];
    replies.forEach(([err, next], i) => {
      if (err) throw err;
      if (typeof next === 'string') offsets.push({ topic, partition: partitions[i]!, offset: next });
    });
    return offsets;
  }

  /** The account's latest closed month, or null (for operators and tests). */
  async latestClosed(accountId: string): Promise<BillingMonth | null> {
    const month = await this.redis.hget(this.keys.closed(), accountId);
    return month === null ? null : BillingMonth(month);
  }

  /** Next offset and watermark of a partition as stored. */
  async position({ topic, partition }: LedgerPartition): Promise<{ next: string | null; watermark: number | null }> {
    const [next, watermark] = await this.redis.hmget(this.keys.position(topic, partition), 'next', 'watermark');
    return { next: next ?? null, watermark: watermark == null ? null : Number(watermark) };
  }
}
