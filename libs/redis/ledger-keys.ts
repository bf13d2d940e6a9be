import { AccountId, BillingMonth } from '../domain';
import type { AccountMonth } from '../domain/invoicing';

/**
 * Where the invoicer keeps its state, every key under one prefix (REDIS_KEY_PREFIX, `cdr:` by
 * default). The ledger script builds the per-account keys itself from the same prefix, so these
 * names and the ones in ledger-script.ts must stay in step (the store spec reads what it writes).
 *
 * - `<p>totals:<account>:<month>`   hash, line totals of one invoice (fields: ledger-lines.ts)
 * - `<p>seen:<account>:<month>`     set, ratedIds applied, by the month the usage belongs to
 * - `<p>closed`                     hash, account -> latest closed month
 * - `<p>position:<topic>:<part>`    hash, `next` offset and event-time `watermark` of a partition
 * - `<p>open:<topic>:<part>`        sorted set, open account-months scored by their close time
 * - `<p>closing:<topic>:<part>`     set, closed account-months whose invoice is not yet out
 * - `<p>channels:<account>:<month>` hash, ratedId -> call leg of a PER_CHANNEL month (ledger-channels.ts)
 * - `<p>closer:<account>:<month>`   string, the `closing` key of the partition that closed the month
 *                                    and invoices it: one, even when two partitions held it open
 *
 * The recurring facts (facts-store.ts), written by the provisioning and registrations consumer:
 * - `<p>provisioning:<account>`     set, the account's device and trunk changes, all months (facts-members.ts)
 * - `<p>licences:<account>:<month>` set, `<licence>|<sipId>` earned in the month
 * - `<p>late-licences:<account>:<month>` set, licences earned in a month already closed: kept, not billed
 * - `<p>facts-position:<topic>:<part>` string, next offset of a facts partition applied
 *
 * Expiry (ledger-retention.ts): the five per-month keys (`monthKeys`) live for ever while their month
 * is open or closing; the step that forgets a month from `closing` once its invoice is out also gives
 * them an EXPIRE of the retention. The other keys are bounded by accounts and partitions, except
 * `provisioning`, which keeps one change per device or trunk from before the oldest month still open
 * plus the changes since (facts-compaction.ts).
 */
export class LedgerKeys {
  constructor(readonly prefix: string) {}

  totals(accountId: string, month: string): string {
    return `${this.prefix}totals:${accountId}:${month}`;
  }

  seen(accountId: string, month: string): string {
    return `${this.prefix}seen:${accountId}:${month}`;
  }

  closed(): string {
    return `${this.prefix}closed`;
  }

  position(topic: string, partition: number): string {
    return `${this.prefix}position:${topic}:${partition}`;
  }

  open(topic: string, partition: number): string {
    return `${this.prefix}open:${topic}:${partition}`;
  }

  closing(topic: string, partition: number): string {
    return `${this.prefix}closing:${topic}:${partition}`;
  }

  channels(accountId: string, month: string): string {
    return `${this.prefix}channels:${accountId}:${month}`;
  }

  closer(accountId: string, month: string): string {
    return `${this.prefix}closer:${accountId}:${month}`;
  }

  provisioning(accountId: string): string {
    return `${this.prefix}provisioning:${accountId}`;
  }

  licences(accountId: string, month: string): string {
    return `${this.prefix}licences:${accountId}:${month}`;
  }

  /** Every key of one account-month, which expire together once its invoice is out. */
  monthKeys(accountId: string, month: string): string[] {
    return [
      this.totals(accountId, month),
      this.seen(accountId, month),
      this.channels(accountId, month),
      this.closer(accountId, month),
      this.licences(accountId, month),
    ];
  }

  factsPosition(topic: string, partition: number): string {
    return `${this.prefix}facts-position:${topic}:${partition}`;
  }
}

/** An account-month as a set member, `<account>|YYYY-MM`: the month is always the last 7 characters. */
export const monthMember = (m: AccountMonth): string => `${m.accountId}|${m.month}`;

export function parseMonthMember(member: string): AccountMonth {
  const month = member.slice(-7);
  if (member.length < 9 || member[member.length - 8] !== '|' || !/^\d{4}-\d{2}$/.test(month)) {
    throw new RangeError(`not an account-month member: "${member}"`);
  }
  return { accountId: AccountId(member.slice(0, -8)), month: BillingMonth(month) };
}

/** By account, then month: the order invoices are closed and emitted in. */
export function byAccountMonth(a: AccountMonth, b: AccountMonth): number {
  if (a.accountId !== b.accountId) return a.accountId < b.accountId ? -1 : 1;
  return a.month < b.month ? -1 : a.month > b.month ? 1 : 0;
}
