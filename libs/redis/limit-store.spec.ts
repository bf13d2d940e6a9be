import type { Redis } from 'ioredis';
import { redisForSpecs } from '../../test/support/redis-for-specs';
import { LimitCounters } from '../domain/limits';
import { failedAttempt, gateway, leg, T0 } from '../domain/limits/usage.fixture';
import { LimitKeys, usageDay } from './limit-keys';
import { countedMember, LimitCountersTaken, LimitPositionMoved, writerStamp, type CountedUsage } from './limit-batch';
import { RedisLimitStore } from './limit-store';

const db = redisForSpecs();
let redis: Redis;
let prefix: string;
let store: RedisLimitStore;
const TTL = 3 * 86_400;

beforeEach(() => {
  ({ redis, prefix } = db);
  store = new RedisLimitStore(redis, prefix, TTL);
});


const usage = { topic: 'usage.legs', partition: 3 };
const counted = (accountId: string, usageId: string, startAt = T0): CountedUsage => ({ accountId, usageId, startAt });

/** Counters of acme after six failed calls in an hour: the sixth went past the free plan's five. */
function sixFailedCalls(): LimitCounters {
  const counters = LimitCounters.fresh();
  for (let i = 0; i < 6; i++) counters.observe(failedAttempt(`f-${i}`, T0 + i * 60_000), gateway());
  return counters;
}

