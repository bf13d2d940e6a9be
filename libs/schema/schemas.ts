import type { Type } from 'avsc';
import { parseAvroType } from './avro-type';
import { compileJsonForm, type Decoded, type JsonForm } from './json-form';
import { RECORD_KIND_SPECS, RECORD_KINDS, type KindSpec, type RecordKind, type RecordTypes } from './record-kinds';
import { findSchemasDir, readSchemaFile } from './schema-files';

/** One record kind, ready to use: its avsc Type and its compiled JSON form. */
export interface KindSchema<K extends RecordKind> extends KindSpec {
  readonly kind: K;
  readonly type: Type;
  readonly json: JsonForm<RecordTypes[K]>;
}

/**
 * All record schemas, parsed and compiled once at start-up. Built by a function rather than held
 * in a module-level singleton, so that each composition root (and each test) owns its own.
 */
export interface Schemas {
  /** The schemas/ folder they were read from. */
  readonly dir: string;
  of<K extends RecordKind>(kind: K): KindSchema<K>;
  decodeJson<K extends RecordKind>(kind: K, text: string): Decoded<RecordTypes[K]>;
  decodeJsonValue<K extends RecordKind>(kind: K, value: unknown): Decoded<RecordTypes[K]>;
  toJson<K extends RecordKind>(kind: K, value: RecordTypes[K]): string;
}

type KindSchemas = { [K in RecordKind]: KindSchema<K> };

export function buildSchemas(dir: string = findSchemasDir()): Schemas {
  const built = {} as Record<RecordKind, KindSchema<RecordKind>>;
  for (const kind of RECORD_KINDS) {
    const spec = RECORD_KIND_SPECS[kind];
    const avro = parseAvroType(readSchemaFile(dir, spec.schemaFile));
    built[kind] = { kind, ...spec, type: avro.type, json: compileJsonForm(avro) };
  }
  const kinds = built as KindSchemas;
  return {
    dir,
    of: (kind) => kinds[kind],
    decodeJson: (kind, text) => kinds[kind].json.decode(text),
    decodeJsonValue: (kind, value) => kinds[kind].json.decodeValue(value),
    toJson: (kind, value) => kinds[kind].json.encode(value),
  };
}
