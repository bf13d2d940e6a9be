import type { BillingMonth } from '../ids';
import { parseNanos, type Nanos } from '../money';
import type { RatedRecord } from '../rated';
import { canonicalDecimal } from './decimal-text';
import { lineKey, type LineIdentity } from './line-key';

/**
 * What one rated record adds to one invoice line. Every figure is an integer that is simply
 * summed, so the same totals come out of a memory map or Redis HINCRBY, in any order.
 */
export interface LineContribution extends LineIdentity {
  /** lineKey(identity), e.g. `USAGE|sipcore.voice|0.01`. */
  readonly key: string;
  /** Billed seconds behind the line; 0 on CONNECT_FEE lines (the seconds sit on the USAGE line). */
  readonly billedSeconds: number;
  readonly records: number;
  /** Exact, unrounded: rounding happens once per invoice line. */
  readonly amountNanos: Nanos;
}

/** Contributions summed per key: the same shape, the figures added up. */
export type LineTotal = LineContribution;

/** The record's month is already closed; it is billed on this open month as an adjustment. */
export interface LateFor {
  readonly invoiceMonth: BillingMonth;
}

function contribution(id: LineIdentity, billedSeconds: number, amountNanos: Nanos): LineContribution {
  return { key: lineKey(id), ...id, billedSeconds, records: 1, amountNanos };
}

/**
 * Splits a rated record into the lines it adds to. On time: a USAGE line (amount without the
 * connect fee) and, when there is one, a CONNECT_FEE line. Late: one ADJUSTMENT line carrying
 * the whole amount (fee included), naming the month the usage belongs to.
 */
export function contributionsOf(rated: RatedRecord, lateFor?: LateFor): LineContribution[] {
  if (!Number.isSafeInteger(rated.billedSeconds) || rated.billedSeconds < 0) {
    throw new RangeError(`rated record ${rated.ratedId}: billedSeconds ${rated.billedSeconds} is not a count`);
  }
  const amount = parseNanos(rated.amount);
  const { product, billedSeconds } = rated;
  const unitPrice = canonicalDecimal(rated.unitPrice);
  if (lateFor) {
    // A caller bug, not bad data: only a month after the record's own can carry it late.
    if (!(lateFor.invoiceMonth > rated.month)) {
      throw new RangeError(`record of ${rated.month} cannot be late on ${lateFor.invoiceMonth}`);
    }
    return [contribution({ kind: 'ADJUSTMENT', product, unitPrice, forMonth: rated.month }, billedSeconds, amount)];
  }
  if (rated.connectFee === null) {
    return [contribution({ kind: 'USAGE', product, unitPrice, forMonth: null }, billedSeconds, amount)];
  }
  const fee = parseNanos(rated.connectFee);
  return [
    contribution({ kind: 'USAGE', product, unitPrice, forMonth: null }, billedSeconds, amount - fee),
    contribution({ kind: 'CONNECT_FEE', product, unitPrice: canonicalDecimal(rated.connectFee), forMonth: null }, 0, fee),
  ];
}

/** Adds a contribution to the running total of its line (undefined starts the line). */
export function addContribution(total: LineTotal | undefined, c: LineContribution): LineTotal {
  if (!total) return { ...c };
  if (total.key !== c.key) throw new RangeError(`cannot add ${c.key} to ${total.key}`);
  const billedSeconds = total.billedSeconds + c.billedSeconds;
  if (!Number.isSafeInteger(billedSeconds)) throw new RangeError(`billed seconds overflow on ${c.key}`);
  return {
    ...total,
    billedSeconds,
    records: total.records + c.records,
    amountNanos: total.amountNanos + c.amountNanos,
  };
}
