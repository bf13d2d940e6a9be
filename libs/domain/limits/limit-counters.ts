import type { EpochMs } from '../ids';
import type { LimitEvent } from '../limit-event';
import type { UsageRecord } from '../usage';
import { eventSeconds, limitEvent } from './limit-events';
import type { CallMemory, LimitState } from './limit-state';
import { limitFlag, PLAN_OPTIONS } from './plan-category';
import { RecentCalls } from './recent-calls';
import { peakOverlap } from './simultaneous-calls';
import { SipAccountBook } from './sip-accounts';
import { countInWindow, markCall, orderedFlags, startTally, type Tally } from './tally';
import type { UsageLimits } from './usage-limits';
import type { WindowCount } from './window-count';

/**
 * How long (record time) a call is remembered after the latest call start seen: a later leg of it
 * counts once, and new calls are checked for overlap against it. A leg arriving this much later than
 * its call's other legs counts as a new call; a call longer than this may miss overlaps in its start.
 */
export const CALL_MEMORY_MS = 2 * 3_600_000;

export interface Observation {
  /** `LIMIT:<OPTION>` flags for the usage's rated record; the usage is rated all the same. */
  readonly flags: readonly string[];
  readonly events: readonly LimitEvent[];
}

/**
 * The limit counters of ONE account. Feed its usage records in arrival order, each usage id once (the
 * caller deduplicates):
 *  - LEG: counted per call (callId): successful calls and total duration once per call, the call's
 *    duration being its longest leg; max call duration and lines per call; SIP accounts per leg endpoint.
 *  - FAILED_ATTEMPT: one failed call.
 *  - Other usage (transcoding, recording, ...) counts nothing and carries the flags of its call.
 * Mutable for speed (a busy account sees thousands of calls an hour); toJSON()/fromJSON() give the
 * plain state to store, and a counter restored from it behaves exactly as the one that saved it.
 */
export class LimitCounters {
  private horizon: EpochMs | null;
  private readonly windows: Record<string, WindowCount>;
  private readonly calls: RecentCalls;
  private readonly sipAccounts: SipAccountBook;

  private constructor(state: LimitState) {
    this.horizon = state.horizon;
    this.windows = { ...state.windows };
    this.calls = new RecentCalls(state.calls);
    this.sipAccounts = new SipAccountBook(state.sipAccounts);
  }

  static fresh(): LimitCounters {
    return new LimitCounters({ v: 1, horizon: null, windows: {}, calls: [], sipAccounts: {} });
  }

  /** Picks up from a stored state (it is copied, never changed). */
  static fromJSON(state: LimitState): LimitCounters {
    return new LimitCounters(state);
  }

  toJSON(): LimitState {
    return { v: 1, horizon: this.horizon, windows: { ...this.windows }, calls: this.calls.toArray(), sipAccounts: this.sipAccounts.toJSON() };
  }

  observe(usage: UsageRecord, limits: UsageLimits): Observation {
    if (usage.kind === 'LEG') return this.observeLeg(usage, limits);
    if (usage.kind === 'FAILED_ATTEMPT') {
      const t = startTally(usage, limits, this.windows);
      countInWindow(t, 'FAILED_CALLS', 1);
      return { flags: orderedFlags(t.flags, PLAN_OPTIONS), events: t.events };
    }
    return { flags: this.calls.find(limits.category, usage.callId)?.flags ?? [], events: [] };
  }

  private observeLeg(usage: UsageRecord, limits: UsageLimits): Observation {
    const { category, options } = limits;
    this.horizon = Math.max(this.horizon ?? usage.startAt, usage.startAt);
    this.calls.forgetBefore(this.horizon - CALL_MEMORY_MS);
    const known = this.calls.find(category, usage.callId);
    const t = startTally(usage, limits, this.windows, known?.flags);

    const ms = Math.max(known?.ms ?? 0, usage.durationMs);
    const start = Math.min(known?.start ?? usage.startAt, usage.startAt);
    const end = Math.max(known?.end ?? usage.endAt, usage.endAt);

    const maxSeconds = options.MAX_CALL_DURATION?.value;
    if (maxSeconds !== undefined && ms > maxSeconds * 1000) markCall(t, 'MAX_CALL_DURATION', eventSeconds(ms), true);

    let durationWindow = known?.durationWindow ?? null;
    if (known === undefined) {
      durationWindow = countInWindow(t, 'TOTAL_DURATION', ms)?.start ?? null;
      countInWindow(t, 'SUCCESSFUL_CALLS', 1);
    } else if (ms > known.ms && durationWindow !== null) {
      countInWindow(t, 'TOTAL_DURATION', ms - known.ms, durationWindow);
    }

    const sipAccountOver = this.countSipAccount(t);
    this.checkLines(t, start, end);

    const call: CallMemory = { id: usage.callId, category, start, end, ms, durationWindow, flags: orderedFlags(t.flags, PLAN_OPTIONS) };
    this.calls.put(call);
    if (sipAccountOver) t.flags.add(limitFlag('SIP_ACCOUNTS'));
    return { flags: orderedFlags(t.flags, PLAN_OPTIONS), events: t.events };
  }

  /** The leg's endpoint as a SIP account of the month; its flag is the leg's own, not the call's. */
  private countSipAccount(t: Tally): boolean {
    const { usage, limits } = t;
    const limit = limits.options.SIP_ACCOUNTS;
    if (limit === undefined || usage.endpoint === null) return false;
    const tally = this.sipAccounts.count(limits.category, limits.period, usage.endpoint, limit.value);
    if (tally?.crossed) {
      const scope = { windowStart: tally.start, windowSeconds: (tally.end - tally.start) / 1000 };
      t.events.push(limitEvent(usage, 'SIP_ACCOUNTS', limit, scope, tally.count));
    }
    return tally?.over ?? false;
  }

  /**
   * Lines: the most calls of the category active at once while this call is. Going above the limit
   * flags the call; the event is raised only by the call that takes the peak from the limit to above
   * it, not by one that joins calls already above it. A 0-second call occupies no line.
   */
  private checkLines(t: Tally, start: EpochMs, end: EpochMs): void {
    const limit = t.limits.options.LINES;
    if (limit === undefined || end <= start) return;
    const others = this.calls.overlapping(t.limits.category, t.usage.callId, start, end);
    if (others.length < limit.value) return; // cannot reach the limit: skip the sweep
    const before = peakOverlap(others, start, end);
    if (before + 1 > limit.value) markCall(t, 'LINES', before + 1, before <= limit.value);
  }
}

/**
 * The pure form: one usage record against a stored state, giving the next state. It copies the state
 * (cost grows with the calls remembered): fine per record in tests and small batches; a service feeding
 * many records of an account should hold a LimitCounters and save toJSON() once per batch.
 */
export function observe(state: LimitState, usage: UsageRecord, limits: UsageLimits): Observation & { readonly state: LimitState } {
  const counters = LimitCounters.fromJSON(state);
  const seen = counters.observe(usage, limits);
  return { ...seen, state: counters.toJSON() };
}
