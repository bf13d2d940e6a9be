import type { Command } from 'commander';
import type { CliIo } from '../../libs/cli-kafka';
import type { LagRow } from '../../libs/kafka';
import { registerCloseMonth } from '../../services/cli/commands/close-month';
import { registerLag } from '../../services/cli/commands/lag';
import { registerPublish } from '../../services/cli/commands/publish';
import { registerSchemas } from '../../services/cli/commands/schemas';
import { registerTopics } from '../../services/cli/commands/topics';
import { runCdr } from '../cli-kafka/cli-run';

type Register = (program: Command, io: CliIo) => void;

/**
 * The operator's `cdr` commands, run in-process as test/cli-kafka runs them, against one run's
 * servers (KAFKA_BROKERS, SCHEMA_REGISTRY_URL) and topics (--topic-prefix on every command).
 */
export class OperatorCli {
  constructor(
    private readonly servers: { readonly brokers: readonly string[]; readonly registryUrl: string },
    private readonly topicPrefix: string,
  ) {}

  /** Runs one command and returns its stdout lines; fails, with all it printed, on a non-zero exit. */
  async run(register: Register, args: readonly string[]): Promise<string[]> {
    const env = { KAFKA_BROKERS: this.servers.brokers.join(','), SCHEMA_REGISTRY_URL: this.servers.registryUrl };
    const full = [...args, '--topic-prefix', this.topicPrefix];
    const run = await runCdr(register, full, env);
    if (run.exitCode !== 0 || run.error !== null) {
      throw new Error(`cdr ${full.join(' ')} exited ${run.exitCode}: ${run.error ?? ''}\n${[...run.out, ...run.err].join('\n')}`);
    }
    return run.out;
  }

  createTopics(partitions: number): Promise<string[]> {
    return this.run(registerTopics, ['topics', 'create', '--partitions', String(partitions), '--replication', '1']);
  }

  registerSchemas(): Promise<string[]> {
    return this.run(registerSchemas, ['schemas', 'register']);
  }

  publish(...paths: string[]): Promise<string[]> {
    return this.run(registerPublish, ['publish', ...paths]);
  }

  /** `cdr lag --json --group <group> --topic <topic>...` (a fresh group has no default topics to fall back on). */
  async lag(group: string, topics: readonly string[]): Promise<LagRow[]> {
    const out = await this.run(registerLag, ['lag', '--json', '--group', group, ...topics.flatMap((t) => ['--topic', t])]);
    return JSON.parse(out.join('\n')) as LagRow[];
  }

  closeMonth(through: string): Promise<string[]> {
    return this.run(registerCloseMonth, ['close-month', '--through', through]);
  }
}
