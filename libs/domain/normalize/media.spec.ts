import { AccountId } from '../ids';
import type { MediaCdr } from '../records';
import type { UsageRecord } from '../usage';
import { normalizeMedia } from './media';

const T0 = Date.UTC(2024, 2, 1, 10, 0, 0);
const MIN = 60_000;
const SOURCE = { stream: 'cdr.media', partition: 1, position: 9 };

const record = (over: Partial<MediaCdr>): MediaCdr => ({
  recordId: 'm-1',
  accountId: AccountId('acct-1'),
  sessionId: 's-1',
  resource: 'CALL_LEG',
  direction: 'TERMINATING',
  media: 'AUDIO',
  endpoint: 'sip:caller@pstn',
  endpointKind: 'SIP',
  startAt: T0,
  endAt: T0 + 5 * MIN,
  ...over,
});

const usageOf = (rec: MediaCdr): UsageRecord => {
  const out = normalizeMedia(rec, SOURCE);
  if (!out.ok) throw new Error(`unexpected violation ${out.code}: ${out.reason}`);
  expect(out.usage).toHaveLength(1);
  return out.usage[0]!;
};

describe('media-server normalization (seed 001)', () => {
  it('bills a call leg with its own direction for the time it was active', () => {
    expect(usageOf(record({ direction: 'ORIGINATING' }))).toEqual({
      usageId: 'media:m-1',
      sourceId: 'm-1',
      origin: 'MEDIA',
      accountId: 'acct-1',
      kind: 'LEG',
      product: 'media.voice',
      direction: 'ORIGINATING',
      media: 'AUDIO',
      callId: 's-1',
      endpoint: 'sip:caller@pstn',
      startAt: T0,
      endAt: T0 + 5 * MIN,
      durationMs: 5 * MIN,
      source: SOURCE,
    });
  });

  it('bills a video call leg at the media video rate', () => {
    expect(usageOf(record({ media: 'VIDEO' }))).toMatchObject({ product: 'media.video', media: 'VIDEO' });
  });

  it('rates a leg to an Alexa device exactly like a leg to a SIP device', () => {
    const alexa = usageOf(record({ endpointKind: 'ALEXA', endpoint: 'amzn1.ask.device.X' }));
    const sip = usageOf(record({ endpointKind: 'SIP' }));
    expect([alexa.kind, alexa.product, alexa.direction]).toEqual([sip.kind, sip.product, sip.direction]);
  });

  it('bills a conference connection as media.conference for its whole duration, without a direction', () => {
    const u = usageOf(record({ resource: 'CONFERENCE_CONNECTION', direction: null, endpoint: null, endAt: T0 + 10 * MIN }));
    expect([u.kind, u.product, u.direction, u.durationMs]).toEqual(['CONFERENCE_CONNECTION', 'media.conference', null, 10 * MIN]);
  });

  it('bills a video conference connection still as media.conference', () => {
    expect(usageOf(record({ resource: 'CONFERENCE_CONNECTION', direction: null, media: 'VIDEO' })).product).toBe('media.conference');
  });

  it('bills recording as media.recording and monitoring as media.monitoring, whatever direction they carry', () => {
    expect(usageOf(record({ resource: 'RECORDING' }))).toMatchObject({ kind: 'RECORDING', product: 'media.recording', direction: null });
    expect(usageOf(record({ resource: 'MONITORING', media: 'VIDEO' }))).toMatchObject({
      kind: 'MONITORING',
      product: 'media.monitoring',
      direction: null,
    });
  });

  it('keeps a missing endpoint (omitted in JSON) as null', () => {
    const { endpoint: _omitted, ...rest } = record({ resource: 'RECORDING' });
    expect(usageOf(rest as MediaCdr).endpoint).toBeNull();
  });

  it('gives a re-sent media record the same usage id', () => {
    expect(usageOf(record({})).usageId).toBe(usageOf(record({})).usageId);
  });
});
