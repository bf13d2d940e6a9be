import type { BillingMonth } from '../ids';
import type { InvoiceLineKind } from '../invoice';
import { divRound, type Nanos } from '../money';
import type { LineTotal } from './contribution';
import { trimmedDecimal } from './decimal-text';
import { describeUsageLine } from './line-description';

/**
 * Something to bill on an invoice, before rounding. Usage totals become charges here; recurring
 * charges, setup fees, proration and minimum charges join later as more charges of their kind.
 */
export interface Charge {
  readonly kind: InvoiceLineKind;
  /** Product for usage, charge name for the others (e.g. 'DEVICE'). */
  readonly product: string;
  readonly description: string;
  /** Decimal string: billed minutes for usage, a count for the others. */
  readonly quantity: string;
  readonly unitPrice: string | null;
  /** Exact and unrounded; buildInvoice rounds it once to the currency's minor unit. */
  readonly amountNanos: Nanos;
  readonly billedSeconds: number | null;
  /** Rated records behind the charge; 0 for charges that do not come from usage. */
  readonly records: number;
  readonly forMonth: BillingMonth | null;
}

// Minutes are counted in millionths (6 decimals, as on the rated record) and printed from nanos.
const MICROS = 1_000_000n;
const NANOS_PER_MICRO = 1_000n;

/** billedSeconds / 60 at most 6 decimals, half-up, trailing zeros trimmed: 90 -> "1.5", 61 -> "1.016667". */
export function billedMinutes(billedSeconds: number): string {
  const microMinutes = divRound(BigInt(billedSeconds) * MICROS, 60n, 'HALF_UP');
  return trimmedDecimal(microMinutes * NANOS_PER_MICRO);
}

/** One charge per line total: minutes for USAGE and ADJUSTMENT lines, legs for CONNECT_FEE lines. */
export function usageCharges(totals: readonly LineTotal[]): Charge[] {
  return totals.map((t) => {
    const perLeg = t.kind === 'CONNECT_FEE';
    return {
      kind: t.kind,
      product: t.product,
      description: describeUsageLine(t),
      quantity: perLeg ? String(t.records) : billedMinutes(t.billedSeconds),
      unitPrice: t.unitPrice,
      amountNanos: t.amountNanos,
      billedSeconds: perLeg ? null : t.billedSeconds,
      records: t.records,
      forMonth: t.forMonth,
    };
  });
}
