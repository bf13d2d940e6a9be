import type { Redis } from 'ioredis';
import { limitStateFromJSON, limitStateToJSON, type LimitState } from '../domain/limits';
import type { PartitionOffset } from '../kafka/resume-offsets';
import { CachedScript } from './cached-script';
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
} from './limit-batch';
import { countedSets, LimitKeys } from './limit-keys';
import { LIMITS_SAVE_LUA } from './limit-script';
import { usageIdsArgument } from './limit-wire';

/**
 * The rater's limit counters in Redis: per account its LimitState, per account and day the usageIds
 * counted, per usage partition its next offset. Redis, not Kafka's committed offset, is where a
 * partition resumes (runBatchConsumer's resumeOffsets).
 *
 * Write order for one batch of a usage partition (services/rater/rate-handler.ts):
 *  1. ONE pipelined read: the stored next offset, the counters of the batch's accounts, and which
 *     of its usageIds were counted before (the rater keeps the counters its last save of the
 *     partition wrote in memory and reads only the others; should the stored offset show another
 *     writer since, it drops them and reads all: services/rater/kept-counters.ts);
 *  2. in offset order: a message below the stored next is skipped (applied before); a usage counted
 *     before (stored, or earlier in the batch) is a duplicate and skipped; any other is rated and
 *     observed by its account's counters (flags on its rated record, limit events);
 *  3. rated records, limit events and dead letters produced in ONE sendToTopics, acks awaited;
 *  4. ONE script call (limit-script.ts), refused unless the stored next is still the one read in 1:
 *     the touched counters, the counted usageIds and next = last offset + 1, atomically;
 *  5. the Kafka offset committed (for lag only).
 * A crash before 3 is acknowledged or between 3 and 4 leaves Redis as it was: the batch comes again
 * (neither offset moved) and is recomputed from the SAME counters in the same order, so the same
 * flags and events (deterministic eventIds) come out; whatever 3 had written appears twice on the
 * topics, identical (the invoicer deduplicates by ratedId, limit consumers by eventId), and nothing
 * is counted twice. Step 4 is all or nothing. Between 4 and 5, or after a lost commit, the batch
 * comes again from the older Kafka offset and is skipped: resume seeks to the Redis offset, and
 * step 2 skips offsets below it. Nothing is lost: Redis moves past a usage only once its outputs
 * are acknowledged. A usage sent twice upstream (a re-sent CDR) has a new offset, but its usageId
 * is in the counted set, written in the same step as the counters that counted it, after its
 * outputs were acknowledged, so skipping the copy loses nothing. Two writers of one partition (a
 * slow old owner after a rebalance): the loser's save is refused and retried from the winner's
 * state; both computed from the same stored state, so what both produced is identical. One account
 * in two partitions (partitions added to the usage topic while some of its usage was unread): each
 * account's counters carry the stamp of the save that wrote them (writerStamp), and a save whose
 * accounts were written by another save since it read them is refused and retried from what that
 * one stored, so each usage is counted exactly once; the flags and events of the retried batch may
 * differ from those its refused run produced, as the two partitions' usage interleaves by timing.
 *
 * Limits: counted sets expire `countedTtlSeconds` after their last write, so a copy arriving later
 * than that counts again (its rated record is still deduplicated by the invoicer). Recomputing gives
 * the same result for the same accounts and tariffs: a tariff republished between a crash and the
 * retry rates the redone batch with the new one. Losing Redis restarts the counters empty from the
 * Kafka committed offset. Needs one Redis (or a primary with replicas), not Redis Cluster: a save
 * spans many accounts' keys.
 */
export class RedisLimitStore implements LimitStore {
  private readonly keys: LimitKeys;
  private readonly script = new CachedScript(LIMITS_SAVE_LUA);

  constructor(private readonly redis: Redis, keyPrefix: string, private readonly countedTtlSeconds: number) {
    if (redis.options.keyPrefix) throw new Error('RedisLimitStore prefixes its own keys; connect without keyPrefix');
    this.keys = new LimitKeys(keyPrefix);
  }

