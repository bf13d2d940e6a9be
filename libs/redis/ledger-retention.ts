/**
 * How long the invoicer keeps an account-month's keys (totals, seen ratedIds, call legs, licences)
 * once its invoice is out: LEDGER_RETENTION_DAYS, 400 by default (13 months and a margin: a year of
 * replays, audits and disputes after the month, at a memory cost of about 13 months per account).
 *
 * The `seen` set is the ratedId dedup, so retention is also how long a re-sent record of an invoiced
 * month is still recognised: once the keys have expired, the same ratedId arriving again is an
 * adjustment line like any late record (nothing can tell it from one). Retention must therefore
 * exceed how far back the ledger can be replayed (ledger.rated's Kafka retention, operator replays).
 * A late record restarts its `seen` set's time, so it too is remembered for the whole retention.
 */
export const DEFAULT_LEDGER_RETENTION_DAYS = 400;
/** Kafka's default topic retention (retention.ms): a shorter window would recount a plain replay. */
export const MIN_LEDGER_RETENTION_DAYS = 7;
export const MAX_LEDGER_RETENTION_DAYS = 3660;

const SECONDS_PER_DAY = 86_400;

export interface LedgerRetention {
  /** Days an invoiced month's keys live on; DEFAULT_LEDGER_RETENTION_DAYS when not given. */
  readonly retentionDays?: number;
}

/** The EXPIRE of an invoiced month's keys, in seconds; throws RangeError outside the allowed days. */
export function retentionSeconds({ retentionDays = DEFAULT_LEDGER_RETENTION_DAYS }: LedgerRetention = {}): number {
  if (!Number.isSafeInteger(retentionDays) || retentionDays < MIN_LEDGER_RETENTION_DAYS || retentionDays > MAX_LEDGER_RETENTION_DAYS) {
    throw new RangeError(`ledger retention must be ${MIN_LEDGER_RETENTION_DAYS} to ${MAX_LEDGER_RETENTION_DAYS} days, not ${retentionDays}`);
  }
  return retentionDays * SECONDS_PER_DAY;
}
