import type { EpochMs } from '../ids';
import type { LimitEvent } from '../limit-event';
import type { PlanOption } from '../reference';
import type { UsageRecord } from '../usage';
import { DEFAULT_WINDOW_SECONDS } from './free-plan';
import { flagBit, NO_FLAGS, type FlagSet } from './limit-flags';
import { eventSeconds, limitEvent } from './limit-events';
import type { UsageLimits } from './usage-limits';
import { windowSlot, type WindowBook, type WindowedOption } from './window-book';
import { countInPlace, newWindow, opensWindow, type OpenWindow } from './window-count';

/**
 * What observing one usage record builds up: its flags and events; it counts in the windows it is
 * given. One Tally serves every record of a LimitCounters (start() resets it), so judging a record
 * allocates nothing until a limit is crossed.
 */
export class Tally {
  // Set by start() before any use.
  usage!: UsageRecord;
  limits!: UsageLimits;
  flags: FlagSet = NO_FLAGS;
  /** Where crossings go: the caller's list of events. */
  private sink!: LimitEvent[];

  constructor(private readonly windows: WindowBook) {}

  start(usage: UsageRecord, limits: UsageLimits, flags: FlagSet, sink: LimitEvent[]): this {
    this.usage = usage;
    this.limits = limits;
    this.flags = flags;
    this.sink = sink;
    return this;
  }

  /**
   * Adds `amount` (calls, or ms for TOTAL_DURATION) to the category's window of `option` and flags,
   * or raises the event, when the counter goes above the limit. With `onlyIn`, the amount is added
   * only while the window that opened at that instant is still the open one (a later, longer leg of
   * a call already counted). Returns the window counted in; undefined when the option is not limited.
   */
  countInWindow(option: WindowedOption, amount: number, onlyIn?: EpochMs): OpenWindow | undefined {
    const { usage, limits } = this;
    const limit = limits.options[option];
    if (limit === undefined) return undefined;
    const slot = windowSlot(limits.category, option);
    let window = this.windows.get(slot);
    if (onlyIn !== undefined) {
      if (window === undefined || window.start !== onlyIn) return undefined;
    } else if (window === undefined || opensWindow(window, usage.startAt)) {
      window = newWindow(usage.startAt, limit.windowSeconds ?? DEFAULT_WINDOW_SECONDS[option] ?? 86_400);
      this.windows.open(slot, window);
    }
    const inMs = option === 'TOTAL_DURATION';
    const threshold = inMs ? limit.value * 1000 : limit.value;
    const crossed = countInPlace(window, amount, threshold);
    if (window.value > threshold) this.flags |= flagBit(option);
    if (crossed) {
      const scope = { windowStart: window.start, windowSeconds: window.seconds };
      const value = inMs ? eventSeconds(window.value) : window.value;
      this.raise(limitEvent(usage, option, limit, scope, value));
    }
    return window;
  }

  /** Flags for a per-call option past its limit; the event only the first time the call goes past it. */
  markCall(option: PlanOption, value: number, raisesEvent: boolean): void {
    const limit = this.limits.options[option];
    if (limit === undefined) return;
    const bit = flagBit(option);
    if (raisesEvent && (this.flags & bit) === 0) this.raise(limitEvent(this.usage, option, limit, { callId: this.usage.callId }, value));
    this.flags |= bit;
  }

  raise(event: LimitEvent): void {
    this.sink.push(event);
  }
}
