import type { Command } from 'commander';
import {
  addKafkaOptions, closeThroughMessage, CONTROL_HEADER, isBillingMonth, kafkaSettings, resolveIo, topicNames, withKafka,
  type CliIo, type ConnectionFlags,
} from '../../../libs/cli-kafka';
import { CliError } from '../cli-error';

interface CloseMonthFlags extends ConnectionFlags {
  readonly through?: string;
}

const EXAMPLES = `
Sends one control message to every partition of the ledger topic (ledger.rated, or TOPIC_LEDGER):
key "control", an empty value and the header ${CONTROL_HEADER}: close-through:YYYY-MM. Each invoicer
meets it in offset order after the rated records before it, and closes every month up to and
including YYYY-MM (a later rated record of a closed month becomes an adjustment on the next invoice).
Safe to repeat: a month closes once.

Examples:
  $ cdr close-month --through 2026-10
  $ cdr close-month --through "$(date -u -d 'last month' +%Y-%m)"     from a monthly cron job`;

export function registerCloseMonth(program: Command, io: CliIo = {}): void {
  const command = program
    .command('close-month')
    .description('tell the invoicers to close every billing month up to and including --through')
    .option('--through <YYYY-MM>', 'last month to close (required)');
  addKafkaOptions(command)
    .addHelpText('after', EXAMPLES)
    .action(async (flags: CloseMonthFlags) => {
      const { env, out } = resolveIo(io);
      const month = flags.through;
      if (month === undefined) throw new CliError('close-month: --through <YYYY-MM> is required (the last month to close)');
      if (!isBillingMonth(month)) throw new CliError(`close-month: --through must be YYYY-MM (e.g. 2026-10), got "${month}"`);
      const config = kafkaSettings(env, flags);
      const ledger = topicNames(env, flags).ledger;
      const partitions = await withKafka(config, async (session) => {
        // Asking for metadata of a missing topic could auto-create it: look it up in the list first.
        if (!(await session.admin.listTopics()).includes(ledger)) {
          throw new CliError(`close-month: the ledger topic ${ledger} does not exist (see cdr topics create, TOPIC_LEDGER)`, 1);
        }
        const { topics } = await session.admin.fetchTopicMetadata({ topics: [ledger] });
        const ids = (topics[0]?.partitions ?? []).map((p) => p.partitionId).sort((a, b) => a - b);
        const producer = await session.producer();
        await producer.send(ledger, ids.map((partition) => closeThroughMessage(month, partition)));
        return ids;
      });
      out(`close-month: close-through:${month} sent to ${ledger} partitions ${partitions.join(',')}`);
    });
}
