import {
  AccountId,
  Product,
  UsageId,
  type Account,
  type LimitEvent,
  type RatedRecord,
  type Tariff,
  type UsageRecord,
} from '../../libs/domain';
import { LimitCounters } from '../../libs/domain/limits';
import { sampleAccount, sampleRate, sampleTariff } from '../../libs/domain/reference/sample-reference';
import { ReferenceData } from '../../libs/pipeline/reference-data';
import { RedisLimitStore } from '../../libs/redis/limit-store';
import type { AvroTopics } from '../../libs/registry';
import { rateAndCount, type LimitCounting } from '../../services/rater/rate-and-count';
import { freePort } from '../support/local-program';
import { freshGroup, freshTopic } from '../support/names';
import { waitFor } from '../support/wait-for';
import { ServiceTestBed } from './service-test-bed';
import { SpawnedService, serviceMain } from './spawned-service';
import { TopicRecorder } from './topic-recorder';

/**
 * The rater as operators run it (node dist/services/rater/main.js) with its limit counters in a real
 * Redis, on the Kafka test cluster and the registry test double: usage in, rated records with
 * limit flags on the ledger and limit events on `limits`, the same however often a usage is sent
 * and whether or not the rater is killed on the way.
 */

const T0 = Date.UTC(2025, 2, 3, 9, 0, 0);
const MIN = 60_000;

let bed: ServiceTestBed;
const services: SpawnedService[] = [];
const recorders: TopicRecorder[] = [];

beforeAll(async () => {
  serviceMain('rater'); // fail early, and say why, when dist/ was not built
  bed = await ServiceTestBed.start();
}, 60_000);

afterAll(async () => {
  await Promise.all(services.map((s) => s.kill()));
  await Promise.all(recorders.map((r) => r.stop()));
  await bed?.stop();
});

// The tariff carries no limits, so every account is held to the free plan: 120 s a call, 1800 s a
// day, 5 failed calls an hour, one SIP account, one line.
const tariff: Tariff = sampleTariff({ rates: [sampleRate('sipcore.voice', '0.01'), sampleRate('sipcore.transcoding', '0.002')] });
const freeAccount = (id: string): Account => sampleAccount({ accountId: AccountId(id) });
const perChannel = (id: string, channels: number): Account => sampleAccount({ accountId: AccountId(id), billingModel: 'PER_CHANNEL', channels });

/** An answered call's originating leg from the account's one device, `at` ms after T0. */
function leg(account: string, id: string, at: number, seconds: number, over: Partial<UsageRecord> = {}): UsageRecord {
  return {
    usageId: UsageId(`sip:${account}-${id}:orig`),
    sourceId: `${account}-${id}`,
    origin: 'SIPCORE',
    accountId: AccountId(account),
    kind: 'LEG',
    product: Product('sipcore.voice'),
    direction: 'ORIGINATING',
    media: 'AUDIO',
    callId: `${account}-${id}@sip.example`,
    endpoint: `sip:100@${account.toLowerCase()}.example`,
    startAt: T0 + at,
    endAt: T0 + at + seconds * 1000,
    durationMs: seconds * 1000,
    source: { stream: 'cdr.sipcore', partition: 0, position: at },
    ...over,
  };
}

/** An unanswered call: counted as a failed call, never billed. */
const attempt = (account: string, id: string, at: number): UsageRecord =>
  leg(account, id, at, 0, { usageId: UsageId(`sip:${account}-${id}:attempt`), kind: 'FAILED_ATTEMPT', product: null, direction: null });

interface Setup {
  readonly topics: { readonly usage: string; readonly ledger: string; readonly limits: string };
  readonly avro: AvroTopics;
  readonly recorder: TopicRecorder;
  readonly store: RedisLimitStore;
  readonly env: Record<string, string>;
  readonly reference: ReferenceData;
}

