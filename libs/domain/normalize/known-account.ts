import type { AccountId } from '../ids';
import { violation } from '../dead-letter';
import type { RawCdr } from '../records';
import type { SourceRef } from '../source-ref';
import { normalize } from './normalize';
import type { NormalizeOutcome } from './outcome';

/**
 * Normalizes a CDR only when its account is known (SPEC 3: a missing account is invalid input).
 * Checked once per CDR, before any usage is made, so a two-leg call of an unknown account is one
 * dead letter and an unanswered one is not silently counted as a failed attempt.
 */
export function normalizeForAccount(
  raw: RawCdr,
  source: SourceRef,
  isKnownAccount: (accountId: AccountId) => boolean,
): NormalizeOutcome {
  const { accountId } = raw.record;
  if (accountId && !isKnownAccount(accountId)) {
    return violation('UNKNOWN_ACCOUNT', `account ${accountId} is not known; the CDR cannot be billed to anyone`);
  }
  return normalize(raw, source);
}
