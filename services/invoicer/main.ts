#!/usr/bin/env node
import type { Logger } from 'pino';
import { ConfigError } from '../../libs/config';
import { BatchProducer, consumerLag, createKafka, runBatchConsumer, type RunningConsumer } from '../../libs/kafka';
import { createServiceMetrics, startOpsServer } from '../../libs/ops';
import { ReferenceData } from '../../libs/pipeline/reference-data';
import { connectRedis, RedisLedgerStore } from '../../libs/redis';
import { createSchemaRegistry, readAvroSchema, registerSchemas } from '../../libs/registry';
import { createLogger, deadLetterTopic, Lifecycle, ReferenceFollower } from '../../libs/runtime';
import { loadConfig, type InvoicerConfig } from './config';
import { writeInvoiceFiles } from './invoice-writer';
import { LedgerHandler } from './ledger-handler';
import { LedgerReader } from './ledger-reader';
import { MonthCloser } from './month-closer';

/**
 * The invoicer: ledger.rated -> line totals in Redis -> invoices (topic and files) as months close.
 * The composition root, and the only file that reads process.env. Start-up errors print one line,
 * `invoicer: <message>`, and exit 2 for configuration, 1 for anything else.
 */
const SERVICE = 'invoicer';

async function start(config: InvoicerConfig, logger: Logger, lifecycle: Lifecycle): Promise<void> {
  const { topics } = config;
  const metrics = createServiceMetrics(SERVICE);
  const reference = new ReferenceData();
  let consumer: RunningConsumer | undefined;
  let follower: ReferenceFollower | undefined;

  const ops = await startOpsServer({
    host: config.ops.host,
    port: config.ops.port,
    registry: metrics.registry,
    logger,
    readiness: { consumerJoined: () => consumer?.joined() ?? false, accountsLoaded: () => follower?.isCaughtUp ?? false },
  });
  lifecycle.onStop('ops server', () => ops.close());

  const redis = await connectRedis(config.redis, { logger });
  lifecycle.onStop('redis', async () => void (await redis.quit()));
  const store = new RedisLedgerStore(redis, config.redisKeyPrefix);

  const dlq = deadLetterTopic(topics.ledger);
  const avro = await registerSchemas(createSchemaRegistry(config.registry), {
    [topics.invoices]: readAvroSchema('Invoice'),
    [dlq]: readAvroSchema('DeadLetter'),
  });
  const kafka = createKafka(config.kafka, { logger });
  const producer = await BatchProducer.connect(kafka);
  lifecycle.onStop('producer', () => producer.disconnect());

  follower = new ReferenceFollower({ kafka, avro, reference, service: 'cdr-invoicer', accountsTopic: topics.accounts, logger });
  lifecycle.onStop('accounts follower', () => follower!.stop());
  await follower.start();

  const closer = new MonthCloser({
    store,
    producer,
    avro,
    account: (id) => reference.account(id),
    invoicesTopic: topics.invoices,
    writeFiles: (invoice) => writeInvoiceFiles(config.invoiceDir, invoice),
    metrics,
    logger,
  });
  const reader = new LedgerReader({ avro, reference, closeGraceHours: config.closeGraceHours });
  const handler = new LedgerHandler({ reader, avro, producer, store, closer, ledgerTopic: topics.ledger, metrics, logger });
  consumer = await runBatchConsumer({
    kafka,
    groupId: config.groupId,
    topics: [topics.ledger],
    fromBeginning: true,
    handler: handler.handle,
    resumeOffsets: handler.resume,
    logger,
    sessionTimeoutMs: config.sessionTimeoutMs,
    heartbeatIntervalMs: config.heartbeatIntervalMs,
    partitionsConsumedConcurrently: config.partitionsConsumedConcurrently,
    onFatal: () => void lifecycle.stop('fatal handler error').then(() => process.exit(1)),
  });
  const running = consumer;
  lifecycle.onStop('consumer', () => running.stop(config.shutdownTimeoutMs));

  if (config.lagIntervalMs > 0) {
    const admin = kafka.admin();
    await admin.connect();
    const measure = () =>
      consumerLag(admin, config.groupId, [topics.ledger]).then(metrics.recordLag, (err: unknown) => logger.warn({ err }, 'consumer lag not measured'));
    const timer = setInterval(() => void measure(), config.lagIntervalMs).unref();
    lifecycle.onStop('lag metric', async () => {
      clearInterval(timer);
      await admin.disconnect();
    });
  }
  logger.info({ config: config.redacted(), opsPort: ops.port }, 'started');
}

function oneLine(err: unknown): string {
  if (err instanceof ConfigError) return err.problems.join('; ');
  return (err instanceof Error ? err.message : String(err)).replace(/\s*\n\s*/g, ' ');
}

async function main(env: NodeJS.ProcessEnv): Promise<void> {
  let config: InvoicerConfig;
  try {
    config = loadConfig(env);
  } catch (err) {
    process.stderr.write(`${SERVICE}: ${oneLine(err)}\n`);
    process.exit(2);
  }
  const logger = createLogger(SERVICE, config.logLevel);
  const lifecycle = new Lifecycle(logger, config.shutdownTimeoutMs);
  lifecycle.stopOnSignals();
  try {
    await start(config, logger, lifecycle);
  } catch (err) {
    logger.error({ err }, 'start-up failed');
    await lifecycle.stop('start-up failed');
    process.stderr.write(`${SERVICE}: ${oneLine(err)}\n`);
    process.exit(1);
  }
}

void main(process.env);
