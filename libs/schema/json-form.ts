import type { AvroType } from './avro-type';
import { compileConvert } from './json-convert';
import { compilePrint } from './json-print';
import { schemaErrors } from './schema-errors';

/** The result of decoding one record: the value, or why it is not one (a dead-letter code and reason). */
export type Decoded<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: 'UNPARSEABLE' | 'SCHEMA_INVALID'; readonly reason: string };

/**
 * The JSON form of one record type (SPEC 2): one object per line, timestamps as epoch ms or
 * ISO-8601 strings, fields with a default (all nullable ones) may be omitted.
 */
export interface JsonForm<T> {
  /** Decodes one line of JSON text. */
  decode(text: string): Decoded<T>;
  /** Decodes an already parsed value (an entry of a JSON array file). Never mutates it. */
  decodeValue(value: unknown): Decoded<T>;
  /** The canonical JSON text: schema field order, ISO-8601 UTC timestamps with milliseconds. */
  encode(value: T): string;
}

/** Compiles the JSON form of a schema once; the returned functions do no schema walking. */
export function compileJsonForm<T>(avro: AvroType): JsonForm<T> {
  const convert = compileConvert(avro);
  const { type } = avro;

  const decodeValue = (value: unknown): Decoded<T> => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return { ok: false, code: 'UNPARSEABLE', reason: `not a JSON object but ${kindOf(value)}` };
    }
    const converted = convert(value);
    if (type.isValid(converted)) return { ok: true, value: converted as T };
    return { ok: false, code: 'SCHEMA_INVALID', reason: schemaErrors(avro, converted).join('; ') };
  };

  const decode = (text: string): Decoded<T> => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      return { ok: false, code: 'UNPARSEABLE', reason: `not valid JSON: ${(err as Error).message}` };
    }
    return decodeValue(parsed);
  };

  return { decode, decodeValue, encode: compilePrint(avro) };
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
