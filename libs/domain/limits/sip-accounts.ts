import type { EpochMs } from '../ids';
import type { PlanCategory } from '../reference';
import type { MonthBounds } from '../rating/billing-calendar';
import type { EndpointPeriod, LimitState } from './limit-state';

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
  private readonly periods = new Map<PlanCategory, Period>();

  constructor(saved: LimitState['sipAccounts']) {
    for (const [category, p] of Object.entries(saved) as [PlanCategory, EndpointPeriod][]) {
      this.periods.set(category, period(p.start, p.end, [...p.endpoints], p.emitted));
    }
  }

  /**
   * Counts the endpoint in the month the usage started in. A usage of an earlier month than the one
   * being counted (arriving late) is not counted: undefined.
   */
  count(category: PlanCategory, month: MonthBounds, endpoint: string, limit: number): EndpointTally | undefined {
    let p = this.periods.get(category);
    if (p === undefined || month.start > p.start) {
      p = period(month.start, month.end, [], false);
      this.periods.set(category, p);
    } else if (month.start < p.start) {
      return undefined;
    }
    let rank = p.ranks.get(endpoint);
    if (rank === undefined) {
      rank = p.endpoints.length;
      p.endpoints.push(endpoint);
      p.ranks.set(endpoint, rank);
    }
    const over = rank >= limit;
    const crossed = over && !p.emitted;
    if (crossed) p.emitted = true;
    return { start: p.start, end: p.end, count: p.endpoints.length, over, crossed };
  }

  toJSON(): LimitState['sipAccounts'] {
    const saved: Partial<Record<PlanCategory, EndpointPeriod>> = {};
    for (const [category, p] of this.periods) {
      saved[category] = { start: p.start, end: p.end, endpoints: [...p.endpoints], emitted: p.emitted };
    }
    return saved;
  }
}

function period(start: EpochMs, end: EpochMs, endpoints: string[], emitted: boolean): Period {
  return { start, end, endpoints, ranks: new Map(endpoints.map((e, i) => [e, i])), emitted };
}
