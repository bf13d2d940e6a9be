import type { Admin } from 'kafkajs';
import type { Logger } from 'pino';

export interface TopicSpec {
  readonly topic: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  /** Reference topics (accounts, tariffs) keep the latest value per key: cleanup.policy=compact. */
  readonly compacted: boolean;
}

export interface TopicReport {
  readonly existing: string[];
  readonly created: string[];
  /** Created by the broker's auto-creation because createTopics is unavailable (librdkafka's mock cluster). */
  readonly autoCreated: string[];
  /** Differences from the spec an operator should know about; empty on a real cluster. */
  readonly warnings: string[];
}

/**
 * Creates the topics in `specs` that do not exist yet; existing topics are left as they are.
 * A cluster whose controller is not one of its brokers (librdkafka's mock reports controller id 0)
 * cannot serve createTopics; there the topics are created by asking for their metadata, which the
 * broker's auto-creation answers, and every way they differ from the spec (partition count,
 * compaction) is reported as a warning instead of failing start-up.
 */
export async function ensureTopics(admin: Admin, specs: readonly TopicSpec[], logger?: Logger): Promise<TopicReport> {
  const present = new Set(await admin.listTopics());
  const existing = specs.filter((s) => present.has(s.topic)).map((s) => s.topic);
  const missing = specs.filter((s) => !present.has(s.topic));
  const report: TopicReport = { existing, created: [], autoCreated: [], warnings: [] };
  if (missing.length === 0) return report;

  const { brokers, controller } = await admin.describeCluster();
  if (controller !== null && brokers.some((b) => b.nodeId === controller)) {
    await admin.createTopics({ waitForLeaders: true, topics: missing.map(topicConfig) });
    report.created.push(...missing.map((s) => s.topic));
    logger?.info({ topics: report.created }, 'created topics');
    return report;
  }

  const why = `createTopics unavailable: controller ${controller} is not among brokers ${brokers.map((b) => b.nodeId).join(',')}`;
  let metadata;
  try {
    metadata = await admin.fetchTopicMetadata({ topics: missing.map((s) => s.topic) });
  } catch (err) {
    throw new Error(`${why}, and auto-creating ${missing.map((s) => s.topic).join(', ')} failed: ${(err as Error).message}`);
  }
  for (const spec of missing) {
    const partitions = metadata.topics.find((t) => t.name === spec.topic)?.partitions.length ?? 0;
    report.autoCreated.push(spec.topic);
    if (partitions !== spec.partitions) {
      report.warnings.push(`${spec.topic}: auto-created with ${partitions} partitions, spec says ${spec.partitions}`);
    }
    if (spec.compacted) report.warnings.push(`${spec.topic}: auto-created without cleanup.policy=compact`);
  }
  logger?.warn({ topics: report.autoCreated, warnings: report.warnings }, `${why}; relied on auto-creation`);
  return report;
}

function topicConfig(spec: TopicSpec) {
  return {
    topic: spec.topic,
    numPartitions: spec.partitions,
    replicationFactor: spec.replicationFactor,
    configEntries: spec.compacted ? [{ name: 'cleanup.policy', value: 'compact' }] : [],
  };
}
