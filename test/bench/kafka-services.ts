import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { killOnExit, stopChild } from '../support/local-program';
import { cpuSeconds } from './kafka-cpu';
import { benchNodeArgs } from './node-args';

export const SERVICE_NAMES = ['normalizer', 'rater', 'invoicer'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/**
 * One service of the pipeline as operators run it (`node dist/services/<name>/main.js`), its JSON
 * log kept: the 'started' line (written once the consumer has joined its group, just before the
 * first fetch) tells when the service began consuming, by its own clock.
 */
export class BenchService {
  private output = '';
  private started: number | undefined;
  private cpuAtStart: number | undefined;
  private readonly child: ChildProcess;

  constructor(readonly name: ServiceName, distDir: string, private readonly opsPort: number, env: NodeJS.ProcessEnv) {
    const main = join(distDir, 'services', name, 'main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: build with npx tsc -p tsconfig.build.json`);
    const ops = { OPS_HOST: '127.0.0.1', OPS_PORT: String(opsPort) };
    this.child = spawn(process.execPath, [...benchNodeArgs(name, env), main], { env: { ...env, ...ops }, stdio: ['ignore', 'pipe', 'pipe'] });
    killOnExit(this.child);
    this.child.stderr!.setEncoding('utf8').on('data', (text: string) => this.keep(text));
    let partial = '';
    this.child.stdout!.setEncoding('utf8').on('data', (text: string) => {
      this.keep(text);
      const lines = (partial + text).split('\n');
      partial = lines.pop()!;
      if (this.started === undefined) this.findStart(lines);
    });
  }

  /** The 'started' line's time; the CPU used until then (modules loaded, group joined) is not part of the work. */
  private findStart(lines: readonly string[]): void {
    const line = lines.find((l) => l.includes('"msg":"started"'));
    if (line === undefined) return;
    this.started = (JSON.parse(line) as { time: number }).time;
    this.cpuAtStart = cpuSeconds(this.child.pid);
  }

  private keep(text: string): void {
    this.output = (this.output + text).slice(-200_000);
  }

  /** CPU seconds used since it began consuming (Linux only; undefined elsewhere). */
  cpuSinceStart(): number | undefined {
    const now = cpuSeconds(this.child.pid);
    return now === undefined || this.cpuAtStart === undefined ? undefined : now - this.cpuAtStart;
  }

  /** Epoch ms of its 'started' log line, once written. */
  startedAt(): number | undefined {
    return this.started;
  }

  /** records_in_total and the number of batches over all its input topics, from its /metrics. */
  async intake(): Promise<{ records: number; batches: number }> {
    const text = await (await fetch(`http://127.0.0.1:${this.opsPort}/metrics`)).text();
    return { records: sumOf(text, 'records_in_total'), batches: sumOf(text, 'batch_duration_seconds_count') };
  }

  /** Throws, with its last output, when it exited: a benchmark waiting on a dead service waits forever. */
  assertRunning(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) return;
    throw new Error(`${this.name} exited (${this.child.exitCode ?? this.child.signalCode}):\n${this.tail()}`);
  }

  /** Its warnings and errors (pino level >= 40), to show after the run. */
  complaints(): string[] {
    return this.output.split('\n').filter((l) => /"level":(4|5|6)\d/.test(l) || (l !== '' && !l.startsWith('{')));
  }

  tail(chars = 3000): string {
    return this.output.slice(-chars);
  }

  /** SIGTERM (a graceful stop), SIGKILL after `graceMs`. */
  stop(graceMs = 20_000): Promise<void> {
    return stopChild(this.child, graceMs);
  }
}

/** The sum of a metric's samples over all its labels, in Prometheus text. */
function sumOf(text: string, metric: string): number {
  let total = 0;
  for (const [, value] of text.matchAll(new RegExp(`^${metric}(?:\\{[^}]*\\})? (\\S+)$`, 'gm'))) total += Number(value);
  return total;
}
