import { AccountId, type DeadLetter, type MediaCdr, type RatedRecord, type SipCoreCdr } from '../../libs/domain';
import { sampleAccount, sampleRate, sampleTariff } from '../../libs/domain/reference/sample-reference';
import type { AvroTopics } from '../../libs/registry';
import { committedOffsets } from '../support';
import { freePort } from '../support/local-program';
import { freshGroup, freshTopic } from '../support/names';
import { waitFor } from '../support/wait-for';
import { ServiceTestBed } from './service-test-bed';
import { SpawnedService, serviceMain } from './spawned-service';
import { TopicRecorder } from './topic-recorder';

/**
 * The normalizer and rater as operators run them (node dist/services/<name>/main.js), on a real
 * Kafka-protocol cluster and the registry test double: CDRs in, rated records and dead letters out.
 */

const T0 = Date.UTC(2025, 2, 3, 9, 0, 0);
const SHUTDOWN_TIMEOUT_MS = 8000;

const call = (cdrId: string, seconds: number, over: Partial<SipCoreCdr> = {}): SipCoreCdr => ({
  cdrId,
  accountId: AccountId('ACME'),
  callId: `${cdrId}@sip.acme.example`,
  from: 'sip:1001@acme.example',
  to: 'sip:+15550100@pstn.example',
  fromKind: 'DEVICE',
  toKind: 'EXTERNAL',
  trunkId: null,
  media: 'AUDIO',
  transcoded: false,
  setupAt: T0,
  answerAt: T0 + 4000,
  endAt: T0 + 4000 + seconds * 1000,
  sipCode: 200,
  disposition: 'ANSWERED',
  ...over,
});

const ivrLeg: MediaCdr = {
  recordId: 'm-1',
  accountId: AccountId('ACME'),
  sessionId: 'ivr-1',
  resource: 'CALL_LEG',
  direction: 'TERMINATING',
  media: 'AUDIO',
  endpoint: 'sip:+15550111@pstn.example',
  endpointKind: 'SIP',
  startAt: T0,
  endAt: T0 + 90_000,
};

describe('normalizer and rater start-up', () => {
  it.each(['normalizer', 'rater'])('%s without KAFKA_BROKERS exits 2 with one stderr line naming the variable', async (name) => {
    // The rater also needs Redis (its limit counters); given one, only the brokers are missing.
    const service = new SpawnedService(name, { SCHEMA_REGISTRY_URL: 'http://127.0.0.1:8081', REDIS_URL: 'redis://127.0.0.1:6379' });

    const exit = await service.exited;

    expect(exit).toEqual({ code: 2, signal: null });
    expect(service.stderr).toBe(`${name}: KAFKA_BROKERS: required\n`);
  });

  it('rater without REDIS_URL exits 2 naming it too, since its limit counters live in Redis', async () => {
    const service = new SpawnedService('rater', { SCHEMA_REGISTRY_URL: 'http://127.0.0.1:8081' });

    expect(await service.exited).toEqual({ code: 2, signal: null });
    expect(service.stderr).toBe('rater: KAFKA_BROKERS: required; REDIS_URL: required\n');
  });
});

