import { join } from 'node:path';
import type { Command } from 'commander';
import {
  addKafkaOptions, addRegistryOption, kafkaAndRegistrySettings, publishFiles, publishProgress, publishRecordFiles, registerTopicSchemas,
  resolveIo, wholeNumber, withKafka, topicNames, topicSchemaNames, type CliIo, type ConnectionFlags, type PublishResult,
} from '../../../libs/cli-kafka';
import { buildSchemas, findSchemasDir } from '../../../libs/schema';

interface PublishFlags extends ConnectionFlags {
  readonly strict?: boolean;
  readonly batch: string;
}

const EXAMPLES = `
Files are told apart by name, after their topic: accounts.json|.jsonl, tariffs.json|.jsonl,
cdr.sipcore*, cdr.media*, provisioning*, registrations* (.jsonl, or .avro containers). Accounts
and tariffs go first, so services reading them see the reference data before the CDRs.
Keys: accountId, and tariffId:version for tariffs. Each record is checked against its schema
(and accounts/tariffs against the billing rules); a bad one is reported as <file>:<line>: <reason>
and not published.

Connection: KAFKA_BROKERS, KAFKA_SSL*, KAFKA_SASL_*, SCHEMA_REGISTRY_URL/_USERNAME/_PASSWORD
(as the services read them); --brokers and --registry override. Topic names: TOPIC_* as the services.

Examples:
  $ cdr publish                                        the shipped sample month (data/sample)
  $ cdr publish data/october --strict                  exit 1 if any record was not published
  $ cdr publish data/october/cdr.sipcore.jsonl data/october/accounts.json
  $ cdr publish --brokers localhost:9092 --registry http://localhost:8081

Exit status: 0 done, 1 bad records with --strict or Kafka/registry failure, 2 bad flags or settings.`;

/** The sample month shipped with the package, found beside the schemas whatever the working folder. */
const sampleDir = (): string => join(findSchemasDir(), '..', 'data', 'sample');

export function registerPublish(program: Command, io: CliIo = {}): void {
  const command = program
    .command('publish')
    .description('publish input files (CDRs, provisioning, registrations, accounts, tariffs) to their Kafka topics, Avro-encoded')
    .argument('[paths...]', 'files or folders to publish (default: data/sample)')
    .option('--strict', 'exit with status 1 when any record was invalid and not published')
    .option('--batch <n>', 'records per produce call', '500');
  addRegistryOption(addKafkaOptions(command))
    .addHelpText('after', EXAMPLES)
    .action(async (paths: string[], flags: PublishFlags) => {
      const { env, out, err, progressStream, setExitCode } = resolveIo(io);
      const batchSize = wholeNumber('publish', '--batch', flags.batch, 1, 100_000);
      const settings = kafkaAndRegistrySettings(env, flags);
      const topics = topicNames(env, flags);
      const files = publishFiles(paths.length > 0 ? paths : [sampleDir()], topics);
      const schemaNames = topicSchemaNames(topics);
      const used = Object.fromEntries([...new Set(files.map((f) => f.topic))].map((topic) => [topic, schemaNames[topic]!]));
      const avro = await registerTopicSchemas(settings.registry, used);
      const progress = await publishProgress(files, progressStream, err);
      const result = await withKafka(settings.kafka, async (session) => {
        const producer = await session.producer();
        return publishRecordFiles(files, { schemas: buildSchemas(), avro, producer, batchSize }, {
          invalid: (where, reason) => progress.note(`${where}: ${reason}`),
          progress: (count) => progress.advance(count),
        });
      }).finally(() => progress.stop());
      out(publishSummary(result));
      if (flags.strict && result.invalid > 0) {
        err(`cdr: --strict: ${result.invalid} records were invalid and not published`);
        setExitCode(1);
      }
    });
}

/** `published 3 to accounts, 4 to tariffs, 306 to cdr.sipcore; 2 invalid records not published`. */
export function publishSummary({ published, invalid }: PublishResult): string {
  const counts = [...published].map(([topic, count]) => `${count} to ${topic}`).join(', ');
  const notPublished = invalid > 0 ? `; ${invalid} invalid records not published` : '';
  return `published ${counts || 'nothing'}${notPublished}`;
}
