import { UsageId, type RatedRecord } from '../domain';
import type { ChannelLeg } from '../pipeline/channel-watch';

/**
 * The call legs of a PER_CHANNEL account-month in a Redis hash (`channels:<account>:<month>`): field
 * the ratedId (= usageId), value `[callId, startAt, endAt, stream, partition, position]` as JSON. The
 * ledger script writes a leg with its totals, under the same ratedId dedup, only when it is on time:
 * a late leg's month is invoiced already, so it can no longer move that month's peak.
 */

/** The leg of a rated LEG, or null for any other kind or a record without its call interval (an older rater's). */
export function channelLegOf(rated: RatedRecord): ChannelLeg | null {
  if (rated.kind !== 'LEG' || rated.callId == null || rated.endAt == null) return null;
  return { usageId: rated.usageId, callId: rated.callId, startAt: rated.startAt, endAt: rated.endAt, source: rated.source };
}

export function channelLegText(leg: ChannelLeg): string {
  const { callId, startAt, endAt, source } = leg;
  return JSON.stringify([callId, startAt, endAt, source.stream, source.partition, source.position]);
}

/** A channels hash (HGETALL) back into legs, by ratedId; throws on a value it did not write. */
export function channelLegsOf(hash: Readonly<Record<string, string>>): ChannelLeg[] {
  return Object.keys(hash)
    .sort()
    .map((ratedId) => {
      const value: unknown = JSON.parse(hash[ratedId]!);
      if (!Array.isArray(value) || value.length !== 6 || typeof value[0] !== 'string' || !value.slice(1, 3).every(Number.isSafeInteger)) {
        throw new RangeError(`not a stored call leg: ${ratedId} = ${hash[ratedId]}`);
      }
      const [callId, startAt, endAt, stream, partition, position] = value as [string, number, number, string, number, number];
      return { usageId: UsageId(ratedId), callId, startAt, endAt, source: { stream, partition, position } };
    });
}
