import type { Consumer } from 'kafkajs';
import type { Logger } from 'pino';
import { backoffMs } from './retriable-error';

/** Partitions assigned to this member, per topic. */
export type Assignment = Readonly<Record<string, readonly number[]>>;

export interface PartitionOffset {
  readonly topic: string;
  readonly partition: number;
  /** The next offset to process (the last applied + 1), as kafkajs writes offsets. */
  readonly offset: string;
}

/**
 * Where to start each newly assigned partition, from a store other than Kafka's committed offsets
 * (the invoicer keeps its ledger position in Redis, in the same write as the totals). Partitions
 * left out start from the committed offset as usual.
 */
export type ResumeOffsets = (assignment: Assignment) => Promise<readonly PartitionOffset[]>;

/**
 * Applies externally stored offsets on every assignment.
 *
 * kafkajs 2.2.4 has no rebalance listener, so: the GROUP_JOIN event (emitted synchronously after
 * join+sync, before the first fetch) starts the lookup; when it returns, `consumer.seek` moves each
 * partition, which kafkajs applies at its next fetch for that partition. A fetch may beat the
 * lookup, so every batch first awaits it (`startOf`), is dropped whole while a seek is still pending
 * (`isStale`), and has messages below the stored offset filtered out: those are already applied.
 */
export class ResumePoints {
  private pending: Promise<ReadonlyMap<string, bigint>> = Promise.resolve(new Map());

  constructor(
    private readonly lookup: ResumeOffsets,
    private readonly consumer: Consumer,
    private readonly isActive: () => boolean,
    private readonly logger?: Logger,
  ) {}

  /** Called on GROUP_JOIN with the new assignment. */
  onJoin(assignment: Assignment): void {
    const lookup = this.lookupUntilAnswered(assignment).then((offsets) => {
      const starts = new Map<string, bigint>();
      for (const { topic, partition, offset } of offsets) {
        if (!assignment[topic]?.includes(partition)) continue;
        this.consumer.seek({ topic, partition, offset });
        starts.set(key(topic, partition), BigInt(offset));
      }
      return starts;
    });
    lookup.catch(() => undefined); // observed by startOf; never an unhandled rejection
    this.pending = lookup;
  }

  /** The stored start of a partition (undefined when the store has none); waits for the lookup. */
  async startOf(topic: string, partition: number): Promise<bigint | undefined> {
    return (await this.pending).get(key(topic, partition));
  }

  private async lookupUntilAnswered(assignment: Assignment): Promise<readonly PartitionOffset[]> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.lookup(assignment);
      } catch (err) {
        if (!this.isActive()) throw err;
        this.logger?.warn({ err, attempt }, 'resume offsets lookup failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, backoffMs(attempt, 200, 5000)));
      }
    }
  }
}

const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;
