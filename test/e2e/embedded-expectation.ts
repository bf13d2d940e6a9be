import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeadLetterCode, Invoice, LimitEvent, Stage } from '../../libs/domain';
import type { DeadLetterLine } from '../../libs/files';
import { runOnFiles } from '../../libs/pipeline';
import { buildSchemas } from '../../libs/schema';

/** A dead letter reduced to what both pipelines must agree on: the source record, the stage and the code. */
export type LetterKey = `${string} ${Stage} ${DeadLetterCode}`;

/** What the embedded pipeline makes of the e2e input: the reference the Kafka path must equal. */
export interface EmbeddedExpectation {
  readonly invoices: readonly Invoice[];
  /** Every invoice file (JSON, CSV and any others) by file name, as bytes. */
  readonly invoiceFiles: ReadonlyMap<string, Buffer>;
  /** The last billing month of any invoice: `cdr close-month --through` closes everything with it. */
  readonly lastMonth: string;
  /** Usage records the normalizer produces: billed, deduplicated, unpriced and failed attempts alike. */
  readonly usageRecords: number;
  /** Distinct rated records, the duplicates of a re-sent CDR counted once. */
  readonly rated: number;
  /** Rated records on the invoices' usage lines, summed. */
  readonly invoicedRecords: number;
  /** Dead letters of the normalize and rate stages (`cdr publish` refuses what fails at ingest). */
  readonly letters: readonly LetterKey[];
  /** What the embedded run writes to limits.jsonl: tariff-plan limit and LINES events. */
  readonly limitEvents: readonly LimitEvent[];
}

/** Runs runOnFiles (the embedded pipeline) on `inputDir`, writing under `outDir`. */
export async function embeddedExpectation(inputDir: string, outDir: string): Promise<EmbeddedExpectation> {
  const run = await runOnFiles({ inputDir, outDir, schemas: buildSchemas() });
  const lines = (await readFile(run.deadLetterFile, 'utf8')).split('\n').filter(Boolean);
  const letters = lines
    .map((line) => JSON.parse(line) as DeadLetterLine)
    .filter((l) => l.stage === 'normalize' || l.stage === 'rate')
    .map((l) => letterKey(sourceIdOf(JSON.parse(l.original) as Record<string, unknown>), l.stage, l.code));
  const rateLetters = letters.filter((l) => l.includes(' rate ')).length;
  return {
    invoices: run.invoices,
    invoiceFiles: await filesOf(run.invoiceDir),
    lastMonth: run.invoices.map((i) => i.month).sort().at(-1)!,
    usageRecords: run.stats.usageRecords + run.stats.duplicates + rateLetters,
    rated: run.stats.rated,
    invoicedRecords: invoicedRecords(run.invoices),
    letters: letters.sort(),
    limitEvents: run.limitEvents,
  };
}

export const letterKey = (sourceId: string, stage: Stage, code: DeadLetterCode): LetterKey => `${sourceId} ${stage} ${code}`;

/** The id a source record goes by: cdrId (SIP core), recordId (media server), sourceId (usage). */
export function sourceIdOf(record: Record<string, unknown>): string {
  const id = record.cdrId ?? record.recordId ?? record.sourceId;
  if (typeof id !== 'string') throw new Error(`record has no cdrId, recordId or sourceId: ${JSON.stringify(record).slice(0, 200)}`);
  return id;
}

/** Rated records counted on usage lines (connect fees count the same records again, so they are left out). */
export function invoicedRecords(invoices: readonly Invoice[]): number {
  return invoices.flatMap((i) => i.lines).filter((l) => l.kind === 'USAGE' || l.kind === 'ADJUSTMENT').reduce((n, l) => n + l.records, 0);
}

/** The files of a folder by name, as bytes; files being written aside (`*.tmp`) are not there yet. */
export async function filesOf(dir: string): Promise<Map<string, Buffer>> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => !n.endsWith('.tmp')).sort();
  return new Map(await Promise.all(names.map(async (n) => [n, await readFile(join(dir, n))] as const)));
}
