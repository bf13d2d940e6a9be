import type { EpochMs } from '../ids';
import type { ProvisioningEvent } from '../records';

export type ProvisioningAction = ProvisioningEvent['action'];

/** One change of a device or trunk, as a tuple so that a persisted timeline stays small. */
export type ProvisioningChange = readonly [at: EpochMs, action: ProvisioningAction];

/** A stretch [from, to) during which a subject was provisioned. */
export type ProvisionedSpan = readonly [from: EpochMs, to: EpochMs];

/**
 * Time order; at the same millisecond DEPROVISIONED sorts first, so a subject removed and
 * provisioned again in the same millisecond ends up provisioned (the later intent wins).
 */
export function compareChanges(a: ProvisioningChange, b: ProvisioningChange): number {
  return a[0] - b[0] || (a[1] === b[1] ? 0 : a[1] === 'DEPROVISIONED' ? -1 : 1);
}

/**
 * The timeline with one more change, in order; null when that change is already in it. A subject's
 * state at t is the action of its last change at or before t, so the same change twice (a re-sent
 * event, or a second PROVISIONED of a provisioned device) can never count twice.
 */
export function withChange(timeline: readonly ProvisioningChange[], change: ProvisioningChange): ProvisioningChange[] | null {
  let i = timeline.length;
  while (i > 0 && compareChanges(timeline[i - 1]!, change) > 0) i--;
  if (i > 0 && compareChanges(timeline[i - 1]!, change) === 0) return null;
  return [...timeline.slice(0, i), change, ...timeline.slice(i)];
}

/**
 * Folds every change before `horizon` into the last of them: it alone decides the state at the
 * horizon, and nothing before the horizon is asked again once its months are closed.
 */
export function foldBefore(timeline: readonly ProvisioningChange[], horizon: EpochMs): ProvisioningChange[] {
  const firstKept = timeline.findIndex(([at]) => at >= horizon);
  const cut = firstKept < 0 ? timeline.length : firstKept;
  return timeline.slice(Math.max(0, cut - 1));
}

/** The stretches of [start, end) in which the subject was provisioned, counting state carried in from before start. */
export function provisionedSpans(timeline: readonly ProvisioningChange[], start: EpochMs, end: EpochMs): ProvisionedSpan[] {
  const spans: ProvisionedSpan[] = [];
  let since: EpochMs | null = null;
  for (const [at, action] of timeline) {
    if (at >= end) break;
    const t = Math.max(at, start);
    if (action === 'PROVISIONED') {
      if (since === null) since = t;
    } else if (since !== null) {
      if (t > since) spans.push([since, t]);
      since = null;
    }
  }
  if (since !== null) spans.push([since, end]);
  return spans;
}
