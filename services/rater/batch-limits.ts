import type { UsageRecord } from '../../libs/domain';
import { LimitCounters } from '../../libs/domain/limits';
import { countedMember, type CountedUsage, type LimitSnapshot, type LimitStore, type UsagePartition } from '../../libs/redis/limit-batch';
import type { LimitCounting } from './rate-and-count';

/**
 * The limit counters of one usage batch (one partition, so every account it holds is this
 * partition's alone): loaded in one round trip before its first record, fed in offset order, saved
 * with the partition's next offset in one atomic step once the batch's outputs are acknowledged.
 * The order and its crash cases: libs/redis/limit-store.ts.
 */
export class BatchLimits implements LimitCounting {
  private readonly touched = new Map<string, LimitCounters>();
  private readonly counted: CountedUsage[] = [];
  private readonly countedHere = new Set<string>();

  private constructor(
    private readonly store: LimitStore,
    private readonly where: UsagePartition,
    private readonly snapshot: LimitSnapshot,
  ) {}

  static async load(store: LimitStore, where: UsagePartition, usage: readonly UsageRecord[]): Promise<BatchLimits> {
    const accounts = [...new Set(usage.map((u) => u.accountId))];
    return new BatchLimits(store, where, await store.load(where, accounts, usage));
  }

  /** The message was applied by an earlier run of this batch (the stored position is past it). */
  applied(offset: string): boolean {
    return this.snapshot.next !== null && BigInt(offset) < this.snapshot.next;
  }

  firstSeen(usage: UsageRecord): boolean {
    const member = countedMember(usage.accountId, usage.usageId);
    if (this.snapshot.counted.has(member) || this.countedHere.has(member)) return false;
    this.countedHere.add(member);
    this.counted.push({ accountId: usage.accountId, usageId: usage.usageId, startAt: usage.startAt });
    return true;
  }

  counters(accountId: string): LimitCounters {
    let counters = this.touched.get(accountId);
    if (counters === undefined) {
      const stored = this.snapshot.counters.get(accountId);
      counters = stored === undefined ? LimitCounters.fresh() : LimitCounters.fromJSON(stored);
      this.touched.set(accountId, counters);
    }
    return counters;
  }

  /** Stores the touched counters, the counted usage and `end` as the partition's next offset. */
  async save(end: bigint): Promise<void> {
    if (this.snapshot.next !== null && this.snapshot.next >= end) return; // the whole batch was applied before
    const counters = new Map([...this.touched].map(([account, c]) => [account, c.toJSON()] as const));
    await this.store.save(this.where, { expectedNext: this.snapshot.next, next: end, counters, counted: this.counted });
  }
}
