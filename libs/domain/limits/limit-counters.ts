import type { EpochMs } from '../ids';
import type { LimitEvent } from '../limit-event';
import type { UsageRecord } from '../usage';
import { flagBit, flagList, NO_FLAGS } from './limit-flags';
import { eventSeconds, limitEvent } from './limit-events';
import type { LimitState } from './limit-state';
import { NO_CALL, RecentCalls } from './recent-calls';
import { peakOfIntervals, type CallIntervals } from './simultaneous-calls';
import { SipAccountBook } from './sip-accounts';
import { Tally } from './tally';
import type { UsageLimits } from './usage-limits';
import { WindowBook } from './window-book';

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
 * Mutable for speed (a busy account sees thousands of calls an hour, and the embedded pipeline feeds
 * a million records a minute): windows and calls are updated in place and flags are bit sets, so a
 * record within every limit allocates nothing (observeInto) beyond a new call's memory.
 * toJSON()/fromJSON() give the plain state to store, and a counter restored from it behaves exactly
 * as the one that saved it.
 */
export class LimitCounters {
  /** The state's horizon; -Infinity for none (null when stored), so the field always holds a number. */
  private horizon: EpochMs;
  private readonly windows: WindowBook;
  private readonly calls: RecentCalls;
  private readonly sipAccounts: SipAccountBook;
  /** Reused for every record, so judging one allocates nothing. */
  private readonly tally: Tally;
  /** checkLines' overlapping calls, reused. */
  private readonly overlaps: CallIntervals = { starts: [], ends: [] };

  private constructor(state: LimitState) {
    this.horizon = state.horizon ?? Number.NEGATIVE_INFINITY;
    this.windows = new WindowBook(state.windows);
    this.tally = new Tally(this.windows);
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
    const horizon = this.horizon === Number.NEGATIVE_INFINITY ? null : this.horizon;
    return { v: 1, horizon, windows: this.windows.toJSON(), calls: this.calls.toArray(), sipAccounts: this.sipAccounts.toJSON() };
  }

  observe(usage: UsageRecord, limits: UsageLimits): Observation {
    const events: LimitEvent[] = [];
    const flags = this.observeInto(usage, limits, events);
    return { flags, events };
  }

  /**
   * observe() for a caller that collects the events itself: they are appended to `events`, and the
   * flags come back as a shared, frozen list, so a record within every limit allocates nothing.
   */
  observeInto(usage: UsageRecord, limits: UsageLimits, events: LimitEvent[]): readonly string[] {
    if (usage.kind === 'LEG') return this.observeLeg(usage, limits, events);
    if (usage.kind === 'FAILED_ATTEMPT') {
      const t = this.tally.start(usage, limits, NO_FLAGS, events);
      t.countInWindow('FAILED_CALLS', 1);
      return flagList(t.flags);
    }
    const call = this.calls.find(limits.category, usage.callId);
    return flagList(call === NO_CALL ? NO_FLAGS : this.calls.slots.flags(call));
  }

  private observeLeg(usage: UsageRecord, limits: UsageLimits, events: LimitEvent[]): readonly string[] {
    const { category, options } = limits;
    this.horizon = Math.max(this.horizon, usage.startAt);
    this.calls.forgetBefore(this.horizon - CALL_MEMORY_MS);
    const known = this.calls.find(category, usage.callId);
    const isNew = known === NO_CALL;
    const remembered = this.calls.slots;
    const t = this.tally.start(usage, limits, isNew ? NO_FLAGS : remembered.flags(known), events);

    const knownMs = isNew ? 0 : remembered.ms(known);
    const ms = Math.max(knownMs, usage.durationMs);
    const start = isNew ? usage.startAt : Math.min(remembered.start(known), usage.startAt);
    const end = isNew ? usage.endAt : Math.max(remembered.end(known), usage.endAt);

    const maxSeconds = options.MAX_CALL_DURATION?.value;
    if (maxSeconds !== undefined && ms > maxSeconds * 1000) t.markCall('MAX_CALL_DURATION', eventSeconds(ms), true);

    let durationWindow = isNew ? null : remembered.durationWindow(known);
    if (isNew) {
      durationWindow = t.countInWindow('TOTAL_DURATION', ms)?.start ?? null;
      t.countInWindow('SUCCESSFUL_CALLS', 1);
    } else if (ms > knownMs && durationWindow !== null) {
      t.countInWindow('TOTAL_DURATION', ms - knownMs, durationWindow);
    }

    const sipAccountOver = this.countSipAccount(t);
    this.checkLines(t, start, end);

    // Remembered after the checks above: they compare the call with the calls before this leg.
    if (isNew) this.calls.add(category, usage.callId, start, end, ms, durationWindow, t.flags);
    else this.calls.update(known, start, end, ms, durationWindow, t.flags);
    return flagList(sipAccountOver ? t.flags | flagBit('SIP_ACCOUNTS') : t.flags);
  }

  /** The leg's endpoint as a SIP account of the month; its flag is the leg's own, not the call's. */
  private countSipAccount(t: Tally): boolean {
    const { usage, limits } = t;
    const limit = limits.options.SIP_ACCOUNTS;
    if (limit === undefined || usage.endpoint === null) return false;
    const rank = this.sipAccounts.rank(limits.category, limits.period, usage.endpoint);
    if (rank < limit.value) return false; // within the plan, or a month already left behind (-1)
    if (this.sipAccounts.firstCrossing(limits.category)) {
      const month = this.sipAccounts.month(limits.category)!;
      const scope = { windowStart: month.start, windowSeconds: (month.end - month.start) / 1000 };
      t.raise(limitEvent(usage, 'SIP_ACCOUNTS', limit, scope, month.count));
    }
    return true;
  }

  /**
   * Lines: the most calls of the category active at once while this call is. Going above the limit
   * flags the call; the event is raised only by the call that takes the peak from the limit to above
   * it, not by one that joins calls already above it. A 0-second call occupies no line.
   */
  private checkLines(t: Tally, start: EpochMs, end: EpochMs): void {
    const limit = t.limits.options.LINES;
    if (limit === undefined || end <= start) return;
    const count = this.calls.overlapping(t.limits.category, t.usage.callId, start, end, this.overlaps);
    if (count < limit.value) return; // cannot reach the limit: skip counting the peak
    const before = peakOfIntervals(this.overlaps, count, start, end);
    if (before + 1 > limit.value) t.markCall('LINES', before + 1, before <= limit.value);
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
