import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { PathResult } from './kafka-report';
import { benchNodeArgs } from './node-args';

export interface PassThroughResult extends PathResult {
  /** CPU seconds of the pass-through process over the timed span. */
  readonly cpuSeconds: number;
}

/** What kafka-pass-through.js is told to do (one JSON argument). */
export interface PassThroughJob {
  readonly from: string;
  readonly to: string;
  readonly groupId: string;
  /** Stop once this many records are forwarded and acknowledged. */
  readonly records: number;
  readonly sessionTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly partitionsConsumedConcurrently: number;
}

/** Runs the pass-through in a process of its own and reads its one JSON result line; its stderr passes through. */
export function runPassThrough(job: PassThroughJob, env: NodeJS.ProcessEnv): Promise<PassThroughResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...benchNodeArgs('pass-through', env), join(__dirname, 'kafka-pass-through.js'), JSON.stringify(job)], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (out += text));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`pass-through exited with ${code}`));
      try {
        const figures = JSON.parse(out.trim().split('\n').pop() ?? '') as Omit<PassThroughResult, 'path'>;
        resolve({ path: 'pass-through', ...figures });
      } catch {
        reject(new Error(`pass-through printed no result: ${JSON.stringify(out.slice(-200))}`));
      }
    });
  });
}
