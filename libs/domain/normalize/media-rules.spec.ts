import { AccountId } from '../ids';
import type { MediaCdr } from '../records';
import { normalizeMedia } from './media';

const T0 = Date.UTC(2024, 2, 1, 10, 0, 0);
const SOURCE = { stream: 'cdr.media', partition: 0, position: 3 };

const record = (over: Record<string, unknown> = {}): MediaCdr =>
  ({
    recordId: 'm-3',
    accountId: AccountId('acct-1'),
    sessionId: 's-3',
    resource: 'CALL_LEG',
    direction: 'TERMINATING',
    media: 'AUDIO',
    endpoint: 'sip:caller@pstn',
    endpointKind: 'SIP',
    startAt: T0,
    endAt: T0 + 60_000,
    ...over,
  }) as unknown as MediaCdr;

describe('media-server CDRs that break a rule go to the dead-letter topic with the reason', () => {
  it('rejects a leg that ends before it started as END_BEFORE_START, naming both instants', () => {
    expect(normalizeMedia(record({ endAt: T0 - 500 }), SOURCE)).toEqual({
      ok: false,
      code: 'END_BEFORE_START',
      reason:
        'endAt=2024-03-01T09:59:59.500Z (1709287199500) is before startAt=2024-03-01T10:00:00.000Z (1709287200000) (recordId=m-3)',
    });
  });

  it('rejects a call leg without a direction as INVALID_RECORD', () => {
    expect(normalizeMedia(record({ direction: null }), SOURCE)).toEqual({
      ok: false,
      code: 'INVALID_RECORD',
      reason: 'resource=CALL_LEG but direction is null (recordId=m-3)',
    });
  });

  it('accepts a recording without a direction', () => {
    expect(normalizeMedia(record({ resource: 'RECORDING', direction: null }), SOURCE).ok).toBe(true);
  });

  it('rejects a record without recordId or accountId as INVALID_RECORD', () => {
    expect(normalizeMedia(record({ recordId: '' }), SOURCE)).toMatchObject({ code: 'INVALID_RECORD', reason: 'recordId is empty' });
    expect(normalizeMedia(record({ accountId: '' }), SOURCE)).toMatchObject({
      code: 'INVALID_RECORD',
      reason: 'accountId is empty (recordId=m-3)',
    });
  });

  it('rejects an unknown resource, media or direction as SCHEMA_INVALID instead of mispricing it', () => {
    expect(normalizeMedia(record({ resource: 'TRANSCRIPTION' }), SOURCE)).toEqual({
      ok: false,
      code: 'SCHEMA_INVALID',
      reason: 'unknown resource=TRANSCRIPTION (recordId=m-3)',
    });
    expect(normalizeMedia(record({ media: 'TEXT' }), SOURCE)).toMatchObject({ code: 'SCHEMA_INVALID' });
    expect(normalizeMedia(record({ direction: 'INBOUND' }), SOURCE)).toMatchObject({ code: 'SCHEMA_INVALID' });
  });

  it('rejects a timestamp that is not a number as INVALID_RECORD', () => {
    expect(normalizeMedia(record({ startAt: Number.NaN }), SOURCE)).toEqual({
      ok: false,
      code: 'INVALID_RECORD',
      reason: `timestamps must be finite: startAt=NaN, endAt=${T0 + 60_000} (recordId=m-3)`,
    });
  });
});
