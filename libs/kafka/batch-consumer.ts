import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import type { Logger } from 'pino';
import { delay, untilAborted, within } from './deadlines';
import { backoffMs, isRetriableByDefault } from './retriable-error';
import { ResumePoints, type Assignment, type ResumeOffsets } from './resume-offsets';

export interface ConsumedBatch {
  readonly topic: string;
  readonly partition: number;
  readonly messages: readonly KafkaMessage[];
  readonly highWatermark: string;
  /** Aborted when stop() stops waiting for this batch; nothing of it will be committed. */
  readonly signal: AbortSignal;
}

/** Processes a batch and resolves once every output is acknowledged; dead-letters bad records itself. */
export type BatchHandler = (batch: ConsumedBatch) => Promise<void>;

export interface BatchConsumerOptions {
  readonly kafka: Kafka;
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly fromBeginning?: boolean;
  readonly handler: BatchHandler;
  readonly logger?: Logger;
  /** Start positions from an external store, applied on every assignment (see ResumePoints). */
  readonly resumeOffsets?: ResumeOffsets;
  /** Decides whether a handler error is worth another attempt; default isRetriableByDefault. */
  readonly isRetriable?: (error: unknown) => boolean;
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
  /** A non-retriable handler error stops the consumer (its batch uncommitted) and lands here. */
  readonly onFatal?: (error: unknown) => void;
  readonly sessionTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
  readonly partitionsConsumedConcurrently?: number;
  readonly maxWaitTimeMs?: number;
}

export interface RunningConsumer {
  /** The partitions this member owns since its last join ({} before the first). */
  assignment(): Assignment;
  /** True between a group join and the next rebalance or stop: a readiness signal. */
  joined(): boolean;
  /** The non-retriable error that stopped it, if any. */
  failure(): unknown;
  /** Finishes (and commits) the batch in progress, then leaves the group; each phase bounded by `timeoutMs`. */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * At-least-once batch consumption. For every fetched batch the handler runs to completion (its
 * outputs acknowledged), and only then is the batch's last offset resolved and committed, explicitly:
 * a crash at any point before the commit redelivers the batch, never skips it. Retriable handler
 * errors are retried with backoff, without committing, for as long as the consumer runs; the
 * handler never throws for a bad record (kafkajs would redeliver it forever), it dead-letters it.
 */
export async function runBatchConsumer(options: BatchConsumerOptions): Promise<RunningConsumer> {
  const run = new BatchConsumerRun(options);
  await run.start();
  return run;
}

class BatchConsumerRun implements RunningConsumer {
  private readonly consumer: Consumer;
  private readonly resume: ResumePoints | undefined;
  private readonly abort = new AbortController();
  private readonly isRetriable: (error: unknown) => boolean;
  private currentAssignment: Assignment = {};
  private isJoined = false;
  private stopping = false;
  private fatal: unknown;
  private inFlight = 0;
  private onIdle: (() => void) | undefined;
  private stopped: Promise<void> | undefined;

  constructor(private readonly options: BatchConsumerOptions) {
    this.isRetriable = options.isRetriable ?? isRetriableByDefault;
    this.consumer = options.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: options.heartbeatIntervalMs ?? 3000,
      maxWaitTimeInMs: options.maxWaitTimeMs ?? 500,
    });
    this.resume =
      options.resumeOffsets &&
      new ResumePoints(options.resumeOffsets, this.consumer, () => !this.stopping, options.logger);
  }

  assignment = (): Assignment => this.currentAssignment;
  joined = (): boolean => this.isJoined;
  failure = (): unknown => this.fatal;

  async start(): Promise<void> {
    const { consumer, options } = this;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.currentAssignment = payload.memberAssignment;
      this.isJoined = true;
      this.resume?.onJoin(payload.memberAssignment);
    });
    consumer.on(consumer.events.REBALANCING, () => (this.isJoined = false));
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.isJoined = false;
      options.logger?.error({ err: payload.error, groupId: options.groupId, restart: payload.restart }, 'kafka consumer crashed');
      if (payload.restart) return; // kafkajs rejoins by itself
      this.fatal = payload.error;
      options.onFatal?.(payload.error);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [...options.topics], fromBeginning: options.fromBeginning ?? false });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => this.eachBatch(payload),
    });
  }

  stop(timeoutMs = 10_000): Promise<void> {
    this.stopped ??= this.shutdown(timeoutMs);
    return this.stopped;
  }

  private async shutdown(timeoutMs: number): Promise<void> {
    const { logger, groupId } = this.options;
    this.beginStopping();
    const drained = this.inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => (this.onIdle = resolve));
    if (!(await within(drained, timeoutMs))) {
      logger?.warn({ groupId, timeoutMs }, 'batch still running at stop; abandoning it uncommitted');
      this.abort.abort();
    }
    if (!(await within(this.consumer.disconnect(), timeoutMs))) {
      logger?.warn({ groupId, timeoutMs }, 'kafka consumer disconnect timed out');
    }
  }

  private beginStopping(): void {
    this.stopping = true;
    this.isJoined = false;
    // Paused topics are not fetched again, so the fetch loop idles instead of spinning on batches we skip.
    this.consumer.pause(this.options.topics.map((topic) => ({ topic })));
  }

  private async eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (this.stopping) return; // unresolved: whoever owns the partition next gets it again
    this.inFlight += 1;
    const keepAlive = setInterval(() => payload.heartbeat().catch(() => undefined), this.options.heartbeatIntervalMs ?? 3000);
    try {
      const start = this.resume && (await this.resume.startOf(batch.topic, batch.partition).catch(this.unlessStopping));
      if (this.stopping) return;
      if (payload.isStale()) return; // a seek is pending: this batch was read from the old position
      const messages = start === undefined ? batch.messages : batch.messages.filter((m) => BigInt(m.offset) >= start);
      const view = { topic: batch.topic, partition: batch.partition, messages, highWatermark: batch.highWatermark, signal: this.abort.signal };
      if (messages.length > 0 && !(await this.handle(view))) return;
      const last = batch.lastOffset();
      payload.resolveOffset(last);
      const next = (BigInt(last) + 1n).toString();
      await payload.commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: next }] }] });
    } finally {
      clearInterval(keepAlive);
      this.inFlight -= 1;
      if (this.inFlight === 0) this.onIdle?.();
    }
  }

  /** Swallows an error that only says the lookup was abandoned because we are stopping. */
  private readonly unlessStopping = (err: unknown): undefined => {
    if (this.stopping) return undefined;
    throw err;
  };

  /** Runs the handler until it succeeds (true) or must give up (false: leave the batch uncommitted). */
  private async handle(batch: ConsumedBatch): Promise<boolean> {
    const { logger, groupId, backoff = { initialMs: 200, maxMs: 10_000 } } = this.options;
    const where = { groupId, topic: batch.topic, partition: batch.partition };
    for (let attempt = 0; ; attempt += 1) {
      try {
        await untilAborted(this.options.handler(batch), this.abort.signal);
        return true;
      } catch (err) {
        if (this.abort.signal.aborted || this.stopping) return false;
        if (!this.isRetriable(err)) {
          this.fatal = err;
          logger?.error({ err, ...where }, 'handler failed; stopping consumer');
          this.beginStopping();
          setImmediate(() => void this.stop());
          this.options.onFatal?.(err);
          return false;
        }
        const waitMs = backoffMs(attempt, backoff.initialMs, backoff.maxMs);
        logger?.warn({ err, ...where, attempt, waitMs }, 'handler failed; retrying batch');
        await untilAborted(delay(waitMs), this.abort.signal).catch(() => undefined);
      }
    }
  }
}