/** Fresh topics, group and key prefix; the accounts and the tariff published; the outputs recorded. */
async function setUp(accounts: readonly Account[]): Promise<Setup> {
  const topics = { usage: freshTopic(), ledger: freshTopic(), limits: freshTopic(), accounts: freshTopic(), tariffs: freshTopic() };
  const avro = await bed.register({ [topics.usage]: 'UsageRecord', [topics.accounts]: 'Account', [topics.tariffs]: 'Tariff' });
  await bed.publish(avro, topics.accounts, accounts);
  await bed.producer.send(topics.tariffs, [{ key: `${tariff.tariffId}:${tariff.version}`, value: await avro.encode(topics.tariffs, tariff) }]);
  const recorder = await TopicRecorder.start(bed.kafka, [topics.ledger, topics.limits, `${topics.usage}.dlq`], bed.sessionTimeoutMs());
  recorders.push(recorder);
  const keyPrefix = bed.freshKeyPrefix();
  const env = {
    ...bed.serviceEnv(),
    REDIS_KEY_PREFIX: keyPrefix,
    TOPIC_USAGE: topics.usage,
    TOPIC_LEDGER: topics.ledger,
    TOPIC_LIMITS: topics.limits,
    TOPIC_ACCOUNTS: topics.accounts,
    TOPIC_TARIFFS: topics.tariffs,
    GROUP_ID: freshGroup(),
    OPS_HOST: '127.0.0.1',
  };
  return { topics, avro, recorder, env, store: new RedisLimitStore(bed.redis, keyPrefix, 86_400), reference: ReferenceData.of(accounts, [tariff]) };
}

async function startRater(setup: Setup): Promise<SpawnedService> {
  const rater = new SpawnedService('rater', { ...setup.env, OPS_PORT: String(await freePort()) });
  services.push(rater);
  return rater;
}

const publish = (setup: Setup, usage: readonly UsageRecord[]) => bed.publish(setup.avro, setup.topics.usage, usage);

const ledgerOf = (setup: Setup) => setup.recorder.decoded<RatedRecord>(setup.avro, setup.topics.ledger);
const eventsOf = (setup: Setup) => setup.recorder.decoded<LimitEvent>(setup.avro, setup.topics.limits);
const withoutKey = <T extends { key: string | null }>({ key: _key, ...value }: T) => value;

/** The uninterrupted run: every usage in order through the rater's chain, counters in memory. */
function uninterrupted(reference: ReferenceData, usage: readonly UsageRecord[]) {
  const counters = new Map<string, LimitCounters>();
  const seen = new Set<string>();
  const counting: LimitCounting = {
    firstSeen: (u) => !seen.has(u.usageId) && seen.add(u.usageId) !== undefined,
    counters: (id) => counters.get(id) ?? counters.set(id, LimitCounters.fresh()).get(id)!,
  };
  const rated = new Map<string, RatedRecord>();
  const events = new Map<string, LimitEvent>();
  for (const u of usage) {
    const outcome = rateAndCount(u, reference, counting);
    if (outcome.kind !== 'counted') continue;
    if (outcome.rated) rated.set(outcome.rated.ratedId, outcome.rated);
    for (const event of outcome.events) events.set(event.eventId, event);
  }
  return { rated, events, counters };
}

