import { buildSchemas } from './schemas';
import { RECORD_KINDS, type RecordKind } from './record-kinds';
import { SAMPLE_JSON } from './sample-records.fixture';

const schemas = buildSchemas();
const line = (kind: RecordKind, patch: Record<string, unknown> = {}) => JSON.stringify({ ...SAMPLE_JSON[kind], ...patch });
const without = (kind: RecordKind, ...fields: string[]) => {
  const copy: Record<string, unknown> = { ...SAMPLE_JSON[kind] };
  for (const f of fields) delete copy[f];
  return JSON.stringify(copy);
};

describe('the JSON form of every record kind', () => {
  it.each(RECORD_KINDS)('accepts a well-formed %s record and it fits the Avro type', (kind) => {
    const decoded = schemas.decodeJson(kind, line(kind));
    expect(decoded).toMatchObject({ ok: true });
    if (decoded.ok) expect(schemas.of(kind).type.isValid(decoded.value)).toBe(true);
  });

  it.each(RECORD_KINDS)('round-trips a %s record through its canonical JSON', (kind) => {
    const first = schemas.decodeJson(kind, line(kind));
    if (!first.ok) throw new Error(first.reason);
    const text = schemas.toJson(kind, first.value);
    const again = schemas.decodeJson(kind, text);
    expect(again).toEqual(first);
    if (!again.ok) throw new Error(again.reason);
    expect(schemas.toJson(kind, again.value)).toBe(text);
  });

  it.each(RECORD_KINDS)('round-trips a %s record through Avro binary', (kind) => {
    const decoded = schemas.decodeJson(kind, line(kind));
    if (!decoded.ok) throw new Error(decoded.reason);
    const type = schemas.of(kind).type;
    expect({ ...type.fromBuffer(type.toBuffer(decoded.value)) }).toEqual(decoded.value);
  });
});

describe('timestamps', () => {
  it('reads ISO-8601 and epoch milliseconds as the same instant', () => {
    const iso = schemas.decodeJson('sipcore', line('sipcore'));
    const epoch = schemas.decodeJson('sipcore', line('sipcore', { setupAt: 1709287200000, answerAt: 1709287205000, endAt: 1709287266000 }));
    expect(iso).toEqual(epoch);
    expect(iso.ok && iso.value.answerAt).toBe(Date.UTC(2024, 2, 1, 10, 0, 5));
  });

  it('applies the offset of a non-UTC timestamp', () => {
    const d = schemas.decodeJson('provisioning', line('provisioning', { at: '2024-01-15T09:30:00+01:00' }));
    expect(d.ok && d.value.at).toBe(Date.UTC(2024, 0, 15, 8, 30));
  });

  it('converts timestamps nested in arrays and nullable fields (account plans)', () => {
    const d = schemas.decodeJson('account', line('account'));
    expect(d.ok && d.value.plans).toEqual([
      { tariffId: 'T-STD', activatedAt: Date.UTC(2024, 0, 1, 5), expiresAt: null, options: [] },
      { tariffId: 'T-PROMO', activatedAt: Date.UTC(2024, 1, 1, 5), expiresAt: Date.UTC(2024, 3, 1, 4), options: [] },
    ]);
  });

  it('rejects a word, a zoneless time and a day that does not exist, naming each field', () => {
    const d = schemas.decodeJson('sipcore', line('sipcore', { setupAt: '2024-03-01T10:00:00', answerAt: 'yesterday', endAt: '2024-02-30T10:00:00Z' }));
    expect(d).toEqual({
      ok: false,
      code: 'SCHEMA_INVALID',
      reason:
        'setupAt: "2024-03-01T10:00:00" has no time zone (add Z or an offset such as +01:00); ' +
        'answerAt: "yesterday" is not an ISO-8601 timestamp; endAt: "2024-02-30T10:00:00Z" is not a real date',
    });
  });

  it('rejects a fractional epoch and a boolean timestamp', () => {
    const d = schemas.decodeJson('media', line('media', { startAt: 1.5, endAt: true }));
    expect(d.ok ? '' : d.reason).toBe(
      'startAt: 1.5 is not a whole number of epoch milliseconds; endAt: true is not a timestamp (epoch ms or ISO-8601 string)',
    );
  });

  it('writes canonical JSON timestamps as UTC with milliseconds', () => {
    const d = schemas.decodeJson('provisioning', line('provisioning', { at: '2024-01-15T09:30:00+01:00' }));
    if (!d.ok) throw new Error(d.reason);
    expect(JSON.parse(schemas.toJson('provisioning', d.value)).at).toBe('2024-01-15T08:30:00.000Z');
  });
});

