import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
  /** Fingerprint of the generator's code: input from an older generator is never reused. */
  readonly generator: string;
  readonly files: readonly { readonly file: string; readonly bytes: number }[];
}

const MANIFEST = 'manifest.json';

/**
 * The input folder for `params` under `root`, generated with generateMonth unless an earlier run
 * left one with the same parameters and the same generator code. The manifest is written last, so a generation that was
 * interrupted is never mistaken for a complete one; file sizes catch a truncated or edited file.
 */
export async function benchInput(root: string, params: BenchParams, generator = generatorFingerprint()): Promise<BenchInput> {
  const dir = join(root, `sipcore-${params.sipcore}-accounts-${params.accounts}`);
  if (isComplete(dir, params, generator)) return { dir, reused: true, seconds: 0 };
  rmSync(dir, { recursive: true, force: true });
  const started = performance.now();
  const options: GenerateOptions = { outDir: dir, anomalies: false, format: 'jsonl', ...params };
  const summary = await generateMonth(options);
  const files = summary.files.map(({ file }) => ({ file, bytes: statSync(join(dir, file)).size }));
  const manifest: Manifest = { params, generator, files };
  writeFileSync(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return { dir, reused: false, seconds: (performance.now() - started) / 1000 };
}

function isComplete(dir: string, params: BenchParams, generator: string): boolean {
  const path = join(dir, MANIFEST);
  if (!existsSync(path)) return false;
  try {
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
    if (JSON.stringify(manifest.params) !== JSON.stringify(params) || manifest.generator !== generator) return false;
    return manifest.files.every(({ file, bytes }) => existsSync(join(dir, file)) && statSync(join(dir, file)).size === bytes);
  } catch {
    return false; // an unreadable manifest means: generate again
  }
}

/**
 * A hash of the generator's own files (the .js under dist/ or the .ts under jest): a change to the
 * generator, e.g. tariffs that gained limits, regenerates the input instead of benchmarking stale data.
 */
export function generatorFingerprint(dir = join(__dirname, '..', '..', 'libs', 'synthetic')): string {
  const hash = createHash('sha256');
  const sources = readdirSync(dir).filter((f) => /\.(js|ts)$/.test(f) && !/\.(spec|test)\./.test(f) && !f.endsWith('.d.ts'));
  for (const file of sources.sort()) hash.update(file).update(readFileSync(join(dir, file)));
  return hash.digest('hex').slice(0, 16);
}
