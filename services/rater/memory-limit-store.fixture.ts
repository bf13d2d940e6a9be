import type { LimitState } from '../../libs/domain/limits';
import type { PartitionOffset } from '../../libs/kafka';
import {
  countedMember,
  LimitCountersTaken,
  LimitPositionMoved,
  writerStamp,
  type CountedUsage,
  type LimitBatch,
  type LimitSnapshot,
  type LimitStore,
  type UsagePartition,
} from '../../libs/redis/limit-batch';

/**
 * The in-memory twin of RedisLimitStore for handler specs: the same answers and the same refusals
 * of a save whose position moved or whose accounts another partition saved since. `failNextSave` makes the next save fail as a crash or a Redis outage
 * between producing and saving would; `loads` and `saves` count round trips, `asked` lists the
 * accounts each load read counters for.
 */
export class MemoryLimitStore implements LimitStore {
  readonly counters = new Map<string, LimitState>();
  readonly counted = new Set<string>();
  readonly positions = new Map<string, bigint>();
  readonly writers = new Map<string, string>();
  failNextSave: Error | undefined;
  loads = 0;
  saves = 0;
  /** The accounts each load asked counters for. */
  readonly asked: string[][] = [];

  async load(where: UsagePartition, accounts: readonly string[], usage: readonly CountedUsage[]): Promise<LimitSnapshot> {
    this.loads += 1;
    this.asked.push([...accounts]);
    const counters = new Map<string, LimitState>();
    for (const a of accounts) {
      const state = this.counters.get(a);
      if (state !== undefined) counters.set(a, structuredClone(state));
    }
    const writers = new Map(accounts.flatMap((a) => (this.writers.has(a) ? [[a, this.writers.get(a)!] as const] : [])));
    const counted = new Set(usage.map((u) => countedMember(u.accountId, u.usageId)).filter((m) => this.counted.has(m)));
    return { next: this.positions.get(key(where)) ?? null, counters, writers, counted };
  }

  async save(where: UsagePartition, batch: LimitBatch): Promise<void> {
    const failure = this.failNextSave;
    this.failNextSave = undefined;
    if (failure) throw failure;
    const stored = this.positions.get(key(where)) ?? null;
    if (stored !== batch.expectedNext) throw new LimitPositionMoved(`${key(where)}: expected ${batch.expectedNext}, found ${stored}`);
    for (const account of batch.counters.keys()) {
      const writer = this.writers.get(account);
      if (writer !== batch.expectedWriters.get(account)) throw new LimitCountersTaken(`${account}: saved by ${writer} since`);
    }
    this.saves += 1;
    for (const [account, state] of batch.counters) {
      this.counters.set(account, structuredClone(state));
      this.writers.set(account, writerStamp(where, batch.next));
    }
    for (const u of batch.counted) this.counted.add(countedMember(u.accountId, u.usageId));
    this.positions.set(key(where), batch.next);
  }

  async nextOffsets(topic: string, partitions: readonly number[]): Promise<PartitionOffset[]> {
    return partitions.flatMap((partition) => {
      const next = this.positions.get(key({ topic, partition }));
      return next === undefined ? [] : [{ topic, partition, offset: next.toString() }];
    });
  }
}

const key = ({ topic, partition }: UsagePartition) => `${topic}/${partition}`;
