import type { AccountId, EpochMs, TariffId, UsageId } from './ids';
import type { PlanOption } from './reference';
import type { SourceRef } from './source-ref';

/** A tariff-plan limit crossed (topic `limits`), emitted once per crossing. */
export interface LimitEvent {
  /** Deterministic from account, limit and window start, so consumers can deduplicate. */
  readonly eventId: string;
  readonly accountId: AccountId;
  readonly limit: PlanOption;
  /** The plan whose option set the threshold; null for the built-in free plan. */
  readonly planTariffId: TariffId | null;
  readonly windowStart: EpochMs | null;
  readonly windowSeconds: number | null;
  readonly value: number;
  readonly threshold: number;
  readonly at: EpochMs;
  readonly usageId: UsageId;
  readonly source: SourceRef;
}
