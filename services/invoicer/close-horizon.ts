import type { EpochMs } from '../../libs/domain';
import type { LedgerEntry } from '../../libs/redis';

const HOUR_MS = 3_600_000;
/** Zone offsets run from UTC-12 to UTC+14: a month ends in some zone from 14 h before to 12 h after its end in UTC. */
const EARLIEST_END_MS = 14 * HOUR_MS;
const LATEST_END_MS = 12 * HOUR_MS;

const utcMonthIndex = (at: EpochMs) => {
  const d = new Date(at);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
};

/**
 * Whether applying these entries may close a month, so the recurring facts must be in first
 * (facts-barrier.ts). Erring on yes only costs a wait; a wrong no could invoice a month without
 * facts published before it closed, so it answers yes for:
 * - a close-through marker;
 * - a partition with no watermark yet (its first records);
 * - a month the batch may open whose close time the watermark already reached;
 * - a watermark that moves across any month's close time in any zone: a close time is a month's end
 *   in the account's zone + grace, which lies within [UTC month end - 14 h, + 12 h] + grace.
 */
export function mayCloseMonths(
  entries: readonly LedgerEntry[], watermark: EpochMs | null, closeTimes: ReadonlyMap<string, EpochMs>, graceHours: number,
): boolean {
  let latest: EpochMs | null = null;
  for (const e of entries) {
    if (e.kind === 'close-through') return true;
    if (latest === null || e.startAt > latest) latest = e.startAt;
  }
  if (latest === null) return false;
  if (watermark === null) return true;
  const reached = Math.max(watermark, latest);
  for (const closeTime of closeTimes.values()) if (closeTime <= reached) return true;
  if (latest <= watermark) return false;
  const grace = graceHours * HOUR_MS;
  return utcMonthIndex(latest + EARLIEST_END_MS - grace) > utcMonthIndex(watermark - LATEST_END_MS - grace);
}
