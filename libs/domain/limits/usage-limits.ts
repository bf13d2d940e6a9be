import type { Account, PlanCategory } from '../reference';
import type { BillingCalendar, MonthBounds } from '../rating/billing-calendar';
import type { TariffBook } from '../rating/tariff-book';
import type { UsageRecord } from '../usage';
import { effectiveLimits, type EffectiveLimits } from './effective-limits';
import { categoryOf } from './plan-category';

/** Everything the counters need to judge one usage record besides their own state. */
export interface UsageLimits {
  readonly category: PlanCategory;
  readonly options: EffectiveLimits;
  /** The billing month (account zone) the usage started in: the period SIP accounts are counted over. */
  readonly period: MonthBounds;
}

/** The limits a usage record is held to, at its start, under its category; `calendar` is the account's zone. */
export function limitsForUsage(
  account: Account,
  usage: UsageRecord,
  tariffs: TariffBook,
  calendar: BillingCalendar,
): UsageLimits {
  const category = categoryOf(usage);
  return {
    category,
    options: effectiveLimits(account.plans, category, usage.startAt, tariffs),
    period: calendar.monthBounds(calendar.monthOf(usage.startAt)),
  };
}
