import type { Type, types } from 'avsc';
import type { AvroType } from './avro-type';
import { shortJson, Unconvertible } from './json-convert';

/**
 * Every reason a value fails its schema, one per field path, in schema order, e.g.
 * `fromKind: "PHONE" is not one of DEVICE, TRUNK, EXTERNAL` or `plans[0].activatedAt: missing`.
 * Only called once a value is known to be invalid: the error hook is avsc's slow path.
 */
export function schemaErrors(avro: AvroType, value: unknown): string[] {
  const errors: string[] = [];
  avro.type.isValid(value, {
    errorHook: (path: string[], any: unknown, type: Type) => {
      errors.push(`${fieldPath(path)}: ${describe(any, type, avro)}`);
    },
  });
  return errors;
}

function fieldPath(path: readonly string[]): string {
  let out = '';
  for (const part of path) out += /^\d+$/.test(part) ? `[${part}]` : out ? `.${part}` : part;
  return out || '(record)';
}

function describe(any: unknown, type: Type, avro: AvroType): string {
  if (any instanceof Unconvertible) return any.reason;
  if (any === undefined) return 'missing';
  if (type.typeName === 'enum') return `${shortJson(any)} is not one of ${(type as types.EnumType).symbols.join(', ')}`;
  return `${shortJson(any)} is not ${expected(type, avro)}`;
}

function expected(type: Type, avro: AvroType): string {
  if (avro.isTimestamp(type)) return 'a timestamp (epoch ms or ISO-8601 string)';
  switch (type.typeName) {
    case 'null':
      return 'null';
    case 'boolean':
      return 'true or false';
    case 'int':
      return 'a 32-bit integer';
    case 'long':
      return 'an integer';
    case 'float':
    case 'double':
      return 'a number';
    case 'string':
      return 'a string';
    case 'bytes':
      return 'a base64 string';
    case 'enum':
      return `one of ${(type as types.EnumType).symbols.join(', ')}`;
    case 'array':
      return 'an array';
    case 'record':
    case 'error':
    case 'map':
      return 'an object';
    default:
      if (type.typeName.startsWith('union')) {
        return (type as types.UnwrappedUnionType).types.map((t) => expected(t, avro)).join(' or ');
      }
      return `a valid ${type.typeName}`;
  }
}
