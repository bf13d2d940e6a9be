import type { EpochMs } from '../ids';

export interface CallInterval {
  readonly start: EpochMs;
  readonly end: EpochMs;
}

/** Calls as two parallel lists of starts and ends: filled in place, so checking lines allocates nothing. */
export interface CallIntervals {
  readonly starts: EpochMs[];
  readonly ends: EpochMs[];
}

/** Up to this many calls, the peak is counted directly: no edge list to build and sort. */
const DIRECT_UP_TO = 16;

/**
 * The most of `calls` active at one instant within [start, end). Intervals are half open, so a call
 * that ends when another starts does not overlap it. Ends sort before starts at the same instant.
 */
export function peakOverlap(calls: readonly CallInterval[], start: EpochMs, end: EpochMs): number {
  const intervals: CallIntervals = { starts: calls.map((c) => c.start), ends: calls.map((c) => c.end) };
  return peakOfIntervals(intervals, calls.length, start, end);
}

/** peakOverlap over the first `count` intervals of `calls`. */
export function peakOfIntervals(calls: CallIntervals, count: number, start: EpochMs, end: EpochMs): number {
  return count <= DIRECT_UP_TO ? peakByCounting(calls, count, start, end) : peakBySweep(calls, count, start, end);
}

/**
 * The peak is reached at the (clipped) start of some call: count, at each such start, the calls
 * active there. Quadratic, but a new call rarely overlaps more than a few others, and it allocates
 * nothing, which matters on the path every leg of a lines-limited account takes.
 */
function peakByCounting({ starts, ends }: CallIntervals, count: number, start: EpochMs, end: EpochMs): number {
  let peak = 0;
  for (let i = 0; i < count; i++) {
    const at = Math.max(starts[i]!, start);
    if (at >= Math.min(ends[i]!, end)) continue;
    let active = 0;
    for (let j = 0; j < count; j++) {
      if (Math.max(starts[j]!, start) <= at && at < Math.min(ends[j]!, end)) active++;
    }
    if (active > peak) peak = active;
  }
  return peak;
}

function peakBySweep({ starts, ends }: CallIntervals, count: number, start: EpochMs, end: EpochMs): number {
  const edges: [EpochMs, number][] = [];
  for (let i = 0; i < count; i++) {
    const from = Math.max(starts[i]!, start);
    const to = Math.min(ends[i]!, end);
    if (from < to) edges.push([from, 1], [to, -1]);
  }
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let active = 0;
  let peak = 0;
  for (const [, step] of edges) {
    active += step;
    if (active > peak) peak = active;
  }
  return peak;
}
