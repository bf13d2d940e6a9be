import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordKind } from '../schema';
import { fileFormatOf, recordKindOfFile, type FileFormat } from './file-kinds';

/** The input files of one `run`, by topic, each list sorted by name. */
export interface InputSet {
  readonly sipcore: string[];
  readonly media: string[];
  readonly provisioning: string[];
  readonly registrations: string[];
  readonly accounts: string[];
  readonly tariffs: string[];
}

/** A problem with the input folder itself; its message is one line naming the folder. */
export class InputFilesError extends Error {
  override readonly name = 'InputFilesError';
}

const SLOTS: readonly { kind: RecordKind; slot: keyof InputSet; formats: readonly FileFormat[] }[] = [
  { kind: 'sipcore', slot: 'sipcore', formats: ['jsonl', 'avro'] },
  { kind: 'media', slot: 'media', formats: ['jsonl', 'avro'] },
  { kind: 'provisioning', slot: 'provisioning', formats: ['jsonl', 'avro'] },
  { kind: 'activity', slot: 'registrations', formats: ['jsonl', 'avro'] },
  { kind: 'account', slot: 'accounts', formats: ['json', 'jsonl', 'avro'] },
  { kind: 'tariff', slot: 'tariffs', formats: ['json', 'jsonl', 'avro'] },
];

/**
 * Finds the inputs in a folder (not its subfolders) by file name: cdr.sipcore*.jsonl|.avro,
 * cdr.media*, provisioning*, registrations*, accounts.json|.jsonl, tariffs.json|.jsonl.
 * Accounts and tariffs are required: without them nothing can be rated.
 */
export function discoverInputs(dir: string): InputSet {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new InputFilesError(`input ${dir} is not a folder`);
    names = readdirSync(dir).sort();
  } catch (err) {
    if (err instanceof InputFilesError) throw err;
    throw new InputFilesError(`input folder ${dir} does not exist or cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const found: Record<keyof InputSet, string[]> = {
    sipcore: [], media: [], provisioning: [], registrations: [], accounts: [], tariffs: [],
  };
  for (const name of names) {
    const kind = recordKindOfFile(name);
    const slot = SLOTS.find((s) => s.kind === kind);
    const format = fileFormatOf(name);
    if (slot && format && slot.formats.includes(format)) found[slot.slot].push(join(dir, name));
  }
  const missing = [
    found.accounts.length === 0 ? 'accounts (accounts.json or accounts.jsonl)' : null,
    found.tariffs.length === 0 ? 'tariffs (tariffs.json or tariffs.jsonl)' : null,
  ].filter((m): m is string => m !== null);
  if (missing.length > 0) throw new InputFilesError(`input folder ${dir} has no ${missing.join(' and no ')}`);
  return found;
}
