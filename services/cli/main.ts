#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { CliError } from './cli-error';
import { commands } from './commands';

/** The `cdr` command-line program: the embedded pipeline and the tools around it. */
async function main(argv: string[]): Promise<number> {
  const program = new Command('cdr')
    .description('CDR rating pipeline: normalize, rate and invoice call detail records')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  for (const register of commands) register(program);
  try {
    await program.parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof CliError) {
      process.stderr.write(`cdr: ${err.message}\n`);
      return err.exitCode;
    }
    throw err;
  }
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`cdr: unexpected error: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  },
);
