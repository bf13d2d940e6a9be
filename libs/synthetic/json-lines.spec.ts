import type { AccountId, MediaCdr, SipCoreCdr } from '../domain';
import { iso, mediaLine, sipcoreLine } from './json-lines';

describe('iso', () => {
  it('formats like Date.toISOString, across hour, day and year boundaries and out of order', () => {
    const instants = [
      Date.parse('2026-10-03T14:05:12Z'), Date.parse('2026-10-03T14:59:59.999Z'), Date.parse('2026-10-03T15:00:00Z'),
      Date.parse('2026-12-31T23:59:59.5Z'), Date.parse('2027-01-01T00:00:00.007Z'), Date.parse('2026-10-03T14:00:00.070Z'), 0,
    ];
    for (const ms of instants) expect(iso(ms)).toBe(new Date(ms).toISOString());
  });
});

describe('JSON lines', () => {
  const cdr: SipCoreCdr = {
    cdrId: 'sc-202610-00000001', accountId: 'acme' as AccountId, callId: 'abc-00000001@sbc.acme.example.com',
    from: 'sip:1001@acme.example.com', to: 'sip:+12125550100@trunk-1.acme.example.com', fromKind: 'DEVICE', toKind: 'TRUNK',
    trunkId: 'trunk-1', media: 'AUDIO', transcoded: true, setupAt: Date.parse('2026-10-03T14:05:12Z'), answerAt: null,
    endAt: Date.parse('2026-10-03T14:05:30.250Z'), sipCode: 486, disposition: 'BUSY',
  };

  it('writes a SIP core CDR as the same JSON that JSON.stringify would, with ISO times and null kept', () => {
    const expected = JSON.stringify({ ...cdr, setupAt: '2026-10-03T14:05:12.000Z', endAt: '2026-10-03T14:05:30.250Z' });
    expect(sipcoreLine(cdr)).toBe(expected);
  });

  it('writes a media record with its nullable fields as null', () => {
    const rec: MediaCdr = {
      recordId: 'md-202610-0000001', accountId: 'acme' as AccountId, sessionId: 'ms-202610-000001', resource: 'RECORDING',
      direction: null, media: 'VIDEO', endpoint: null, endpointKind: null, startAt: 0, endAt: 61_000,
    };
    expect(JSON.parse(mediaLine(rec))).toEqual({ ...rec, startAt: '1970-01-01T00:00:00.000Z', endAt: '1970-01-01T00:01:01.000Z' });
  });
});
