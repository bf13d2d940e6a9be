import { Type } from 'avsc';

/**
 * An avsc Type plus the set of its long types that carry `logicalType: timestamp-millis`.
 * We deliberately register no avsc logical types (timestamps stay epoch-ms numbers, as in the
 * domain types), so avsc forgets the annotation; the type hook remembers which longs had it,
 * which the JSON form needs to accept ISO-8601 strings there.
 */
export interface AvroType {
  readonly type: Type;
  isTimestamp(type: Type): boolean;
}

export function parseAvroType(schema: object): AvroType {
  const timestamps = new WeakSet<Type>();
  const type = Type.forSchema(schema as never, {
    typeHook: (s: unknown) => {
      if (!isTimestampSchema(s)) return undefined;
      const long = Type.forSchema('long');
      timestamps.add(long);
      return long;
    },
  });
  return { type, isTimestamp: (t) => timestamps.has(t) };
}

function isTimestampSchema(s: unknown): boolean {
  if (typeof s !== 'object' || s === null) return false;
  const o = s as { type?: unknown; logicalType?: unknown };
  return o.type === 'long' && o.logicalType === 'timestamp-millis';
}
