import type { Redis } from 'ioredis';
import { redisForSpecs } from '../../test/support/redis-for-specs';
import { AccountId, BillingMonth, type RatedRecord } from '../domain';
import { closesAt, monthAfter } from '../domain/invoicing/month-close';
import { ratedLeg } from '../domain/invoicing/rated.fixture';
import { BillingCalendar } from '../domain/rating';
import { RedisFactsStore, type Fact } from './facts-store';
import { ratedEntry, type LedgerBatch, type LedgerEntry } from './ledger-entries';
import { monthMember } from './ledger-keys';
import { retentionSeconds } from './ledger-retention';
import { RedisLedgerStore } from './ledger-store';

const db = redisForSpecs();
let redis: Redis;
let prefix: string;
let ledger: RedisLedgerStore;
let facts: RedisFactsStore;

const RETENTION_DAYS = 30;
const RETENTION_S = RETENTION_DAYS * 86_400;

beforeEach(() => {
  ({ redis, prefix } = db);
  ledger = new RedisLedgerStore(redis, prefix, { retentionDays: RETENTION_DAYS });
  facts = new RedisFactsStore(redis, prefix, { retentionDays: RETENTION_DAYS });
});


const partition = { topic: 'ledger.rated', partition: 0 };
const acme = AccountId('acme');
const [feb, mar] = [BillingMonth('2026-02'), BillingMonth('2026-03')];
const utc = new BillingCalendar('UTC');
const february = { accountId: acme, month: feb };

/** Offsets from `from` in list order; every record a PER_CHANNEL leg, so its month keeps call legs too. */
function batchOf(items: ReadonlyArray<RatedRecord | { through: BillingMonth }>, from = 0): LedgerBatch {
  const closeTimes = new Map<string, number>();
  const entries: LedgerEntry[] = items.map((item, i) => {
    const offset = String(from + i);
    if ('through' in item) return { kind: 'close-through', offset, through: item.through };
    for (const month of [item.month, monthAfter(item.month)]) closeTimes.set(monthMember({ accountId: item.accountId, month }), closesAt(utc, month, 72));
    return ratedEntry(item, offset, true);
  });
  return { entries, end: String(from + items.length), closeTimes };
}

const leg = (id: string, month = feb) =>
  ratedLeg({ id, callId: id, month, startAt: Date.UTC(2026, month === feb ? 1 : 2, 3, 9), endAt: Date.UTC(2026, month === feb ? 1 : 2, 3, 10) });
const activity = (sipId: string, month: BillingMonth): Fact => ({
  kind: 'activity', accountId: acme, month, licence: 'MOBILE_USER', sipId, home: partition, closesAt: closesAt(utc, month, 72),
});
const device: Fact = { kind: 'provisioning', accountId: acme, change: { subject: 'DEVICE', subjectId: 'phone-1', action: 'PROVISIONED', at: Date.UTC(2026, 1, 2) } };

/** Every key of the test with its TTL in seconds (-1: none), by name. */
async function ttls(): Promise<Record<string, number>> {
  const keys = (await redis.keys(`${prefix}*`)).sort();
  const entries = await Promise.all(keys.map(async (key) => [key.slice(prefix.length), await redis.ttl(key)] as const));
  return Object.fromEntries(entries);
}

/** A TTL just set to the retention (a few seconds may have passed). */
const isRetention = (ttl: number | undefined) => ttl !== undefined && ttl > RETENTION_S - 60 && ttl <= RETENTION_S;

/** February with usage, legs and a licence, closed by a marker; March open with the same. */
async function februaryClosedMarchOpen(): Promise<void> {
  await facts.apply({ source: { topic: 'registrations', partition: 0 }, end: '2', facts: [activity('100@acme', feb), device] });
  await ledger.apply(partition, batchOf([leg('f1'), leg('f2'), { through: feb }, leg('m1', mar)]));
  await facts.apply({ source: { topic: 'registrations', partition: 0 }, end: '3', facts: [activity('200@acme', mar)] });
}

describe('how long the invoicer keeps a month once it is invoiced', () => {
  it('gives no key a TTL while its month is open or closing, invoice not yet out', async () => {
    await februaryClosedMarchOpen();

    expect(await ledger.closing(partition)).toEqual([february]);
    expect(Object.values(await ttls()).every((ttl) => ttl === -1)).toBe(true);
  });

  it("expires every key of the invoiced month, in the step that forgets it from closing, and none of March's or the shared ones", async () => {
    await februaryClosedMarchOpen();
    await ledger.invoiced(partition, [february]);

    const byKey = await ttls();
    const febKeys = ['totals:acme:2026-02', 'seen:acme:2026-02', 'channels:acme:2026-02', 'closer:acme:2026-02', 'licences:acme:2026-02'];
    for (const key of febKeys) expect([key, isRetention(byKey[key])]).toEqual([key, true]);
    const others = Object.keys(byKey).filter((key) => !febKeys.includes(key));
    expect(others).toEqual(
      expect.arrayContaining(['totals:acme:2026-03', 'seen:acme:2026-03', 'channels:acme:2026-03', 'licences:acme:2026-03', 'closed', 'provisioning:acme']),
    );
    for (const key of others) expect([key, byKey[key]]).toEqual([key, -1]);
    expect(await ledger.closing(partition)).toEqual([]);
  });

  it('still counts a re-sent record of the invoiced month once while its keys live, and restarts their time', async () => {
    await februaryClosedMarchOpen();
    await ledger.invoiced(partition, [february]);
    await redis.expire(`${prefix}seen:acme:2026-02`, 100); // most of the retention gone

    await ledger.apply(partition, batchOf([leg('f1'), leg('late')], 4));

    const [march] = await ledger.totals([{ accountId: acme, month: mar }]);
    expect(march!.find((line) => line.key.startsWith('ADJUSTMENT'))).toMatchObject({ records: 1 }); // 'late' only
    expect(isRetention(await redis.ttl(`${prefix}seen:acme:2026-02`))).toBe(true);
  });

  it('bills a record replayed after its month expired again, as an adjustment, and lets that memory expire too', async () => {
    await februaryClosedMarchOpen();
    await ledger.invoiced(partition, [february]);
    const febKeys = await redis.keys(`${prefix}*:acme:2026-02`);
    await redis.del(...febKeys); // as the retention would

    await ledger.apply(partition, batchOf([leg('f1')], 4));
    await facts.apply({ source: { topic: 'registrations', partition: 0 }, end: '4', facts: [activity('100@acme', feb)] });

    const [march] = await ledger.totals([{ accountId: acme, month: mar }]);
    expect(march!.find((line) => line.key.startsWith('ADJUSTMENT'))).toMatchObject({ records: 1 });
    const byKey = await ttls();
    expect(isRetention(byKey['seen:acme:2026-02'])).toBe(true);
    expect(byKey['licences:acme:2026-02']).toBeUndefined(); // a closed month's licences are never written again
    expect(isRetention(byKey['late-licences:acme:2026-02'])).toBe(true);
    expect(byKey['totals:acme:2026-02']).toBeUndefined();
    expect(byKey['totals:acme:2026-03']).toBe(-1);
  });

  it('takes 400 days unless told otherwise, and refuses less than a week', () => {
    expect(retentionSeconds()).toBe(400 * 86_400);
    expect(retentionSeconds({ retentionDays: 7 })).toBe(7 * 86_400);
    expect(() => retentionSeconds({ retentionDays: 6 })).toThrow(RangeError);
    expect(() => new RedisLedgerStore(redis, prefix, { retentionDays: 0 })).toThrow(RangeError);
  });
});
