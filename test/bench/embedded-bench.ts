import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { findSchemasDir } from '../../libs/schema';
import { benchInput, type BenchParams } from './bench-input';
import { countFlag } from './count-flag';
import { stageTable, TARGETS, verdict } from './bench-report';
import { STAGES, type StageName, type StageResult } from './stage-result';

/**
 * `make bench`: a million SIP core CDRs through the embedded pipeline, file to invoices.
 *
 * The input is generated once into .bench/ (reused while its manifest matches). Each stage runs
 * in a child process of its own, one after the other, so that neither its peak memory nor the
 * other's garbage pollutes the figures. A benchmark reports: it exits 0 on FAIL too.
 *
 *   node dist/test/bench/embedded-bench.js [--cdrs N] [--runs N]
 *
 * --cdrs: SIP core CDRs to generate (default 1,000,000). --runs: run each stage N times (default 1)
 * and report its fastest run with the highest peak RSS of all, for a machine that is busy with
 * other work: contention only ever slows a run down.
 */
async function main(): Promise<void> {
  const root = join(findSchemasDir(), '..');
  const args = process.argv.slice(2);
  const params: BenchParams = { sipcore: countFlag(args, '--cdrs', 1_000_000), accounts: 50, mediaSessions: 1000, month: '2026-10', seed: 42 };
  const runs = countFlag(args, '--runs', 1);
  const input = await benchInput(join(root, '.bench'), params);
  process.stdout.write(
    input.reused
      ? `input: ${input.dir} (reused)\n`
      : `input: ${input.dir} (generated in ${input.seconds.toFixed(1)} s)\n`,
  );
  const runsOf = new Map<StageName, StageResult[]>(STAGES.map((stage) => [stage, []]));
  for (let run = 1; run <= runs; run++) {
    for (const stage of STAGES) {
      process.stdout.write(`running ${stage}${runs > 1 ? ` (${run}/${runs})` : ''} ...\n`);
      runsOf.get(stage)!.push(await runStage(stage, input.dir, join(root, '.bench', 'out')));
    }
  }
  const results = STAGES.map((stage) => fastest(runsOf.get(stage)!));
  const pipeline = results.find((r) => r.stage === 'pipeline')!;
  const { text } = verdict(pipeline);
  process.stdout.write(
    `\n${stageTable(results)}\n${runs > 1 ? `(each stage: the fastest of ${runs} runs, the highest peak RSS)\n` : ''}\n` +
      `targets: >= ${TARGETS.cdrsPerSecond.toLocaleString('en-US')} CDRs/s end to end, peak RSS < ${TARGETS.peakRssMb} MB ` +
      `(${process.platform}, ${cpus().length} CPUs, node ${process.version})\n` +
      `${text}\n`,
  );
}

/** The fastest of a stage's runs, carrying the highest peak RSS any run reached. */
function fastest(runs: readonly StageResult[]): StageResult {
  const best = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  return { ...best, peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)) };
}

/** Spawns `bench-stage.js <stage>` and reads its one JSON result line; its stderr passes through. */
function runStage(stage: StageName, inputDir: string, outDir: string): Promise<StageResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, 'bench-stage.js'), stage, inputDir, outDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (out += text));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`stage ${stage} exited with ${code}`));
      try {
        resolve(JSON.parse(last) as StageResult);
      } catch {
        reject(new Error(`stage ${stage} printed no result: ${JSON.stringify(out.slice(-200))}`));
      }
    });
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${(err as Error).message}\n`);
  process.exitCode = 1;
});
