import type { AccountId, BillingMonth, Currency, EpochMs, Product, TariffId, UsageId } from './ids';
import type { UsageKind } from './usage';
import type { SourceRef } from './source-ref';

/** A usage record priced against the account's tariff (topic `ledger.rated`). Money as decimal strings. */
export interface RatedRecord {
  /** Equal to the usage id: one rated record per usage record, so the ledger can be deduplicated by it. */
  readonly ratedId: UsageId;
  readonly usageId: UsageId;
  readonly accountId: AccountId;
  /** The month, in the account's timezone, in which the usage started. */
  readonly month: BillingMonth;
  readonly product: Product;
  readonly kind: UsageKind;
  readonly startAt: EpochMs;
  readonly billedSeconds: number;
  /** Billed minutes (billedSeconds / 60), at most 6 decimals, rounded half-up; billedSeconds is exact. */
  readonly quantity: string;
  readonly unitPrice: string;
  /** Connect fee charged on this leg, or null. */
  readonly connectFee: string | null;
  /** quantity x unitPrice (+ connect fee), at the tariff's rating precision. */
  readonly amount: string;
  readonly currency: Currency;
  readonly tariffId: TariffId;
  readonly tariffVersion: number;
  readonly source: SourceRef;
  /** Limits this usage went past, e.g. `LIMIT:MAX_CALL_DURATION`; it is still rated. */
  readonly flags: readonly string[];
  /** Why the amount is zero by rule (e.g. PER_CHANNEL billing), null otherwise. */
  readonly zeroRatedReason: string | null;
  /**
   * The usage's SIP Call-ID or media session and the end of its interval [startAt, endAt): the
   * invoicer counts a PER_CHANNEL account's simultaneous calls from them. Optional and nullable, so
   * records of an earlier rater (and hand-built ones) still read.
   */
  readonly callId?: string | null;
  readonly endAt?: EpochMs | null;
}
