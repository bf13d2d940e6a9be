import { createReadStream } from 'node:fs';
import { discoverInputs } from '../../libs/files';
import { runOnFiles } from '../../libs/pipeline';
import { buildSchemas } from '../../libs/schema';
import { isStageName, type StageResult } from './stage-result';

/**
 * One benchmark stage in a process of its own, so that its peak RSS is its own: the parent spawns
 * `node bench-stage.js <stage> <inputDir> <outDir>` and reads one JSON line (a StageResult) back.
 *
 *   baseline  reads the CDR files line by line and JSON.parses each line: no validation, no rating.
 *             The floor of what file input costs; the pipeline can only ever be slower than this.
 *   pipeline  the embedded pipeline (runOnFiles), files in, invoice files out.
 */
async function main(): Promise<void> {
  const [stage, inputDir, outDir] = process.argv.slice(2);
  if (!isStageName(stage) || !inputDir || !outDir) {
    throw new Error('usage: bench-stage <baseline|pipeline> <inputDir> <outDir>');
  }
  const started = performance.now();
  const cdrs = stage === 'baseline' ? await parseOnly(inputDir) : await pipeline(inputDir, outDir);
  const result: StageResult = {
    stage,
    cdrs,
    seconds: (performance.now() - started) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024, // maxRSS is in KiB
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function parseOnly(inputDir: string): Promise<number> {
  const inputs = discoverInputs(inputDir);
  let cdrs = 0;
  for (const file of [...inputs.sipcore, ...inputs.media]) cdrs += await parseLines(file);
  return cdrs;
}

/** The plainest fast line loop: split each chunk on '\n', JSON.parse every non-blank line. */
async function parseLines(file: string): Promise<number> {
  let parsed = 0;
  let carry = '';
  const parse = (line: string) => {
    if (line.trim() === '') return;
    if (typeof JSON.parse(line) === 'object') parsed++; // using the value keeps the parse from being skipped
  };
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }) as AsyncIterable<string>) {
    const text = carry + chunk;
    let from = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
      parse(text.slice(from, nl));
      from = nl + 1;
    }
    carry = text.slice(from);
  }
  parse(carry);
  return parsed;
}

async function pipeline(inputDir: string, outDir: string): Promise<number> {
  const result = await runOnFiles({ inputDir, outDir, schemas: buildSchemas() });
  if (result.invoices.length === 0) throw new Error(`the pipeline made no invoices from ${inputDir}`);
  return result.stats.cdrsRead;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench-stage: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
