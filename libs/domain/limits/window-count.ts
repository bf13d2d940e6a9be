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

/** A window the counters own and count in place (one object per window, not one per record). */
export interface OpenWindow {
  readonly start: EpochMs;
  readonly seconds: number;
  value: number;
  emitted: boolean;
}

export interface WindowTally {
  readonly window: WindowCount;
  /** The counter is above its threshold with this record: the record is flagged. */
  readonly over: boolean;
  /** This record is the first seen above the threshold in the window: it raises the event. */
  readonly crossed: boolean;
}

/**
 * Whether a call starting at `at` opens a new window: there is none, or `at` is at or after the
 * open one's end. A call that starts before the open window (out of order) counts in it: windows
 * follow arrival order. A window keeps the length it opened with until it closes, even if the
 * plan's window changes meanwhile.
 */
export const opensWindow = (current: WindowCount | undefined, at: EpochMs): boolean =>
  current === undefined || at >= current.start + current.seconds * 1000;

/** The window a call starting at `at` counts in: the open one, or a new one opening at `at`. */
export function windowAt(current: WindowCount | undefined, at: EpochMs, seconds: number): WindowCount {
  return current !== undefined && !opensWindow(current, at) ? current : newWindow(at, seconds);
}

export const newWindow = (at: EpochMs, seconds: number): OpenWindow => ({ start: at, seconds, value: 0, emitted: false });

/**
 * Adds `amount` to the window in place and compares it with `threshold` (same unit as the value):
 * true when this record is the first above it (it raises the event). Over: `window.value > threshold`.
 */
export function countInPlace(window: OpenWindow, amount: number, threshold: number): boolean {
  window.value += amount;
  const crossed = window.value > threshold && !window.emitted;
  if (crossed) window.emitted = true;
  return crossed;
}

/** Adds `amount` to a copy of the window and compares it with `threshold` (same unit as the value). */
export function addToWindow(window: WindowCount, amount: number, threshold: number): WindowTally {
  const next: OpenWindow = { ...window };
  const crossed = countInPlace(next, amount, threshold);
  return { window: next, over: next.value > threshold, crossed };
}
