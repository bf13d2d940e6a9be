import type { Env } from '../config';

/**
 * Where an operator command reads its settings and writes its output. Every field is optional:
 * the `cdr` program uses the process's own; tests pass their environment and collect the lines.
 */
export interface CliIo {
  readonly env?: Env;
  readonly out?: (line: string) => void;
  /** Diagnostics (invalid lines, warnings): stderr, so stdout stays the command's result. */
  readonly err?: (line: string) => void;
  /** The stream a progress bar may draw on, when it is a terminal. */
  readonly progressStream?: NodeJS.WriteStream | null;
  readonly setExitCode?: (code: number) => void;
}

export type ResolvedIo = Required<CliIo>;

/** Fills what the caller left out with the process's environment and streams. */
export function resolveIo(io: CliIo = {}): ResolvedIo {
  return {
    env: io.env ?? process.env,
    out: io.out ?? ((line) => void process.stdout.write(`${line}\n`)),
    err: io.err ?? ((line) => void process.stderr.write(`${line}\n`)),
    progressStream: io.progressStream !== undefined ? io.progressStream : process.stderr.isTTY ? process.stderr : null,
    setExitCode: io.setExitCode ?? ((code) => void (process.exitCode = code)),
  };
}
