import type { EpochMs } from '../ids';

/** A call leg's busy time [startAt, endAt); a UsageRecord fits as is (callId: SIP Call-ID or media session). */
export interface CallInterval {
  readonly callId: string;
  readonly startAt: EpochMs;
  readonly endAt: EpochMs;
}

export type Span = readonly [from: EpochMs, to: EpochMs];

/** A call's busy time as plain data, for persisting; restore() reads a list of them back. */
export interface CallSpans {
  readonly callId: string;
  readonly spans: readonly Span[];
}

export interface ChannelUse {
  /** Most calls up at any one instant. */
  readonly peak: number;
  /** First instant more calls than the channels were up, or null: where the LINES limit event goes. */
  readonly firstExceededAt: EpochMs | null;
  /** The call whose start went over the channels (ties at one instant: the smallest callId). */
  readonly callIdThatExceeded: string | null;
}

/** Adds [from, to) to sorted disjoint spans; spans that overlap or touch merge (one call, one channel). */
function union(spans: readonly Span[], from: EpochMs, to: EpochMs): Span[] {
  const out: Span[] = [];
  let [lo, hi] = [from, to];
  for (const [a, b] of spans) {
    if (b < lo || a > hi) out.push([a, b]);
    else [lo, hi] = [Math.min(lo, a), Math.max(hi, b)];
  }
  out.push([lo, hi]);
  return out.sort((x, y) => x[0] - y[0]);
}

/**
 * Exact peak of simultaneous calls in a month for a PER_CHANNEL account (SPEC 6), fed leg intervals one
 * at a time in any order. A call is keyed by its callId, so the two legs of a device-to-device call hold
 * one channel, not two. Intervals are half-open: a call ending at t and one starting at t never overlap.
 *
 * State: per call, its busy time as disjoint spans (usually one). Out-of-order arrival means no interval
 * can be forgotten before the month closes, so the state is O(calls in the month); the caller keeps one
 * instance per account and month (legs go to the month they started in, as usage does) and drops it
 * once the month's invoice is out.
 */
export class PeakConcurrency {
  readonly #calls = new Map<string, Span[]>();

  static restore(calls: readonly CallSpans[]): PeakConcurrency {
    const peak = new PeakConcurrency();
    for (const c of calls) for (const [from, to] of c.spans) peak.add({ callId: c.callId, startAt: from, endAt: to });
    return peak;
  }

  /** Adds a leg; false when it adds no busy time (empty, or already covered by the call's other legs). */
  add(leg: CallInterval): boolean {
    if (!(leg.endAt > leg.startAt)) return false;
    const spans = this.#calls.get(leg.callId) ?? [];
    if (spans.some(([a, b]) => a <= leg.startAt && leg.endAt <= b)) return false;
    this.#calls.set(leg.callId, union(spans, leg.startAt, leg.endAt));
    return true;
  }

  peak(): number {
    return this.exceeded(Number.POSITIVE_INFINITY).peak;
  }

  /** The peak and, when the calls went above `channels`, the first instant and call that did it. */
  exceeded(channels: number): ChannelUse {
    const steps: [EpochMs, number, string][] = [];
    for (const [callId, spans] of this.#calls) {
      for (const [from, to] of spans) steps.push([from, 1, callId], [to, -1, callId]);
    }
    // Time; then ends before starts (touching calls do not overlap); then callId, for one answer.
    steps.sort((a, b) => a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0));
    let count = 0;
    let peak = 0;
    let firstExceededAt: EpochMs | null = null;
    let callIdThatExceeded: string | null = null;
    for (const [at, step, callId] of steps) {
      count += step;
      if (count > peak) peak = count;
      if (count > channels && firstExceededAt === null) [firstExceededAt, callIdThatExceeded] = [at, callId];
    }
    return { peak, firstExceededAt, callIdThatExceeded };
  }

  /** The state, calls in callId order so equal states serialize to equal bytes. */
  snapshot(): CallSpans[] {
    return [...this.#calls]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([callId, spans]) => ({ callId, spans }));
  }
}
