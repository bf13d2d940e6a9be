import type { Redis } from 'ioredis';
import type { AccountId, BillingMonth, EpochMs, Licence } from '../domain';
import type { AccountMonth } from '../domain/invoicing';
import { RestoredFacts, type ProvisioningFact } from '../pipeline/restored-facts';
import { CachedScript } from './cached-script';
import { foldedAway, provisioningHorizon } from './facts-compaction';
import { licenceMember, licensedUsersOf, provisioningFactOf, provisioningMember } from './facts-members';
import { FACTS_APPLY_LUA } from './facts-script';
import { channelLegsOf } from './ledger-channels';
import type { LedgerPartition } from './ledger-entries';
import { LedgerKeys } from './ledger-keys';
import { retentionSeconds, type LedgerRetention } from './ledger-retention';

/** One recurring fact of a consumed batch, ready to store. */
export type Fact =
  | { readonly kind: 'provisioning'; readonly accountId: AccountId; readonly change: ProvisioningFact }
  | {
      readonly kind: 'activity';
      readonly accountId: AccountId;
      /** The billing month of the activity in the account's zone. */
      readonly month: BillingMonth;
      /** What it earned its SIP-ID (licenceOf), or null: it still makes the month one with activity. */
      readonly licence: Licence | null;
      readonly sipId: string;
      /** The ledger partition that owns the account, where the month opens for its invoice. */
      readonly home: LedgerPartition;
      /** When that month closes by event time (its end in the account's zone + grace). */
      readonly closesAt: EpochMs;
    };

export interface FactsBatch {
  /** The provisioning or registrations partition the facts were read from. */
  readonly source: LedgerPartition;
  /** The offset after the batch's last message (dead-lettered ones included). */
  readonly end: string;
  readonly facts: readonly Fact[];
}

/** The recurring facts port of the invoicer; RedisFactsStore is the implementation the service runs. */
export interface FactsStore {
  /** Stores a batch and its partition's position at once; returns how many activities came after their month closed. */
  apply(batch: FactsBatch): Promise<{ readonly late: number }>;
  /** The stored next offset of each partition that has one. */
  positions(topic: string, partitions: readonly number[]): Promise<Map<number, bigint>>;
  /** The facts of the account-months being invoiced: provisioning of their accounts, their licences and call legs. */
  restore(months: readonly AccountMonth[]): Promise<RestoredFacts>;
  /**
   * Drops provisioning changes no invoice can ask for any more, once every month of the account
   * before `oldestOpen` is invoiced (facts-compaction.ts); answers how many it dropped.
   */
  compact(accounts: readonly { readonly accountId: AccountId; readonly oldestOpen: BillingMonth }[]): Promise<number>;
}

/**
 * Provisioning changes per account (all months: the state carries across them), licences per
 * account-month, and the position of every facts partition, in the same Redis and under the same
 * prefix as the ledger (keys: ledger-keys.ts; write step: facts-script.ts). Call legs are written by
 * the ledger script and read here, so one round trip loads everything a month's invoice needs.
 */
export class RedisFactsStore implements FactsStore {
  private readonly keys: LedgerKeys;
  private readonly script = new CachedScript(FACTS_APPLY_LUA);
  private readonly retentionSeconds: number;

  /** `retention`: the ledger's (ledger-retention.ts), for the licences of a month that is already closed. */
  constructor(private readonly redis: Redis, keyPrefix: string, retention: LedgerRetention = {}) {
    if (redis.options.keyPrefix) throw new Error('RedisFactsStore prefixes its own keys (the script builds some); connect without keyPrefix');
    this.keys = new LedgerKeys(keyPrefix);
    this.retentionSeconds = retentionSeconds(retention);
  }

  async apply({ source, end, facts }: FactsBatch): Promise<{ late: number }> {
    const k = this.keys;
    const args: (string | number)[] = [k.prefix, end, this.retentionSeconds];
    for (const fact of facts) {
      if (fact.kind === 'provisioning') {
        args.push('p', fact.accountId, provisioningMember(fact.change));
        continue;
      }
      const member = fact.licence === null ? '' : licenceMember(fact.licence, fact.sipId);
      args.push('a', fact.accountId, fact.month, member, k.open(fact.home.topic, fact.home.partition), fact.closesAt);
    }
    const late = await this.script.run(this.redis, [k.closed(), k.factsPosition(source.topic, source.partition)], args);
    return { late: Number(late) };
  }

  async positions(topic: string, partitions: readonly number[]): Promise<Map<number, bigint>> {
    const positions = new Map<number, bigint>();
    if (partitions.length === 0) return positions;
    const stored = await this.redis.mget(...partitions.map((p) => this.keys.factsPosition(topic, p)));
    stored.forEach((next, i) => next !== null && positions.set(partitions[i]!, BigInt(next)));
    return positions;
  }

  async restore(months: readonly AccountMonth[]): Promise<RestoredFacts> {
    const facts = new RestoredFacts();
    if (months.length === 0) return facts;
    const accounts = [...new Set(months.map((m) => m.accountId))];
    const pipeline = this.redis.pipeline();
    for (const accountId of accounts) pipeline.smembers(this.keys.provisioning(accountId));
    for (const m of months) pipeline.smembers(this.keys.licences(m.accountId, m.month)).hgetall(this.keys.channels(m.accountId, m.month));
    const replies = ((await pipeline.exec()) ?? []).map(([err, reply]) => {
      if (err) throw err;
      return reply;
    });
    accounts.forEach((accountId, i) => facts.provisioned(accountId, (replies[i] as string[]).map(provisioningFactOf)));
    months.forEach(({ accountId, month }, i) => {
      const at = accounts.length + 2 * i;
      facts.licensed(accountId, month, licensedUsersOf(replies[at] as string[]));
      facts.called(accountId, month, channelLegsOf(replies[at + 1] as Record<string, string>));
    });
    return facts;
  }

  async compact(accounts: readonly { readonly accountId: AccountId; readonly oldestOpen: BillingMonth }[]): Promise<number> {
    if (accounts.length === 0) return 0;
    const read = this.redis.pipeline();
    for (const { accountId } of accounts) read.smembers(this.keys.provisioning(accountId));
    const replies = (await read.exec()) ?? [];
    // SREM of exactly what was read: a change stored meanwhile stays, and the last change before the
    // horizon, which decides the state there, is never among what goes (facts-compaction.ts).
    const write = this.redis.pipeline();
    let dropped = 0;
    accounts.forEach(({ accountId, oldestOpen }, i) => {
      const [err, members] = replies[i]!;
      if (err) throw err;
      const away = foldedAway(members as string[], provisioningHorizon(oldestOpen));
      for (let from = 0; from < away.length; from += 1000) write.srem(this.keys.provisioning(accountId), ...away.slice(from, from + 1000));
      dropped += away.length;
    });
    if (dropped > 0) for (const [err] of (await write.exec()) ?? []) if (err) throw err;
    return dropped;
  }
}
