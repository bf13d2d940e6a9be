import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { Account, Tariff } from '../../../libs/domain';
// `reference/index`, not `reference`: the latter resolves to the type file libs/domain/reference.ts.
import { validateAccount, validateTariff } from '../../../libs/domain/reference/index';
import { readRecordFile, recordKindOfFile } from '../../../libs/files';
import { buildSchemas, isRecordKind, RECORD_KINDS, type RecordKind, type Schemas } from '../../../libs/schema';
import { CliError } from '../cli-error';

/** Where the command writes and how it ends; injectable so tests can run it in-process. */
export interface ValidateIo {
  readonly out?: (line: string) => void;
  readonly setExitCode?: (code: number) => void;
  readonly schemas?: () => Schemas;
}

export interface ValidateSummary {
  readonly records: number;
  readonly invalid: number;
  readonly files: number;
  /** Files that could not be read to the end (an unreadable Avro container, an I/O error). */
  readonly unreadable: number;
}

const EXAMPLES = `
Files are told apart by name, after their topic: cdr.sipcore*.jsonl|.avro, cdr.media*,
provisioning*, registrations*, accounts.json|.jsonl, tariffs.json|.jsonl (also usage.legs*,
ledger.rated*, invoices*). Accounts and tariffs are also checked against the billing rules.
Every bad record is printed as <file>:<line>: <reason>; the exit code is 1 if any was found.

Examples:
  $ cdr validate                                  check data/sample
  $ cdr validate data/march                       check every record file in a folder
  $ cdr validate data/march/cdr.sipcore.jsonl data/march/tariffs.json
  $ cdr validate --kind media export-0042.jsonl   a file whose name says nothing
`;

export function registerValidate(program: Command, io: ValidateIo = {}): void {
  program
    .command('validate')
    .description('check input files against their Avro schemas and report every invalid record')
    .argument('[paths...]', 'files or folders to check', ['data/sample'])
    .option('-k, --kind <kind>', `record kind of a single file (${RECORD_KINDS.join(', ')})`)
    .addHelpText('after', EXAMPLES)
    .action(async (paths: string[], options: { kind?: string }) => {
      const out = io.out ?? ((line: string) => void process.stdout.write(`${line}\n`));
      const files = resolveFiles(paths, options.kind);
      const schemas = (io.schemas ?? buildSchemas)();
      const summary = await validateFiles(files, schemas, out);
      out(`${summary.records} records checked, ${summary.invalid} invalid in ${summary.files} files`);
      const code = summary.invalid > 0 || summary.unreadable > 0 ? 1 : 0;
      if (io.setExitCode) io.setExitCode(code);
      else process.exitCode = code;
    });
}

export interface KindedFile {
  readonly path: string;
  readonly kind: RecordKind;
}

/** Expands folders and tells each file's kind; every user mistake is one CliError line. */
function resolveFiles(paths: readonly string[], forcedKind: string | undefined): KindedFile[] {
  if (forcedKind !== undefined && !isRecordKind(forcedKind)) {
    throw new CliError(`unknown kind "${forcedKind}" (one of ${RECORD_KINDS.join(', ')})`);
  }
  const files: KindedFile[] = [];
  for (const path of paths) {
    const stat = statOrNull(path);
    if (stat === null) throw new CliError(`no such file or folder: ${path}`);
    if (stat.isDirectory()) {
      if (forcedKind !== undefined) throw new CliError(`--kind applies to a single file, but ${path} is a folder`);
      const inFolder = readdirSync(path).sort().flatMap((name) => {
        const kind = recordKindOfFile(name);
        return kind === null || !statOrNull(join(path, name))?.isFile() ? [] : [{ path: join(path, name), kind }];
      });
      if (inFolder.length === 0) throw new CliError(`no record files in ${path} (names like cdr.sipcore.jsonl or accounts.json; see --help)`);
      files.push(...inFolder);
    } else {
      const kind = forcedKind ?? recordKindOfFile(path);
      if (kind === null) {
        throw new CliError(`cannot tell the record kind of ${path} from its name; name it after its topic (e.g. cdr.sipcore.jsonl) or pass --kind`);
      }
      files.push({ path, kind });
    }
  }
  if (forcedKind !== undefined && files.length !== 1) throw new CliError('--kind applies to a single file');
  return files;
}

export async function validateFiles(
  files: readonly KindedFile[],
  schemas: Schemas,
  out: (line: string) => void,
): Promise<ValidateSummary> {
  let records = 0;
  let invalid = 0;
  let unreadable = 0;
  for (const { path, kind } of files) {
    try {
      for await (const batch of readRecordFile(path, kind, schemas)) {
        for (const { position, entry, result } of batch) {
          records += 1;
          const problems = result.ok ? ruleProblems(kind, result.value) : [result.reason];
          if (problems.length === 0) continue;
          invalid += 1;
          const where = result.ok && entry !== null ? `entry ${entry}: ` : '';
          out(`${path}:${position}: ${where}${problems.join('; ')}`);
        }
      }
    } catch (err) {
      unreadable += 1;
      out(`${path}: cannot be read: ${(err as Error).message}`);
    }
  }
  return { records, invalid, files: files.length, unreadable };
}

/** Business rules beyond the schema, for the kinds that have them. */
function ruleProblems(kind: RecordKind, value: unknown): string[] {
  if (kind === 'account') return validateAccount(value as Account);
  if (kind === 'tariff') return validateTariff(value as Tariff);
  return [];
}

function statOrNull(path: string) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
