import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { PathResult } from './kafka-report';
import { benchNodeArgs } from './node-args';

/** What kafka-pass-through.js is told to do (one JSON argument). */
export interface PassThroughJob {
  readonly from: string;
  /** Where every consumed message goes; null: consume and commit only. */
  readonly to: string | null;
  /** Copies produced per consumed message, on average (1: a plain copy); see copiesOf. */
  readonly fanOut: number;
  readonly groupId: string;
  /** Stop once this many records are consumed and their copies acknowledged. */
  readonly records: number;
  readonly sessionTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly partitionsConsumedConcurrently: number;
}

/**
 * How many copies of its `index`-th consumed message (from 0) a pass-through produces: 0, 1 or more
 * such that the first n messages make exactly copiesAfter(n, fanOut) copies, in any order of arrival.
 */
export const copiesOf = (index: number, fanOut: number): number => copiesAfter(index + 1, fanOut) - copiesAfter(index, fanOut);

/** Copies made of the first `consumed` messages. */
export const copiesAfter = (consumed: number, fanOut: number): number => Math.floor(consumed * fanOut);

/** The one JSON line kafka-pass-through.js prints at the end. */
export interface PassThroughFigures {
  readonly records: number;
  readonly seconds: number;
  /** CPU seconds of the pass-through process over the timed span. */
  readonly cpuSeconds: number;
  /** Epoch ms of its first consumed batch and of the ack of its N-th record: comparable across processes. */
  readonly firstAt: number;
  readonly doneAt: number;
}

export type PassThroughResult = PathResult & PassThroughFigures;

/** What kafka-pass-through.js prints once its consumer has joined the group. */
export const JOINED_LINE = 'joined';

export interface StartedPassThrough {
  /** Resolves once its consumer has joined the group (and so will see what is produced to `from` from now on). */
  readonly joined: Promise<void>;
  readonly result: Promise<PassThroughResult>;
  /** Ends the process (when a run is given up). */
  kill(): void;
}

/** Runs the pass-through in a process of its own and reads its JSON result line; its stderr passes through. */
export function startPassThrough(job: PassThroughJob, env: NodeJS.ProcessEnv, path = 'pass-through'): StartedPassThrough {
  const child = spawn(process.execPath, [...benchNodeArgs(path, env), join(__dirname, 'kafka-pass-through.js'), JSON.stringify(job)], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  let joined!: () => void;
  const joinedPromise = new Promise<void>((resolve) => (joined = resolve));
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    out += text;
    if (out.startsWith(`${JOINED_LINE}\n`)) joined();
  });
  const result = new Promise<PassThroughResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${path} exited with ${code}`));
      try {
        resolve({ path, ...(JSON.parse(out.trim().split('\n').pop() ?? '') as PassThroughFigures) });
      } catch {
        reject(new Error(`${path} printed no result: ${JSON.stringify(out.slice(-200))}`));
      }
    });
  });
  // A process that dies before joining rejects `joined` too, so no caller waits for ever.
  return { joined: Promise.race([joinedPromise, result.then(() => undefined)]), result, kill: () => child.kill() };
}

export const runPassThrough = (job: PassThroughJob, env: NodeJS.ProcessEnv): Promise<PassThroughResult> => startPassThrough(job, env).result;
