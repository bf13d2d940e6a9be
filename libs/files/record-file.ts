import { readFile } from 'node:fs/promises';
import type { Decoded, RecordKind, RecordTypes, Schemas } from '../schema';
import { readAvroContainer } from './avro-container';
import { fileFormatOf, type FileFormat } from './file-kinds';
import { arrayEntryLines, lineOfParseError } from './json-array-lines';
import { readJsonLines } from './json-lines-reader';

/** One record of a file, decoded or not, with where it came from and what it was. */
export interface FileRecord<T> {
  /** 1-based line (JSON Lines, and the entry's first line in a JSON array) or record index (Avro). */
  readonly position: number;
  /** 1-based index of the entry in a JSON array file; null for the other formats. */
  readonly entry: number | null;
  readonly result: Decoded<T>;
  /** The line's text, the entry's JSON, or the Avro record's bytes. */
  readonly original: string | Buffer;
}

export interface ReadRecordsOptions {
  readonly format?: FileFormat;
  readonly batchSize?: number;
}

/**
 * Reads a record file of one kind in batches, whatever its format (by extension unless given).
 * Blank lines are not records and are skipped (their numbers still count). An Avro file whose
 * writer schema cannot be read as the kind's schema throws, naming the file.
 */
export async function* readRecordFile<K extends RecordKind>(
  path: string,
  kind: K,
  schemas: Schemas,
  options: ReadRecordsOptions = {},
): AsyncGenerator<FileRecord<RecordTypes[K]>[]> {
  const format = options.format ?? fileFormatOf(path);
  const json = schemas.of(kind).json;
  if (format === 'jsonl' || format === null) {
    for await (const { lines, firstLine } of readJsonLines(path, { batchSize: options.batchSize })) {
      const batch: FileRecord<RecordTypes[K]>[] = [];
      for (let i = 0; i < lines.length; i++) {
        const text = lines[i]!;
        if (text.trim() === '') continue;
        batch.push({ position: firstLine + i, entry: null, result: json.decode(text), original: text });
      }
      if (batch.length > 0) yield batch;
    }
  } else if (format === 'avro') {
    const readerType = schemas.of(kind).type;
    for await (const { values, raw, firstIndex } of readAvroContainer<RecordTypes[K]>(path, { readerType, batchSize: options.batchSize })) {
      yield values.map((value, i) => ({ position: firstIndex + i, entry: null, result: { ok: true, value }, original: raw[i]! }));
    }
  } else {
    yield* readJsonArray(await readFile(path, 'utf8'), json.decodeValue, options.batchSize ?? 1000);
  }
}

function* readJsonArray<T>(
  text: string,
  decodeValue: (value: unknown) => Decoded<T>,
  batchSize: number,
): Generator<FileRecord<T>[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    const reason = `not valid JSON: ${(err as Error).message}`;
    yield [{ position: lineOfParseError(text, err as Error), entry: null, result: { ok: false, code: 'UNPARSEABLE', reason }, original: text }];
    return;
  }
  // A single object is a one-entry file, e.g. one invoice.
  const entries = Array.isArray(parsed) ? parsed : [parsed];
  const lines = Array.isArray(parsed) ? arrayEntryLines(text) : [1];
  for (let start = 0; start < entries.length; start += batchSize) {
    const batch = entries.slice(start, start + batchSize).map((value, i) => {
      const entry = start + i + 1;
      const result = decodeValue(value);
      const located: Decoded<T> = result.ok ? result : { ...result, reason: `entry ${entry}: ${result.reason}` };
      return { position: lines[entry - 1] ?? 1, entry, result: located, original: JSON.stringify(value) };
    });
    yield batch;
  }
}