describe('normalizer and rater on Kafka', () => {
  let bed: ServiceTestBed;
  let avro: AvroTopics;
  let recorder: TopicRecorder;
  const services: SpawnedService[] = [];
  const topics = {
    sipcore: freshTopic(),
    media: freshTopic(),
    usage: freshTopic(),
    ledger: freshTopic(),
    limits: freshTopic(),
    accounts: freshTopic(),
    tariffs: freshTopic(),
  };
  let redisKeyPrefix: string;
  const groups = { normalizer: freshGroup(), rater: freshGroup() };
  const ports = { normalizer: 0, rater: 0 };
  const dlq = { sipcore: `${topics.sipcore}.dlq`, usage: `${topics.usage}.dlq` };

  beforeAll(async () => {
    serviceMain('normalizer'); // fail early, and say why, when dist/ was not built
    serviceMain('rater');
    bed = await ServiceTestBed.start();
    redisKeyPrefix = bed.freshKeyPrefix();
    avro = await bed.register({
      [topics.sipcore]: 'SipCoreCdr',
      [topics.media]: 'MediaCdr',
      [topics.accounts]: 'Account',
      [topics.tariffs]: 'Tariff',
    });
    ports.normalizer = await freePort();
    ports.rater = await freePort();
  }, 60_000);

  afterAll(async () => {
    await Promise.all(services.map((s) => s.kill()));
    await recorder?.stop();
    await bed?.stop();
  });

  const start = (name: 'normalizer' | 'rater'): SpawnedService => {
    const service = new SpawnedService(name, {
      ...bed.serviceEnv(),
      LOG_LEVEL: 'info', // the start and stop lines are asserted
      TOPIC_SIPCORE: topics.sipcore,
      TOPIC_MEDIA: topics.media,
      TOPIC_USAGE: topics.usage,
      TOPIC_LEDGER: topics.ledger,
      TOPIC_LIMITS: topics.limits,
      TOPIC_ACCOUNTS: topics.accounts,
      TOPIC_TARIFFS: topics.tariffs,
      GROUP_ID: groups[name],
      OPS_HOST: '127.0.0.1',
      OPS_PORT: String(ports[name]),
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
      REDIS_KEY_PREFIX: redisKeyPrefix,
    });
    services.push(service);
    return service;
  };

  const publish = async (topic: string, records: ReadonlyArray<{ key: string; value: unknown } | { key: string; raw: Buffer }>) =>
    bed.producer.send(
      topic,
      await Promise.all(records.map(async (r) => ({ key: r.key, value: 'raw' in r ? r.raw : await avro.encode(topic, r.value) }))),
    );
  const ops = async (name: 'normalizer' | 'rater', path: string) => {
    const res = await fetch(`http://127.0.0.1:${ports[name]}${path}`);
    return { status: res.status, text: await res.text() };
  };
  const ledger = () => recorder.decoded<RatedRecord>(avro, topics.ledger);
  const waitForLedger = (count: number, running: SpawnedService[]) =>
    waitFor(async () => (await ledger()).length >= count, {
      what: `${count} rated records on the ledger\n${running.map((s) => s.tail()).join('\n')}`,
      timeoutMs: 45_000,
    });
  /** Whether `group` has committed every message of `topic` (partitions without messages need no commit). */
  const committedAll = async (group: string, topic: string) => {
    const committed = await committedOffsets(bed.admin, group, topic);
    const ends = await bed.admin.fetchTopicOffsets(topic);
    return ends.every((p) => Number(p.high) === 0 || committed[p.partition] === Number(p.high));
  };

  it('rates CDRs into the ledger, dead-letters bad ones with their bytes, and reports ready and metrics', async () => {
    await publish(topics.accounts, [{ key: 'ACME', value: sampleAccount() }]);
    const perSecond = { firstIncrement: 1, nextIncrement: 1 };
    const rates = [sampleRate('sipcore.voice', '0.01'), sampleRate('media.voice', '0.02', perSecond)]; // no sipcore.video
    await publish(topics.tariffs, [{ key: 'standard:1', value: sampleTariff({ rates }) }]);
    const notAvro = Buffer.from('{"cdrId":"c-json","accountId":"ACME"}');
    await publish(topics.sipcore, [
      { key: 'ACME', value: call('c-1', 61) }, // one originating leg, 61 s -> 2 min at 60/60 = 0.020000
      { key: 'ACME', value: call('c-2', 30, { toKind: 'DEVICE', to: 'sip:1002@acme.example' }) }, // two legs of 1 min = 0.010000 each
      { key: 'ACME', value: call('c-3', 0, { answerAt: null, disposition: 'FAILED', sipCode: 500, endAt: T0 - 1 }) }, // ends before setup
      { key: 'ACME', value: call('c-4', 10, { media: 'VIDEO' }) }, // the tariff has no sipcore.video price
      { key: 'ACME', value: call('c-5', 0, { answerAt: null, disposition: 'NO_ANSWER', sipCode: 480 }) }, // failed attempt: never billed
      { key: 'ACME', raw: notAvro },
    ]);
    await publish(topics.media, [{ key: 'ACME', value: ivrLeg }]); // 90 s at 1/1 = 1.5 min x 0.02 = 0.030000
    recorder = await TopicRecorder.start(bed.kafka, [topics.ledger, dlq.sipcore, dlq.usage], bed.sessionTimeoutMs());

    const running = [start('normalizer'), start('rater')];
    await waitForLedger(4, running);

    const rated = await ledger();
    expect(rated.map((r) => [r.key, r.ratedId, r.product, r.quantity, r.amount, r.currency]).sort()).toEqual([
      ['ACME', 'media:m-1', 'media.voice', '1.5', '0.030000', 'USD'],
      ['ACME', 'sip:c-1:orig', 'sipcore.voice', '2', '0.020000', 'USD'],
      ['ACME', 'sip:c-2:orig', 'sipcore.voice', '1', '0.010000', 'USD'],
      ['ACME', 'sip:c-2:term', 'sipcore.voice', '1', '0.010000', 'USD'],
    ]);
    expect(rated.find((r) => r.ratedId === 'sip:c-1:orig')!.source).toMatchObject({ stream: topics.sipcore, position: 0 });

    await waitFor(async () => recorder.on(dlq.sipcore).length >= 2 && recorder.on(dlq.usage).length >= 1, { what: 'the dead letters' });
    const cdrLetters = await recorder.decoded<DeadLetter>(avro, dlq.sipcore);
    const endsEarly = cdrLetters.find((l) => l.code === 'END_BEFORE_START')!;
    expect(endsEarly).toMatchObject({ stage: 'normalize', key: 'ACME', source: { stream: topics.sipcore, position: 2 } });
    expect(endsEarly.reason).toContain('c-3');
    const original = await avro.decode<SipCoreCdr>(Buffer.from(endsEarly.original as Uint8Array));
    expect(original.cdrId).toBe('c-3'); // the original bytes, still decodable for a replay
    const garbage = cdrLetters.find((l) => l.code === 'UNPARSEABLE')!;
    expect(garbage).toMatchObject({ stage: 'ingest', source: { stream: topics.sipcore, position: 5 } });
    expect(Buffer.from(garbage.original as Uint8Array).equals(notAvro)).toBe(true);
    const [noPrice] = await recorder.decoded<DeadLetter>(avro, dlq.usage);
    expect(noPrice).toMatchObject({ code: 'NO_PRICE', stage: 'rate', reason: expect.stringContaining('sip:c-4:orig') });

    for (const name of ['normalizer', 'rater'] as const) {
      await waitFor(async () => (await ops(name, '/readyz')).status === 200, { what: `${name} /readyz 200` });
    }
    const sipcoreIn = `records_in_total{topic="${topics.sipcore}",service="normalizer"} 6`;
    await waitFor(async () => (await ops('normalizer', '/metrics')).text.includes(sipcoreIn), { what: 'normalizer records_in_total' });
    const usageIn = `records_in_total{topic="${topics.usage}",service="rater"} 6`; // 4 legs, 1 video leg, 1 attempt
    const raterMetrics = await waitFor(async () => {
      const { text } = await ops('rater', '/metrics');
      return text.includes(usageIn) && text;
    }, { what: 'rater records_in_total' });
    expect(raterMetrics).toContain('rated_amount_total{currency="USD",service="rater"} 0.07');
    expect(raterMetrics).toContain('dead_letters_total{code="NO_PRICE",service="rater"} 1');
  }, 90_000);

  it('stops on SIGTERM within the shutdown timeout with offsets committed, and a restart reprocesses nothing', async () => {
    const [normalizer, rater] = services as [SpawnedService, SpawnedService];
    const began = Date.now();
    normalizer.signal('SIGTERM');
    rater.signal('SIGTERM');

    const exits = await Promise.all([normalizer.exited, rater.exited]);

    expect(exits).toEqual([{ code: 0, signal: null }, { code: 0, signal: null }]);
    expect(Date.now() - began).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
    expect(normalizer.logs().map((l) => l.msg)).toEqual(expect.arrayContaining(['started', 'stopping', 'stopped']));
    expect(await committedAll(groups.normalizer, topics.sipcore)).toBe(true);
    expect(await committedAll(groups.normalizer, topics.media)).toBe(true);
    expect(await committedAll(groups.rater, topics.usage)).toBe(true);

    await publish(topics.sipcore, [{ key: 'ACME', value: call('c-6', 120) }]); // 2 min = 0.020000
    const restarted = [start('normalizer'), start('rater')];
    await waitForLedger(5, restarted);
    await waitFor(async () => (await committedAll(groups.normalizer, topics.sipcore)) && (await committedAll(groups.rater, topics.usage)), {
      what: 'the restarted services to commit the new CDR',
      timeoutMs: 30_000,
    });

    const ids = (await ledger()).map((r) => r.ratedId).sort();
    expect(ids).toEqual(['media:m-1', 'sip:c-1:orig', 'sip:c-2:orig', 'sip:c-2:term', 'sip:c-6:orig']);
    expect(recorder.on(dlq.sipcore)).toHaveLength(2);
    expect(recorder.on(dlq.usage)).toHaveLength(1);
  }, 90_000);
});
