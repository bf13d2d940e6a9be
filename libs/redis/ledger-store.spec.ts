import type { Redis } from 'ioredis';
import { redisForSpecs } from '../../test/support/redis-for-specs';
import { AccountId, BillingMonth, type RatedRecord } from '../domain';
import { MonthLedger, type AccountMonth } from '../domain/invoicing';
import { closesAt, monthAfter } from '../domain/invoicing/month-close';
import { ratedLeg } from '../domain/invoicing/rated.fixture';
import { BillingCalendar } from '../domain/rating';
import { CachedScript } from './cached-script';
import { ratedEntry, type LedgerBatch, type LedgerEntry } from './ledger-entries';
import { monthMember } from './ledger-keys';
import { RedisLedgerStore } from './ledger-store';

const db = redisForSpecs();
let redis: Redis;
let prefix: string;
let store: RedisLedgerStore;

beforeEach(() => {
  ({ redis, prefix } = db);
  store = new RedisLedgerStore(redis, prefix);
});


const ledger = { topic: 'ledger.rated', partition: 2 };
const acme = AccountId('acme');
const [jan, feb, mar, apr] = ['2026-01', '2026-02', '2026-03', '2026-04'].map(BillingMonth) as [BillingMonth, BillingMonth, BillingMonth, BillingMonth];
const utc = new BillingCalendar('UTC');
const FEB_CLOSES = closesAt(utc, feb, 72);

type Item = RatedRecord | { through: BillingMonth };

/** Offsets from 0 in list order; close times of each record's month and the month after (UTC, 72 h). */
function batchOf(items: readonly Item[], from = 0, end = from + items.length): LedgerBatch {
  const closeTimes = new Map<string, number>();
  const entries: LedgerEntry[] = items.map((item, i) => {
    const offset = String(from + i);
    if ('through' in item) return { kind: 'close-through', offset, through: item.through };
    for (const month of [item.month, monthAfter(item.month)]) {
      closeTimes.set(monthMember({ accountId: item.accountId, month }), closesAt(utc, month, 72));
    }
    return ratedEntry(item, offset);
  });
  return { entries, end: String(end), closeTimes };
}

const totalsOf = async (accountId: AccountId, month: BillingMonth) => (await store.totals([{ accountId, month }]))[0];
const leg = (id: string, over: Partial<RatedRecord> = {}) => ratedLeg({ id, ...over });

describe('the ledger store applies a batch in one atomic script call', () => {
  it('sums a batch into the same line totals as the in-memory ledger, and stores offset and watermark', async () => {
    const records = [
      leg('a'),
      leg('b', { billedSeconds: 120, amount: '0.020000', startAt: Date.UTC(2026, 1, 9) }),
      leg('c', { connectFee: '0.05', amount: '0.060000' }),
    ];
    const outcome = await store.apply(ledger, batchOf(records, 40, 45));

    const expected = new MonthLedger();
    records.forEach((r) => expected.add(r));
    expect(outcome).toEqual({ status: 'applied', next: '45', watermark: Date.UTC(2026, 1, 9), closing: [], late: 0 });
    expect(await totalsOf(acme, feb)).toEqual(expected.totals(acme, feb));
    expect(await store.position(ledger)).toEqual({ next: '45', watermark: Date.UTC(2026, 1, 9) });
  });

  it('counts a re-sent ratedId once, in the same batch and in a later one', async () => {
    await store.apply(ledger, batchOf([leg('a'), leg('a'), leg('b')]));
    await store.apply(ledger, batchOf([leg('b'), leg('c')], 3));

    expect(await totalsOf(acme, feb)).toEqual([expect.objectContaining({ records: 3, billedSeconds: 180, amountNanos: 30_000_000n })]);
  });

  it('changes nothing when the same batch is applied again (a redelivery after a crash)', async () => {
    const batch = batchOf([leg('a'), { through: jan }, leg('b', { startAt: FEB_CLOSES }), leg('late')], 10);
    const first = await store.apply(ledger, batch);
    const dump = async () => ({ keys: (await redis.keys(`${prefix}*`)).sort(), feb: await totalsOf(acme, feb), mar: await totalsOf(acme, mar) });
    const before = await dump();

    expect(first.late).toBe(1);
    expect(await store.apply(ledger, batch)).toEqual({ ...first, late: 0 }); // nothing applied again, nothing late again
    expect(await dump()).toEqual(before);
    expect(before.mar).toEqual([expect.objectContaining({ key: 'ADJUSTMENT|sipcore.voice|0.01|2026-02', records: 1 })]);
  });

  it('stores the next offset per partition for resuming, and none for a partition never applied', async () => {
    await store.apply(ledger, batchOf([leg('a')], 7, 9));
    await store.apply({ ...ledger, partition: 0 }, batchOf([], 0, 3));

    expect(await store.nextOffsets(ledger.topic, [0, 1, 2])).toEqual([
      { topic: ledger.topic, partition: 0, offset: '3' },
      { topic: ledger.topic, partition: 2, offset: '9' },
    ]);
  });
});

