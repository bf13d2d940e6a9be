import type { RawAvroSchema } from '@kafkajs/confluent-schema-registry/dist/@types';
import { readAvroSchema } from '../../libs/registry';
import { Lifecycle, createLogger, deadLetterTopic, startStreamService, startupFailureLine } from '../../libs/runtime';
import { loadConfig, type RaterConfig } from './config';
import { createRateHandler } from './rate-handler';

/** Composition root of the rater: the only place that reads the environment. */
const SERVICE = 'rater';

let config: RaterConfig;
let schemas: { rated: RawAvroSchema; deadLetter: RawAvroSchema };
try {
  config = loadConfig(process.env);
  schemas = { rated: readAvroSchema('RatedRecord'), deadLetter: readAvroSchema('DeadLetter') };
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
  inputs: [topics.usage],
  outputs: { [topics.ledger]: schemas.rated, [deadLetterTopic(topics.usage)]: schemas.deadLetter },
  followTariffs: true,
  handler: ({ avro, producer, metrics, reference }) =>
    createRateHandler({ avro, producer, metrics, reference, ledgerTopic: topics.ledger }),
  exit: (code) => process.exit(code),
}).catch((err: unknown) => {
  logger.fatal({ err }, 'start-up failed');
  void lifecycle.stop('start-up failed').then(() => process.exit(1));
});
