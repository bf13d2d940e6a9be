import type { Admin } from 'kafkajs';

/** Offsets are int64 on the wire; as numbers they are exact up to 2^53 messages per partition. */
export interface LagRow {
  readonly group: string;
  readonly topic: string;
  readonly partition: number;
  readonly highWatermark: number;
  /** -1 when the group has never committed on this partition. */
  readonly committedOffset: number;
  readonly lag: number;
}

/**
 * Consumer lag of `groupId` per partition: high watermark minus committed offset. A partition the
 * group never committed (committed offset -1) still has everything from the low watermark on to
 * read, so its lag is high - low, not high. Without `topics`, every topic the group committed on,
 * as the broker lists them (librdkafka's mock cluster lists none: name the topics there).
 */
export async function consumerLag(admin: Admin, groupId: string, topics?: readonly string[]): Promise<LagRow[]> {
  const committed = await admin.fetchOffsets(topics ? { groupId, topics: [...topics] } : { groupId });
  const rows: LagRow[] = [];
  for (const { topic, partitions } of committed) {
    const watermarks = await admin.fetchTopicOffsets(topic);
    for (const { partition, high, low } of watermarks) {
      const committedOffset = Number(partitions.find((p) => p.partition === partition)?.offset ?? -1);
      const highWatermark = Number(high);
      const from = committedOffset < 0 ? Number(low) : committedOffset;
      rows.push({ group: groupId, topic, partition, highWatermark, committedOffset, lag: Math.max(0, highWatermark - from) });
    }
  }
  return rows.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}

const COLUMNS = ['GROUP', 'TOPIC', 'PARTITION', 'HIGH', 'COMMITTED', 'LAG'] as const;

/** Rows as an aligned text table (numbers right-aligned), with a total lag line; for `cdr lag`. */
export function lagTable(rows: readonly LagRow[]): string {
  const cells = rows.map((r) => [
    r.group,
    r.topic,
    String(r.partition),
    String(r.highWatermark),
    r.committedOffset < 0 ? '-' : String(r.committedOffset),
    String(r.lag),
  ]);
  const widths = COLUMNS.map((title, i) => Math.max(title.length, ...cells.map((c) => c[i]!.length)));
  const line = (values: readonly string[]) =>
    values.map((v, i) => (i < 2 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ').trimEnd();
  const total = rows.reduce((sum, r) => sum + r.lag, 0);
  return [line(COLUMNS), ...cells.map(line), `total lag: ${total}`].join('\n');
}
