import { parseLineKey, type LineContribution, type LineTotal } from '../domain/invoicing';

/**
 * One invoice line in a Redis hash: three integer fields per line key, summed with HINCRBY.
 * `<lineKey>|s` billed seconds, `|n` records, `|a` amount in nanos (10^-9 currency unit).
 *
 * HINCRBY works on signed 64-bit integers, so a line's amount can reach 2^63 - 1 nanos, about
 * 9.2e9 currency units (9.2 billion dollars or yen on one line of one invoice); the ledger script
 * refuses a record that would take a line past 9.2e18 nanos, or its seconds past 2^53, rather than
 * let Redis fail half-way. Billed seconds stay below 2^53 so they read back as exact JS numbers.
 */

/** The three HINCRBY increments of a contribution, as the ledger script takes them. */
export function increments(c: LineContribution): [key: string, seconds: string, records: string, amount: string] {
  return [c.key, String(c.billedSeconds), String(c.records), c.amountNanos.toString()];
}

/** A totals hash (HGETALL) back into line totals, by key; throws on a field it did not write. */
export function lineTotalsOf(hash: Readonly<Record<string, string>>): LineTotal[] {
  const lines = new Map<string, { s: bigint; n: bigint; a: bigint }>();
  for (const [field, value] of Object.entries(hash)) {
    const key = field.slice(0, -2);
    const figure = field.slice(-1);
    if (field[field.length - 2] !== '|' || (figure !== 's' && figure !== 'n' && figure !== 'a') || !/^-?\d+$/.test(value)) {
      throw new RangeError(`not a line total field: "${field}" = "${value}"`);
    }
    const line = lines.get(key) ?? { s: 0n, n: 0n, a: 0n };
    line[figure] = BigInt(value);
    lines.set(key, line);
  }
  return [...lines.keys()].sort(byText).map((key) => {
    const { s, n, a } = lines.get(key)!;
    return { key, ...parseLineKey(key), billedSeconds: exactNumber(s, key), records: exactNumber(n, key), amountNanos: a };
  });
}

function exactNumber(value: bigint, key: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`line ${key}: ${value} is beyond exact numbers`);
  return n;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