describe('the limit counters in Redis', () => {
  it('resumes a partition where its last saved batch ended, with each account counters and counted usage', async () => {
    const acme = sixFailedCalls().toJSON();
    await store.save(usage, { expectedNext: null, expectedWriters: new Map(), next: 42n, counters: new Map([['acme', acme]]), counted: [counted('acme', 'sip:f-5:attempt')] });

    const snapshot = await store.load(usage, ['acme', 'globex'], [counted('acme', 'sip:f-5:attempt'), counted('acme', 'sip:f-6:attempt')]);

    expect(snapshot.next).toBe(42n);
    expect(snapshot.counters).toEqual(new Map([['acme', acme]]));
    expect(snapshot.counted).toEqual(new Set([countedMember('acme', 'sip:f-5:attempt')]));
    expect(await store.nextOffsets('usage.legs', [2, 3])).toEqual([{ topic: 'usage.legs', partition: 3, offset: '42' }]);
  });

  it('picks up the counters exactly where they stopped: the seventh failed call is flagged but raises no second event', async () => {
    await store.save(usage, { expectedNext: null, expectedWriters: new Map(), next: 6n, counters: new Map([['acme', sixFailedCalls().toJSON()]]), counted: [] });

    const { counters } = await store.load(usage, ['acme'], []);
    const seventh = LimitCounters.fromJSON(counters.get('acme')!).observe(failedAttempt('f-7', T0 + 7 * 60_000), gateway());

    expect(seventh).toEqual({ flags: ['LIMIT:FAILED_CALLS'], events: [] });
  });

  it('refuses a batch computed from a position another writer moved since, and writes none of it', async () => {
    const first = sixFailedCalls().toJSON();
    await store.save(usage, { expectedNext: null, expectedWriters: new Map(), next: 10n, counters: new Map([['acme', first]]), counted: [] });

    const stale = { expectedNext: null, expectedWriters: new Map<string, string>(), next: 12n, counters: new Map([['acme', LimitCounters.fresh().toJSON()]]), counted: [counted('acme', 'x')] };
    await expect(store.save(usage, stale)).rejects.toBeInstanceOf(LimitPositionMoved);

    const snapshot = await store.load(usage, ['acme'], [counted('acme', 'x')]);
    expect([snapshot.next, snapshot.counters.get('acme'), snapshot.counted.size]).toEqual([10n, first, 0]);
    await store.save(usage, { ...stale, expectedNext: 10n, expectedWriters: snapshot.writers });
    expect((await store.load(usage, [], [])).next).toBe(12n);
  });

  it('refuses a batch whose account another partition saved since it was read, and writes none of it', async () => {
    const other = { topic: 'usage.legs', partition: 5 };
    const [here, there] = [await store.load(usage, ['acme'], []), await store.load(other, ['acme'], [])];
    const six = sixFailedCalls().toJSON();
    await store.save(other, { expectedNext: null, expectedWriters: there.writers, next: 1n, counters: new Map([['acme', six]]), counted: [] });

    const stale = { expectedNext: null, expectedWriters: here.writers, next: 7n, counters: new Map([['acme', LimitCounters.fresh().toJSON()]]), counted: [counted('acme', 'x')] };
    const refusal = store.save(usage, stale);
    await expect(refusal).rejects.toBeInstanceOf(LimitCountersTaken);
    await expect(refusal).rejects.toThrow(/account acme were saved by usage\.legs:5:1 /);

    const again = await store.load(usage, ['acme'], [counted('acme', 'x')]);
    expect([again.next, again.counters.get('acme'), again.counted.size]).toEqual([null, six, 0]);
    expect(again.writers).toEqual(new Map([['acme', writerStamp(other, 1n)]]));
    await store.save(usage, { ...stale, expectedWriters: again.writers });
    expect((await store.load(other, ['acme'], [])).writers.get('acme')).toBe(writerStamp(usage, 7n));
  });

  it('keeps counted usage per account and start day, expiring the marks after the dedup horizon', async () => {
    const nextDay = T0 + 86_400_000;
    await store.save(usage, { expectedNext: null, expectedWriters: new Map(), next: 2n, counters: new Map(), counted: [counted('acme', 'u-1'), counted('acme', 'u-2', nextDay)] });

    const snapshot = await store.load(usage, [], [counted('globex', 'u-1'), counted('acme', 'u-1'), counted('acme', 'u-2', nextDay)]);

    expect([...snapshot.counted].sort()).toEqual(['acme|u-1', 'acme|u-2']);
    const keys = new LimitKeys(prefix);
    expect(usageDay(T0)).toBe('2026-03-02');
    const ttl = await redis.ttl(keys.counted('acme', nextDay));
    expect(ttl).toBeGreaterThan(TTL - 10);
    expect(ttl).toBeLessThanOrEqual(TTL);
  });

  it('saves thousands of usage ids of one account and day in one script call', async () => {
    const many = Array.from({ length: 2500 }, (_, i) => counted('acme', `sip:c-${i}:orig`));
    await store.save(usage, { expectedNext: null, expectedWriters: new Map(), next: 2500n, counters: new Map(), counted: many });

    expect(await redis.scard(new LimitKeys(prefix).counted('acme', T0))).toBe(2500);
    expect((await store.load(usage, [], [many[0]!, many[2499]!, counted('acme', 'new')])).counted.size).toBe(2);
    expect((await store.load(usage, [], [...many, counted('acme', 'new')])).counted.size).toBe(2500);
  });

  it('stores a usageId holding any character as one set member, exactly as given', async () => {
    const odd = ['a,b|c', 'quote"back\\slash', 'new\nline\ttab', 'nul\u0000byte', 'ünïcødé ☎ 𝄞', '[]{}', ''];
    await store.save(usage, { expectedNext: null, expectedWriters: new Map(), next: 1n, counters: new Map(), counted: odd.map((id) => counted('acme', id)) });

    expect((await redis.smembers(new LimitKeys(prefix).counted('acme', T0))).sort()).toEqual([...odd].sort());
    const snapshot = await store.load(usage, [], [...odd, 'a', 'b|c'].map((id) => counted('acme', id)));
    expect([...snapshot.counted].sort()).toEqual(odd.map((id) => countedMember('acme', id)).sort());
  });

  it('reads back the counters it stored, for operators', async () => {
    const counters = LimitCounters.fresh();
    counters.observe(leg('c-1', T0, 180), gateway());
    await store.save(usage, { expectedNext: null, expectedWriters: new Map(), next: 1n, counters: new Map([['acme', counters.toJSON()]]), counted: [] });

    expect(await store.counters('acme')).toEqual(counters.toJSON());
    expect(await store.counters('globex')).toBeNull();
  });
});
