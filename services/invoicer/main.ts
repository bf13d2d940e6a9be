#!/usr/bin/env node
import type { Logger } from 'pino';
import { Counter, Gauge } from 'prom-client';
import { BatchProducer, consumerLag, createKafka, runBatchConsumer, type RunningConsumer } from '../../libs/kafka';
import { createServiceMetrics, startOpsServer } from '../../libs/ops';
import { ReferenceData } from '../../libs/pipeline/reference-data';
import { connectRedis, RedisFactsStore, RedisLedgerStore } from '../../libs/redis';
import { createSchemaRegistry, readAvroSchema, registerSchemas } from '../../libs/registry';
import { deadLetterTopic, ReferenceFollower, runServiceMain, type Lifecycle } from '../../libs/runtime';
import { loadConfig, type InvoicerConfig } from './config';
import { FactsBarrier } from './facts-barrier';
import { createFactsHandler } from './facts-handler';
import { ledgerHome } from './home-partition';
import { writeInvoiceFiles } from './invoice-writer';
import { LedgerHandler } from './ledger-handler';
import { LedgerReader } from './ledger-reader';
import { MonthCloser } from './month-closer';

/**
 * The invoicer: ledger.rated -> line totals in Redis -> invoices (topic and files) as months close,
 * with the recurring charges counted from provisioning and registrations (a second consumer, in a
 * group of its own) and from the PER_CHANNEL legs on the ledger. The composition root, and the only
 * file that reads process.env. Start-up errors print one line, `invoicer: <message>`, and exit 2
 * for configuration, 1 for anything else (runServiceMain).
 *
 * Why a second consumer and group for the facts: a ledger batch that may close a month waits for
 * the facts (facts-barrier.ts), so the facts must be consumed by a loop that a waiting ledger batch
 * does not hold up; and kafkajs's assigners expect every member of a group to subscribe alike.
 */
const SERVICE = 'invoicer';

