import { AccountId, type MediaCdr, type SipCoreCdr, type UsageRecord } from '../../libs/domain';
import { createServiceMetrics } from '../../libs/ops';
import { FakeAvro, FakeProducer, consumedBatch } from '../../libs/runtime/stream-fakes.fixture';
import { createNormalizeHandler } from './normalize-handler';

const T0 = Date.UTC(2025, 2, 3, 9, 0, 0);
const TOPICS = { sipcore: 'cdr.sipcore', media: 'cdr.media', usage: 'usage.legs' };

const call = (over: Partial<SipCoreCdr> = {}): SipCoreCdr => ({
  cdrId: 'c-1',
  accountId: AccountId('ACME'),
  callId: 'call-1@sip.example',
  from: 'sip:1001@acme.example',
  to: 'sip:1002@acme.example',
  fromKind: 'DEVICE',
  toKind: 'DEVICE',
  trunkId: null,
  media: 'AUDIO',
  transcoded: false,
  setupAt: T0,
  answerAt: T0 + 2000,
  endAt: T0 + 63_000,
  sipCode: 200,
  disposition: 'ANSWERED',
  ...over,
});

const mediaLeg: MediaCdr = {
  recordId: 'm-1',
  accountId: AccountId('ACME'),
  sessionId: 'ivr-7',
  resource: 'CALL_LEG',
  direction: 'TERMINATING',
  media: 'AUDIO',
  endpoint: 'sip:caller@pstn.example',
  endpointKind: 'SIP',
  startAt: T0,
  endAt: T0 + 90_000,
};

let avro: FakeAvro;
let producer: FakeProducer;
beforeEach(() => {
  avro = new FakeAvro();
  producer = new FakeProducer();
});

const handler = () =>
  createNormalizeHandler({
    avro,
    producer,
    metrics: createServiceMetrics('normalizer', { processMetrics: false }),
    topics: TOPICS,
    isKnownAccount: (id) => id === 'ACME',
  });
const usage = async () => (await producer.sent(avro, 'usage.legs')).map((m) => ({ key: m.key, ...(m.value as UsageRecord) }));
const letters = async (topic: string) => (await producer.sent(avro, topic)).map((m) => m.value as Record<string, unknown>);

describe('the normalizer batch handler', () => {
  it('turns an answered call between two devices into two legs keyed by account, traced to topic, partition and offset', async () => {
    await handler()(consumedBatch('cdr.sipcore', [avro.wire(call())], { partition: 3, firstOffset: 41 }));

    const legs = await usage();
    expect(legs.map((u) => [u.key, u.usageId, u.kind, u.product, u.direction, u.durationMs])).toEqual([
      ['ACME', 'sip:c-1:orig', 'LEG', 'sipcore.voice', 'ORIGINATING', 61_000],
      ['ACME', 'sip:c-1:term', 'LEG', 'sipcore.voice', 'TERMINATING', 61_000],
    ]);
    expect(legs[0]!.source).toEqual({ stream: 'cdr.sipcore', partition: 3, position: 41 });
  });

  it('reads a record from the media topic as a media-server leg', async () => {
    await handler()(consumedBatch('cdr.media', [avro.wire(mediaLeg)]));

    expect((await usage()).map((u) => [u.usageId, u.product, u.direction, u.durationMs])).toEqual([
      ['media:m-1', 'media.voice', 'TERMINATING', 90_000],
    ]);
  });

  it('passes an unanswered call on as a failed attempt for the limit counters, never billed', async () => {
    await handler()(consumedBatch('cdr.sipcore', [avro.wire(call({ answerAt: null, disposition: 'NO_ANSWER', sipCode: 480 }))]));

    expect((await usage()).map((u) => [u.usageId, u.kind, u.product])).toEqual([['sip:c-1:attempt', 'FAILED_ATTEMPT', null]]);
  });

  it('dead-letters a call that ends before its setup to cdr.sipcore.dlq with reason, stage and original bytes', async () => {
    const bad = avro.wire(call({ cdrId: 'c-bad', answerAt: null, disposition: 'FAILED', endAt: T0 - 1000 }));

    await handler()(consumedBatch('cdr.sipcore', [bad, avro.wire(call())], { partition: 1, firstOffset: 7 }));

    const [letter] = await letters('cdr.sipcore.dlq');
    expect(letter).toMatchObject({
      code: 'END_BEFORE_START',
      stage: 'normalize',
      source: { stream: 'cdr.sipcore', partition: 1, position: 7 },
    });
    expect(letter!.reason).toContain('c-bad');
    expect((letter!.original as Buffer).equals(bad)).toBe(true);
    expect(await usage()).toHaveLength(2); // the good call after it still goes through
  });

  it('dead-letters a two-leg call of an account the accounts topic does not know once, with no usage', async () => {
    await handler()(consumedBatch('cdr.sipcore', [avro.wire(call({ accountId: AccountId('GHOST') }))]));

    expect((await letters('cdr.sipcore.dlq')).map((l) => [l.code, l.stage])).toEqual([['UNKNOWN_ACCOUNT', 'normalize']]);
    expect(await usage()).toEqual([]);
  });

  it('dead-letters bytes on the media topic that are not Avro to cdr.media.dlq at stage ingest', async () => {
    await handler()(consumedBatch('cdr.media', [Buffer.from('recordId=m-2')]));

    expect((await letters('cdr.media.dlq')).map((l) => [l.code, l.stage])).toEqual([['UNPARSEABLE', 'ingest']]);
    expect(await letters('cdr.sipcore.dlq')).toEqual([]);
  });

  it('refuses to guess the kind of a record from a topic it was not configured for', async () => {
    await expect(handler()(consumedBatch('cdr.other', [avro.wire(call())]))).rejects.toThrow('neither cdr.sipcore nor cdr.media');
    expect(producer.calls).toEqual([]);
  });
});
