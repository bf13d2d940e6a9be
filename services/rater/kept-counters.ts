import type { LimitCounters } from '../../libs/domain/limits';
import type { UsagePartition } from '../../libs/redis/limit-batch';

/** The counters a partition's last saved batch touched, and the position that save stored. */
export interface Kept {
  readonly next: bigint;
  readonly counters: ReadonlyMap<string, LimitCounters>;
}

/**
 * The limit counters each partition's last saved batch left, kept in memory for its next batch:
 * reading them back from Redis (the JSON, its parse and a LimitCounters rebuilt from it) for every
 * batch cost more than counting the batch's usage. They are what Redis holds as long as the stored
 * position is still the one that save wrote (no other writer saved the partition since; the batch
 * checks that before it uses them) and no other partition saved the same accounts since (the save
 * checks each account's writer stamp, see RedisLimitStore).
 * take() removes them: a batch that fails part way must not leave half-counted counters behind.
 * Only the last batch's accounts are kept, so memory stays bounded by a batch.
 */
export class KeptCounters {
  private readonly byPartition = new Map<string, Kept>();

  take({ topic, partition }: UsagePartition): Kept | undefined {
    const key = `${topic}/${partition}`;
    const kept = this.byPartition.get(key);
    this.byPartition.delete(key);
    return kept;
  }

  /** After a save that stored `next`: its counters, to be picked up by the partition's next batch. */
  keep({ topic, partition }: UsagePartition, kept: Kept): void {
    this.byPartition.set(`${topic}/${partition}`, kept);
  }
}
