import type { Command } from 'commander';
import {
  generateMonth, type GenerateOptions, type GenerateSummary, MEDIA_SESSIONS_PER_ACCOUNT, MIN_ACCOUNTS_FOR_ANOMALIES, SIPCORE_PER_ACCOUNT,
} from '../../../libs/synthetic';
import { CliError } from '../cli-error';

/** The flags as commander hands them over: strings, or undefined when not given. */
export interface GenerateFlags {
  out?: string;
  accounts?: string;
  month?: string;
  seed?: string;
  sipcore?: string;
  mediaSessions?: string;
  anomalies?: boolean;
  format?: string;
}

/** The traffic curve keeps hours x accounts weights in memory; beyond this it stops being small. */
const MAX_ACCOUNTS = 10_000;

const EXAMPLES = `
Examples:
  $ cdr generate --out data/sample --anomalies
      3 accounts (acme, globex, initech), October 2026, seed 42, with the bad records injected
  $ cdr generate --out /tmp/month --accounts 50 --sipcore 1000000
      the benchmark's input: a million SIP core CDRs over 50 accounts
  $ cdr generate --out /tmp/nov --month 2026-11 --seed 7 --format avro
      Avro object container files (.avro) instead of JSON Lines for the four record streams

Writes accounts.json, tariffs.json, cdr.sipcore, cdr.media, provisioning and registrations
(.jsonl or .avro), named after their Kafka topics. The same flags always give the same bytes.`;

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('write a realistic synthetic month of input (CDRs, events, accounts, tariffs) into a folder')
    .option('--out <dir>', 'folder to write into, created if missing (required)')
    .option('--accounts <n>', 'number of accounts', '3')
    .option('--month <YYYY-MM>', 'the calendar month to fill (UTC)', '2026-10')
    .option('--seed <n>', 'random seed; the same seed gives byte-identical files', '42')
    .option('--sipcore <n>', `SIP core CDRs in all (default: ${SIPCORE_PER_ACCOUNT} per account)`)
    .option('--media-sessions <n>', `media-server sessions in all (default: ${MEDIA_SESSIONS_PER_ACCOUNT} per account)`)
    .option('--anomalies', 'inject bad and edge-case records (see data/sample/README.md)')
    .option('--format <format>', 'record file format: jsonl or avro', 'jsonl')
    .addHelpText('after', EXAMPLES)
    .action(async (flags: GenerateFlags) => {
      const options = parseGenerateFlags(flags);
      const summary = await generateMonth(options);
      process.stderr.write(`${describeSummary(options, summary)}\n`);
    });
}

/** Validates the flags into library options; a bad value is a CliError naming the flag and its accepted form. */
export function parseGenerateFlags(flags: GenerateFlags): GenerateOptions {
  if (!flags.out) throw new CliError('generate: --out <dir> is required (the folder to write the files into)');
  const accounts = count(flags.accounts ?? '3', '--accounts', 1, MAX_ACCOUNTS);
  const month = flags.month ?? '2026-10';
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
    throw new CliError(`generate: --month must be YYYY-MM (e.g. 2026-10), got "${month}"`);
  }
  const format = flags.format ?? 'jsonl';
  if (format !== 'jsonl' && format !== 'avro') {
    throw new CliError(`generate: --format must be jsonl or avro, got "${format}"`);
  }
  const anomalies = flags.anomalies === true;
  if (anomalies && accounts < MIN_ACCOUNTS_FOR_ANOMALIES) {
    throw new CliError(`generate: --anomalies needs --accounts ${MIN_ACCOUNTS_FOR_ANOMALIES} or more (it uses acme, globex and initech), got ${accounts}`);
  }
  return {
    outDir: flags.out,
    accounts,
    month,
    seed: count(flags.seed ?? '42', '--seed', 0),
    sipcore: flags.sipcore === undefined ? accounts * SIPCORE_PER_ACCOUNT : count(flags.sipcore, '--sipcore', 0),
    mediaSessions: flags.mediaSessions === undefined
      ? accounts * MEDIA_SESSIONS_PER_ACCOUNT : count(flags.mediaSessions, '--media-sessions', 0),
    anomalies,
    format,
  };
}

function count(text: string, flag: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
    throw new CliError(`generate: ${flag} must be a whole number ${range}, got "${text}"`);
  }
  return n;
}

/** One line: where, what (count per file) and how it was made. */
export function describeSummary(o: GenerateOptions, s: GenerateSummary): string {
  const files = s.files.map((f) => `${f.file} ${f.records}`).join(', ');
  const how = `seed ${o.seed}, month ${o.month}${o.anomalies ? ', with anomalies' : ''}`;
  const skipped = s.skippedAnomalies.length > 0 ? `; not representable in ${o.format}, skipped: ${s.skippedAnomalies.join(', ')}` : '';
  return `generate: wrote ${o.outDir}: ${files} (${how})${skipped}`;
}
