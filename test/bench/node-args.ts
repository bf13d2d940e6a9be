import { join } from 'node:path';

/**
 * Extra node flags for a benchmark process: with BENCH_CPU_PROFILE=<dir>, each process writes a V8
 * CPU profile into <dir>/<name>/ when it exits (open it in Chrome DevTools or speedscope). NODE_OPTIONS
 * cannot carry --cpu-prof, so the benchmark passes it on the command line.
 */
export function benchNodeArgs(name: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const dir = env.BENCH_CPU_PROFILE;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${join(dir, name)}`] : [];
}
