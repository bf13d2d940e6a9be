import type { UsageRecord } from '../../libs/domain';
import { LimitCounters } from '../../libs/domain/limits';
import { countedMember, writerStamp, type CountedUsage, type LimitSnapshot, type LimitStore, type UsagePartition } from '../../libs/redis/limit-batch';
import type { KeptCounters } from './kept-counters';
import type { LimitCounting } from './rate-and-count';

/**
 * The limit counters of one usage batch (one partition; an account's usage is normally all in one
 * partition, and the save is refused should another partition have saved its counters since they
 * were read): loaded in one round trip before its first record, fed in offset order, saved with the
 * partition's next offset in one atomic step once the batch's outputs are acknowledged.
 * The order and its crash cases: libs/redis/limit-store.ts. The counters the partition's previous
 * batch saved are taken from memory (KeptCounters) rather than read back, when the stored position
 * shows nothing was saved since.
 */
export class BatchLimits implements LimitCounting {
  private readonly touched = new Map<string, LimitCounters>();
  private readonly counted: CountedUsage[] = [];
  /** accountId -> usageIds counted in this batch: no `<account>|<usageId>` string to build per usage. */
  private readonly countedHere = new Map<string, Set<string>>();
  /** An offset at or past the stored position was seen: every later one is too (they come in order). */
  private pastStored = false;

  private constructor(
    private readonly store: LimitStore,
    private readonly where: UsagePartition,
    private readonly snapshot: LimitSnapshot,
    /** Counters of the previous batch, as Redis holds them: used instead of the snapshot's. */
    private readonly previous: ReadonlyMap<string, LimitCounters>,
    /** The writerStamp the previous batch's save gave its counters. */
    private readonly previousStamp: string,
    private readonly kept: KeptCounters,
  ) {}

  static async load(store: LimitStore, where: UsagePartition, usage: readonly UsageRecord[], kept: KeptCounters): Promise<BatchLimits> {
    const accounts = [...new Set(usage.map((u) => u.accountId))];
    const previous = kept.take(where);
    if (previous !== undefined) {
      const snapshot = await store.load(where, accounts.filter((a) => !previous.counters.has(a)), usage);
      if (snapshot.next === previous.next) return new BatchLimits(store, where, snapshot, previous.counters, writerStamp(where, previous.next), kept);
      // Another writer saved the partition since: what memory holds is stale, read every account.
    }
    return new BatchLimits(store, where, await store.load(where, accounts, usage), new Map(), '', kept);
  }

  /**
   * The message was applied by an earlier run of this batch (the stored position is past it). Asked
   * in offset order, so once one message is past the position the rest are answered without parsing.
   */
  applied(offset: string): boolean {
    if (this.pastStored) return false;
    const applied = this.snapshot.next !== null && BigInt(offset) < this.snapshot.next;
    if (!applied) this.pastStored = true;
    return applied;
  }

  firstSeen(usage: UsageRecord): boolean {
    let here = this.countedHere.get(usage.accountId);
    if (here === undefined) {
      here = new Set();
      this.countedHere.set(usage.accountId, here);
    }
    if (here.has(usage.usageId)) return false;
    const stored = this.snapshot.counted;
    if (stored.size > 0 && stored.has(countedMember(usage.accountId, usage.usageId))) return false;
    here.add(usage.usageId);
    this.counted.push(usage); // a UsageRecord is a CountedUsage: no copy needed
    return true;
  }

  counters(accountId: string): LimitCounters {
    let counters = this.touched.get(accountId);
    if (counters === undefined) {
      const stored = this.snapshot.counters.get(accountId);
      counters = this.previous.get(accountId) ?? (stored === undefined ? LimitCounters.fresh() : LimitCounters.fromJSON(stored));
      this.touched.set(accountId, counters);
    }
    return counters;
  }

  /**
   * Stores the touched counters, the counted usage and `end` as the partition's next offset; once
   * stored, the counters are kept in memory for the partition's next batch.
   */
  async save(end: bigint): Promise<void> {
    if (this.snapshot.next !== null && this.snapshot.next >= end) return; // the whole batch was applied before
    const counters = new Map([...this.touched].map(([account, c]) => [account, c.toJSON()] as const));
    const expectedWriters = new Map<string, string>();
    for (const account of this.touched.keys()) {
      const stamp = this.previous.has(account) ? this.previousStamp : this.snapshot.writers.get(account);
      if (stamp !== undefined) expectedWriters.set(account, stamp);
    }
    const batch = { expectedNext: this.snapshot.next, next: end, counters, expectedWriters, counted: this.counted };
    await this.store.save(this.where, batch);
    this.kept.keep(this.where, { next: end, counters: this.touched });
  }
}
