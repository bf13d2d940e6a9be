import type { EpochMs } from '../ids';
import type { MonthBounds, TariffBook } from '../rating';
import type { Account, PlanAssignment, RecurringCharge, RecurringPrice, Tariff } from '../reference';

/** A plan that prices an account's month, with the tariff version that applies to it. */
export interface MonthPlan {
  readonly plan: PlanAssignment;
  readonly tariff: Tariff;
}

export interface MonthPlans {
  /** The instant whose plans and tariff versions price the month; null when no plan is active in it. */
  readonly pricedAt: EpochMs | null;
  /** Latest activation first, ties by tariffId, as selectRate tries them for usage. */
  readonly plans: readonly MonthPlan[];
  readonly problems: readonly string[];
}

const activeAt = (plan: PlanAssignment, at: EpochMs) => plan.activatedAt <= at && (plan.expiresAt === null || at < plan.expiresAt);
const triedBefore = (a: PlanAssignment, b: PlanAssignment) =>
  b.activatedAt - a.activatedAt || (a.tariffId < b.tariffId ? -1 : a.tariffId > b.tariffId ? 1 : 0);

/**
 * Which plans and tariff versions price a month's recurring charges. Recurring charges are monthly,
 * so they follow the plans the month starts with: those active at the month start, each at the tariff
 * version in effect then (a version or plan change later in the month applies from the next month).
 * An account whose first plan starts during the month would otherwise pay no recurring charge for its
 * first month; there the month is priced at its first plan activation instead.
 * A plan without a version in effect, or priced in another currency than the account, is left out
 * and reported.
 */
export function monthPlans(account: Account, window: MonthBounds, tariffs: TariffBook): MonthPlans {
  const pricedAt = pricingInstant(account, window);
  if (pricedAt === null) return { pricedAt, plans: [], problems: [] };
  const plans: MonthPlan[] = [];
  const problems: string[] = [];
  for (const plan of [...account.plans].filter((p) => activeAt(p, pricedAt)).sort(triedBefore)) {
    const tariff = tariffs.versionAt(plan.tariffId, pricedAt)?.tariff;
    if (tariff === undefined) {
      problems.push(`plan ${plan.tariffId} has no tariff version in effect at ${iso(pricedAt)}`);
    } else if (tariff.currency !== account.currency) {
      problems.push(`plan ${plan.tariffId} v${tariff.version} prices in ${tariff.currency}, account ${account.accountId} is billed in ${account.currency}`);
    } else {
      plans.push({ plan, tariff });
    }
  }
  return { pricedAt, plans, problems };
}

/** The month start when a plan is active then; else the first activation within the month; else null. */
export function pricingInstant(account: Account, window: MonthBounds): EpochMs | null {
  if (account.plans.some((p) => activeAt(p, window.start))) return window.start;
  const starts = account.plans.map((p) => p.activatedAt).filter((at) => at > window.start && at < window.end);
  return starts.length > 0 ? Math.min(...starts) : null;
}

/** The first plan's price for a charge (a FEATURE price must name the feature), as selectRate picks a usage price. */
export function recurringPrice(plans: readonly MonthPlan[], charge: RecurringCharge, feature: string | null = null): RecurringPrice | undefined {
  for (const { tariff } of plans) {
    const price = tariff.recurring.find((p) => p.charge === charge && (charge !== 'FEATURE' || p.feature === feature));
    if (price !== undefined) return price;
  }
  return undefined;
}

const iso = (ms: EpochMs) => new Date(ms).toISOString();
