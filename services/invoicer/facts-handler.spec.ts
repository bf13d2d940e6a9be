import type { KafkaMessage } from 'kafkajs';
import { AccountId, Currency, type ProvisioningEvent, type UserActivity } from '../../libs/domain';
import { account } from '../../libs/domain/invoicing/rated.fixture';
import type { ConsumedBatch, TopicBatch } from '../../libs/kafka';
import { createServiceMetrics } from '../../libs/ops';
import { ReferenceData } from '../../libs/pipeline/reference-data';
import type { FactsBatch } from '../../libs/redis';
import { UndecodableRecord } from '../../libs/registry';
import { createFactsHandler } from './facts-handler';

/** A stand-in for the registry codec: JSON behind a one-byte tag, anything else undecodable. */
const avro = {
  encode: async (topic: string, value: unknown) => Buffer.from(`J${JSON.stringify({ topic, value })}`),
  decode: async <T>(buffer: Buffer): Promise<T> => {
    if (buffer[0] !== 0x4a) throw new UndecodableRecord('not tagged');
    if (buffer.toString().includes('registry-away')) throw Object.assign(new Error('registry away'), { retriable: true });
    return (JSON.parse(buffer.subarray(1).toString()) as { value: T }).value;
  },
};
const valueOf = (buffer: Buffer | string | null) => (JSON.parse(String(buffer).slice(1)) as { value: unknown }).value;

const reference = ReferenceData.of([account(), account({ accountId: AccountId('globex'), currency: Currency('EUR'), timezone: 'Europe/Berlin' })], []);

function setUp() {
  const log: string[] = [];
  const stored: FactsBatch[] = [];
  const sent: TopicBatch[][] = [];
  const handler = createFactsHandler({
    avro,
    producer: {
      sendToTopics: async (batches) => {
        sent.push([...batches]);
        log.push('dead letters acknowledged');
        return [];
      },
    },
    metrics: createServiceMetrics('facts-spec', { processMetrics: false }),
    store: { apply: async (batch) => (stored.push(batch), log.push('facts stored'), { late: 0 }) },
    reference,
    provisioningTopic: 'provisioning',
    home: (accountId) => ({ topic: 'ledger.rated', partition: accountId === 'acme' ? 1 : 3 }),
    closeTime: (accountId, month) => (accountId === 'acme' ? 1000 : 2000) + Number(month.slice(5)),
  });
  return { handler, stored, sent, log };
}

let offset = 0;
const message = (value: Buffer | null): KafkaMessage => ({ key: Buffer.from('acme'), value, offset: String(offset++), timestamp: '0', attributes: 0, size: 0 }) as KafkaMessage;
const event = (value: unknown) => message(Buffer.from(`J${JSON.stringify({ value })}`));
const batchOf = (topic: string, messages: KafkaMessage[]): ConsumedBatch => ({ topic, partition: 0, messages, highWatermark: String(offset), signal: new AbortController().signal });

const device = (over: Partial<ProvisioningEvent> = {}): ProvisioningEvent => ({
  eventId: 'pv-1', accountId: AccountId('acme'), subject: 'DEVICE', subjectId: 'phone-1', action: 'PROVISIONED', at: Date.UTC(2026, 1, 2), ...over,
});
const registration = (over: Partial<UserActivity> = {}): UserActivity => ({
  eventId: 'rg-1', accountId: AccountId('acme'), sipId: '100@acme', deviceId: 'phone-1', activity: 'REGISTERED', client: 'MOBILE', at: Date.UTC(2026, 1, 2), ...over,
});

beforeEach(() => (offset = 0));

describe('the invoicer facts handler', () => {
  it('stores provisioning changes as they are, whatever their month', async () => {
    const { handler, stored } = setUp();
    await handler(batchOf('provisioning', [event(device()), event(device({ eventId: 'pv-2', action: 'DEPROVISIONED', at: Date.UTC(2025, 11, 30) }))]));

    expect(stored).toEqual([{
      source: { topic: 'provisioning', partition: 0 },
      end: '2',
      facts: [
        { kind: 'provisioning', accountId: 'acme', change: { subject: 'DEVICE', subjectId: 'phone-1', action: 'PROVISIONED', at: Date.UTC(2026, 1, 2) } },
        { kind: 'provisioning', accountId: 'acme', change: { subject: 'DEVICE', subjectId: 'phone-1', action: 'DEPROVISIONED', at: Date.UTC(2025, 11, 30) } },
      ],
    }]);
  });

  it("counts an activity for its licence in the month of the account's zone, opening that month on the account's ledger partition", async () => {
    const { handler, stored } = setUp();
    const berlinMarch = registration({ accountId: AccountId('globex'), at: Date.UTC(2026, 1, 28, 23, 30), activity: 'USED_MESSAGING', client: null });
    const deskPhone = registration({ eventId: 'rg-2', client: null });
    await handler(batchOf('registrations', [event(berlinMarch), event(deskPhone)]));

    expect(stored[0]!.facts).toEqual([
      { kind: 'activity', accountId: 'globex', month: '2026-03', licence: 'MESSAGING_USER', sipId: '100@acme', home: { topic: 'ledger.rated', partition: 3 }, closesAt: 2003 },
      { kind: 'activity', accountId: 'acme', month: '2026-02', licence: null, sipId: '100@acme', home: { topic: 'ledger.rated', partition: 1 }, closesAt: 1002 },
    ]);
  });

  it('dead-letters what counts for no one, acknowledged before the facts are stored, and stores the rest', async () => {
    const { handler, stored, sent, log } = setUp();
    const stranger = registration({ accountId: AccountId('stranger') });
    const notAnActivity = { eventId: 'x', accountId: 'acme', sipId: 's', activity: 'DANCED', at: 1 };
    await handler(batchOf('registrations', [message(Buffer.from('garbage')), event(stranger), event(notAnActivity), event(registration())]));

    const letters = sent.flat().flatMap((b) => b.messages.map((m) => [b.topic, (valueOf(m.value as Buffer) as { code: string; stage: string }).code]));
    expect(letters).toEqual([['registrations.dlq', 'UNPARSEABLE'], ['registrations.dlq', 'UNKNOWN_ACCOUNT'], ['registrations.dlq', 'INVALID_RECORD']]);
    expect(valueOf(sent[0]![0]!.messages[1]!.value as Buffer)).toMatchObject({
      stage: 'ingest', reason: "account stranger is not known; event rg-1 cannot count for anyone's recurring charges", source: { stream: 'registrations', partition: 0, position: 1 },
    });
    expect(stored[0]).toMatchObject({ end: '4', facts: [expect.objectContaining({ kind: 'activity', accountId: 'acme' })] });
    expect(log).toEqual(['dead letters acknowledged', 'facts stored']);
  });

  it('stores nothing and throws, to be retried, while the registry is away', async () => {
    const { handler, stored } = setUp();
    await expect(handler(batchOf('provisioning', [event(device()), event('registry-away')]))).rejects.toThrow('registry away');
    expect(stored).toEqual([]);
  });
});
