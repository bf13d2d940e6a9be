import type { EpochMs } from '../domain';
import type { LimitState } from '../domain/limits';
import type { PartitionOffset } from '../kafka/resume-offsets';

/** A partition of the usage topic: the unit of ordering, of ownership and of stored position. */
export interface UsagePartition {
  readonly topic: string;
  readonly partition: number;
}

/** A usage record as far as deduplication goes: counted once per account and usageId. */
export interface CountedUsage {
  readonly accountId: string;
  readonly usageId: string;
  readonly startAt: EpochMs;
}

export interface LimitSnapshot {
  /** The partition's next offset as stored; null before its first batch. */
  readonly next: bigint | null;
  /** Stored counters of the accounts asked for; an account without any is left out. */
  readonly counters: ReadonlyMap<string, LimitState>;
  /** `<account>|<usageId>` of the usage asked for that was counted before. */
  readonly counted: ReadonlySet<string>;
}

export interface LimitBatch {
  /** The next offset the batch was computed from (the snapshot's); the save is refused if it moved. */
  readonly expectedNext: bigint | null;
  /** The offset after the batch's last message. */
  readonly next: bigint;
  /** Counters of the accounts the batch touched. */
  readonly counters: ReadonlyMap<string, LimitState>;
  /** Usage the batch counted. */
  readonly counted: readonly CountedUsage[];
}

/** The rater's state port; RedisLimitStore is the implementation the service runs. */
export interface LimitStore {
  load(partition: UsagePartition, accounts: readonly string[], usage: readonly CountedUsage[]): Promise<LimitSnapshot>;
  /** Throws LimitPositionMoved when another writer saved the partition since the snapshot. */
  save(partition: UsagePartition, batch: LimitBatch): Promise<void>;
  /** Stored next offsets of the partitions that have one. */
  nextOffsets(topic: string, partitions: readonly number[]): Promise<PartitionOffset[]>;
}

/** Another writer moved the partition since the batch was loaded: retry it (it reloads). */
export class LimitPositionMoved extends Error {
  readonly code = 'LIMIT_POSITION_MOVED';
  readonly retriable = true;
  constructor(message: string) {
    super(message);
    this.name = 'LimitPositionMoved';
  }
}

export const countedMember = (accountId: string, usageId: string): string => `${accountId}|${usageId}`;
