import type { EpochMs } from '../domain';
import type { CountedUsage } from './limit-batch';

const DAY_MS = 86_400_000;

/**
 * Where the rater keeps its tariff-plan limit state, every key under one prefix (REDIS_KEY_PREFIX,
 * `cdr:` by default, shared with the invoicer: the `limits:` segment keeps the two apart).
 *
 * - `<p>limits:counters:<account>`          string, the account's LimitState as JSON (no expiry)
 * - `<p>limits:counted:<account>:<day>`     set, usageIds counted, by the UTC day the usage started;
 *                                           expires a while after its last write (dedup horizon)
 * - `<p>limits:position:<topic>:<part>`     hash, `next` offset of a usage partition
 * - `<p>limits:writers`                     hash, per account the writerStamp of its counters' last save
 */
export class LimitKeys {
  constructor(readonly prefix: string) {}

  counters(accountId: string): string {
    return `${this.prefix}limits:counters:${accountId}`;
  }

  counted(accountId: string, startAt: EpochMs): string {
    return this.countedOn(accountId, usageDay(startAt));
  }

  /** counted() for a day already printed (usageDay). */
  countedOn(accountId: string, day: string): string {
    return `${this.prefix}limits:counted:${accountId}:${day}`;
  }

  writers(): string {
    return `${this.prefix}limits:writers`;
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
  return new Date(dayNumber(startAt) * DAY_MS).toISOString().slice(0, 10);
}

const dayNumber = (startAt: EpochMs): number => Math.floor(startAt / DAY_MS);

/**
 * Usage grouped by counted-set key (keys.counted: account and start day). Grouped by day number,
 * then by account, so each day is printed and each key built once per batch, not once per usage: a
 * batch holds thousands of usages of a few accounts and days, and a Date, an ISO string and a
 * template per usage cost more than the rest of the save.
 */
export function countedSets<T extends CountedUsage>(usage: readonly T[], keys: LimitKeys): Map<string, T[]> {
  const byDay = new Map<number, Map<string, T[]>>();
  for (const u of usage) {
    const day = dayNumber(u.startAt);
    let accounts = byDay.get(day);
    if (accounts === undefined) {
      accounts = new Map();
      byDay.set(day, accounts);
    }
    const group = accounts.get(u.accountId);
    if (group === undefined) accounts.set(u.accountId, [u]);
    else group.push(u);
  }
  const sets = new Map<string, T[]>();
  for (const accounts of byDay.values()) {
    let day: string | undefined;
    for (const [accountId, group] of accounts) {
      day ??= usageDay(group[0]!.startAt);
      sets.set(keys.countedOn(accountId, day), group);
    }
  }
  return sets;
}
