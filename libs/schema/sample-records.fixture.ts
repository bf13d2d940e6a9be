import type { RecordKind } from './record-kinds';

/**
 * One valid record of every kind in its JSON form, as a platform would send it (ISO-8601
 * timestamps, optional fields omitted where that is typical). Shared by the schema and file specs.
 */
export const SAMPLE_JSON: { readonly [K in RecordKind]: Record<string, unknown> } = {
  sipcore: {
    cdrId: 'sc-0001', accountId: 'ACC-1', callId: 'a84b4c76e66710@pbx.example', from: 'sip:101@acme.example',
    to: 'sip:+4930123456@pstn.example', fromKind: 'DEVICE', toKind: 'EXTERNAL', trunkId: 'trunk-1', media: 'AUDIO',
    transcoded: true, setupAt: '2024-03-01T10:00:00.000Z', answerAt: '2024-03-01T10:00:05.000Z',
    endAt: '2024-03-01T10:01:06.000Z', sipCode: 200, disposition: 'ANSWERED',
  },
  media: {
    recordId: 'md-0001', accountId: 'ACC-1', sessionId: 'conf-7', resource: 'CALL_LEG', direction: 'TERMINATING',
    media: 'VIDEO', endpoint: 'sip:alexa-42@acme.example', endpointKind: 'ALEXA',
    startAt: '2024-03-01T10:00:00Z', endAt: '2024-03-01T10:10:00Z',
  },
  provisioning: {
    eventId: 'pv-1', accountId: 'ACC-1', subject: 'DEVICE', subjectId: 'phone-17', action: 'PROVISIONED',
    at: '2024-01-15T08:30:00Z',
  },
  activity: {
    eventId: 'ua-1', accountId: 'ACC-1', sipId: '1234568@myvoipserver.com', deviceId: 'iphone-3',
    activity: 'REGISTERED', client: 'MOBILE', at: '2024-03-02T09:00:00Z',
  },
  account: {
    accountId: 'ACC-1', currency: 'USD', timezone: 'America/New_York', features: ['call-recording'],
    plans: [
      { tariffId: 'T-STD', activatedAt: '2024-01-01T05:00:00Z' },
      { tariffId: 'T-PROMO', activatedAt: '2024-02-01T05:00:00Z', expiresAt: '2024-04-01T04:00:00Z' },
    ],
  },
  tariff: {
    tariffId: 'T-STD', version: 2, currency: 'USD', effectiveFrom: '2024-01-01T00:00:00Z', categories: ['GATEWAY'],
    rates: [
      { product: 'sipcore.voice', pricePerMinute: '0.0125' },
      { product: 'sipcore.video', pricePerMinute: '0.05', firstIncrement: 30, nextIncrement: 6, connectFee: '0.01' },
    ],
    recurring: [{ charge: 'DEVICE', price: '4.50' }, { charge: 'FEATURE', feature: 'call-recording', price: '2.00' }],
    limits: { maxCallDurationSeconds: 120, failedCalls: { limit: 5, windowSeconds: 3600 } },
  },
  usage: {
    usageId: 'u-sc-0001-orig', sourceId: 'sc-0001', origin: 'SIPCORE', accountId: 'ACC-1', kind: 'LEG',
    product: 'sipcore.voice', direction: 'ORIGINATING', media: 'AUDIO', callId: 'a84b4c76e66710@pbx.example',
    endpoint: 'sip:101@acme.example', startAt: '2024-03-01T10:00:05Z', endAt: '2024-03-01T10:01:06Z',
    durationMs: 61000, source: { stream: 'cdr.sipcore', partition: 3, position: 1200 },
  },
  rated: {
    ratedId: 'u-sc-0001-orig', usageId: 'u-sc-0001-orig', accountId: 'ACC-1', month: '2024-03',
    product: 'sipcore.voice', kind: 'LEG', startAt: '2024-03-01T10:00:05Z', billedSeconds: 120, quantity: '2',
    unitPrice: '0.0125', amount: '0.025000', currency: 'USD', tariffId: 'T-STD', tariffVersion: 2,
    source: { stream: 'cdr.sipcore', partition: 3, position: 1200 },
  },
  invoice: {
    invoiceId: 'INV-ACC-1-2024-03', accountId: 'ACC-1', month: '2024-03', currency: 'USD',
    timezone: 'America/New_York', total: '4.53',
    lines: [
      { kind: 'USAGE', product: 'sipcore.voice', description: 'Voice minutes', quantity: '2', unitPrice: '0.0125',
        amount: '0.03', billedSeconds: 120, records: 1 },
      { kind: 'RECURRING', product: 'DEVICE', description: 'Provisioned devices (peak)', quantity: '1',
        unitPrice: '4.50', amount: '4.50', records: 0 },
    ],
  },
  deadLetter: {
    code: 'SCHEMA_INVALID', reason: 'fromKind: "PHONE" is not one of DEVICE, TRUNK, EXTERNAL', stage: 'ingest',
    source: { stream: 'cdr.sipcore', partition: 0, position: 7 }, original: Buffer.from('{"fromKind":"PHONE"}').toString('base64'),
  },
};
