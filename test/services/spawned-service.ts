import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { killOnExit } from '../support/local-program';
import { waitFor } from '../support/wait-for';

const ROOT = resolve(__dirname, '../..');

/** The compiled entry point of a service, as operators run it; fails (never skips) when it was not built. */
export function serviceMain(name: string): string {
  const main = join(ROOT, 'dist', 'services', name, 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run make setup (it builds dist/ with npx tsc -p tsconfig.build.json)`);
  return main;
}

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/**
 * A service running as a child process from dist/, with only the environment given (plus PATH),
 * its output kept for assertions and for the failure message of a test that waited in vain.
 */
export class SpawnedService {
  stdout = '';
  stderr = '';
  readonly exited: Promise<Exit>;
  private readonly child: ChildProcess;

  constructor(readonly name: string, env: Record<string, string>) {
    this.child = spawn(process.execPath, [serviceMain(name)], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    killOnExit(this.child);
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (this.stdout += chunk));
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    this.exited = new Promise((resolveExit) => this.child.once('exit', (code, signal) => resolveExit({ code, signal })));
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Resolves once its /readyz on `port` answers 200; fails with its output if it exits or takes too long. */
  async untilReady(port: number, timeoutMs = 40_000): Promise<this> {
    const ready = async () => {
      if (!this.running) throw new Error(`${this.name} exited`);
      return (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined))?.status === 200;
    };
    try {
      await waitFor(ready, { what: `${this.name} to be ready`, timeoutMs, intervalMs: 200 });
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${this.tail()}`);
    }
    return this;
  }

  /** The JSON log lines it wrote so far (pino, one object per line). */
  logs(): Array<Record<string, unknown>> {
    return this.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  /** SIGKILL if still running; for cleanup after a failed test. */
  async kill(): Promise<void> {
    if (this.running) this.child.kill('SIGKILL');
    await this.exited;
  }

  /** The last lines of its output, to explain a timeout. */
  tail(lines = 15): string {
    return `${this.name} stdout:\n${this.stdout.split('\n').slice(-lines).join('\n')}\n${this.name} stderr:\n${this.stderr.slice(-2000)}`;
  }
}
