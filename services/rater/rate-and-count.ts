import type { Account, LimitEvent, RatedRecord, UsageRecord } from '../../libs/domain';
import { limitsForUsage, type LimitCounters, type UsageLimits } from '../../libs/domain/limits';
import { rateUsage, type RatingContext } from '../../libs/domain/rating';
import { applyBillingModel } from '../../libs/domain/recurring';
import { withFlags } from '../../libs/pipeline/plan-limits';
import type { Problem } from '../../libs/runtime';

/** How usage is counted for tariff-plan limits: once per usageId, per account, in offset order. */
export interface LimitCounting {
  /** True the first time a usage is offered, false for a copy already counted (it is then marked). */
  firstSeen(usage: UsageRecord): boolean;
  /** The account's counters, to observe its next usage. */
  counters(accountId: string): LimitCounters;
}

/** The limits a usage of an account is held to now (HeldLimits.of remembers them; limitsForUsage works them out). */
export type LimitsOf = (account: Account, usage: UsageRecord) => UsageLimits;

export type UsageOutcome =
  | { readonly kind: 'rejected'; readonly problem: Problem }
  | { readonly kind: 'duplicate' }
  /** `rated` is null for a failed attempt: it only feeds the counters. */
  | { readonly kind: 'counted'; readonly rated: RatedRecord | null; readonly events: readonly LimitEvent[] };

const DUPLICATE: UsageOutcome = Object.freeze({ kind: 'duplicate' });

/**
 * One usage record through the same chain as the embedded pipeline (libs/pipeline/embedded-pipeline.ts,
 * normalizeAndRate): rate it; what cannot be rated is rejected (dead letter) and never counted;
 * a usage seen before is a duplicate; otherwise its account's limit counters observe it (a failed
 * attempt too), its rated record carries the flags (withFlags: sorted, as the embedded pipeline
 * writes them), and a PER_CHANNEL account's call legs are zero-rated (applyBillingModel) after
 * that, so their minutes still count for limits. The limits come from `limitsOf`: the handler passes
 * HeldLimits, which keeps them while neither time nor the reference data can change them (accounts and
 * tariffs change while the service runs); left out, they are worked out for every usage.
 */
export function rateAndCount(
  usage: UsageRecord,
  reference: RatingContext,
  counting: LimitCounting,
  limitsOf: LimitsOf = (account, u) => limitsForUsage(account, u, reference.tariffs, reference.calendars.forZone(account.timezone)),
): UsageOutcome {
  const rating = rateUsage(usage, reference);
  if (!rating.ok) return { kind: 'rejected', problem: { code: rating.code, reason: `${usage.usageId}: ${rating.reason}` } };
  const account = reference.account(usage.accountId);
  if (account === undefined) {
    // Only a failed attempt gets here (rating checks the account of anything it bills).
    const reason = `${usage.usageId}: account ${usage.accountId} is not known; its failed attempt cannot count for its limits`;
    return { kind: 'rejected', problem: { code: 'UNKNOWN_ACCOUNT', reason } };
  }
  // Marked seen only once rated, so a dead-lettered usage can be replayed later and still count.
  if (!counting.firstSeen(usage)) return DUPLICATE;

  const { flags, events } = counting.counters(account.accountId).observe(usage, limitsOf(account, usage));
  if (rating.rated === null) return { kind: 'counted', rated: null, events };
  return { kind: 'counted', rated: applyBillingModel(withFlags(rating.rated, flags), account), events };
}
