import { basename } from 'node:path';
import { RECORD_KIND_SPECS, RECORD_KINDS, type RecordKind } from '../schema';

/** How a record file is laid out: JSON Lines, a JSON array, or an Avro object container. */
export type FileFormat = 'jsonl' | 'json' | 'avro';

const FORMATS: readonly [string, FileFormat][] = [
  ['.jsonl', 'jsonl'],
  ['.ndjson', 'jsonl'],
  ['.json', 'json'],
  ['.avro', 'avro'],
];

export function fileFormatOf(path: string): FileFormat | null {
  const name = basename(path).toLowerCase();
  for (const [ext, format] of FORMATS) if (name.endsWith(ext)) return format;
  return null;
}

/** Topics longest first, so a topic that prefixes another never steals its files. */
const BY_TOPIC = RECORD_KINDS.flatMap((kind) => {
  const topic = RECORD_KIND_SPECS[kind].topic;
  return topic === null ? [] : [{ topic, kind }];
}).sort((a, b) => b.topic.length - a.topic.length);

/**
 * The record kind a file holds, told by its name: files are named after their topic, then
 * optionally a part after '.', '-' or '_' (cdr.sipcore.jsonl, cdr.media-2024-03.avro,
 * accounts.json). Dead-letter files (`*.dlq*`) and unknown names give null.
 */
export function recordKindOfFile(path: string): RecordKind | null {
  const name = basename(path);
  const format = fileFormatOf(name);
  if (format === null || /\.dlq(?:[.\-_]|$)/i.test(name)) return null;
  for (const { topic, kind } of BY_TOPIC) {
    if (!name.startsWith(topic)) continue;
    const next = name.charAt(topic.length);
    if (next === '.' || next === '-' || next === '_') return kind;
  }
  return null;
}
