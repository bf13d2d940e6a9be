import type { Account, Tariff } from '../domain';
import type { Schemas } from '../schema';
import { readRecordFile } from './record-file';

/** A reference entry that failed its schema, e.g. `data/accounts.json:12: entry 3: currency: missing`. */
export interface ReferenceProblem {
  readonly file: string;
  readonly line: number;
  /** 1-based entry index in a JSON array file, null in JSON Lines. */
  readonly entry: number | null;
  readonly code: 'UNPARSEABLE' | 'SCHEMA_INVALID';
  readonly reason: string;
}

export interface Reference<T> {
  readonly values: T[];
  /** Where values[i] was read, so rule problems found later can name the file and line. */
  readonly origins: { readonly file: string; readonly line: number }[];
  readonly errors: ReferenceProblem[];
}

interface ReferenceTypes {
  account: Account;
  tariff: Tariff;
}

/**
 * Reads accounts or tariffs files whole (they are small) and decodes every entry. Entries that
 * fail are returned as errors, never dropped silently; business rules are checked elsewhere.
 */
export async function loadReference<K extends keyof ReferenceTypes>(
  paths: readonly string[],
  kind: K,
  schemas: Schemas,
): Promise<Reference<ReferenceTypes[K]>> {
  const values: ReferenceTypes[K][] = [];
  const origins: { file: string; line: number }[] = [];
  const errors: ReferenceProblem[] = [];
  for (const file of paths) {
    for await (const batch of readRecordFile(file, kind, schemas)) {
      for (const { position, entry, result } of batch) {
        if (result.ok) {
          values.push(result.value as ReferenceTypes[K]);
          origins.push({ file, line: position });
        } else errors.push({ file, line: position, entry, code: result.code, reason: result.reason });
      }
    }
  }
  return { values, origins, errors };
}

export function describeProblem(p: ReferenceProblem): string {
  return `${p.file}:${p.line}: ${p.reason}`;
}
