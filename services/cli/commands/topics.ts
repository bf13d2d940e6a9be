import type { Command } from 'commander';
import {
  addKafkaOptions, kafkaSettings, pipelineTopicSpecs, resolveIo, textTable, topicNames, wholeNumber, withKafka, type CliIo, type ConnectionFlags,
} from '../../../libs/cli-kafka';
import { ensureTopics, type TopicReport, type TopicSpec } from '../../../libs/kafka';

interface TopicsFlags extends ConnectionFlags {
  readonly partitions: string;
  readonly replication: string;
}

const EXAMPLES = `
Creates every pipeline topic that does not exist yet, and leaves existing ones as they are:
cdr.sipcore, cdr.media, provisioning, registrations, usage.legs, ledger.rated, invoices, limits,
the dead-letter topics <input>.dlq of every consumed input, and accounts and tariffs with
cleanup.policy=compact. Names follow TOPIC_* as the services read them.

On a cluster that cannot create topics (librdkafka's mock, used by the tests) the topics are
auto-created by the brokers instead; the differences from what was asked are printed as warnings.

Examples:
  $ cdr topics create                                  4 partitions, replication 1 (a dev cluster)
  $ cdr topics create --partitions 12 --replication 3  production
  $ KAFKA_BROKERS=kafka:9092 cdr topics create`;

export function registerTopics(program: Command, io: CliIo = {}): void {
  const topics = program.command('topics').description('manage the pipeline\'s Kafka topics');
  const create = topics
    .command('create')
    .description('create all pipeline topics (compacted accounts and tariffs, dead-letter topics included)')
    .option('--partitions <n>', 'partitions per topic; the most consumers a service group can use', '4')
    .option('--replication <n>', 'replication factor', '1');
  addKafkaOptions(create)
    .addHelpText('after', EXAMPLES)
    .action(async (flags: TopicsFlags) => {
      const { env, out, err } = resolveIo(io);
      const partitions = wholeNumber('topics', '--partitions', flags.partitions, 1, 10_000);
      const replication = wholeNumber('topics', '--replication', flags.replication, 1, 100);
      const config = kafkaSettings(env, flags);
      const specs = pipelineTopicSpecs(topicNames(env, flags), partitions, replication);
      const { report, counts } = await withKafka(config, async ({ admin }) => {
        const report = await ensureTopics(admin, specs);
        const metadata = await admin.fetchTopicMetadata({ topics: specs.map((s) => s.topic) });
        const counts = new Map(metadata.topics.map((t) => [t.name, t.partitions.length]));
        return { report, counts };
      });
      if (report.autoCreated.length > 0) {
        err('topics: this cluster cannot create topics (createTopics unavailable, e.g. librdkafka\'s mock); its brokers auto-created them');
      }
      for (const warning of report.warnings) err(`topics: warning: ${warning}`);
      out(topicsTable(specs, report, counts));
    });
}

/** One row per topic: what exists now, and whether this run created it. */
export function topicsTable(specs: readonly TopicSpec[], report: TopicReport, counts: ReadonlyMap<string, number>): string {
  const status = (topic: string) =>
    report.created.includes(topic) ? 'created' : report.autoCreated.includes(topic) ? 'auto-created' : 'exists';
  const rows = specs.map((s) => [s.topic, String(counts.get(s.topic) ?? '?'), s.compacted ? 'compact' : 'delete', status(s.topic)]);
  return textTable(['TOPIC', 'PARTITIONS', 'CLEANUP', 'STATUS'], rows, [1]);
}
