import type { EpochMs, TariffId } from '../ids';
import type { Limits, PlanAssignment, PlanCategory, PlanOption } from '../reference';
import type { TariffBook } from '../rating/tariff-book';
import { FREE_PLAN_LIMITS } from './free-plan';
import { CATEGORY_OPTIONS } from './plan-category';
import { planOptionValue, type OptionValue } from './plan-option';

/** The limit that holds for one option, and the plan it comes from (null: the built-in free plan). */
export interface OptionLimit extends OptionValue {
  readonly planTariffId: TariffId | null;
}

/** Option -> its limit; an option left out is not limited. */
export type EffectiveLimits = Readonly<Partial<Record<PlanOption, OptionLimit>>>;

interface Contender {
  readonly plan: PlanAssignment;
  readonly limits: Limits;
}

/**
 * The limits an account's usage of `category` is held to at `at` (SPEC 5, seed 002).
 *  - A plan counts when active (activatedAt <= at < expiresAt, null = open ended), its tariff has a
 *    version in effect at `at` with `limits` set (null limits: a rate card only) and lists the category.
 *  - Each option takes the highest value among them; on a tie, the plan that expires first (null =
 *    never), then the lower tariffId, is the one named. A window travels with the value it came with.
 *  - No such plan: the free plan's limits for the category.
 */
export function effectiveLimits(
  plans: readonly PlanAssignment[],
  category: PlanCategory,
  at: EpochMs,
  tariffs: TariffBook,
): EffectiveLimits {
  const contenders: Contender[] = [];
  for (const plan of plans) {
    if (plan.activatedAt > at || (plan.expiresAt !== null && at >= plan.expiresAt)) continue;
    const tariff = tariffs.versionAt(plan.tariffId, at)?.tariff;
    if (tariff?.limits == null || !tariff.categories.includes(category)) continue;
    contenders.push({ plan, limits: tariff.limits });
  }
  if (contenders.length === 0) return freePlanLimits(category);

  const result: Partial<Record<PlanOption, OptionLimit>> = {};
  for (const option of CATEGORY_OPTIONS[category]) {
    let best: { readonly value: OptionValue; readonly plan: PlanAssignment } | undefined;
    for (const { plan, limits } of contenders) {
      const value = planOptionValue(limits, plan.options, option, at);
      if (value === null) continue;
      if (best === undefined || value.value > best.value.value || (value.value === best.value.value && namedFirst(plan, best.plan))) {
        best = { value, plan };
      }
    }
    if (best !== undefined) result[option] = { ...best.value, planTariffId: best.plan.tariffId };
  }
  return result;
}

/** The free plan's limits for a category, named by no plan (planTariffId null). */
export function freePlanLimits(category: PlanCategory): EffectiveLimits {
  const result: Partial<Record<PlanOption, OptionLimit>> = {};
  for (const option of CATEGORY_OPTIONS[category]) {
    const value = planOptionValue(FREE_PLAN_LIMITS, [], option, 0);
    if (value !== null) result[option] = { ...value, planTariffId: null };
  }
  return result;
}

/** Of two plans with the same value, the one that expires first is named; then the lower tariffId. */
function namedFirst(a: PlanAssignment, b: PlanAssignment): boolean {
  const aEnd = a.expiresAt ?? Number.POSITIVE_INFINITY;
  const bEnd = b.expiresAt ?? Number.POSITIVE_INFINITY;
  return aEnd < bEnd || (aEnd === bEnd && a.tariffId < b.tariffId);
}
