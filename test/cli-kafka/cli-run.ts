import { Command, CommanderError } from 'commander';
import type { Env } from '../../libs/config';
import type { CliIo } from '../../libs/cli-kafka';
import { CliError } from '../../services/cli/cli-error';

export interface CliRun {
  readonly out: string[];
  readonly err: string[];
  readonly exitCode: number;
  /** The one line `cdr` prints for a CliError, as main.ts does (`cdr: <message>`), else null. */
  readonly error: string | null;
}

/**
 * Runs one operator command in-process, as `cdr` would: a fresh commander program with the
 * command registered on it, the given environment, and stdout/stderr collected as lines.
 */
export async function runCdr(register: (program: Command, io: CliIo) => void, args: readonly string[], env: Env): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  let exitCode = 0;
  const program = new Command('cdr').exitOverride().configureOutput({
    writeOut: (text) => out.push(...text.trimEnd().split('\n')),
    writeErr: (text) => err.push(...text.trimEnd().split('\n')),
  });
  register(program, {
    env,
    out: (line) => out.push(...line.split('\n')),
    err: (line) => err.push(...line.split('\n')),
    progressStream: null,
    setExitCode: (code) => (exitCode = code),
  });
  try {
    await program.parseAsync(['node', 'cdr', ...args]);
    return { out, err, exitCode, error: null };
  } catch (e) {
    if (e instanceof CommanderError) return { out, err, exitCode: e.exitCode === 0 ? 0 : 2, error: null };
    if (!(e instanceof CliError)) throw e;
    return { out, err, exitCode: e.exitCode, error: `cdr: ${e.message}` };
  }
}