  async load({ topic, partition }: UsagePartition, accounts: readonly string[], usage: readonly CountedUsage[]): Promise<LimitSnapshot> {
    const k = this.keys;
    const sets = countedSets(usage, k);
    // A pipeline, not a read script taking the usageIds as one JSON argument (limit-wire.ts).
    const pipeline = this.redis.pipeline();
    pipeline.hget(k.position(topic, partition), 'next');
    if (accounts.length > 0) {
      pipeline.mget(...accounts.map((a) => k.counters(a)));
      pipeline.hmget(k.writers(), ...accounts);
    }
    for (const [key, members] of sets) pipeline.smismember(key, ...members.map((u) => u.usageId));
    const replies = ((await pipeline.exec()) ?? []).map(([err, reply]) => {
      if (err) throw err;
      return reply;
    });
    const next = replies.shift() as string | null;
    const counters = new Map<string, LimitState>();
    const writers = new Map<string, string>();
    if (accounts.length > 0) {
      (replies.shift() as (string | null)[]).forEach((json, i) => {
        if (json !== null) counters.set(accounts[i]!, limitStateFromJSON(json));
      });
      (replies.shift() as (string | null)[]).forEach((stamp, i) => {
        if (stamp !== null) writers.set(accounts[i]!, stamp);
      });
    }
    const counted = new Set<string>();
    [...sets.values()].forEach((members, i) => {
      (replies[i] as number[]).forEach((hit, j) => {
        if (hit === 1) counted.add(countedMember(members[j]!.accountId, members[j]!.usageId));
      });
    });
    return { next: next === null ? null : BigInt(next), counters, writers, counted };
  }

  async save(where: UsagePartition, batch: LimitBatch): Promise<void> {
    const { topic, partition } = where;
    const k = this.keys;
    const counters = [...batch.counters];
    const sets = countedSets(batch.counted, k);
    const keys = [k.position(topic, partition), k.writers(), ...counters.map(([account]) => k.counters(account)), ...sets.keys()];
    const stamp = writerStamp(where, batch.next);
    const args: (string | number)[] = [batch.expectedNext?.toString() ?? '', batch.next.toString(), this.countedTtlSeconds, counters.length, stamp];
    for (const [, state] of counters) args.push(limitStateToJSON(state));
    for (const [account] of counters) args.push(account);
    for (const [account] of counters) args.push(batch.expectedWriters.get(account) ?? '');
    args.push(usageIdsArgument(sets.values()));
    const [status, stored, stamped] = (await this.script.run(this.redis, keys, args)) as [string, string, string?];
    if (status === 'saved') return;
    if (status === 'moved') {
      throw new LimitPositionMoved(`${topic}/${partition}: expected next offset ${batch.expectedNext ?? 'none'}, found ${stored || 'none'}`);
    }
    if (status === 'taken') {
      throw new LimitCountersTaken(
        `${topic}/${partition}: the limit counters of account ${stored} were saved by ${stamped} since this batch read them; ` +
          `its usage is in more than one partition (were partitions added to ${topic}?): the batch is counted again from what is stored`,
      );
    }
    throw new Error(`limits script answered an unknown status "${status}"`);
  }

  async nextOffsets(topic: string, partitions: readonly number[]): Promise<PartitionOffset[]> {
    if (partitions.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const p of partitions) pipeline.hget(this.keys.position(topic, p), 'next');
    const offsets: PartitionOffset[] = [];
    ((await pipeline.exec()) ?? []).forEach(([err, next], i) => {
      if (err) throw err;
      if (typeof next === 'string') offsets.push({ topic, partition: partitions[i]!, offset: next });
    });
    return offsets;
  }

  /** The stored counters of an account, or null (for operators and tests). */
  async counters(accountId: string): Promise<LimitState | null> {
    const json = await this.redis.get(this.keys.counters(accountId));
    return json === null ? null : limitStateFromJSON(json);
  }
}
