import { connectRedis } from '../../libs/redis';
import { RedisLimitStore } from '../../libs/redis/limit-store';
import { readAvroSchema } from '../../libs/registry';
import { deadLetterTopic, runServiceMain, startStreamService } from '../../libs/runtime';
import { loadConfig } from './config';
import { createRateHandler } from './rate-handler';

/**
 * Composition root of the rater: the only place that reads the environment. Redis is connected
 * first, so it is stopped last: SIGTERM stops the consumer (its batch finished and saved), the
 * reference follower, the producer, the ops server, then Redis.
 */
runServiceMain({
  service: 'rater',
  load: (env) => ({
    ...loadConfig(env),
    schemas: { rated: readAvroSchema('RatedRecord'), limitEvent: readAvroSchema('LimitEvent'), deadLetter: readAvroSchema('DeadLetter') },
  }),
  start: async (config, logger, lifecycle) => {
    const { topics, schemas } = config;
    const redis = await connectRedis(config.redis, { logger });
    lifecycle.onStop('redis', async () => void (await redis.quit()));
    const limitStore = new RedisLimitStore(redis, config.redisKeyPrefix, config.limitsDedupDays * 86_400);

    await startStreamService({
      service: 'rater',
      config,
      logger,
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
  },
});
