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
  /** Which save wrote each asked account's counters last (writerStamp); an account never saved is left out. */
  readonly writers: ReadonlyMap<string, string>;
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
  /**
   * For each account in `counters`, the writerStamp of the stored counters the batch started from
   * (left out: none were stored); the save is refused if another save has written them since.
   */
  readonly expectedWriters: ReadonlyMap<string, string>;
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

/**
 * Which save wrote an account's counters: the usage partition and the next offset it stored. Unique
 * per save, so a save can tell whether the counters it started from are still the stored ones.
 */
export const writerStamp = ({ topic, partition }: UsagePartition, next: bigint): string => `${topic}:${partition}:${next}`;

/** A save refused because another save got there first: retry the batch, it reloads what that one stored. */
abstract class LimitSaveRefused extends Error {
  abstract readonly code: string;
  readonly retriable = true;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Another writer of the partition moved its position since the batch was loaded. */
export class LimitPositionMoved extends LimitSaveRefused {
  readonly code = 'LIMIT_POSITION_MOVED';
}

/**
 * An account's counters were saved from another partition since the batch read them: its usage is
 * in more than one partition (partitions were added to the usage topic while some of its usage was
 * still unread).
 */
export class LimitCountersTaken extends LimitSaveRefused {
  readonly code = 'LIMIT_COUNTERS_TAKEN';
}

export const countedMember = (accountId: string, usageId: string): string => `${accountId}|${usageId}`;
