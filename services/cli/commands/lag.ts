import type { Admin } from 'kafkajs';
import type { Command } from 'commander';
import {
  addKafkaOptions, groupInputs, kafkaSettings, repeatable, resolveIo, topicNames, withKafka, type CliIo, type ConnectionFlags,
} from '../../../libs/cli-kafka';
import { consumerLag, lagTable, type LagRow } from '../../../libs/kafka';
import { CliError } from '../cli-error';

interface LagFlags extends ConnectionFlags {
  readonly group?: string[];
  readonly topic?: string[];
  readonly json?: boolean;
}

const EXAMPLES = `
Lag per consumer group, topic and partition: the high watermark minus the group's committed offset
(a partition never committed, shown as -, counts everything from its low watermark). The topics
are the ones the group has committed on, plus the ones its service reads by default
(cdr-normalizer: cdr.sipcore, cdr.media; cdr-rater: usage.legs; cdr-invoicer: ledger.rated; cdr-invoicer-facts: provisioning, registrations, as
named by TOPIC_*). --topic replaces them.

Examples:
  $ cdr lag                                        all three services' groups
  $ cdr lag --group cdr-rater
  $ cdr lag --group cdr-invoicer-eu --topic ledger.rated
  $ cdr lag --json | jq 'map(.lag) | add'          rows for dashboards and scripts`;

export function registerLag(program: Command, io: CliIo = {}): void {
  const command = program
    .command('lag')
    .description('show consumer lag of the pipeline\'s consumer groups')
    .option('--group <id>', 'consumer group, repeatable (default: cdr-normalizer, cdr-rater, cdr-invoicer, cdr-invoicer-facts)', repeatable)
    .option('--topic <name>', 'topic to report, repeatable (default: the group\'s)', repeatable)
    .option('--json', 'print a JSON array of {group, topic, partition, highWatermark, committedOffset, lag}');
  addKafkaOptions(command)
    .addHelpText('after', EXAMPLES)
    .action(async (flags: LagFlags) => {
      const { env, out } = resolveIo(io);
      const config = kafkaSettings(env, flags);
      const defaults = groupInputs(topicNames(env, flags));
      const groups = flags.group ?? [...defaults.keys()];
      const rows = await withKafka(config, async ({ admin }) => {
        const existing = new Set(await admin.listTopics());
        const all: LagRow[] = [];
        for (const group of groups) {
          const topics = flags.topic ?? (await groupTopics(admin, group, defaults.get(group) ?? [], existing));
          // Without --group, a service whose topics do not exist yet simply has no lag to show.
          if (topics.length === 0 && flags.group === undefined) continue;
          if (topics.length === 0) {
            throw new CliError(`lag: group ${group} has committed no offsets and its default topics do not exist; name them with --topic`);
          }
          all.push(...(await consumerLag(admin, group, topics)));
        }
        return all;
      });
      out(flags.json ? JSON.stringify(rows) : lagTable(rows));
    });
}

/**
 * The topics a group committed on (a real broker lists them; librdkafka's mock lists none) and its
 * defaults, those that exist: a topic not created yet has no lag, and asking for its offsets could
 * auto-create it.
 */
async function groupTopics(admin: Admin, group: string, defaults: readonly string[], existing: ReadonlySet<string>): Promise<string[]> {
  const committed = await admin.fetchOffsets({ groupId: group });
  return [...new Set([...defaults, ...committed.map((t) => t.topic)])].filter((t) => existing.has(t)).sort();
}
