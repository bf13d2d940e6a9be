import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateMonth, type GenerateOptions } from '../../libs/synthetic';

/** What the benchmark's input is made of; the same parameters always give the same bytes. */
export interface BenchParams {
  readonly sipcore: number;
  readonly accounts: number;
  readonly mediaSessions: number;
  readonly month: string;
  readonly seed: number;
}

export interface BenchInput {
  readonly dir: string;
  /** True when an earlier run's files were reused. */
  readonly reused: boolean;
  /** Time spent generating (0 when reused). */
  readonly seconds: number;
}

interface Manifest {
  readonly params: BenchParams;
  readonly files: readonly { readonly file: string; readonly bytes: number }[];
}

const MANIFEST = 'manifest.json';

/**
 * The input folder for `params` under `root`, generated with generateMonth unless an earlier run
 * left one with the same parameters. The manifest is written last, so a generation that was
 * interrupted is never mistaken for a complete one; file sizes catch a truncated or edited file.
 */
export async function benchInput(root: string, params: BenchParams): Promise<BenchInput> {
  const dir = join(root, `sipcore-${params.sipcore}-accounts-${params.accounts}`);
  if (isComplete(dir, params)) return { dir, reused: true, seconds: 0 };
  rmSync(dir, { recursive: true, force: true });
  const started = performance.now();
  const options: GenerateOptions = { outDir: dir, anomalies: false, format: 'jsonl', ...params };
  const summary = await generateMonth(options);
  const files = summary.files.map(({ file }) => ({ file, bytes: statSync(join(dir, file)).size }));
  const manifest: Manifest = { params, files };
  writeFileSync(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return { dir, reused: false, seconds: (performance.now() - started) / 1000 };
}

function isComplete(dir: string, params: BenchParams): boolean {
  const path = join(dir, MANIFEST);
  if (!existsSync(path)) return false;
  try {
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
    if (JSON.stringify(manifest.params) !== JSON.stringify(params)) return false;
    return manifest.files.every(({ file, bytes }) => existsSync(join(dir, file)) && statSync(join(dir, file)).size === bytes);
  } catch {
    return false; // an unreadable manifest means: generate again
  }
}
