import { readAvroSchema } from '../../libs/registry';
import { deadLetterTopic, runServiceMain, startStreamService } from '../../libs/runtime';
import { loadConfig } from './config';
import { createNormalizeHandler } from './normalize-handler';

/** Composition root of the normalizer: the only place that reads the environment. */
runServiceMain({
  service: 'normalizer',
  load: (env) => ({ ...loadConfig(env), schemas: { usage: readAvroSchema('UsageRecord'), deadLetter: readAvroSchema('DeadLetter') } }),
  start: (config, logger, lifecycle) => {
    const { topics, schemas } = config;
    return startStreamService({
      service: 'normalizer',
      config,
      logger,
      lifecycle,
      inputs: [topics.sipcore, topics.media],
      outputs: {
        [topics.usage]: schemas.usage,
        [deadLetterTopic(topics.sipcore)]: schemas.deadLetter,
        [deadLetterTopic(topics.media)]: schemas.deadLetter,
      },
      followTariffs: false,
      handler: ({ avro, producer, metrics, reference }) =>
        createNormalizeHandler({ avro, producer, metrics, topics, isKnownAccount: (id) => reference.account(id) !== undefined }),
      exit: (code) => process.exit(code),
    });
  },
});
