import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Admin } from 'kafkajs';
import { deadLetterTopic, type TopicNames } from '../../libs/runtime/topic-names';
import { freePort } from '../support/local-program';
import { freshGroup, freshKeyPrefix } from '../support/names';
import { recordsWritten, waitUntilDrained, type DrainStage } from './kafka-drain';
import { BenchService, SERVICE_NAMES, type ServiceName } from './kafka-services';
import { topicVariables } from './kafka-topics';

/** What one service did in a run. */
export interface StageFigures {
  readonly stage: ServiceName;
  /** Records it read. */
  readonly records: number;
  /** Batches it handled. */
  readonly batches: number;
  /** When it had committed all of its input, in seconds after the normalizer began consuming. */
  readonly drainedAfter: number;
  /** CPU seconds it used from its start of consuming to the end (undefined without /proc). */
  readonly cpuSeconds: number | undefined;
}

export interface PipelineRun {
  /** From the normalizer's start of consuming to the invoicer's commit of the ledger's last record. */
  readonly seconds: number;
  /** From spawning the three services to the normalizer's start of consuming (not in `seconds`). */
  readonly startupSeconds: number;
  readonly stages: readonly StageFigures[];
  readonly deadLetters: number;
  /** When each service began consuming, in seconds after the normalizer did (start-up, not timed). */
  readonly startedAfter: ReadonlyArray<{ readonly stage: ServiceName; readonly seconds: number }>;
  /** Warnings and errors the services logged. */
  readonly complaints: readonly string[];
}

export interface PipelineOptions {
  readonly distDir: string;
  /** KAFKA_*, SCHEMA_REGISTRY_URL, REDIS_URL and any tuning variables for the services. */
  readonly env: NodeJS.ProcessEnv;
  readonly admin: Admin;
  readonly topics: TopicNames;
  readonly pollMs: number;
  readonly timeoutMs: number;
}

/**
 * Spawns normalizer, rater and invoicer from dist/ on fresh groups (and a fresh Redis key prefix),
 * lets them work through the CDRs already on the raw topic, and measures until all three have
 * committed the end of their input; then checks that each read every record written to its input
 * and stops them with SIGTERM.
 */
export async function runPipeline(options: PipelineOptions): Promise<PipelineRun> {
  const { topics, admin } = options;
  const invoiceDir = mkdtempSync(join(tmpdir(), 'kafka-bench-invoices-'));
  // LOG_LEVEL info: the 'started' line starts the clock.
  const own = { LOG_LEVEL: 'info', REDIS_KEY_PREFIX: freshKeyPrefix(), INVOICE_DIR: invoiceDir };
  const shared = { ...options.env, ...topicVariables(topics), ...own };
  const inputs: Record<ServiceName, string[]> = {
    normalizer: [topics.sipcore, topics.media],
    rater: [topics.usage],
    invoicer: [topics.ledger],
  };
  const stages: DrainStage[] = SERVICE_NAMES.map((name) => ({ name, groupId: freshGroup(), topics: inputs[name] }));
  const spawnedAt = Date.now();
  const services: BenchService[] = [];
  try {
    for (const stage of stages) {
      const env = { ...shared, GROUP_ID: stage.groupId };
      services.push(new BenchService(stage.name as ServiceName, options.distDir, await freePort(), env));
    }
    const drainedAt = await waitUntilDrained(admin, stages, {
      intervalMs: options.pollMs,
      timeoutMs: options.timeoutMs,
      check: () => services.forEach((s) => s.assertRunning()),
    });
    const normalizerStart = services[0]!.startedAt();
    if (normalizerStart === undefined) {
      throw new Error(`the normalizer drained its input without logging 'started':\n${services[0]!.tail()}`);
    }
    const after = (at: number) => (at - normalizerStart) / 1000;
    const cpu = services.map((s) => s.cpuSinceStart());
    const intake = await Promise.all(services.map((s) => s.intake()));
    const read = intake.map((i) => i.records);
    for (const [i, service] of services.entries()) {
      const written = await recordsWritten(admin, stages[i]!.topics);
      if (read[i]! < written) {
        throw new Error(
          `${service.name} read ${read[i]} of the ${written} records written to its input: the rest were deleted before it ` +
            `got to them (librdkafka's mock cluster keeps only the last 5 MiB of each partition). Use fewer --cdrs, ` +
            `or a real Kafka via KAFKA_BROKERS.`,
        );
      }
    }
    return {
      seconds: after(drainedAt[drainedAt.length - 1]!),
      startupSeconds: (normalizerStart - spawnedAt) / 1000,
      stages: services.map((s, i) => ({ stage: s.name, records: read[i]!, batches: intake[i]!.batches, drainedAfter: after(drainedAt[i]!), cpuSeconds: cpu[i] })),
      startedAfter: services.map((s) => ({ stage: s.name, seconds: after(s.startedAt() ?? normalizerStart) })),
      deadLetters: await recordsWritten(admin, [topics.sipcore, topics.media, topics.usage, topics.ledger].map(deadLetterTopic)),
      complaints: services.flatMap((s) => s.complaints().map((line) => `${s.name}: ${line}`)),
    };
  } finally {
    await Promise.all(services.map((s) => s.stop()));
    rmSync(invoiceDir, { recursive: true, force: true });
  }
}
