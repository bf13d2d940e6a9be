import type { Admin } from 'kafkajs';
import { consumerLag } from '../../libs/kafka';

/** A consuming stage of the pipeline: its group and the topics it reads. */
export interface DrainStage {
  readonly name: string;
  readonly groupId: string;
  readonly topics: readonly string[];
}

export interface DrainOptions {
  readonly intervalMs: number;
  readonly timeoutMs: number;
  /** Called before each poll; throws to give up (e.g. a service died). */
  readonly check?: () => void;
}

/**
 * Waits until every stage has committed up to the end of its input, stages in pipeline order, and
 * returns when each was first seen drained (epoch ms). A stage counts only once the stage before
 * it was drained in an earlier or the same poll: until then its input may still grow, and an
 * empty topic reads as "no lag". Offsets committed after the acks of the outputs (as the services
 * do) make "lag 0 on the last stage" mean "every record through the whole path".
 */
export async function waitUntilDrained(admin: Admin, stages: readonly DrainStage[], options: DrainOptions): Promise<number[]> {
  const drainedAt: number[] = [];
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    options.check?.();
    while (drainedAt.length < stages.length) {
      const stage = stages[drainedAt.length]!;
      const rows = await consumerLag(admin, stage.groupId, stage.topics);
      if (rows.length === 0 || rows.some((r) => r.lag > 0)) break;
      drainedAt.push(Date.now());
    }
    if (drainedAt.length === stages.length) return drainedAt;
    if (Date.now() > deadline) {
      throw new Error(`pipeline not drained within ${options.timeoutMs} ms: ${stages[drainedAt.length]!.name} still has lag`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
  }
}

/** Records ever written to `topics` (the sum of their partitions' high watermarks; fresh topics start at 0). */
export async function recordsWritten(admin: Admin, topics: readonly string[]): Promise<number> {
  let total = 0;
  for (const topic of topics) {
    for (const { high } of await admin.fetchTopicOffsets(topic)) total += Number(high);
  }
  return total;
}
