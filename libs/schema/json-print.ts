import type { Type, types } from 'avsc';
import type { AvroType } from './avro-type';
import { formatInstant } from './iso-instant';

type Print = (value: unknown) => unknown;

/**
 * Compiles the canonical JSON form of a schema: fields in schema order, every field present
 * (null included), timestamps as ISO-8601 UTC with milliseconds, bytes as base64.
 */
export function compilePrint(avro: AvroType): (value: unknown) => string {
  const memo = new Map<Type, Print | null>();
  const root = printerOf(avro.type, avro, memo) ?? ((v) => v);
  return (value) => JSON.stringify(root(value));
}

function printerOf(type: Type, avro: AvroType, memo: Map<Type, Print | null>): Print | null {
  const known = memo.get(type);
  if (known !== undefined) return known;
  if (avro.isTimestamp(type)) return (v) => (typeof v === 'number' ? formatInstant(v) : v);
  switch (type.typeName) {
    case 'record':
    case 'error':
      return recordPrinter(type as types.RecordType, avro, memo);
    case 'array': {
      const item = printerOf((type as types.ArrayType).itemsType, avro, memo);
      return item && ((v) => (Array.isArray(v) ? v.map((x) => item(x)) : v));
    }
    case 'union:unwrapped': {
      const branches = (type as types.UnwrappedUnionType).types.filter((t) => t.typeName !== 'null');
      const only = branches.length === 1 ? printerOf(branches[0]!, avro, memo) : null;
      return only && ((v) => (v === null || v === undefined ? v : only(v)));
    }
    case 'bytes':
      return toBase64;
    default:
      return null;
  }
}

function recordPrinter(type: types.RecordType, avro: AvroType, memo: Map<Type, Print | null>): Print {
  let fields: { name: string; print: Print | null }[] = [];
  const print: Print = (v) => {
    if (v === null || typeof v !== 'object') return v;
    const src = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      const x = src[f.name] ?? null;
      out[f.name] = f.print === null || x === null ? x : f.print(x);
    }
    return out;
  };
  memo.set(type, print);
  fields = type.fields.map((f) => ({ name: f.name, print: printerOf(f.type, avro, memo) }));
  return print;
}

function toBase64(v: unknown): unknown {
  if (typeof v === 'string') return Buffer.from(v, 'utf8').toString('base64');
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
  return v;
}
