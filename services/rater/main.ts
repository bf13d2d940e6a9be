import type { RawAvroSchema } from '@kafkajs/confluent-schema-registry/dist/@types';
import type { Logger } from 'pino';
import { connectRedis } from '../../libs/redis';
import { RedisLimitStore } from '../../libs/redis/limit-store';
import { readAvroSchema } from '../../libs/registry';
import { Lifecycle, createLogger, deadLetterTopic, startStreamService, startupFailureLine } from '../../libs/runtime';
import { loadConfig, type RaterConfig } from './config';
import { createRateHandler } from './rate-handler';

/**
 * Composition root of the rater: the only place that reads the environment. Redis is connected
 * first, so it is stopped last: SIGTERM stops the consumer (its batch finished and saved), the
 * reference follower, the producer, the ops server, then Redis.
 */
const SERVICE = 'rater';

let config: RaterConfig;
let schemas: { rated: RawAvroSchema; limitEvent: RawAvroSchema; deadLetter: RawAvroSchema };
try {
  config = loadConfig(process.env);
  schemas = { rated: readAvroSchema('RatedRecord'), limitEvent: readAvroSchema('LimitEvent'), deadLetter: readAvroSchema('DeadLetter') };
} catch (err) {
  process.stderr.write(`${startupFailureLine(SERVICE, err)}\n`);
  process.exit(2);
}

const { topics } = config;
const logger = createLogger(SERVICE, config.logLevel);
const lifecycle = new Lifecycle(logger, config.shutdownTimeoutMs);
lifecycle.stopOnSignals();

async function start(log: Logger): Promise<void> {
  const redis = await connectRedis(config.redis, { logger: log });
  lifecycle.onStop('redis', async () => void (await redis.quit()));
  const limitStore = new RedisLimitStore(redis, config.redisKeyPrefix, config.limitsDedupDays * 86_400);

  await startStreamService({
    service: SERVICE,
    config,
    logger: log,
    lifecycle,
    inputs: [topics.usage],
    outputs: {
      [topics.ledger]: schemas.rated,
      [topics.limits]: schemas.limitEvent,
      [deadLetterTopic(topics.usage)]: schemas.deadLetter,
    },
    followTariffs: true,
    handler: ({ avro, producer, metrics, reference }) =>
      createRateHandler({ avro, producer, metrics, reference, limitStore, ledgerTopic: topics.ledger, limitsTopic: topics.limits }),
    resumeOffsets: (assignment) => limitStore.nextOffsets(topics.usage, assignment[topics.usage] ?? []),
    exit: (code) => process.exit(code),
  });
}

start(logger).catch((err: unknown) => {
  logger.fatal({ err }, 'start-up failed');
  process.stderr.write(`${startupFailureLine(SERVICE, err)}\n`);
  void lifecycle.stop('start-up failed').then(() => process.exit(1));
});
