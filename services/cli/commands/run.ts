import { join } from 'node:path';
import type { Command } from 'commander';
import { InputFilesError } from '../../../libs/files';
import { ReferenceDataError, runOnFiles, summaryTable } from '../../../libs/pipeline';
import { buildSchemas, findSchemasDir } from '../../../libs/schema';
import { CliError } from '../cli-error';

/** The sample month shipped with the package, found beside the schemas whatever the working folder. */
export const sampleInputDir = (): string => join(findSchemasDir(), '..', 'data', 'sample');

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('Run the embedded pipeline: normalize, rate and invoice the CDR files of an input folder')
    .option('-i, --input <dir>', 'input folder: accounts.json, tariffs.json, cdr.sipcore*.jsonl|.avro, cdr.media*.jsonl|.avro', sampleInputDir())
    .option('-o, --out <dir>', 'output folder for invoices/, dead-letters.jsonl and ledger.rated.jsonl', 'out')
    .option('--ledger', 'also write every rated record to <out>/ledger.rated.jsonl', false)
    .option('--strict', 'exit with status 1 when any record was dead-lettered', false)
    .addHelpText('after', `
Examples:
  cdr run                                  # the shipped sample month, invoices in ./out/invoices
  cdr run -i data/october -o /tmp/oct      # your own files
  cdr run -i data/october --strict --ledger

Exit status: 0 done, 1 dead letters with --strict, 2 bad flags, missing or invalid input.`)
    .action(async (opts: { input: string; out: string; ledger: boolean; strict: boolean }) => {
      const result = await runOnFiles({
        inputDir: opts.input,
        outDir: opts.out,
        schemas: buildSchemas(),
        keepLedger: opts.ledger,
      }).catch((err: unknown) => {
        if (err instanceof InputFilesError || err instanceof ReferenceDataError) throw new CliError(err.message);
        throw err;
      });
      process.stdout.write(`${summaryTable(result.invoices, result.stats)}\n`);
      process.stdout.write(`invoices: ${result.invoiceDir}/  dead letters: ${result.deadLetterFile}\n`);
      if (opts.strict && result.stats.deadLetters > 0) {
        process.stderr.write(`cdr: --strict: ${result.stats.deadLetters} records were dead-lettered, see ${result.deadLetterFile}\n`);
        process.exitCode = 1;
      }
    });
}
