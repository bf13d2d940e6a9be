/**
 * Tariff-plan limits and counters (SPEC 5, seed 002): pure rules, no I/O, time from the records.
 *
 * Decisions (the wiring and anyone reading limit events rely on them):
 *  - `limits: null` on a tariff makes it a rate card only. Usage of a category with no ACTIVE plan
 *    whose tariff carries limits and lists that category falls under the built-in FREE PLAN: 120 s
 *    per call, 1800 s per 86400 s, 5 failed calls per 3600 s, 1 SIP account, 1 line (Gateway only),
 *    successful calls unlimited. Its events name no plan (planTariffId null).
 *  - Categories: SIP core usage is GATEWAY, media-server usage SOFTPHONE (categoryOf; a usage record
 *    does not carry the trunk, see plan-category.ts). GROUP plans are not modelled (no membership data).
 *    Lines is a Gateway option only (seed table); the other five apply to both categories.
 *  - Several plans of the category: each option takes the highest value; on a tie the plan expiring
 *    first (null = never), then the lower tariffId, is named. An option's value is the tariff's limit,
 *    overridden by the latest OptionChange at or before the usage start. An option no plan sets is
 *    not limited.
 *  - Counters are per account, category and option. A window opens at the first call that touches it
 *    and lasts windowSeconds; a call starting at or after its end opens a new one. Counting is by call
 *    (callId): a device-to-device call's two legs are ONE successful call and its duration (the longest
 *    leg) counts once. FAILED_ATTEMPT counts one failed call. Max call duration is per call, no window.
 *  - Lines: calls of the category active at once, intervals [start, end), touching ones do not overlap.
 *  - SIP accounts: distinct endpoints of the category's answered legs in the billing month (account
 *    zone) the usage started in, ranked by first use; legs of endpoints past the limit are flagged.
 *    Failed attempts are not counted (their endpoint is the caller, possibly outside the account).
 *  - One LimitEvent per crossing: the first record above the limit in a window (the 6th failed call for
 *    a limit of 5) or, per call, the call that goes above it. Event ids are deterministic:
 *    `<account>:<LIMIT>:<windowStart>` for windows, `<account>:<LIMIT>:<callId>` for MAX_CALL_DURATION
 *    and LINES. Every usage past a limit gets `LIMIT:<OPTION>` flags and is still rated: the caller
 *    puts the flags on the RatedRecord and emits the events.
 *  - Records count in the order they are fed (arrival order), so windows depend on that order: the
 *    per-account order of the source topic or file. The state is plain JSON: a restart that reloads
 *    it changes nothing. Calls are remembered for CALL_MEMORY_MS (2 h) after the latest call start,
 *    to count a call's later legs once and to find overlaps; the state grows with the calls of that
 *    span (about 150 bytes of JSON per call).
 *  - Two forms: LimitCounters (mutable, per account, toJSON()/fromJSON()) for services feeding many
 *    records, and the pure observe(state, usage, limits) -> { state, flags, events }, which copies.
 *    LimitCounters.observeInto(usage, limits, events) is observe() for a hot loop: it appends the
 *    events to the caller's list and returns shared, frozen flag lists, so a record within every limit
 *    allocates nothing (calls live in typed-array slots, windows are counted in place).
 */
export { FREE_PLAN_LIMITS, DEFAULT_WINDOW_SECONDS } from './free-plan';
export { categoryOf, limitFlag, CATEGORY_OPTIONS, PLAN_OPTIONS } from './plan-category';
export { sortedFlagList } from './limit-flags';
export { planOptionValue, type OptionValue } from './plan-option';
export { effectiveLimits, freePlanLimits, type EffectiveLimits, type OptionLimit } from './effective-limits';
export { limitsForUsage, type UsageLimits } from './usage-limits';
export {
  emptyLimitState,
  limitStateFromJSON,
  limitStateToJSON,
  type CallMemory,
  type EndpointPeriod,
  type LimitState,
} from './limit-state';
export { LimitCounters, observe, CALL_MEMORY_MS, type Observation } from './limit-counters';
export type { WindowCount } from './window-count';