describe('omitted fields', () => {
  it('gives null to an unanswered call that leaves out answerAt and trunkId', () => {
    const d = schemas.decodeJson('sipcore', without('sipcore', 'answerAt', 'trunkId', 'transcoded'));
    expect(d).toMatchObject({ ok: true, value: { answerAt: null, trunkId: null, transcoded: false } });
  });

  it('fills account defaults: UTC, per-minute, half-up, no features', () => {
    const d = schemas.decodeJson('account', '{"accountId":"ACC-9","currency":"EUR"}');
    expect(d).toEqual({
      ok: true,
      value: {
        accountId: 'ACC-9', currency: 'EUR', timezone: 'UTC', billingModel: 'PER_MINUTE', channels: null,
        minimumMonthlyCharge: null, setupFee: null, features: [], plans: [], invoiceRounding: 'HALF_UP',
      },
    });
  });

  it('fills 60/60 increments and an empty limit inside tariffs', () => {
    const d = schemas.decodeJson('tariff', line('tariff'));
    if (!d.ok) throw new Error(d.reason);
    expect(d.value.ratingDecimals).toBe(6);
    expect(d.value.rates[0]).toEqual({ product: 'sipcore.voice', pricePerMinute: '0.0125', firstIncrement: 60, nextIncrement: 60, connectFee: null });
    expect(d.value.limits).toEqual({
      maxCallDurationSeconds: 120, totalDurationSeconds: null, successfulCalls: null,
      failedCalls: { limit: 5, windowSeconds: 3600 }, sipAccounts: null, lines: null,
    });
  });

  it('gives every decoded record its own default arrays', () => {
    const a = schemas.decodeJson('account', '{"accountId":"A","currency":"EUR"}');
    const b = schemas.decodeJson('account', '{"accountId":"B","currency":"EUR"}');
    expect(a.ok && b.ok && a.value.features !== b.value.features).toBe(true);
  });

  it('reports a required field as missing', () => {
    const d = schemas.decodeJson('sipcore', without('sipcore', 'setupAt', 'disposition'));
    expect(d).toEqual({ ok: false, code: 'SCHEMA_INVALID', reason: 'setupAt: missing; disposition: missing' });
  });
});

describe('schema errors', () => {
  it('names the symbols of an unknown enum', () => {
    const d = schemas.decodeJson('sipcore', line('sipcore', { fromKind: 'PHONE' }));
    expect(d).toEqual({ ok: false, code: 'SCHEMA_INVALID', reason: 'fromKind: "PHONE" is not one of DEVICE, TRUNK, EXTERNAL' });
  });

  it('names the path of an error inside a nested record', () => {
    const d = schemas.decodeJson('tariff', line('tariff', { rates: [{ product: 'media.voice', pricePerMinute: 0.01 }], limits: { lines: 'two' } }));
    expect(d.ok ? '' : d.reason).toBe('rates[0].pricePerMinute: 0.01 is not a string; limits.lines: "two" is not null or a 32-bit integer');
  });

  it('reports a wrong type in a nullable enum', () => {
    const d = schemas.decodeJson('media', line('media', { direction: 'SIDEWAYS' }));
    expect(d.ok ? '' : d.reason).toBe('direction: "SIDEWAYS" is not one of ORIGINATING, TERMINATING');
  });

  it('calls text that is not JSON, or JSON that is not an object, unparseable', () => {
    expect(schemas.decodeJson('sipcore', '{"cdrId": ')).toMatchObject({ ok: false, code: 'UNPARSEABLE' });
    expect(schemas.decodeJson('sipcore', '[1,2]')).toEqual({ ok: false, code: 'UNPARSEABLE', reason: 'not a JSON object but an array' });
    expect(schemas.decodeJson('sipcore', 'null')).toEqual({ ok: false, code: 'UNPARSEABLE', reason: 'not a JSON object but null' });
  });

  it('drops fields the schema does not know, as an Avro reader does', () => {
    const d = schemas.decodeJson('provisioning', line('provisioning', { vendorTag: 'x' }));
    expect(d.ok && Object.keys(d.value)).toEqual(['eventId', 'accountId', 'subject', 'subjectId', 'action', 'at']);
  });
});

describe('decodeJsonValue', () => {
  it('decodes a parsed object without touching it', () => {
    const input = { ...SAMPLE_JSON.account };
    const before = JSON.stringify(input);
    expect(schemas.decodeJsonValue('account', input)).toMatchObject({ ok: true });
    expect(JSON.stringify(input)).toBe(before);
  });
});

describe('dead letters', () => {
  it('carries the original bytes as base64 in the JSON form', () => {
    const d = schemas.decodeJson('deadLetter', line('deadLetter'));
    if (!d.ok) throw new Error(d.reason);
    expect(Buffer.from(d.value.original as Uint8Array).toString()).toBe('{"fromKind":"PHONE"}');
    expect(JSON.parse(schemas.toJson('deadLetter', d.value)).original).toBe(SAMPLE_JSON.deadLetter.original);
  });

  it('rejects an original that is not base64', () => {
    const d = schemas.decodeJson('deadLetter', line('deadLetter', { original: 'not base64!' }));
    expect(d.ok ? '' : d.reason).toBe('original: "not base64!" is not base64');
  });
});

describe('the registry', () => {
  it('knows the default topic of every kind', () => {
    const topics = Object.fromEntries(RECORD_KINDS.map((k) => [k, schemas.of(k).topic]));
    expect(topics).toEqual({
      sipcore: 'cdr.sipcore', media: 'cdr.media', provisioning: 'provisioning', activity: 'registrations',
      account: 'accounts', tariff: 'tariffs', usage: 'usage.legs', rated: 'ledger.rated', invoice: 'invoices', deadLetter: null,
    });
  });

  it('builds independent schema sets', () => {
    expect(buildSchemas().of('sipcore').type).not.toBe(schemas.of('sipcore').type);
  });
});
