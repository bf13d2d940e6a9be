import type { EpochMs } from '../ids';
import type { LimitEvent } from '../limit-event';
import type { PlanOption } from '../reference';
import type { UsageRecord } from '../usage';
import { DEFAULT_WINDOW_SECONDS } from './free-plan';
import { eventSeconds, limitEvent } from './limit-events';
import { limitFlag } from './plan-category';
import type { UsageLimits } from './usage-limits';
import { addToWindow, windowAt, type WindowCount } from './window-count';

/** What observing one usage record builds up: its flags and events; it updates the windows it is given. */
export interface Tally {
  readonly usage: UsageRecord;
  readonly limits: UsageLimits;
  readonly windows: Record<string, WindowCount>;
  readonly flags: Set<string>;
  readonly events: LimitEvent[];
}

export type WindowedOption = 'TOTAL_DURATION' | 'SUCCESSFUL_CALLS' | 'FAILED_CALLS';

export function startTally(usage: UsageRecord, limits: UsageLimits, windows: Record<string, WindowCount>, flags: readonly string[] = []): Tally {
  return { usage, limits, windows, flags: new Set(flags), events: [] };
}

/**
 * Adds `amount` (calls, or ms for TOTAL_DURATION) to the category's window of `option` and flags,
 * or raises the event, when the counter goes above the limit. With `onlyIn`, the amount is added
 * only while the window that opened at that instant is still the open one (a later, longer leg of
 * a call already counted). Returns the window counted in; undefined when the option is not limited.
 */
export function countInWindow(t: Tally, option: WindowedOption, amount: number, onlyIn?: EpochMs): WindowCount | undefined {
  const limit = t.limits.options[option];
  if (limit === undefined) return undefined;
  const key = `${t.limits.category}:${option}`;
  const open = t.windows[key];
  if (onlyIn !== undefined && open?.start !== onlyIn) return undefined;
  const seconds = limit.windowSeconds ?? DEFAULT_WINDOW_SECONDS[option] ?? 86_400;
  const window = onlyIn !== undefined && open !== undefined ? open : windowAt(open, t.usage.startAt, seconds);
  const inMs = option === 'TOTAL_DURATION';
  const added = addToWindow(window, amount, inMs ? limit.value * 1000 : limit.value);
  t.windows[key] = added.window;
  if (added.over) t.flags.add(limitFlag(option));
  if (added.crossed) {
    const scope = { windowStart: window.start, windowSeconds: window.seconds };
    const value = inMs ? eventSeconds(added.window.value) : added.window.value;
    t.events.push(limitEvent(t.usage, option, limit, scope, value));
  }
  return added.window;
}

/** Flags for a per-call option past its limit; the event only the first time the call goes past it. */
export function markCall(t: Tally, option: PlanOption, value: number, raisesEvent: boolean): void {
  const limit = t.limits.options[option];
  if (limit === undefined) return;
  const flag = limitFlag(option);
  if (raisesEvent && !t.flags.has(flag)) t.events.push(limitEvent(t.usage, option, limit, { callId: t.usage.callId }, value));
  t.flags.add(flag);
}

/** Flags in the canonical option order, so the same input always gives the same list. */
export const orderedFlags = (flags: ReadonlySet<string>, order: readonly PlanOption[]): string[] =>
  order.map(limitFlag).filter((f) => flags.has(f));
