import type { EpochMs } from '../ids';

/** One counter window: it opens at the first call that touches it and lasts `seconds`. */
export interface WindowCount {
  readonly start: EpochMs;
  readonly seconds: number;
  /** Calls for the call counters, milliseconds for TOTAL_DURATION (exact; events report seconds). */
  readonly value: number;
  /** Whether this window's limit event was emitted: one per crossing, so one per window. */
  readonly emitted: boolean;
}

export interface WindowTally {
  readonly window: WindowCount;
  /** The counter is above its threshold with this record: the record is flagged. */
  readonly over: boolean;
  /** This record is the first seen above the threshold in the window: it raises the event. */
  readonly crossed: boolean;
}

/**
 * The window a call starting at `at` counts in: the open one, unless `at` is at or after its end,
 * in which case a new one opens at `at` with the current window length. A call that starts before
 * the open window (out of order) counts in it: windows follow arrival order. A window keeps the
 * length it opened with until it closes, even if the plan's window changes meanwhile.
 */
export function windowAt(current: WindowCount | undefined, at: EpochMs, seconds: number): WindowCount {
  if (current !== undefined && at < current.start + current.seconds * 1000) return current;
  return { start: at, seconds, value: 0, emitted: false };
}

/** Adds `amount` to the window and compares it with `threshold` (same unit as the value). */
export function addToWindow(window: WindowCount, amount: number, threshold: number): WindowTally {
  const value = window.value + amount;
  const over = value > threshold;
  const crossed = over && !window.emitted;
  return { window: { ...window, value, emitted: window.emitted || crossed }, over, crossed };
}
