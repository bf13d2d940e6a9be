import type { EpochMs } from '../ids';

export interface CallInterval {
  readonly start: EpochMs;
  readonly end: EpochMs;
}

/**
 * The most of `calls` active at one instant within [start, end). Intervals are half open, so a call
 * that ends when another starts does not overlap it. Ends sort before starts at the same instant.
 */
export function peakOverlap(calls: readonly CallInterval[], start: EpochMs, end: EpochMs): number {
  const edges: [EpochMs, number][] = [];
  for (const call of calls) {
    const from = Math.max(call.start, start);
    const to = Math.min(call.end, end);
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
