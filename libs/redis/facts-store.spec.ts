import type { Redis } from 'ioredis';
import { redisForSpecs } from '../../test/support/redis-for-specs';
import { AccountId, BillingMonth, type Licence, type RatedRecord } from '../domain';
import { closesAt } from '../domain/invoicing/month-close';
import { ratedLeg } from '../domain/invoicing/rated.fixture';
import { BillingCalendar } from '../domain/rating';
import { RedisFactsStore, type Fact, type FactsBatch } from './facts-store';
import { ratedEntry, type LedgerBatch } from './ledger-entries';
import { monthMember } from './ledger-keys';
import { RedisLedgerStore } from './ledger-store';

const db = redisForSpecs();
let redis: Redis;
let prefix: string;
let facts: RedisFactsStore;
let ledger: RedisLedgerStore;

beforeEach(() => {
  ({ redis, prefix } = db);
  facts = new RedisFactsStore(redis, prefix);
  ledger = new RedisLedgerStore(redis, prefix);
});


const acme = AccountId('acme');
const globex = AccountId('globex');
const [feb, mar] = [BillingMonth('2026-02'), BillingMonth('2026-03')];
const FEBRUARY = { start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 2, 1) };
const ledgerPartition = { topic: 'ledger.rated', partition: 2 };
const registrations = { topic: 'registrations', partition: 1 };
const FEB_CLOSES = closesAt(new BillingCalendar('UTC'), feb, 72);
const day = (d: number, hour = 12) => Date.UTC(2026, 1, d, hour);

const device = (id: string, action: 'PROVISIONED' | 'DEPROVISIONED', at: number, accountId = acme): Fact => ({
  kind: 'provisioning', accountId, change: { subject: 'DEVICE', subjectId: id, action, at },
});
const activity = (sipId: string, licence: Licence | null, accountId = acme, month = feb): Fact => ({
  kind: 'activity', accountId, month, licence, sipId, home: ledgerPartition, closesAt: FEB_CLOSES,
});
const batchOf = (items: Fact[], end: string, source = registrations): FactsBatch => ({ source, end, facts: items });

function ledgerBatch(records: ReadonlyArray<RatedRecord | { through: BillingMonth }>, from: number, perChannel = true): LedgerBatch {
  const closeTimes = new Map<string, number>();
  const entries = records.map((r, i) => {
    const offset = String(from + i);
    if ('through' in r) return { kind: 'close-through' as const, offset, through: r.through };
    for (const month of [feb, mar]) closeTimes.set(monthMember({ accountId: r.accountId, month }), closesAt(new BillingCalendar('UTC'), month, 72));
    return ratedEntry(r, offset, perChannel);
  });
  return { entries, end: String(from + records.length), closeTimes };
}

