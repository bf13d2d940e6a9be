import type { EpochMs } from '../ids';

export interface CallInterval {
  readonly start: EpochMs;
  readonly end: EpochMs;
}

/** Up to this many calls, the peak is counted directly: no edge list to build and sort. */
const DIRECT_UP_TO = 16;

/**
 * The most of `calls` (the first `count` of them) active at one instant within [start, end).
 * Intervals are half open, so a call that ends when another starts does not overlap it. Ends sort
 * before starts at the same instant.
 */
export function peakOverlap(calls: readonly CallInterval[], start: EpochMs, end: EpochMs, count = calls.length): number {
  return count <= DIRECT_UP_TO ? peakByCounting(calls, start, end, count) : peakBySweep(calls, start, end, count);
}

/**
 * The peak is reached at the (clipped) start of some call: count, at each such start, the calls
 * active there. Quadratic, but a new call rarely overlaps more than a few others, and it allocates
 * nothing, which matters on the path every leg of a lines-limited account takes.
 */
function peakByCounting(calls: readonly CallInterval[], start: EpochMs, end: EpochMs, count: number): number {
  let peak = 0;
  for (let i = 0; i < count; i++) {
    const at = Math.max(calls[i]!.start, start);
    if (at >= Math.min(calls[i]!.end, end)) continue;
    let active = 0;
    for (let j = 0; j < count; j++) {
      const c = calls[j]!;
      if (Math.max(c.start, start) <= at && at < Math.min(c.end, end)) active++;
    }
    if (active > peak) peak = active;
  }
  return peak;
}

function peakBySweep(calls: readonly CallInterval[], start: EpochMs, end: EpochMs, count: number): number {
  const edges: [EpochMs, number][] = [];
  for (let i = 0; i < count; i++) {
    const from = Math.max(calls[i]!.start, start);
    const to = Math.min(calls[i]!.end, end);
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
