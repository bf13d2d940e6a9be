import type { Account, EpochMs, LimitEvent, PlanCategory, UsageRecord } from '../domain';
import { categoryOf, LimitCounters, limitsForUsage, sortedFlagList, type UsageLimits } from '../domain/limits';
import type { BillingCalendar, TariffBook } from '../domain/rating';
import type { ReferenceData } from './reference-data';

/** Limits that hold for every usage start in [from, until). */
interface HeldLimits {
  readonly from: EpochMs;
  readonly until: EpochMs;
  readonly limits: UsageLimits;
}

/** One account's limit counters and what judging its usage needs, found with one map lookup. */
interface AccountLimits {
  readonly account: Account;
  readonly calendar: BillingCalendar;
  readonly counters: LimitCounters;
  /** Last limits per category: most usage of an account falls in the span they hold for. */
  readonly held: Partial<Record<PlanCategory, HeldLimits>>;
}

/**
 * Tariff-plan limits (SPEC 5) for the embedded pipeline: one LimitCounters per account, fed every
 * usage record that passed dedup (failed attempts included) in arrival order. It returns the flags for
 * the record's rated record and collects the limit events. Accounts and tariffs are those the run
 * loaded: the reference data does not change during an embedded run, which is what makes caching
 * each account's limits for a span of time safe.
 */
export class PlanLimits {
  private readonly accounts = new Map<string, AccountLimits>();

  constructor(
    private readonly reference: ReferenceData,
    private readonly events: LimitEvent[],
  ) {}

  /**
   * Counts one usage record of a known account; returns its `LIMIT:<OPTION>` flags (often none: a
   * shared, frozen list, as are the others), its events go straight to the run's list.
   */
  observe(usage: UsageRecord): readonly string[] {
    const a = this.accounts.get(usage.accountId) ?? this.open(usage.accountId);
    return a.counters.observeInto(usage, this.limitsOf(a, usage), this.events);
  }

  /** limitsForUsage, computed again only when the usage starts outside the span the last answer holds for. */
  private limitsOf(a: AccountLimits, usage: UsageRecord): UsageLimits {
    const category = categoryOf(usage);
    const held = a.held[category];
    if (held !== undefined && usage.startAt >= held.from && usage.startAt < held.until) return held.limits;
    const limits = limitsForUsage(a.account, usage, this.reference.tariffs, a.calendar);
    a.held[category] = { ...heldSpan(a.account, this.reference.tariffs, usage.startAt, limits), limits };
    return limits;
  }

  private open(accountId: string): AccountLimits {
    const account = this.reference.account(accountId);
    if (account === undefined) throw new Error(`invariant: usage of unknown account ${accountId}`);
    const a = { account, calendar: this.reference.calendars.forZone(account.timezone), counters: LimitCounters.fresh(), held: {} };
    this.accounts.set(accountId, a);
    return a;
  }
}

/**
 * The span around `at` in which an account's limits cannot change: they change only where a plan
 * starts or ends, an option is changed, a tariff version takes effect, or the billing month (the
 * SIP-account period) turns.
 */
export function heldSpan(account: Account, tariffs: TariffBook, at: EpochMs, limits: UsageLimits): { from: EpochMs; until: EpochMs } {
  let from = limits.period.start;
  let until = limits.period.end;
  const edge = (t: EpochMs | null) => {
    if (t === null) return;
    if (t <= at) from = Math.max(from, t);
    else until = Math.min(until, t);
  };
  for (const plan of account.plans) {
    edge(plan.activatedAt);
    edge(plan.expiresAt);
    for (const change of plan.options) edge(change.at);
    for (const version of tariffs.versionsOf(plan.tariffId)) edge(version.effectiveFrom);
  }
  return { from, until };
}

/**
 * The rated record's flags with `added`: sorted and each once, so the ledger reads the same every run.
 * A rated record comes with no flags of its own, and `added` is then a list the counters share: its
 * sorted twin is looked up, not built (a record past two limits would otherwise cost a set and a sort).
 */
export function withFlags<T extends { readonly flags: readonly string[] }>(record: T, added: readonly string[]): T {
  if (added.length === 0) return record;
  const shared = record.flags.length === 0 ? sortedFlagList(added) : undefined;
  const flags = shared ?? [...new Set([...record.flags, ...added])].sort();
  return { ...record, flags };
}
