import type { EpochMs } from '../domain';

const DAY_MS = 86_400_000;

/**
 * Where the rater keeps its tariff-plan limit state, every key under one prefix (REDIS_KEY_PREFIX,
 * `cdr:` by default, shared with the invoicer: the `limits:` segment keeps the two apart).
 *
 * - `<p>limits:counters:<account>`          string, the account's LimitState as JSON (no expiry)
 * - `<p>limits:counted:<account>:<day>`     set, usageIds counted, by the UTC day the usage started;
 *                                           expires a while after its last write (dedup horizon)
 * - `<p>limits:position:<topic>:<part>`     hash, `next` offset of a usage partition
 */
export class LimitKeys {
  constructor(readonly prefix: string) {}

  counters(accountId: string): string {
    return `${this.prefix}limits:counters:${accountId}`;
  }

  counted(accountId: string, startAt: EpochMs): string {
    return `${this.prefix}limits:counted:${accountId}:${usageDay(startAt)}`;
  }

  position(topic: string, partition: number): string {
    return `${this.prefix}limits:position:${topic}:${partition}`;
  }
}

/**
 * The UTC day a usage started, `YYYY-MM-DD`: it buckets the dedup marks so old ones expire by the
 * day. A re-sent usage has the same start, so it always lands in its first copy's bucket.
 */
export function usageDay(startAt: EpochMs): string {
  return new Date(Math.floor(startAt / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}