describe('the facts store', () => {
  it('keeps devices across months and licences per SIP-ID, and a redelivered batch changes nothing', async () => {
    const batch = batchOf(
      [
        device('phone-1', 'PROVISIONED', Date.UTC(2026, 0, 5)), // carried in from January
        device('phone-2', 'PROVISIONED', day(2)),
        device('phone-1', 'DEPROVISIONED', day(10)),
        device('phone-3', 'PROVISIONED', day(11)),
        activity('100@acme', 'MOBILE_USER'),
        activity('100@acme', 'MOBILE_USER'), // a second phone of the same SIP-ID: one user
        activity('100@acme', 'VIDEO_HOST'),
        activity('200@acme', 'DESKTOP_USER'),
        activity('300@acme', null), // a desk phone: activity, no licence
      ],
      '9',
    );
    await facts.apply(batch);
    const dump = async () =>
      Promise.all(
        (await redis.keys(`${prefix}*`)).sort().map(async (k) => {
          const type = await redis.type(k);
          const value = type === 'set' ? (await redis.smembers(k)).sort() : type === 'zset' ? await redis.zrange(k, 0, -1, 'WITHSCORES') : await redis.get(k);
          return [k, value];
        }),
      );
    const before = await dump();

    expect(await facts.apply(batch)).toEqual({ late: 0 });
    expect(await dump()).toEqual(before);
    const restored = await facts.restore([{ accountId: acme, month: feb }]);
    expect(restored.provisioning.devicePeak(acme, FEBRUARY)).toBe(2);
    expect(restored.licences(acme, feb)?.users()).toEqual([
      { sipId: '100@acme', licences: ['MOBILE_USER', 'VIDEO_HOST'] },
      { sipId: '200@acme', licences: ['DESKTOP_USER'] },
    ]);
    expect(await facts.positions(registrations.topic, [0, 1])).toEqual(new Map([[1, 9n]]));
  });

  it('opens a month with activity but no usage on the ledger partition that owns the account, where the marker closes it', async () => {
    await facts.apply(batchOf([activity('500@globex', 'MESSAGING_USER', globex)], '1'));
    const closed = await ledger.apply(ledgerPartition, ledgerBatch([{ through: feb }], 0));

    expect(closed.closing).toEqual([{ accountId: globex, month: feb }]);
    expect(await facts.apply(batchOf([activity('600@globex', 'MOBILE_USER', globex)], '2'))).toEqual({ late: 1 });
    expect(await ledger.closing(ledgerPartition)).toEqual([{ accountId: globex, month: feb }]);
    expect(await redis.zcard(`${prefix}open:${ledgerPartition.topic}:${ledgerPartition.partition}`)).toBe(0);
  });

  it('keeps a licence earned in a month already closed out of that month, even before its invoice is out', async () => {
    await facts.apply(batchOf([activity('500@globex', 'MESSAGING_USER', globex)], '1'));
    await ledger.apply(ledgerPartition, ledgerBatch([{ through: feb }], 0));
    const invoiced = () => facts.restore([{ accountId: globex, month: feb }]).then((r) => r.licences(globex, feb)?.users());
    const before = await invoiced();

    expect(await facts.apply(batchOf([activity('600@globex', 'MOBILE_USER', globex)], '2'))).toEqual({ late: 1 });

    expect(await ledger.closing(ledgerPartition)).toEqual([{ accountId: globex, month: feb }]); // closed, not yet invoiced
    expect(await invoiced()).toEqual(before);
    expect(before).toEqual([{ sipId: '500@globex', licences: ['MESSAGING_USER'] }]);
    expect(await redis.smembers(`${prefix}late-licences:${globex}:${feb}`)).toEqual(['MOBILE_USER|600@globex']);
  });

  it('closes an activity month at the next batch once the watermark has already passed its close time', async () => {
    await ledger.apply(ledgerPartition, ledgerBatch([ratedLeg({ id: 'm', month: mar, startAt: FEB_CLOSES })], 0));
    await facts.apply(batchOf([activity('500@globex', 'MOBILE_USER', globex)], '1'));

    const next = await ledger.apply(ledgerPartition, ledgerBatch([], 1));
    expect(next.closing).toEqual([{ accountId: globex, month: feb }]);
  });

  it("keeps a PER_CHANNEL account's legs once, on time only, for the month's peak", async () => {
    const leg = (id: string, callId: string, from: number, minutes: number, over: Partial<RatedRecord> = {}) =>
      ratedLeg({ id, callId, startAt: from, endAt: from + minutes * 60_000, ...over });
    const d2d = [leg('d2d:orig', 'd2d', day(3, 9), 10), leg('d2d:term', 'd2d', day(3, 9), 10)];
    const other = leg('other', 'other', day(3, 9) + 60_000, 2);
    const late = leg('late', 'late', day(3, 9) + 60_000, 2);

    await ledger.apply(ledgerPartition, ledgerBatch([...d2d, other, other, { through: feb }, late], 0));
    await ledger.apply(ledgerPartition, ledgerBatch([...d2d, other], 0)); // redelivered from an older offset

    const restored = await facts.restore([{ accountId: acme, month: feb }, { accountId: acme, month: mar }]);
    expect(restored.channels(acme, feb)?.peak()).toBe(2);
    expect(restored.channels(acme, mar)?.peak()).toBe(0); // the late leg is billed on March, but February's peak is out
    expect(await redis.hkeys(`${prefix}channels:acme:2026-02`)).toEqual(expect.arrayContaining(['d2d:orig', 'd2d:term', 'other']));
    expect(await redis.hlen(`${prefix}channels:acme:2026-02`)).toBe(3);
  });

  it('keeps no leg of a per-minute account or of a record without its call interval', async () => {
    await ledger.apply(ledgerPartition, ledgerBatch([ratedLeg({ id: 'a', callId: 'a', endAt: day(3, 10) })], 0, false));
    await ledger.apply(ledgerPartition, ledgerBatch([ratedLeg({ id: 'b' })], 1));

    expect(await redis.exists(`${prefix}channels:acme:2026-02`)).toBe(0);
  });
});
