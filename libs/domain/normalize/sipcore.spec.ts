import { AccountId } from '../ids';
import type { SipCoreCdr } from '../records';
import type { SourceRef } from '../source-ref';
import type { UsageRecord } from '../usage';
import { normalizeSipCore } from './sipcore';

const T0 = Date.UTC(2024, 2, 1, 9, 0, 0);
const SOURCE: SourceRef = { stream: 'cdr.sipcore', partition: 3, position: 42 };

/** An answered 125 s audio call between two devices; each case changes what it is about. */
const call = (over: Partial<SipCoreCdr> = {}): SipCoreCdr => ({
  cdrId: 'c-1',
  accountId: AccountId('acct-1'),
  callId: 'call-1@sip.example',
  from: 'sip:1001@acct.example',
  to: 'sip:1002@acct.example',
  fromKind: 'DEVICE',
  toKind: 'DEVICE',
  trunkId: null,
  media: 'AUDIO',
  transcoded: false,
  setupAt: T0,
  answerAt: T0 + 5_000,
  endAt: T0 + 130_000,
  sipCode: 200,
  disposition: 'ANSWERED',
  ...over,
});

const usageOf = (cdr: SipCoreCdr): UsageRecord[] => {
  const out = normalizeSipCore(cdr, SOURCE);
  if (!out.ok) throw new Error(`unexpected violation ${out.code}: ${out.reason}`);
  return out.usage;
};
const brief = (u: UsageRecord) => [u.kind, u.product, u.direction, u.endpoint, u.durationMs];

describe('SIP core normalization (seed 000)', () => {
  it('bills a call between two devices of the account as two legs, one originating and one terminating, same duration', () => {
    expect(usageOf(call()).map(brief)).toEqual([
      ['LEG', 'sipcore.voice', 'ORIGINATING', 'sip:1001@acct.example', 125_000],
      ['LEG', 'sipcore.voice', 'TERMINATING', 'sip:1002@acct.example', 125_000],
    ]);
  });

  it('bills a leg from answer to end, not from setup, and keeps the call, account and source', () => {
    const [leg] = usageOf(call());
    expect(leg).toEqual({
      usageId: 'sip:c-1:orig',
      sourceId: 'c-1',
      origin: 'SIPCORE',
      accountId: 'acct-1',
      kind: 'LEG',
      product: 'sipcore.voice',
      direction: 'ORIGINATING',
      media: 'AUDIO',
      callId: 'call-1@sip.example',
      endpoint: 'sip:1001@acct.example',
      startAt: T0 + 5_000,
      endAt: T0 + 130_000,
      durationMs: 125_000,
      source: SOURCE,
    });
  });

  it('bills a call from the trunk to a device as one terminating leg', () => {
    const usage = usageOf(call({ fromKind: 'TRUNK', from: 'sip:+4930123@pstn', trunkId: 'trunk-1' }));
    expect(usage.map(brief)).toEqual([['LEG', 'sipcore.voice', 'TERMINATING', 'sip:1002@acct.example', 125_000]]);
  });

  it('bills a call from an external party to a device as one terminating leg', () => {
    expect(usageOf(call({ fromKind: 'EXTERNAL' })).map((u) => u.direction)).toEqual(['TERMINATING']);
  });

  it('bills a call from a device to the trunk as one originating leg', () => {
    const usage = usageOf(call({ toKind: 'TRUNK', to: 'sip:+4930123@pstn', trunkId: 'trunk-1' }));
    expect(usage.map(brief)).toEqual([['LEG', 'sipcore.voice', 'ORIGINATING', 'sip:1001@acct.example', 125_000]]);
  });

  it('bills nothing for a call between two external parties', () => {
    expect(usageOf(call({ fromKind: 'EXTERNAL', toKind: 'EXTERNAL' }))).toEqual([]);
  });

  it('bills a VIDEO call as video legs at the video rate', () => {
    const usage = usageOf(call({ media: 'VIDEO' }));
    expect(usage.map((u) => [u.product, u.media])).toEqual([
      ['sipcore.video', 'VIDEO'],
      ['sipcore.video', 'VIDEO'],
    ]);
  });

  it('adds exactly one transcoding record for the answered duration of a transcoded trunk call, not one per leg', () => {
    const usage = usageOf(call({ toKind: 'TRUNK', to: 'sip:+4930123@pstn', trunkId: 'trunk-1', transcoded: true }));
    const transcoding = usage.filter((u) => u.kind === 'TRANSCODING');
    expect(transcoding.map(brief)).toEqual([['TRANSCODING', 'sipcore.transcoding', null, 'trunk-1', 125_000]]);
    expect(transcoding[0]?.usageId).toBe('sip:c-1:transcoding');
    expect(usage).toHaveLength(2);
  });

  it('adds one transcoding record when a trunk without a trunkId bridges to a device', () => {
    const usage = usageOf(call({ fromKind: 'TRUNK', from: 'sip:gw@carrier', transcoded: true }));
    expect(usage.map(brief)).toEqual([
      ['LEG', 'sipcore.voice', 'TERMINATING', 'sip:1002@acct.example', 125_000],
      ['TRANSCODING', 'sipcore.transcoding', null, 'sip:gw@carrier', 125_000],
    ]);
  });

  it('adds no transcoding record to a transcoded device-to-device call that crossed no trunk', () => {
    expect(usageOf(call({ transcoded: true })).map((u) => u.kind)).toEqual(['LEG', 'LEG']);
  });

  it('still bills transcoding for a transcoded trunk call that touched no device', () => {
    const usage = usageOf(call({ fromKind: 'EXTERNAL', toKind: 'TRUNK', trunkId: 'trunk-1', transcoded: true }));
    expect(usage.map((u) => u.kind)).toEqual(['TRANSCODING']);
  });

  it('gives an unanswered call only a failed attempt with product null, over setup to end', () => {
    const usage = usageOf(call({ answerAt: null, disposition: 'NO_ANSWER', sipCode: 480, endAt: T0 + 30_000 }));
    expect(usage).toHaveLength(1);
    expect(usage[0]).toMatchObject({
      usageId: 'sip:c-1:attempt',
      kind: 'FAILED_ATTEMPT',
      product: null,
      direction: null,
      endpoint: 'sip:1001@acct.example',
      startAt: T0,
      endAt: T0 + 30_000,
      durationMs: 30_000,
    });
  });

  it('treats a missing answerAt in JSON input like null: a failed attempt', () => {
    const { answerAt: _omitted, ...rest } = call({ disposition: 'BUSY' });
    expect(usageOf(rest as SipCoreCdr).map((u) => u.kind)).toEqual(['FAILED_ATTEMPT']);
  });

  it('keeps a 0-second answered call as 0 s legs, which the increments bill as 0', () => {
    const usage = usageOf(call({ answerAt: T0 + 5_000, endAt: T0 + 5_000 }));
    expect(usage.map((u) => [u.kind, u.durationMs])).toEqual([
      ['LEG', 0],
      ['LEG', 0],
    ]);
  });

  it('gives a re-sent CDR identical usage ids', () => {
    const first = usageOf(call({ toKind: 'TRUNK', trunkId: 't', transcoded: true }));
    const again = usageOf(call({ toKind: 'TRUNK', trunkId: 't', transcoded: true }));
    expect(again.map((u) => u.usageId)).toEqual(first.map((u) => u.usageId));
    expect(first.map((u) => u.usageId)).toEqual(['sip:c-1:orig', 'sip:c-1:transcoding']);
  });
});
