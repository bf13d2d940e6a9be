import type { RawAvroSchema } from '@kafkajs/confluent-schema-registry/dist/@types';
import { readAvroSchema } from '../../libs/registry';
import { Lifecycle, createLogger, deadLetterTopic, startStreamService, startupFailureLine } from '../../libs/runtime';
import { loadConfig, type NormalizerConfig } from './config';
import { createNormalizeHandler } from './normalize-handler';

/** Composition root of the normalizer: the only place that reads the environment. */
const SERVICE = 'normalizer';

let config: NormalizerConfig;
let schemas: { usage: RawAvroSchema; deadLetter: RawAvroSchema };
try {
  config = loadConfig(process.env);
  schemas = { usage: readAvroSchema('UsageRecord'), deadLetter: readAvroSchema('DeadLetter') };
} catch (err) {
  process.stderr.write(`${startupFailureLine(SERVICE, err)}\n`);
  process.exit(2);
}

const { topics } = config;
const logger = createLogger(SERVICE, config.logLevel);
const lifecycle = new Lifecycle(logger, config.shutdownTimeoutMs);
lifecycle.stopOnSignals();

startStreamService({
  service: SERVICE,
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
}).catch((err: unknown) => {
  logger.fatal({ err }, 'start-up failed');
  void lifecycle.stop('start-up failed').then(() => process.exit(1));
});
