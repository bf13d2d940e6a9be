import { AccountId } from '../ids';
import type { SipCoreCdr } from '../records';
import { normalizeSipCore } from './sipcore';

const T0 = Date.UTC(2024, 2, 1, 9, 0, 0);
const SOURCE = { stream: 'cdr.sipcore', partition: 0, position: 7 };

const call = (over: Partial<SipCoreCdr> = {}): SipCoreCdr => ({
  cdrId: 'c-7',
  accountId: AccountId('acct-1'),
  callId: 'call-7',
  from: 'sip:1001@acct.example',
  to: 'sip:1002@acct.example',
  fromKind: 'DEVICE',
  toKind: 'DEVICE',
  trunkId: null,
  media: 'AUDIO',
  transcoded: false,
  setupAt: T0,
  answerAt: T0 + 5_000,
  endAt: T0 + 65_000,
  sipCode: 200,
  disposition: 'ANSWERED',
  ...over,
});

/** Broken records, as the JSON decoder might hand them over. */
const loose = (over: Record<string, unknown>): SipCoreCdr => ({ ...call(), ...over }) as unknown as SipCoreCdr;

describe('SIP core CDRs that break a rule go to the dead-letter topic with the reason', () => {
  it('rejects a call that ends before it was set up as END_BEFORE_START, naming both instants', () => {
    const out = normalizeSipCore(call({ answerAt: null, disposition: 'FAILED', endAt: T0 - 1_000 }), SOURCE);
    expect(out).toEqual({
      ok: false,
      code: 'END_BEFORE_START',
      reason:
        'endAt=2024-03-01T08:59:59.000Z (1709283599000) is before setupAt=2024-03-01T09:00:00.000Z (1709283600000) (cdrId=c-7)',
    });
  });

  it('rejects an answer before the INVITE as ANSWER_OUTSIDE_CALL', () => {
    const out = normalizeSipCore(call({ answerAt: T0 - 1 }), SOURCE);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.code).toBe('ANSWER_OUTSIDE_CALL');
    expect(out.reason).toContain('answerAt=2024-03-01T08:59:59.999Z (1709283599999)');
    expect(out.reason).toContain('setupAt=2024-03-01T09:00:00.000Z');
    expect(out.reason).toContain('endAt=2024-03-01T09:01:05.000Z');
  });

  it('rejects an answer after the BYE as ANSWER_OUTSIDE_CALL', () => {
    expect(normalizeSipCore(call({ answerAt: T0 + 65_001 }), SOURCE)).toMatchObject({ code: 'ANSWER_OUTSIDE_CALL' });
  });

  it('accepts an answer exactly at setup or exactly at end', () => {
    expect(normalizeSipCore(call({ answerAt: T0 }), SOURCE).ok).toBe(true);
    expect(normalizeSipCore(call({ answerAt: T0 + 65_000 }), SOURCE).ok).toBe(true);
  });

  it('rejects an ANSWERED call without answerAt as INVALID_RECORD', () => {
    expect(normalizeSipCore(call({ answerAt: null }), SOURCE)).toEqual({
      ok: false,
      code: 'INVALID_RECORD',
      reason: 'disposition=ANSWERED but answerAt is null (cdrId=c-7)',
    });
  });

  it('rejects a BUSY call that has an answerAt as INVALID_RECORD', () => {
    expect(normalizeSipCore(call({ disposition: 'BUSY' }), SOURCE)).toEqual({
      ok: false,
      code: 'INVALID_RECORD',
      reason: 'disposition=BUSY but answerAt=2024-03-01T09:00:05.000Z (1709283605000) is set (cdrId=c-7)',
    });
  });

  it('rejects a CDR without accountId as INVALID_RECORD, naming the CDR', () => {
    expect(normalizeSipCore(call({ accountId: AccountId('') }), SOURCE)).toEqual({
      ok: false,
      code: 'INVALID_RECORD',
      reason: 'accountId is empty (cdrId=c-7)',
    });
  });

  it('rejects a CDR without cdrId as INVALID_RECORD, since its usage could not get a stable id', () => {
    expect(normalizeSipCore(call({ cdrId: '' }), SOURCE)).toEqual({
      ok: false,
      code: 'INVALID_RECORD',
      reason: 'cdrId is empty',
    });
  });

  it('rejects an unknown endpoint kind as SCHEMA_INVALID instead of silently dropping the leg', () => {
    expect(normalizeSipCore(loose({ toKind: 'PHONE' }), SOURCE)).toEqual({
      ok: false,
      code: 'SCHEMA_INVALID',
      reason: 'unknown toKind=PHONE (cdrId=c-7)',
    });
  });

  it('rejects an unknown media or disposition as SCHEMA_INVALID', () => {
    expect(normalizeSipCore(loose({ media: 'FAX' }), SOURCE)).toMatchObject({ code: 'SCHEMA_INVALID', reason: 'unknown media=FAX (cdrId=c-7)' });
    expect(normalizeSipCore(loose({ disposition: 'LOST' }), SOURCE)).toMatchObject({ code: 'SCHEMA_INVALID' });
  });

  it('rejects a timestamp that is not a number as INVALID_RECORD rather than a misleading interval error', () => {
    expect(normalizeSipCore(loose({ endAt: Number.NaN }), SOURCE)).toEqual({
      ok: false,
      code: 'INVALID_RECORD',
      reason: `timestamps must be finite: setupAt=${T0}, answerAt=${T0 + 5_000}, endAt=NaN (cdrId=c-7)`,
    });
  });
});
