import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Account, Invoice, LimitEvent, SourceRef, Tariff } from '../domain';
import { rememberingZones, validateAccount, validateTariff } from '../domain/reference/index';
import {
  DeadLetterFile, discoverInputs, loadReference, openLineWriter, readRecordFile, writeInvoiceFiles, writeLimitEvents,
  writeWarnings, type FileRecord, type InputSet, type LineWriter, type Reference, type ReferenceProblem,
} from '../files';
import type { RecordKind, RecordTypes, Schemas } from '../schema';
import { EmbeddedPipeline } from './embedded-pipeline';
import { ReferenceData } from './reference-data';
import type { RunStats } from './run-stats';

export interface FileRunOptions {
  readonly inputDir: string;
  readonly outDir: string;
  readonly schemas: Schemas;
  /** Also write every rated record to `<out>/ledger.rated.jsonl`. */
  readonly keepLedger?: boolean;
}

export interface FileRunResult {
  readonly invoices: Invoice[];
  readonly limitEvents: LimitEvent[];
  readonly warnings: string[];
  readonly stats: RunStats;
  readonly deadLetterFile: string;
  readonly invoiceDir: string;
  /** `<out>/limits.jsonl` (with `limits.csv` beside it). */
  readonly limitsFile: string;
  readonly warningsFile: string;
}

/** Reference data that fails its schema or its rules stops the run: rating against it would mis-bill. */
export class ReferenceDataError extends Error {
  override readonly name = 'ReferenceDataError';
}

/**
 * The embedded pipeline over an input folder: files in; invoice files, limit events, warnings and a
 * dead-letter file out. CDRs first, then provisioning and user activity (all months: provisioning
 * state carries across them); all of it is in before the months are closed.
 */
export async function runOnFiles(options: FileRunOptions): Promise<FileRunResult> {
  const inputs = discoverInputs(options.inputDir);
  const reference = await loadReferenceData(inputs, options.schemas);
  const deadLetterFile = join(options.outDir, 'dead-letters.jsonl');
  const ledgerFile = join(options.outDir, 'ledger.rated.jsonl');
  await Promise.all([rm(deadLetterFile, { force: true }), rm(ledgerFile, { force: true })]);

  const deadLetters = DeadLetterFile.open(deadLetterFile);
  const ledger: LineWriter | null = options.keepLedger ? openLineWriter(ledgerFile) : null;
  let backpressure: Promise<void> | undefined;
  const pipeline = new EmbeddedPipeline(reference, {
    deadLetter: (letter) => void deadLetters.write(letter),
    rated: ledger ? (r) => { backpressure = ledger.write(options.schemas.toJson('rated', r)); } : undefined,
  });
  const pending = () => backpressure;
  try {
    await feed(inputs.sipcore, 'sipcore', options.schemas, pending, (r, s) => pipeline.accept('sipcore', r.result, s, r.original));
    await feed(inputs.media, 'media', options.schemas, pending, (r, s) => pipeline.accept('media', r.result, s, r.original));
    await feed(inputs.provisioning, 'provisioning', options.schemas, pending, (r, s) => pipeline.acceptProvisioning(r.result, s, r.original));
    await feed(inputs.registrations, 'activity', options.schemas, pending, (r, s) => pipeline.acceptActivity(r.result, s, r.original));
  } finally {
    await Promise.all([deadLetters.close(), ledger?.close()]);
  }
  const { invoices, limitEvents, warnings } = pipeline.closeMonths();
  const invoiceDir = join(options.outDir, 'invoices');
  await writeInvoiceFiles(invoiceDir, invoices);
  const limits = await writeLimitEvents(options.outDir, limitEvents);
  const warningsFile = await writeWarnings(options.outDir, warnings);
  return {
    invoices, limitEvents, warnings, stats: pipeline.stats, deadLetterFile, invoiceDir, limitsFile: limits.jsonl, warningsFile,
  };
}

async function feed<K extends RecordKind>(
  files: readonly string[], kind: K, schemas: Schemas, pending: () => Promise<void> | undefined,
  accept: (record: FileRecord<RecordTypes[K]>, source: SourceRef) => void,
): Promise<void> {
  for (const file of files) {
    for await (const batch of readRecordFile(file, kind, schemas)) {
      for (const record of batch) accept(record, { stream: file, partition: 0, position: record.position });
      await pending(); // the ledger file sets the pace when the disk is slower than rating
    }
  }
}

async function loadReferenceData(inputs: InputSet, schemas: Schemas): Promise<ReferenceData> {
  const accounts = await loadReference(inputs.accounts, 'account', schemas);
  const tariffs = await loadReference(inputs.tariffs, 'tariff', schemas);
  const zones = rememberingZones();
  const problems = [
    ...accounts.errors.map(describe),
    ...tariffs.errors.map(describe),
    ...ruleProblems(accounts, (a) => `account ${a.accountId}`, (a) => validateAccount(a, zones)),
    ...ruleProblems(tariffs, (t) => `tariff ${t.tariffId} v${t.version}`, validateTariff),
  ];
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more; run \`cdr validate\` to list them)` : '';
    throw new ReferenceDataError(`invalid reference data: ${problems[0]}${more}`);
  }
  return ReferenceData.of(accounts.values as Account[], tariffs.values as Tariff[]);
}

function describe(p: ReferenceProblem): string {
  return `${p.file}:${p.line}: ${p.reason}`;
}

function ruleProblems<T>(reference: Reference<T>, name: (v: T) => string, validate: (v: T) => string[]): string[] {
  return reference.values.flatMap((v, i) => {
    const { file, line } = reference.origins[i]!;
    return validate(v).map((problem) => `${file}:${line}: ${name(v)}: ${problem}`);
  });
}
