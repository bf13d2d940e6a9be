import type { BillingMonth, Product } from '../ids';
import { canonicalDecimal } from './decimal-text';

/** The invoice line kinds that usage (rated records) can produce. */
export type UsageLineKind = 'USAGE' | 'CONNECT_FEE' | 'ADJUSTMENT';

/** What tells one usage line from another; everything else on the line is summed. */
export interface LineIdentity {
  readonly kind: UsageLineKind;
  readonly product: Product;
  /** Canonical decimal: the price per minute, or for CONNECT_FEE the fee per leg. */
  readonly unitPrice: string;
  /** ADJUSTMENT only: the closed month the late usage belongs to; null otherwise. */
  readonly forMonth: BillingMonth | null;
}

const KINDS: readonly UsageLineKind[] = ['USAGE', 'CONNECT_FEE', 'ADJUSTMENT'];
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

// Products come from tariffs; escaping keeps a '|' in a product name from shifting the fields.
// Runs once per rated record: most products have nothing to escape, so skip the regexes then.
const escape = (s: string) =>
  s.indexOf('%') < 0 && s.indexOf('|') < 0 ? s : s.replace(/%/g, '%25').replace(/\|/g, '%7C');
const unescape = (s: string) => s.replace(/%7C/g, '|').replace(/%25/g, '%');

/**
 * A stable string for a line, e.g. `USAGE|sipcore.voice|0.01` or `ADJUSTMENT|sipcore.voice|0.01|2026-01`.
 * It is the Redis hash field the services HINCRBY into, so it must never change for the same line.
 */
export function lineKey(id: LineIdentity): string {
  const head = `${id.kind}|${escape(id.product)}|${canonicalDecimal(id.unitPrice)}`;
  if (id.kind !== 'ADJUSTMENT') {
    if (id.forMonth !== null) throw new RangeError(`${id.kind} line cannot name a month`);
    return head;
  }
  if (id.forMonth === null || !MONTH.test(id.forMonth)) {
    throw new RangeError(`adjustment line needs a YYYY-MM month, got ${id.forMonth}`);
  }
  return `${head}|${id.forMonth}`;
}

/** Reads a key written by lineKey back into its identity (e.g. from a Redis hash); throws on a foreign key. */
export function parseLineKey(key: string): LineIdentity {
  const [kind, product, unitPrice, forMonth, ...rest] = key.split('|');
  const known = KINDS.find((k) => k === kind);
  const arity = known === 'ADJUSTMENT' ? forMonth !== undefined : forMonth === undefined;
  if (!known || !product || unitPrice === undefined || !arity || rest.length > 0) {
    throw new RangeError(`not an invoice line key: "${key}"`);
  }
  const id: LineIdentity = {
    kind: known,
    product: unescape(product) as Product,
    unitPrice: canonicalDecimal(unitPrice),
    forMonth: (forMonth ?? null) as BillingMonth | null,
  };
  if (lineKey(id) !== key) throw new RangeError(`not a canonical invoice line key: "${key}"`);
  return id;
}
