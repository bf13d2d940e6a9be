import type { RawAvroSchema } from '@kafkajs/confluent-schema-registry/dist/@types';
import type { Logger } from 'pino';
import { BatchProducer, createKafka, runBatchConsumer, type BatchHandler, type ResumeOffsets, type RunningConsumer } from '../kafka';
import { createServiceMetrics, startOpsServer, type ServiceMetrics } from '../ops';
import { ReferenceData } from '../pipeline/reference-data';
import { createSchemaRegistry, registerSchemas, type AvroTopics } from '../registry';
import type { Lifecycle } from './lifecycle';
import { ReferenceFollower } from './reference-follower';
import type { StreamServiceConfig } from './stream-service-config';

/** What a service's batch handler is built from. */
export interface StreamPorts {
  readonly avro: AvroTopics;
  readonly producer: BatchProducer;
  readonly reference: ReferenceData;
  readonly metrics: ServiceMetrics;
  readonly logger: Logger;
}

export interface StreamServiceOptions {
  readonly service: string;
  readonly config: StreamServiceConfig;
  readonly logger: Logger;
  readonly lifecycle: Lifecycle;
  readonly inputs: readonly string[];
  /** The value schema of every topic this service writes, its dead-letter topics included. */
  readonly outputs: Readonly<Record<string, RawAvroSchema>>;
  /** The rater needs tariffs too; the normalizer only accounts. */
  readonly followTariffs: boolean;
  readonly handler: (ports: StreamPorts) => BatchHandler;
  /** Where each assigned partition resumes when the service keeps its position outside Kafka (the rater, in Redis). */
  readonly resumeOffsets?: ResumeOffsets;
  /** Called after a fatal consumer error has stopped everything. */
  readonly exit: (code: number) => void;
}

/**
 * Starts a stream service in dependency order, registering each part with the lifecycle so that
 * shutdown runs in reverse: consumer (finish and commit the batch, leave the group), reference
 * follower, producer, ops server. The consumer starts only once the reference topics are read, so
 * no record is judged against half-loaded accounts or tariffs. Ready = consumer joined and
 * reference caught up.
 */
export async function startStreamService(options: StreamServiceOptions): Promise<void> {
  const { service, config, logger, lifecycle } = options;
  const metrics = createServiceMetrics(service);
  let consumer: RunningConsumer | undefined;
  let follower: ReferenceFollower | undefined;

  const ops = await startOpsServer({
    host: config.ops.host,
    port: config.ops.port,
    registry: metrics.registry,
    logger,
    readiness: {
      consumerJoined: () => consumer?.joined() ?? false,
      referenceCaughtUp: () => follower?.isCaughtUp ?? false,
    },
  });
  lifecycle.onStop('ops server', () => ops.close());

  const kafka = createKafka(config.kafka, { logger });
  const avro = await registerSchemas(createSchemaRegistry(config.registry), options.outputs);
  const producer = await BatchProducer.connect(kafka);
  lifecycle.onStop('producer', () => producer.disconnect());

  const reference = new ReferenceData();
  follower = new ReferenceFollower({
    kafka,
    avro,
    reference,
    service: config.groupId,
    accountsTopic: config.topics.accounts,
    tariffsTopic: options.followTariffs ? config.topics.tariffs : undefined,
    logger,
  });
  lifecycle.onStop('reference follower', () => follower!.stop());
  await follower.start(config.referenceTimeoutMs);

  consumer = await runBatchConsumer({
    kafka,
    groupId: config.groupId,
    topics: options.inputs,
    fromBeginning: true,
    handler: options.handler({ avro, producer, reference, metrics, logger }),
    resumeOffsets: options.resumeOffsets,
    logger,
    sessionTimeoutMs: config.sessionTimeoutMs,
    heartbeatIntervalMs: config.heartbeatIntervalMs,
    partitionsConsumedConcurrently: config.partitionsConsumedConcurrently,
    onFatal: (err) => {
      logger.fatal({ err }, 'consumer stopped on a non-retriable error');
      void lifecycle.stop('consumer failed').then(() => options.exit(1));
    },
  });
  // stop() bounds its two phases (drain, leave) separately; half each keeps the step within its deadline.
  const running = consumer;
  lifecycle.onStop('consumer', () => running.stop(Math.max(50, Math.floor(config.shutdownTimeoutMs / 2))));
  logger.info({ config: config.redacted(), inputs: options.inputs, outputs: Object.keys(options.outputs) }, 'started');
}
