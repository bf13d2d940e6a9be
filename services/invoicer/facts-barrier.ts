import type { FactsStore } from '../../libs/redis';

/** The facts consumer has not stored what the facts topics held when a month was about to close; retry the batch. */
export class FactsBehind extends Error {
  readonly code = 'FACTS_BEHIND';
  readonly retriable = true;
  constructor(behind: readonly string[], waitedMs: number) {
    super(`recurring facts not stored within ${waitedMs} ms: ${behind.slice(0, 5).join(', ')}${behind.length > 5 ? ', ...' : ''}`);
    this.name = 'FactsBehind';
  }
}

export interface PartitionEnds {
  readonly partition: number;
  /** Offsets as kafkajs gives them (admin.fetchTopicOffsets). */
  readonly low: string;
  readonly high: string;
}

export interface FactsBarrierDeps {
  readonly topics: readonly string[];
  /** admin.fetchTopicOffsets: the partitions of a topic with their low and high watermarks now. */
  readonly endOffsets: (topic: string) => Promise<readonly PartitionEnds[]>;
  readonly store: Pick<FactsStore, 'positions'>;
  readonly timeoutMs: number;
  readonly pollMs?: number;
}

/**
 * Provisioning and registrations are other topics than the ledger, read by another consumer, so
 * nothing orders them against a close-through marker. Before a ledger batch that may close a month,
 * the invoicer waits here until the facts store holds every facts message the topics held when it
 * asked: events published before the marker (or before the watermark passed the month's close) are
 * on the invoice. The positions are the facts script's own, written with the facts, so they say what
 * is stored whichever invoicer instance consumed the partition.
 */
export class FactsBarrier {
  constructor(private readonly deps: FactsBarrierDeps) {}

  /** Resolves once the facts are in; throws FactsBehind after `timeoutMs` (the batch is retried), or when `signal` aborts. */
  async caughtUp(signal?: AbortSignal): Promise<void> {
    const { topics, endOffsets, store, timeoutMs, pollMs = 50 } = this.deps;
    const targets = await Promise.all(topics.map(async (topic) => ({ topic, ends: (await endOffsets(topic)).filter((p) => BigInt(p.high) > BigInt(p.low)) })));
    const started = Date.now();
    for (;;) {
      const behind: string[] = [];
      for (const { topic, ends } of targets) {
        const stored = await store.positions(topic, ends.map((p) => p.partition));
        for (const { partition, high } of ends) {
          const next = stored.get(partition) ?? -1n;
          if (next < BigInt(high)) behind.push(`${topic}:${partition} at ${next < 0n ? 'nothing' : next} of ${high}`);
        }
      }
      if (behind.length === 0) return;
      if (signal?.aborted) throw new Error('facts barrier abandoned: the batch is being stopped');
      if (Date.now() - started >= timeoutMs) throw new FactsBehind(behind, timeoutMs);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }
}
