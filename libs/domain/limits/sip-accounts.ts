import type { EpochMs } from '../ids';
import type { PlanCategory } from '../reference';
import type { MonthBounds } from '../rating/billing-calendar';
import type { EndpointPeriod, LimitState } from './limit-state';
import { categorySlot, PLAN_CATEGORIES } from './plan-category';

export interface EndpointTally {
  readonly start: EpochMs;
  readonly end: EpochMs;
  /** Distinct SIP accounts seen in the month, this one included. */
  readonly count: number;
  /** This endpoint is beyond the first `limit` seen: its usage is flagged. */
  readonly over: boolean;
  /** First usage of the month from an endpoint beyond the limit: it raises the event. */
  readonly crossed: boolean;
}

/** One category's month: its SIP accounts in order of first use, a rank being an index there. */
interface Period {
  readonly start: EpochMs;
  readonly end: EpochMs;
  readonly endpoints: string[];
  /** endpoint -> rank of first use, mirroring `endpoints`. */
  readonly ranks: Map<string, number>;
  emitted: boolean;
}

/**
 * The SIP accounts (distinct leg endpoints) of an account per category in the current billing month.
 * Endpoints are ranked by first use: the first `limit` are within the plan, later ones are past it.
 */
export class SipAccountBook {
  /** By categorySlot, so a leg finds its month without hashing a key. */
  private readonly periods: (Period | undefined)[] = PLAN_CATEGORIES.map(() => undefined);
  /** Categories in the order first counted: the order toJSON() lists them in. */
  private readonly order: PlanCategory[] = [];
  /** Months a stored state holds under a category this release does not know: kept as they are. */
  private readonly foreign = new Map<string, EndpointPeriod>();

  constructor(saved: LimitState['sipAccounts']) {
    for (const [category, p] of Object.entries(saved) as [PlanCategory, EndpointPeriod][]) {
      if (PLAN_CATEGORIES.includes(category)) {
        this.start(category, period(p.start, p.end, [...p.endpoints], p.emitted));
      } else {
        this.order.push(category);
        this.foreign.set(category, p);
      }
    }
  }

  /**
   * Counts the endpoint in the month the usage started in. A usage of an earlier month than the one
   * being counted (arriving late) is not counted: undefined.
   */
  count(category: PlanCategory, month: MonthBounds, endpoint: string, limit: number): EndpointTally | undefined {
    const rank = this.rank(category, month, endpoint);
    if (rank < 0) return undefined;
    const over = rank >= limit;
    const crossed = over && this.firstCrossing(category);
    const p = this.periods[categorySlot(category)]!;
    return { start: p.start, end: p.end, count: p.endpoints.length, over, crossed };
  }

  /**
   * count() without building its answer, for the counters' hot path: the endpoint's rank of first
   * use in the month the usage started in (0 for the first SIP account), -1 when that month is
   * already left behind (not counted).
   */
  rank(category: PlanCategory, month: MonthBounds, endpoint: string): number {
    let p = this.periods[categorySlot(category)];
    if (p === undefined || month.start > p.start) {
      p = this.start(category, period(month.start, month.end, [], false));
    } else if (month.start < p.start) {
      return -1;
    }
    let rank = p.ranks.get(endpoint);
    if (rank === undefined) {
      rank = p.endpoints.length;
      p.endpoints.push(endpoint);
      p.ranks.set(endpoint, rank);
    }
    return rank;
  }

  /** True for the first endpoint past the limit in the category's month: it raises the event. */
  firstCrossing(category: PlanCategory): boolean {
    const p = this.periods[categorySlot(category)];
    if (p === undefined || p.emitted) return false;
    p.emitted = true;
    return true;
  }

  /** The month being counted and its SIP accounts so far, for the event. */
  month(category: PlanCategory): { readonly start: EpochMs; readonly end: EpochMs; readonly count: number } | undefined {
    const p = this.periods[categorySlot(category)];
    return p === undefined ? undefined : { start: p.start, end: p.end, count: p.endpoints.length };
  }

  toJSON(): LimitState['sipAccounts'] {
    const saved: Partial<Record<PlanCategory, EndpointPeriod>> = {};
    for (const category of this.order) {
      const p = this.foreign.get(category) ?? this.periods[categorySlot(category)]!;
      saved[category] = { start: p.start, end: p.end, endpoints: [...p.endpoints], emitted: p.emitted };
    }
    return saved;
  }

  /** Counts the category's SIP accounts afresh from `p` (a new month, or a stored one). */
  private start(category: PlanCategory, p: Period): Period {
    const slot = categorySlot(category);
    if (this.periods[slot] === undefined) this.order.push(category);
    this.periods[slot] = p;
    return p;
  }
}

function period(start: EpochMs, end: EpochMs, endpoints: string[], emitted: boolean): Period {
  return { start, end, endpoints, ranks: new Map(endpoints.map((e, i) => [e, i])), emitted };
}
