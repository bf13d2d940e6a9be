import type { Admin } from 'kafkajs';

/** One partition's lag as every reader must report it; `cdr lag --json` rows carry these fields too. */
export interface LagReading {
  readonly topic: string;
  readonly partition: number;
  readonly highWatermark: number;
  /** -1 when the group never committed on the partition. */
  readonly committedOffset: number;
  readonly lag: number;
}

/**
 * The true lag of `group`, worked out here and not by the code under test: the high watermark minus
 * the committed offset, per partition; a partition never committed counts from its low watermark.
 */
export async function trueLag(admin: Admin, group: string, topics: readonly string[]): Promise<LagReading[]> {
  const readings: LagReading[] = [];
  const committed = await admin.fetchOffsets({ groupId: group, topics: [...topics] });
  for (const topic of [...topics].sort()) {
    const offsets = committed.find((t) => t.topic === topic)?.partitions ?? [];
    for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) {
      const committedOffset = Number(offsets.find((p) => p.partition === partition)?.offset ?? -1);
      const from = committedOffset >= 0 ? committedOffset : Number(low);
      readings.push({ topic, partition, highWatermark: Number(high), committedOffset, lag: Number(high) - from });
    }
  }
  return readings.sort(byPartition);
}

export const totalLag = (readings: readonly Pick<LagReading, 'lag'>[]): number => readings.reduce((n, r) => n + r.lag, 0);

/** Messages a topic holds (high minus low watermark, summed over its partitions). */
export async function messageCount(admin: Admin, topic: string): Promise<number> {
  return (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
}

/** The consumer_lag gauge of a service's /metrics text, one row per topic and partition. */
export function metricLag(metrics: string): Array<Pick<LagReading, 'topic' | 'partition' | 'lag'>> {
  const rows = [...metrics.matchAll(/^consumer_lag\{([^}]*)\} (\S+)$/gm)].map(([, labels, value]) => ({
    topic: label(labels!, 'topic'),
    partition: Number(label(labels!, 'partition')),
    lag: Number(value),
  }));
  return rows.sort(byPartition);
}

/** The value of a counter (e.g. records_in_total) summed over its series, 0 when it has none yet. */
export function counterTotal(metrics: string, name: string): number {
  return [...metrics.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'gm'))].reduce((n, [, v]) => n + Number(v), 0);
}

function label(labels: string, name: string): string {
  const match = new RegExp(`(?:^|,)${name}="([^"]*)"`).exec(labels);
  if (!match) throw new Error(`metric labels {${labels}} have no ${name}`);
  return match[1]!;
}

function byPartition(a: Pick<LagReading, 'topic' | 'partition'>, b: Pick<LagReading, 'topic' | 'partition'>): number {
  return a.topic.localeCompare(b.topic) || a.partition - b.partition;
}
