import type { Account, EpochMs, UsageRecord } from '../../libs/domain';
import { categoryOf, limitsForUsage, type UsageLimits } from '../../libs/domain/limits';
import { categorySlot } from '../../libs/domain/limits/plan-category';
import type { RatingContext } from '../../libs/domain/rating';
import { heldSpan } from '../../libs/pipeline/plan-limits';

/** limitsForUsage's answer for one account and category, and what it was worked out from. */
interface Held {
  readonly account: Account;
  readonly tariffsRevision: number;
  /** The usage starts [from, until) it holds for (heldSpan). */
  readonly from: EpochMs;
  readonly until: EpochMs;
  readonly limits: UsageLimits;
}

/**
 * The limits each account's usage is held to, remembered between usage records and batches:
 * working them out (effectiveLimits over the account's plans, and the billing month) for every
 * record was a few percent of the rater's CPU, for an answer that changes only where a plan
 * starts or ends, an option changes, a tariff version takes effect or the month turns (heldSpan,
 * as the embedded pipeline's PlanLimits), or when the reference topics replace the account or
 * change a tariff. The account object and the TariffBook revision tell the last two apart, so
 * the answer is always the one limitsForUsage gives now.
 */
export class HeldLimits {
  /** accountId -> held limits by categorySlot. */
  private readonly held = new Map<string, (Held | undefined)[]>();

  constructor(private readonly reference: RatingContext) {}

  /** limitsForUsage(account, usage, ...) as the reference data has it now. */
  of(account: Account, usage: UsageRecord): UsageLimits {
    const { tariffs, calendars } = this.reference;
    const category = categoryOf(usage);
    let byCategory = this.held.get(account.accountId);
    if (byCategory === undefined) {
      byCategory = [];
      this.held.set(account.accountId, byCategory);
    }
    const slot = categorySlot(category);
    const last = byCategory[slot];
    const at = usage.startAt;
    if (last !== undefined && last.account === account && last.tariffsRevision === tariffs.revision && at >= last.from && at < last.until) {
      return last.limits;
    }
    const limits = limitsForUsage(account, usage, tariffs, calendars.forZone(account.timezone));
    byCategory[slot] = { account, tariffsRevision: tariffs.revision, ...heldSpan(account, tariffs, at, limits), limits };
    return limits;
  }
}