async function start(config: InvoicerConfig, logger: Logger, lifecycle: Lifecycle): Promise<void> {
  const { topics } = config;
  const metrics = createServiceMetrics(SERVICE);
  // Kept apart from consumer_lag, which reports the ledger group alone (what `cdr lag` shows for cdr-invoicer).
  const lateRecords = new Counter({ name: 'ledger_late_records_total', help: 'Rated records of closed months, billed as adjustment lines', labelNames: ['topic'] as const, registers: [metrics.registry] });
  const factsLag = new Gauge({ name: 'facts_consumer_lag', help: 'Facts group: messages between committed offset and high watermark', labelNames: ['topic', 'partition'] as const, registers: [metrics.registry] });
  const reference = new ReferenceData();
  let consumer: RunningConsumer | undefined;
  let factsConsumer: RunningConsumer | undefined;
  let follower: ReferenceFollower | undefined;

  const ops = await startOpsServer({
    host: config.ops.host,
    port: config.ops.port,
    registry: metrics.registry,
    logger,
    readiness: {
      consumerJoined: () => consumer?.joined() ?? false,
      factsConsumerJoined: () => factsConsumer?.joined() ?? false,
      referenceLoaded: () => follower?.isCaughtUp ?? false,
    },
  });
  lifecycle.onStop('ops server', () => ops.close());

  const redis = await connectRedis(config.redis, { logger });
  lifecycle.onStop('redis', async () => void (await redis.quit()));
  const retention = { retentionDays: config.ledgerRetentionDays };
  const store = new RedisLedgerStore(redis, config.redisKeyPrefix, retention);
  const factsStore = new RedisFactsStore(redis, config.redisKeyPrefix, retention);

  const factsTopics = [topics.provisioning, topics.registrations];
  const avro = await registerSchemas(createSchemaRegistry(config.registry), {
    [topics.invoices]: readAvroSchema('Invoice'),
    [topics.limits]: readAvroSchema('LimitEvent'),
    ...Object.fromEntries([topics.ledger, ...factsTopics].map((t) => [deadLetterTopic(t), readAvroSchema('DeadLetter')])),
  });
  const kafka = createKafka(config.kafka, { logger });
  const producer = await BatchProducer.connect(kafka);
  lifecycle.onStop('producer', () => producer.disconnect());

  follower = new ReferenceFollower({ kafka, avro, reference, service: 'cdr-invoicer', accountsTopic: topics.accounts, tariffsTopic: topics.tariffs, logger });
  lifecycle.onStop('reference follower', () => follower!.stop());
  await follower.start();

  const admin = kafka.admin();
  await admin.connect();
  lifecycle.onStop('kafka admin', () => admin.disconnect());
  const [ledgerMetadata] = (await admin.fetchTopicMetadata({ topics: [topics.ledger] })).topics;
  const home = ledgerHome(topics.ledger, ledgerMetadata?.partitions.length ?? 0);
  const reader = new LedgerReader({ avro, reference, closeGraceHours: config.closeGraceHours });
  const consumerSettings = {
    kafka,
    fromBeginning: true,
    logger,
    sessionTimeoutMs: config.sessionTimeoutMs,
    heartbeatIntervalMs: config.heartbeatIntervalMs,
    partitionsConsumedConcurrently: config.partitionsConsumedConcurrently,
    onFatal: () => void lifecycle.stop('fatal handler error').then(() => process.exit(1)),
  };

  const closer = new MonthCloser({
    store,
    facts: factsStore,
    producer,
    avro,
    reference,
    invoicesTopic: topics.invoices,
    limitsTopic: topics.limits,
    writeFiles: (invoice) => writeInvoiceFiles(config.invoiceDir, invoice),
    metrics,
    logger,
  });
  const factsBarrier = new FactsBarrier({ topics: factsTopics, endOffsets: (topic) => admin.fetchTopicOffsets(topic), store: factsStore, timeoutMs: config.factsWaitMs });
  const handler = new LedgerHandler({
    reader, avro, producer, store, closer, ledgerTopic: topics.ledger, metrics, lateRecords, logger, factsBarrier, closeGraceHours: config.closeGraceHours,
  });
  const factsHandler = createFactsHandler({
    avro, producer, metrics: { ...metrics, consumerLag: factsLag }, store: factsStore, reference, provisioningTopic: topics.provisioning,
    home, closeTime: (accountId, month) => reader.closeTime(accountId, month), logger,
  });
  // Joined side by side (each join takes a while); stopped ledger first, so a ledger batch waiting for facts still sees them come.
  [factsConsumer, consumer] = await Promise.all([
    runBatchConsumer({ ...consumerSettings, groupId: config.factsGroupId, topics: factsTopics, handler: factsHandler }),
    runBatchConsumer({ ...consumerSettings, groupId: config.groupId, topics: [topics.ledger], handler: handler.handle, resumeOffsets: handler.resume }),
  ]);
  const [runningFacts, running] = [factsConsumer, consumer];
  lifecycle.onStop('facts consumer', () => runningFacts.stop(config.shutdownTimeoutMs));
  lifecycle.onStop('consumer', () => running.stop(config.shutdownTimeoutMs));

  if (config.lagIntervalMs > 0) {
    const measure = async () => {
      metrics.recordLag(await consumerLag(admin, config.groupId, [topics.ledger]));
      for (const row of await consumerLag(admin, config.factsGroupId, factsTopics)) factsLag.set({ topic: row.topic, partition: String(row.partition) }, row.lag);
    };
    const timer = setInterval(() => void measure().catch((err: unknown) => logger.warn({ err }, 'consumer lag not measured')), config.lagIntervalMs).unref();
    lifecycle.onStop('lag metric', async () => clearInterval(timer));
  }
  logger.info({ config: config.redacted(), opsPort: ops.port, ledgerPartitions: ledgerMetadata?.partitions.length }, 'started');
}

runServiceMain({ service: SERVICE, load: loadConfig, start });
