import type { Type, types } from 'avsc';
import type { AvroType } from './avro-type';
import { parseInstant } from './iso-instant';

/** Converts one value of the JSON form towards its Avro value; compiled once per schema. */
export type Convert = (value: unknown) => unknown;

/**
 * A value that could not be converted (a bad ISO timestamp, bad base64). It is left in the
 * record so that the avsc check fails at exactly that path, and the error hook reads the reason.
 */
export class Unconvertible {
  constructor(readonly reason: string) {}
}

/**
 * Compiles the JSON-form decoder of a schema: ISO-8601 strings become epoch ms at every
 * timestamp (also nested, in arrays and in nullable unions), omitted fields take their default,
 * records are rebuilt in schema order (unknown fields are dropped, as an Avro reader does) and
 * base64 strings become bytes. The schema is walked here, once; the returned function is not.
 */
export function compileConvert(avro: AvroType): Convert {
  const memo = new Map<Type, Convert | null>();
  const root = converterOf(avro.type, avro, memo);
  return root ?? ((v) => v);
}

function converterOf(type: Type, avro: AvroType, memo: Map<Type, Convert | null>): Convert | null {
  const known = memo.get(type);
  if (known !== undefined) return known;
  if (avro.isTimestamp(type)) return toEpochMs;
  switch (type.typeName) {
    case 'record':
    case 'error':
      return recordConverter(type as types.RecordType, avro, memo);
    case 'array': {
      const item = converterOf((type as types.ArrayType).itemsType, avro, memo);
      return item && ((v) => (Array.isArray(v) ? v.map((x) => item(x)) : v));
    }
    case 'union:unwrapped': {
      // Only [null, X] is converted: with several non-null branches the JSON value alone
      // cannot say which branch an ISO string or object was meant for.
      const branches = (type as types.UnwrappedUnionType).types.filter((t) => t.typeName !== 'null');
      const only = branches.length === 1 ? converterOf(branches[0]!, avro, memo) : null;
      return only && ((v) => (v === null || v === undefined ? v : only(v)));
    }
    case 'bytes':
      return fromBase64;
    default:
      return null;
  }
}

interface FieldPlan {
  readonly name: string;
  readonly convert: Convert | null;
  /** The default when it is immutable; undefined when there is none or it must be copied. */
  readonly constant: unknown;
  readonly fresh: (() => unknown) | null;
}

function recordConverter(type: types.RecordType, avro: AvroType, memo: Map<Type, Convert | null>): Convert {
  let plans: FieldPlan[] = [];
  const convert: Convert = (v) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const src = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const f of plans) {
      const x = src[f.name];
      if (x !== undefined) out[f.name] = f.convert === null ? x : f.convert(x);
      else out[f.name] = f.fresh === null ? f.constant : f.fresh();
    }
    return out;
  };
  memo.set(type, convert); // before the fields, so a recursive schema finds it
  plans = type.fields.map((field) => {
    const initial: unknown = field.defaultValue();
    const mutable = initial !== null && typeof initial === 'object';
    return {
      name: field.name,
      convert: converterOf(field.type, avro, memo),
      constant: mutable ? undefined : initial,
      fresh: mutable ? () => field.defaultValue() : null,
    };
  });
  return convert;
}

function toEpochMs(v: unknown): unknown {
  if (typeof v === 'number') {
    return Number.isSafeInteger(v) ? v : new Unconvertible(`${v} is not a whole number of epoch milliseconds`);
  }
  if (typeof v === 'string') {
    const ms = parseInstant(v);
    return typeof ms === 'number' ? ms : new Unconvertible(ms);
  }
  if (v === null) return v; // the union (or the long check) decides whether null is allowed
  return new Unconvertible(`${shortJson(v)} is not a timestamp (epoch ms or ISO-8601 string)`);
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function fromBase64(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  if (v.length % 4 !== 0 || !BASE64.test(v)) return new Unconvertible(`${shortJson(v)} is not base64`);
  return Buffer.from(v, 'base64');
}

export function shortJson(v: unknown): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
