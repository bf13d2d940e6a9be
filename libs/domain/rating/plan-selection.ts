import type { EpochMs, Product } from '../ids';
import type { Account, PlanAssignment } from '../reference';
import { violation, type RuleViolation } from '../dead-letter';
import type { CompiledRate, CompiledTariff } from './compiled-tariff';
import type { TariffBook } from './tariff-book';

export interface RateChoice {
  readonly ok: true;
  readonly tariff: CompiledTariff;
  readonly rate: CompiledRate;
}

/**
 * Which tariff prices a usage record of an account (the rule, as CGRateS: "most recent activation wins"):
 *  1. A plan is active at the usage start when activatedAt <= start < expiresAt (expiresAt null = open ended).
 *  2. Active plans are tried latest activatedAt first; equal activations by tariffId, ascending, so the
 *     answer never depends on the order plans are listed in.
 *  3. For each, the tariff version in effect at the usage start (TariffBook.versionAt) is consulted; the first
 *     one with a rate for the product prices the record.
 * No active plan whose tariff has a version in effect -> NO_ACTIVE_TARIFF; active tariffs, none pricing
 * the product -> NO_PRICE. Neither is billed at zero (SPEC 4).
 *
 * Runs per record: one pass keeping the best candidate, no sorting, no allocation until a violation.
 */
export function selectRate(account: Account, product: Product, start: EpochMs, tariffs: TariffBook): RateChoice | RuleViolation {
  let best: PlanAssignment | undefined;
  let bestTariff: CompiledTariff | undefined;
  let bestRate: CompiledRate | undefined;
  let anyInEffect = false;
  for (const plan of account.plans) {
    if (plan.activatedAt > start || (plan.expiresAt !== null && start >= plan.expiresAt)) continue;
    const tariff = tariffs.versionAt(plan.tariffId, start);
    if (tariff === undefined) continue;
    anyInEffect = true;
    const rate = tariff.rates.get(product);
    if (rate === undefined) continue;
    if (best === undefined || triedBefore(plan, best)) {
      best = plan;
      bestTariff = tariff;
      bestRate = rate;
    }
  }
  if (bestTariff !== undefined && bestRate !== undefined) return { ok: true, tariff: bestTariff, rate: bestRate };
  return anyInEffect ? noPrice(account, product, start, tariffs) : noActiveTariff(account, product, start, tariffs);
}

const triedBefore = (a: PlanAssignment, b: PlanAssignment) =>
  a.activatedAt > b.activatedAt || (a.activatedAt === b.activatedAt && a.tariffId < b.tariffId);

const isActive = (plan: PlanAssignment, start: EpochMs) =>
  plan.activatedAt <= start && (plan.expiresAt === null || start < plan.expiresAt);

function noActiveTariff(account: Account, product: Product, start: EpochMs, tariffs: TariffBook): RuleViolation {
  const when = new Date(start).toISOString();
  const active = account.plans.filter((p) => isActive(p, start));
  const why =
    active.length === 0
      ? `has no tariff plan active at ${when}`
      : `has no tariff in effect at ${when}: ${active.map((p) => notInEffect(p, tariffs)).join(', ')}`;
  return violation('NO_ACTIVE_TARIFF', `account ${account.accountId} ${why}; ${product} usage is not billed`);
}

function notInEffect(plan: PlanAssignment, tariffs: TariffBook): string {
  const first = tariffs.versionsOf(plan.tariffId)[0];
  return first === undefined
    ? `plan ${plan.tariffId} is an unknown tariff`
    : `plan ${plan.tariffId} has no version before ${new Date(first.effectiveFrom).toISOString()}`;
}

function noPrice(account: Account, product: Product, start: EpochMs, tariffs: TariffBook): RuleViolation {
  const consulted = account.plans
    .filter((p) => isActive(p, start))
    .map((p) => tariffs.versionAt(p.tariffId, start))
    .filter((t): t is CompiledTariff => t !== undefined)
    .map((t) => `${t.tariffId} v${t.version}`);
  return violation(
    'NO_PRICE',
    `account ${account.accountId}: no active tariff prices ${product} at ${new Date(start).toISOString()} ` +
      `(tariffs in effect: ${consulted.join(', ')})`,
  );
}