describe('closing months inside the script, in offset order', () => {
  it('closes February at a close-through marker and bills February usage after it on March as an adjustment', async () => {
    const outcome = await store.apply(ledger, batchOf([leg('a'), { through: feb }, leg('late', { billedSeconds: 120, amount: '0.02' })]));

    expect(outcome.closing).toEqual([{ accountId: acme, month: feb }]);
    expect(outcome.late).toBe(1);
    expect(await store.latestClosed(acme)).toBe(feb);
    expect(await totalsOf(acme, feb)).toEqual([expect.objectContaining({ key: 'USAGE|sipcore.voice|0.01', records: 1 })]);
    expect(await totalsOf(acme, mar)).toEqual([
      expect.objectContaining({ key: 'ADJUSTMENT|sipcore.voice|0.01|2026-02', records: 1, billedSeconds: 120, amountNanos: 20_000_000n }),
    ]);
  });

  it('closes February when the watermark reaches 72 h past its end, wherever the batches were cut', async () => {
    const globex = AccountId('globex');
    const records = [
      leg('a'),
      leg('g-mar', { accountId: globex, month: mar, startAt: FEB_CLOSES - 1 }),
      leg('b'),
      leg('g-mar-2', { accountId: globex, month: mar, startAt: FEB_CLOSES }), // the watermark reaches it here
      leg('c'),
      leg('d'),
    ];
    const states: unknown[] = [];
    for (const cut of [0, 2, 3, 4, 6]) {
      store = new RedisLedgerStore(redis, `${prefix}cut${cut}:`);
      await store.apply(ledger, batchOf(records.slice(0, cut), 0));
      const last = await store.apply(ledger, batchOf(records.slice(cut), cut));
      states.push({ closing: last.closing, feb: await totalsOf(acme, feb), mar: await totalsOf(acme, mar) });
    }

    expect(states[0]).toEqual({
      closing: [{ accountId: acme, month: feb }],
      feb: [expect.objectContaining({ key: 'USAGE|sipcore.voice|0.01', records: 2 })],
      mar: [expect.objectContaining({ key: 'ADJUSTMENT|sipcore.voice|0.01|2026-02', records: 2 })],
    });
    states.forEach((state) => expect(state).toEqual(states[0]));
  });

  it('stops at a very late record until it is told when the month it opens closes', async () => {
    await store.apply(ledger, batchOf([leg('m', { month: mar }), { through: mar }]));
    const veryLate = leg('jan', { month: jan }); // closed through March: billed on April, whose close time was not given
    const globex = (id: string) => leg(id, { accountId: AccountId('globex') });
    const batch = batchOf([globex('g1'), veryLate, globex('g2')], 2);

    const stopped = await store.apply(ledger, batch);
    expect(stopped).toMatchObject({ status: 'needs-close-time', month: { accountId: acme, month: apr }, next: '3' });
    expect(await totalsOf(AccountId('globex'), feb)).toEqual([expect.objectContaining({ records: 1 })]);
    expect(await totalsOf(acme, apr)).toEqual([]);

    const closeTimes = new Map([...batch.closeTimes, [monthMember({ accountId: acme, month: apr }), closesAt(utc, apr, 72)]]);
    expect(await store.apply(ledger, { ...batch, closeTimes })).toMatchObject({ status: 'applied', next: '5' });
    expect(await totalsOf(acme, apr)).toEqual([expect.objectContaining({ key: 'ADJUSTMENT|sipcore.voice|0.01|2026-01', records: 1 })]);
    expect(await totalsOf(AccountId('globex'), feb)).toEqual([expect.objectContaining({ records: 2 })]);
  });

  it('refuses a record that would take a line past 9.2e9 currency units, having applied everything before it', async () => {
    const huge = (id: string) => leg(id, { amount: '9000000000' });
    const outcome = await store.apply(ledger, batchOf([leg('a'), huge('huge-1'), huge('huge-2'), leg('b')]));

    expect(outcome).toMatchObject({ status: 'too-large', ratedId: 'huge-2', next: '2' });
    expect(await totalsOf(acme, feb)).toEqual([expect.objectContaining({ records: 2, amountNanos: 9_000_000_000_010_000_000n })]);
  });

  it('sums a line past 2^53 nanos exactly within one batch (about 9 million currency units)', async () => {
    const big = (id: string) => leg(id, { amount: '4000000.000000001' });
    await store.apply(ledger, batchOf([big('a'), big('b'), big('c')]));

    expect(await totalsOf(acme, feb)).toEqual([expect.objectContaining({ records: 3, amountNanos: 12_000_000_000_000_003n })]);
  });

  it('forgets a closing month once its invoice is out', async () => {
    await store.apply(ledger, batchOf([leg('a'), leg('g', { accountId: AccountId('globex') }), { through: feb }]));
    const both: AccountMonth[] = [{ accountId: acme, month: feb }, { accountId: AccountId('globex'), month: feb }];
    expect(await store.closing(ledger)).toEqual(both);

    await store.invoiced(ledger, [both[0]!]);
    expect(await store.closing(ledger)).toEqual([both[1]]);
  });
});

describe('the cached script', () => {
  it('loads a script the server does not know yet and runs it by its SHA1', async () => {
    const script = new CachedScript(`return ARGV[1] .. ' ${prefix}'`);
    expect(await redis.script('EXISTS', script.sha)).toEqual([0]);

    expect(await script.run(redis, [], ['loaded'])).toBe(`loaded ${prefix}`);
    expect(await redis.script('EXISTS', script.sha)).toEqual([1]);
  });
});
