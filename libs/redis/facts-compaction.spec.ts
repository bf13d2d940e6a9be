import type { Redis } from 'ioredis';
import { freshKeyPrefix } from '../../test/support/names';
import { startRedis, type RedisForTests } from '../../test/support/redis-server';
import { AccountId, BillingMonth } from '../domain';
import { BillingCalendar } from '../domain/rating';
import type { ProvisioningFact } from '../pipeline/restored-facts';
import { connectRedis } from './connect';
import { foldedAway, provisioningHorizon } from './facts-compaction';
import { provisioningMember } from './facts-members';
import { RedisFactsStore, type Fact } from './facts-store';
import { loadRedisConfig } from './redis-config';

let server: RedisForTests;
let redis: Redis;
let prefixes: string[] = [];

beforeAll(async () => {
  server = await startRedis();
  redis = await connectRedis(loadRedisConfig({ REDIS_URL: server.url }));
});

afterEach(async () => {
  for (const prefix of prefixes) {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  }
  prefixes = [];
});

afterAll(async () => {
  redis?.disconnect();
  await server?.stop();
});

const acme = AccountId('acme');
const [feb, mar] = [BillingMonth('2026-02'), BillingMonth('2026-03')];
const utc = (y: number, m: number, d: number, h = 12) => Date.UTC(y, m - 1, d, h);

const change = (subjectId: string, action: ProvisioningFact['action'], at: number, subject: ProvisioningFact['subject'] = 'DEVICE'): ProvisioningFact => ({
  subject, subjectId, action, at,
});
/** Devices that come, go and come back over five months, a trunk, and a change in the last hours of January (UTC). */
const HISTORY = [
  change('phone-1', 'PROVISIONED', utc(2025, 10, 3)),
  change('phone-1', 'DEPROVISIONED', utc(2025, 12, 10)),
  change('phone-2', 'PROVISIONED', utc(2025, 12, 1)),
  change('phone-2', 'DEPROVISIONED', utc(2026, 1, 5)),
  change('phone-2', 'PROVISIONED', utc(2026, 1, 20)),
  change('phone-2', 'DEPROVISIONED', utc(2026, 2, 10)),
  change('phone-3', 'PROVISIONED', utc(2026, 1, 31, 20)), // in February already in UTC+14
  change('phone-4', 'PROVISIONED', utc(2026, 2, 2)),
  change('phone-4', 'PROVISIONED', utc(2026, 2, 2, 13)), // a second PROVISIONED changes nothing
  change('trunk-1', 'PROVISIONED', utc(2025, 9, 1), 'TRUNK'),
  change('trunk-1', 'DEPROVISIONED', utc(2026, 1, 15), 'TRUNK'),
  change('trunk-2', 'PROVISIONED', utc(2025, 9, 1), 'TRUNK'),
];
const RE_SENT_AND_LATE = [
  change('phone-1', 'PROVISIONED', utc(2025, 10, 3)), // re-sent, of a device gone since December
  change('phone-2', 'PROVISIONED', utc(2025, 12, 1)), // re-sent
  change('phone-9', 'PROVISIONED', utc(2025, 12, 3)), // news of a device provisioned before the horizon
  change('phone-3', 'DEPROVISIONED', utc(2026, 2, 20)),
];

const source = { topic: 'provisioning', partition: 0 };
const factsOf = (changes: readonly ProvisioningFact[]): Fact[] => changes.map((c) => ({ kind: 'provisioning', accountId: acme, change: c }));

function storeWith(): RedisFactsStore {
  const prefix = freshKeyPrefix();
  prefixes.push(prefix);
  return new RedisFactsStore(redis, prefix);
}

/** What the invoices of February and March read of provisioning, in the zones at both ends of the clock. */
async function billedFigures(store: RedisFactsStore) {
  const restored = await store.restore([{ accountId: acme, month: feb }]);
  return ['Pacific/Kiritimati', 'UTC', 'Etc/GMT+12'].flatMap((zone) =>
    [feb, mar].map((month) => {
      const window = new BillingCalendar(zone).monthBounds(month);
      return { zone, month, devices: restored.provisioning.devicePeak(acme, window), trunks: restored.provisioning.trunksProvisioned(acme, window) };
    }),
  );
}

describe('compacting the provisioning history once every month before February is invoiced', () => {
  it('bills February and March exactly as the whole history does, before and after re-sent and late events', async () => {
    const [whole, compacted] = [storeWith(), storeWith()];
    for (const store of [whole, compacted]) await store.apply({ source, end: '12', facts: factsOf(HISTORY) });

    expect(await compacted.compact([{ accountId: acme, oldestOpen: feb }])).toBe(4);
    expect(await billedFigures(compacted)).toEqual(await billedFigures(whole));
    expect(await compacted.compact([{ accountId: acme, oldestOpen: feb }])).toBe(0); // nothing more to drop

    for (const store of [whole, compacted]) await store.apply({ source, end: '16', facts: factsOf(RE_SENT_AND_LATE) });
    expect(await billedFigures(compacted)).toEqual(await billedFigures(whole));
    expect((await billedFigures(whole)).find((f) => f.zone === 'UTC' && f.month === feb)).toEqual({ zone: 'UTC', month: feb, devices: 4, trunks: 1 });

    expect(await compacted.compact([{ accountId: acme, oldestOpen: mar }])).toBeGreaterThan(0);
    const march = async (store: RedisFactsStore) => (await billedFigures(store)).filter((f) => f.month === mar);
    expect(await march(compacted)).toEqual(await march(whole));
  });

  it('keeps per subject its last change before the horizon and every change from it on', () => {
    const horizon = provisioningHorizon(feb);
    expect(horizon).toBe(Date.UTC(2026, 0, 31, 10)); // 1 February 00:00 in UTC+14
    const members = HISTORY.map(provisioningMember);

    expect(foldedAway(members, horizon).sort()).toEqual(
      [HISTORY[0]!, HISTORY[2]!, HISTORY[3]!, HISTORY[9]!].map(provisioningMember).sort(),
    );
  });
});
