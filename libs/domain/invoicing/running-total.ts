import type { Nanos } from '../money';
import { addContribution, type LineContribution, type LineTotal } from './contribution';

/**
 * The MonthLedger's running sum of one line, updated in place: addContribution builds a new
 * LineTotal per record, which at a million records a run was the ledger's main cost. Same sums,
 * same overflow check; snapshot() gives what folding addContribution over the records would.
 */
export class RunningTotal {
  readonly #first: LineContribution;
  #billedSeconds: number;
  #records: number;
  #amountNanos: Nanos;

  constructor(first: LineContribution) {
    this.#first = first;
    this.#billedSeconds = first.billedSeconds;
    this.#records = first.records;
    this.#amountNanos = first.amountNanos;
  }

  /** Adds a contribution of this line (the caller looked the line up by its key). */
  add(c: LineContribution): void {
    const billedSeconds = this.#billedSeconds + c.billedSeconds;
    if (!Number.isSafeInteger(billedSeconds)) {
      addContribution(this.snapshot(), c); // throws the overflow error, worded in one place
    }
    this.#billedSeconds = billedSeconds;
    this.#records += c.records;
    this.#amountNanos += c.amountNanos;
  }

  snapshot(): LineTotal {
    return { ...this.#first, billedSeconds: this.#billedSeconds, records: this.#records, amountNanos: this.#amountNanos };
  }
}