describe('tariff-plan limits in the rater service (built, on Kafka and Redis)', () => {
  it('flags and counts free-plan usage, zero-rates a PER_CHANNEL leg, and counts a usage sent twice once', async () => {
    const setup = await setUp([freeAccount('FREE'), perChannel('CHAN', 2)]);
    const longCall = leg('FREE', 'c-1', 0, 180);
    const attempts = [1, 2, 3, 4, 5, 6].map((n) => attempt('FREE', `f-${n}`, (10 + n) * MIN));
    await publish(setup, [longCall, ...attempts, leg('CHAN', 'c-1', 0, 90)]);
    const rater = await startRater(setup);

    await waitFor(async () => (await ledgerOf(setup)).length >= 2 && (await eventsOf(setup)).length >= 2, {
      what: `2 rated records and 2 limit events\n${rater.tail()}`,
      timeoutMs: 45_000,
    });

    const rated = new Map((await ledgerOf(setup)).map((r) => [r.ratedId, r]));
    expect(rated.get(longCall.usageId)).toMatchObject({
      key: 'FREE',
      quantity: '3',
      unitPrice: '0.01',
      amount: '0.030000', // flagged, still billed in full
      flags: ['LIMIT:MAX_CALL_DURATION'],
      zeroRatedReason: null,
    });
    expect(rated.get(UsageId('sip:CHAN-c-1:orig'))).toMatchObject({
      key: 'CHAN',
      quantity: '2',
      unitPrice: '0.00',
      amount: '0.000000',
      zeroRatedReason: 'PER_CHANNEL',
      flags: [],
    });
    const events = await eventsOf(setup);
    expect(events.map((e) => [e.key, e.eventId, e.limit, e.value, e.threshold, e.usageId]).sort()).toEqual([
      ['FREE', 'FREE:FAILED_CALLS:' + (T0 + 11 * MIN), 'FAILED_CALLS', 6, 5, 'sip:FREE-f-6:attempt'],
      ['FREE', 'FREE:MAX_CALL_DURATION:FREE-c-1@sip.example', 'MAX_CALL_DURATION', 180, 120, 'sip:FREE-c-1:orig'],
    ]);

    // The long call and the sixth attempt again (a re-sent CDR), then a short call to know they were read.
    const shortCall = leg('FREE', 'c-2', 30 * MIN, 30);
    await publish(setup, [longCall, attempts[5]!, shortCall]);
    await waitFor(async () => (await ledgerOf(setup)).some((r) => r.ratedId === shortCall.usageId), { what: `the short call\n${rater.tail()}` });

    const ledger = await ledgerOf(setup);
    expect(ledger.filter((r) => r.ratedId === longCall.usageId).map((r) => r.flags)).toEqual([['LIMIT:MAX_CALL_DURATION']]);
    expect(ledger.find((r) => r.ratedId === shortCall.usageId)).toMatchObject({ flags: [], amount: '0.010000' });
    expect(await eventsOf(setup)).toHaveLength(2);
    expect((await setup.store.counters('FREE'))?.windows['GATEWAY:FAILED_CALLS']).toMatchObject({ value: 6 });
  }, 90_000);

  it('gives the same flags, amounts and events when killed with SIGKILL mid-stream and restarted as an uninterrupted run', async () => {
    const accounts = [freeAccount('ALPHA'), freeAccount('BRAVO'), perChannel('CHARLIE', 1)];
    const setup = await setUp(accounts);
    // 240 usage records of three accounts, 40 s apart: calls of 10 to 250 s (some over 120 s, some
    // overlapping the account's previous call), a failed call every fourth record, a re-sent usage
    // every eleventh; enough minutes for the daily total to go over 1800 s on the way.
    const usage: UsageRecord[] = [];
    for (let i = 0; i < 240; i++) {
      const account = accounts[i % 3]!.accountId;
      if (i % 11 === 10) usage.push(usage[i - 9]!);
      else if (i % 4 === 0) usage.push(attempt(account, `f-${i}`, i * 40_000));
      else usage.push(leg(account, `c-${i}`, i * 40_000, 10 + ((i * 37) % 240)));
    }
    const expected = uninterrupted(setup.reference, usage);
    expect(new Set([...expected.events.values()].map((e) => e.limit))).toEqual(
      new Set(['MAX_CALL_DURATION', 'FAILED_CALLS', 'TOTAL_DURATION', 'LINES']),
    );
    const chunks = Array.from({ length: 12 }, (_, n) => usage.slice(n * 20, n * 20 + 20));

    let rater = await startRater(setup);
    for (const chunk of chunks.slice(0, 6)) {
      await publish(setup, chunk);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await waitFor(async () => (await ledgerOf(setup)).length > 0, { what: `the first rated records\n${rater.tail()}`, timeoutMs: 45_000 });
    rater.signal('SIGKILL');
    expect(await rater.exited).toEqual({ code: null, signal: 'SIGKILL' });
    for (const chunk of chunks.slice(6)) await publish(setup, chunk);

    rater = await startRater(setup);
    await waitFor(
      async () => {
        const ids = new Set((await ledgerOf(setup)).map((r) => r.ratedId));
        const eventIds = new Set((await eventsOf(setup)).map((e) => e.eventId));
        return [...expected.rated.keys()].every((id) => ids.has(UsageId(id))) && [...expected.events.keys()].every((id) => eventIds.has(id));
      },
      { what: `every rated record and limit event of the uninterrupted run\n${rater.tail()}`, timeoutMs: 60_000 },
    );

    // At least once: a record may appear twice, but every copy is the uninterrupted run's.
    for (const record of await ledgerOf(setup)) expect(withoutKey(record)).toEqual(expected.rated.get(record.ratedId));
    for (const event of await eventsOf(setup)) expect(withoutKey(event)).toEqual(expected.events.get(event.eventId));
    // Nothing counted twice: the stored counters are the uninterrupted run's, once the last batch is saved.
    for (const { accountId } of accounts) {
      await waitFor(async () => JSON.stringify(await setup.store.counters(accountId)) === JSON.stringify(expected.counters.get(accountId)!.toJSON()), {
        what: `the counters of ${accountId} to be the uninterrupted run's`,
      });
    }
  }, 150_000);
});
