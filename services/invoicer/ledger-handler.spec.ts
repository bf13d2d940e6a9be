import type { Redis } from 'ioredis';
import type { KafkaMessage } from 'kafkajs';
import { freshKeyPrefix } from '../../test/support/names';
import { startRedis, type RedisForTests } from '../../test/support/redis-server';
import { AccountId, BillingMonth, type Account, type Invoice, type ProvisioningEvent, type RatedRecord, type UserActivity } from '../../libs/domain';
import { buildInvoice, MonthLedger, usageCharges } from '../../libs/domain/invoicing';
import { account, ratedLeg } from '../../libs/domain/invoicing/rated.fixture';
import type { ConsumedBatch, TopicBatch } from '../../libs/kafka';
import { createServiceMetrics } from '../../libs/ops';
import { closeAccountMonth } from '../../libs/pipeline/month-invoice';
import { RecurringFacts } from '../../libs/pipeline/recurring-facts';
import { ReferenceData } from '../../libs/pipeline/reference-data';
import { cloudTariff, plan } from '../../libs/domain/recurring/tariff.fixture';
import { connectRedis, loadRedisConfig, RedisFactsStore, RedisLedgerStore } from '../../libs/redis';
import { UndecodableRecord } from '../../libs/registry';
import { closeThroughHeaders } from './control-marker';
import { LedgerHandler } from './ledger-handler';
import { LedgerReader } from './ledger-reader';
import { MonthCloser } from './month-closer';

let server: RedisForTests;
let redis: Redis;
let prefix: string;

beforeAll(async () => {
  server = await startRedis();
  redis = await connectRedis(loadRedisConfig({ REDIS_URL: server.url }));
});

afterEach(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
});

afterAll(async () => {
  redis?.disconnect();
  await server?.stop();
});

const LEDGER = 'ledger.rated';
const acme = AccountId('acme');
const feb = BillingMonth('2026-02');
const mar = BillingMonth('2026-03');

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

/** A handler on real Redis; `keyPrefix` of an earlier one makes a restart of that instance. */
function setUp(options: { failInvoices?: boolean; keyPrefix?: string; reference?: ReferenceData; barrier?: () => Promise<void> } = {}) {
  prefix = options.keyPrefix ?? freshKeyPrefix();
  const store = new RedisLedgerStore(redis, prefix);
  const sent: Array<{ batches: readonly TopicBatch[]; storedNext: string | null }> = [];
  const producer = {
    sendToTopics: async (batches: readonly TopicBatch[]) => {
      if (options.failInvoices && batches.some((b) => b.topic === 'invoices')) throw Object.assign(new Error('broker away'), { retriable: true });
      sent.push({ batches, storedNext: (await store.position({ topic: LEDGER, partition: 0 })).next });
      return [];
    },
  };
  const reference = options.reference ?? ReferenceData.of([account(), account({ accountId: AccountId('globex'), currency: 'EUR' as never, timezone: 'Europe/Berlin' })], []);
  const metrics = createServiceMetrics('invoicer-spec', { processMetrics: false });
  const files: Invoice[] = [];
  const writeFiles = async (invoice: Invoice) => void files.push(invoice);
  const facts = new RedisFactsStore(redis, prefix);
  const closer = new MonthCloser({ store, facts, producer, avro, reference, invoicesTopic: 'invoices', limitsTopic: 'limits', writeFiles, metrics });
  const reader = new LedgerReader({ avro, reference, closeGraceHours: 72 });
  const factsBarrier = options.barrier && { caughtUp: options.barrier };
  const late: number[] = [];
  const lateRecords = { inc: (_labels: { topic: string }, n: number) => void late.push(n) };
  const handler = new LedgerHandler({ reader, avro, producer, store, closer, ledgerTopic: LEDGER, metrics, lateRecords, factsBarrier, closeGraceHours: 72 });
  const onTopic = (topic: string) => sent.flatMap((s) => s.batches.filter((b) => b.topic === topic).flatMap((b) => b.messages.map((m) => valueOf(m.value!))));
  const invoices = () => onTopic('invoices');
  return { store, facts, handler, sent, files, invoices, limits: () => onTopic('limits'), metrics, late };
}

let offset = 0;
function message(value: Buffer | null, headers?: KafkaMessage['headers']): KafkaMessage {
  return { key: Buffer.from('acme'), value, headers, offset: String(offset++), timestamp: '0', attributes: 0, size: 0 } as KafkaMessage;
}
const rated = (r: RatedRecord) => message(Buffer.from(`J${JSON.stringify({ topic: LEDGER, value: r })}`));
const marker = (month: string) => message(Buffer.alloc(0), closeThroughHeaders(month));
const batchOf = (messages: KafkaMessage[], partition = 0): ConsumedBatch => ({ topic: LEDGER, partition, messages, highWatermark: '0', signal: new AbortController().signal });

function expectedInvoice(month: BillingMonth, add: (ledger: MonthLedger) => void): Invoice {
  const ledger = new MonthLedger();
  add(ledger);
  return buildInvoice({ account: account(), month, charges: usageCharges(ledger.totals(acme, month)) });
}

/** The invoice the embedded pipeline closes for `of`'s month from these records and recurring facts (zone UTC, as the fixtures). */
function embeddedInvoice(of: Account, month: BillingMonth, reference: ReferenceData, records: readonly RatedRecord[], facts: RecurringFacts): Invoice {
  const ledger = new MonthLedger();
  records.forEach((r) => ledger.add(r));
  const calendar = reference.calendars.forZone('UTC');
  return closeAccountMonth({ account: of, month, calendar, tariffs: reference.tariffs, totals: ledger.totals(of.accountId, month), facts }).invoice;
}

beforeEach(() => (offset = 0));

describe('the invoicer batch handler', () => {
  it('invoices February at a close-through marker exactly as the embedded pipeline would, a re-sent record counted once', async () => {
    const { handler, invoices, files, store } = setUp();
    const a = ratedLeg({ id: 'a', connectFee: '0.05', amount: '0.060000' });
    const b = ratedLeg({ id: 'b', billedSeconds: 61, quantity: '1.016667', amount: '0.010167' });

    await handler.handle(batchOf([rated(a), rated(b), rated(a), marker('2026-02')]));

    const expected = expectedInvoice(feb, (l) => [a, b].forEach((r) => l.add(r)));
    expect(invoices()).toEqual([JSON.parse(JSON.stringify(expected))]);
    expect(files).toEqual([expected]);
    expect(await store.closing({ topic: LEDGER, partition: 0 })).toEqual([]);
    expect(await store.position({ topic: LEDGER, partition: 0 })).toMatchObject({ next: '4' });
  });

  it('bills February usage arriving after the close on the March invoice as an adjustment, and counts it as late', async () => {
    const { handler, invoices, late: counted } = setUp();
    const late = ratedLeg({ id: 'late', billedSeconds: 120, quantity: '2', amount: '0.020000' });
    const march = ratedLeg({ id: 'm', month: mar, startAt: Date.UTC(2026, 2, 2) });

    await handler.handle(batchOf([rated(ratedLeg({ id: 'a' })), marker('2026-02')]));
    await handler.handle(batchOf([rated(late), rated(march), marker('2026-03')]));

    const expected = expectedInvoice(mar, (l) => {
      l.add(late, { invoiceMonth: mar });
      l.add(march);
    });
    expect(invoices()[1]).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(expected.lines.map((l) => [l.kind, l.forMonth])).toEqual([['USAGE', null], ['ADJUSTMENT', '2026-02']]);
    expect(counted).toEqual([1]); // ledger_late_records_total: the late record, once; on-time ones are not counted
  });

  it('closes February by event time, 72 h after it ends in each account\'s own zone', async () => {
    const { handler, invoices } = setUp();
    const berlin = ratedLeg({ id: 'g', accountId: AccountId('globex'), currency: 'EUR' as never });
    const clock = (id: string, startAt: number) => ratedLeg({ id, month: mar, startAt });

    // Berlin's February ends at 23:00 UTC on 28 February, UTC's an hour later.
    await handler.handle(batchOf([rated(ratedLeg({ id: 'a' })), rated(berlin), rated(clock('t1', Date.UTC(2026, 2, 3, 23) - 1))]));
    expect(invoices()).toEqual([]);
    await handler.handle(batchOf([rated(clock('t2', Date.UTC(2026, 2, 3, 23)))]));
    expect(invoices().map((i) => (i as Invoice).invoiceId)).toEqual(['globex-2026-02']);
    await handler.handle(batchOf([rated(clock('t3', Date.UTC(2026, 2, 4))), rated(ratedLeg({ id: 'after' }))]));
    expect(invoices().map((i) => (i as Invoice).invoiceId)).toEqual(['globex-2026-02', 'acme-2026-02']);
    expect((invoices()[1] as Invoice).lines.map((l) => l.records)).toEqual([1]);
  });

  it('bills January usage arriving after March closed on April, the month after the latest closed one', async () => {
    const { handler, invoices } = setUp();
    const jan = ratedLeg({ id: 'jan', month: BillingMonth('2026-01'), startAt: Date.UTC(2026, 0, 30) });

    await handler.handle(batchOf([rated(ratedLeg({ id: 'm', month: mar, startAt: Date.UTC(2026, 2, 1) })), marker('2026-03')]));
    await handler.handle(batchOf([rated(jan), marker('2026-04')]));

    const april = invoices()[1] as Invoice;
    expect([april.invoiceId, april.lines.map((l) => [l.kind, l.forMonth])]).toEqual(['acme-2026-04', [['ADJUSTMENT', '2026-01']]]);
  });

  it('dead-letters a record that would take a line past the exact range and bills the rest of the batch', async () => {
    const { handler, sent, invoices } = setUp();
    const huge = (id: string) => ratedLeg({ id, amount: '9000000000' });

    await handler.handle(batchOf([rated(huge('h1')), rated(huge('h2')), rated(ratedLeg({ id: 'a' })), marker('2026-02')]));

    const letters = sent.flatMap((s) => s.batches.filter((b) => b.topic === 'ledger.rated.dlq').flatMap((b) => b.messages.map((m) => valueOf(m.value!))));
    expect(letters).toEqual([expect.objectContaining({ code: 'INVALID_RECORD', source: { stream: LEDGER, partition: 0, position: 1 } })]);
    expect((invoices()[0] as Invoice).lines[0]).toMatchObject({ records: 2, amount: '9000000000.01' });
  });

  it('dead-letters what it cannot bill, acknowledged before the ledger moves past it', async () => {
    const { handler, sent, metrics } = setUp();
    const stranger = ratedLeg({ id: 's', accountId: AccountId('stranger') });
    const yen = ratedLeg({ id: 'y', currency: 'JPY' as never });

    await handler.handle(batchOf([message(Buffer.from('garbage')), rated(stranger), rated(yen), message(Buffer.alloc(0), { 'cdr-control': 'reopen' }), rated(ratedLeg())]));

    const [first] = sent;
    expect(first!.storedNext).toBeNull();
    const letters = first!.batches[0]!.messages.map((m) => valueOf(m.value!) as { code: string; source: unknown; original: unknown });
    expect(first!.batches[0]!.topic).toBe('ledger.rated.dlq');
    expect(letters.map((l) => l.code)).toEqual(['UNPARSEABLE', 'UNKNOWN_ACCOUNT', 'CURRENCY_MISMATCH', 'INVALID_RECORD']);
    expect(letters[0]).toMatchObject({ source: { stream: LEDGER, partition: 0, position: 0 }, original: { type: 'Buffer', data: [...Buffer.from('garbage')] } });
    expect((await metrics.registry.getSingleMetric('dead_letters_total')!.get()).values).toHaveLength(4);
  });

  it('retries, changing nothing, while the registry is away', async () => {
    const { handler, store } = setUp();
    const away = message(Buffer.from(`J${JSON.stringify({ topic: LEDGER, value: 'registry-away' })}`));

    await expect(handler.handle(batchOf([rated(ratedLeg()), away]))).rejects.toThrow('registry away');
    expect(await store.position({ topic: LEDGER, partition: 0 })).toEqual({ next: null, watermark: null });
  });

  describe('when partitions were added to the ledger and an account is read from two of them', () => {
    const a = ratedLeg({ id: 'a' });
    const b = ratedLeg({ id: 'b', billedSeconds: 61, quantity: '1.016667', amount: '0.010167' });

    it('bills both partitions\' records of the month once, on one invoice from the partition that closed it first', async () => {
      const { handler, invoices } = setUp();

      await handler.handle(batchOf([rated(a)], 0));
      await handler.handle(batchOf([rated(b), rated(a)], 1)); // the new partition; `a` re-sent there is counted once
      await handler.handle(batchOf([marker('2026-02')], 0));
      await handler.handle(batchOf([marker('2026-02')], 1));

      const expected = JSON.parse(JSON.stringify(expectedInvoice(feb, (l) => [a, b].forEach((r) => l.add(r)))));
      expect(invoices()).toEqual([expected]);
    });

    it('invoices a month once, from the partition that closed it first, with the provisioning it had', async () => {
      const shop = account({ plans: [plan('cloud', Date.UTC(2025, 11, 1))] });
      const reference = ReferenceData.of([shop], [cloudTariff()]);
      const { handler, facts, invoices } = setUp({ reference });
      const change = (action: ProvisioningEvent['action'], at: number): ProvisioningEvent => ({ eventId: `p2@${at}`, accountId: acme, subject: 'DEVICE', subjectId: 'p2', action, at });
      const changes = [change('PROVISIONED', Date.UTC(2025, 11, 5)), change('DEPROVISIONED', Date.UTC(2026, 1, 10))];
      await facts.apply({ source: { topic: 'provisioning', partition: 0 }, end: '2', facts: changes.map((c) => ({ kind: 'provisioning' as const, accountId: acme, change: c })) });

      await handler.handle(batchOf([rated(a)], 0));
      await handler.handle(batchOf([rated(b)], 1));
      await handler.handle(batchOf([marker('2026-02')], 0)); // invoiced, then the history before March compacted
      await handler.handle(batchOf([marker('2026-02')], 1));

      const embedded = new RecurringFacts();
      changes.forEach((c) => embedded.addProvisioning(c));
      const expected = embeddedInvoice(shop, feb, reference, [a, b], embedded);
      expect(expected.lines).toEqual(expect.arrayContaining([expect.objectContaining({ product: 'DEVICE', quantity: '1' })]));
      expect(invoices()).toEqual([JSON.parse(JSON.stringify(expected))]);
    });

    it('still invoices an earlier month open only in the new partition after the old one closed a later month', async () => {
      const { handler, invoices } = setUp();
      const jan = ratedLeg({ id: 'j', month: BillingMonth('2026-01'), startAt: Date.UTC(2026, 0, 31) });

      await handler.handle(batchOf([rated(jan)], 1)); // a late January CDR, published after the partitions were added
      await handler.handle(batchOf([rated(a), marker('2026-02')], 0)); // the old partition closes February first
      await handler.handle(batchOf([marker('2026-02')], 1));

      const january = expectedInvoice(BillingMonth('2026-01'), (l) => l.add(jan));
      expect(invoices()).toEqual(JSON.parse(JSON.stringify([expectedInvoice(feb, (l) => l.add(a)), january])));
    });

    it('invoices the month once when user activity opened it on the new home partition and usage sits in the old one', async () => {
      const shop = account({ plans: [plan('cloud', Date.UTC(2025, 11, 1))] });
      const reference = ReferenceData.of([shop], [cloudTariff()]);
      const { handler, facts, invoices } = setUp({ reference });
      const mobile: UserActivity = { eventId: 'r1', accountId: acme, sipId: '100@acme', deviceId: 'p1', activity: 'REGISTERED', client: 'MOBILE', at: Date.UTC(2026, 1, 5) };
      const newHome = { topic: LEDGER, partition: 1 };
      const activity = { kind: 'activity' as const, accountId: acme, month: feb, licence: 'MOBILE_USER' as const, sipId: mobile.sipId, home: newHome, closesAt: Date.UTC(2026, 2, 4) };
      await facts.apply({ source: { topic: 'registrations', partition: 0 }, end: '1', facts: [activity] });

      await handler.handle(batchOf([rated(a), marker('2026-02')], 0));
      await handler.handle(batchOf([marker('2026-02')], 1));

      const embedded = new RecurringFacts();
      embedded.addActivity(mobile, feb);
      const expected = embeddedInvoice(shop, feb, reference, [a], embedded);
      expect(expected.lines.map((l) => l.product)).toContain('MOBILE_USER');
      expect(invoices()).toEqual([JSON.parse(JSON.stringify(expected))]);
    });

    it('bills a record that reaches the new partition after the old one closed its month on the next invoice', async () => {
      const { handler, invoices } = setUp();
      const march = ratedLeg({ id: 'm', month: mar, startAt: Date.UTC(2026, 2, 2) });

      await handler.handle(batchOf([rated(a), marker('2026-02')], 0));
      await handler.handle(batchOf([rated(b), rated(march), marker('2026-03')], 1));

      const expected = [
        expectedInvoice(feb, (l) => l.add(a)),
        expectedInvoice(mar, (l) => {
          l.add(b, { invoiceMonth: mar });
          l.add(march);
        }),
      ];
      expect(invoices()).toEqual(JSON.parse(JSON.stringify(expected)));
    });
  });

  it('emits the identical invoice on resume when a crash came between closing the month and producing it', async () => {
    const crashed = setUp({ failInvoices: true });
    const batch = batchOf([rated(ratedLeg({ id: 'a' })), marker('2026-02')]);
    await expect(crashed.handler.handle(batch)).rejects.toThrow('broker away');
    expect(await crashed.store.closing({ topic: LEDGER, partition: 0 })).toEqual([{ accountId: acme, month: feb }]);
    expect(await redis.ttl(`${prefix}totals:acme:2026-02`)).toBe(-1); // kept until its invoice is out

    const restarted = setUp({ keyPrefix: prefix });
    expect(await restarted.handler.resume({ [LEDGER]: [0, 1] })).toEqual([{ topic: LEDGER, partition: 0, offset: '2' }]);
    expect(restarted.invoices()).toEqual([JSON.parse(JSON.stringify(expectedInvoice(feb, (l) => l.add(ratedLeg({ id: 'a' })))))]);
    expect(await crashed.store.closing({ topic: LEDGER, partition: 0 })).toEqual([]);
  });

  it('lets an invoiced month expire, compacts the provisioning history, and bills the next month as the embedded pipeline does', async () => {
    const since = Date.UTC(2025, 11, 1);
    const shop = account({ plans: [plan('cloud', since)] });
    const reference = ReferenceData.of([shop], [cloudTariff()]);
    const { handler, facts, invoices } = setUp({ reference });
    const device = (id: string, action: ProvisioningEvent['action'], at: number): ProvisioningEvent => ({ eventId: `${id}@${at}`, accountId: acme, subject: 'DEVICE', subjectId: id, action, at });
    const changes = [
      device('p1', 'PROVISIONED', Date.UTC(2025, 11, 2)),
      device('p1', 'DEPROVISIONED', Date.UTC(2026, 0, 2)),
      device('p1', 'PROVISIONED', Date.UTC(2026, 0, 20)),
      device('p2', 'PROVISIONED', Date.UTC(2025, 11, 5)),
      device('p2', 'DEPROVISIONED', Date.UTC(2026, 1, 10)),
      device('p3', 'PROVISIONED', Date.UTC(2026, 2, 3)),
    ];
    await facts.apply({ source: { topic: 'provisioning', partition: 0 }, end: '6', facts: changes.map((change) => ({ kind: 'provisioning' as const, accountId: acme, change })) });
    const march = ratedLeg({ id: 'm', month: mar, startAt: Date.UTC(2026, 2, 2) });

    await handler.handle(batchOf([rated(ratedLeg({ id: 'a' })), marker('2026-02'), rated(march)]));
    expect(await redis.ttl(`${prefix}totals:acme:2026-02`)).toBeGreaterThan(399 * 86_400);
    expect(await redis.ttl(`${prefix}totals:acme:2026-03`)).toBe(-1);
    expect(await redis.scard(`${prefix}provisioning:acme`)).toBe(3); // March open: one change each of p1, p2 (its removal) and p3
    await handler.handle(batchOf([marker('2026-03')]));

    const embedded = new RecurringFacts();
    changes.forEach((c) => embedded.addProvisioning(c));
    const expected = embeddedInvoice(shop, mar, reference, [march], embedded);
    expect(invoices()[1]).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(expected.lines).toEqual(expect.arrayContaining([expect.objectContaining({ product: 'DEVICE', quantity: '2' })]));
  });

  it('waits for the recurring facts before a batch that may close a month, and only then', async () => {
    const waits: string[] = [];
    const { handler, invoices } = setUp({ barrier: async () => void waits.push(`wait with ${invoices().length} invoices out`) });

    await handler.handle(batchOf([rated(ratedLeg({ id: 'a', startAt: Date.UTC(2026, 1, 10) }))])); // the partition's first records
    await handler.handle(batchOf([rated(ratedLeg({ id: 'b', startAt: Date.UTC(2026, 1, 20) }))])); // mid-February
    await handler.handle(batchOf([marker('2026-02')]));

    expect(waits).toEqual(['wait with 0 invoices out', 'wait with 0 invoices out']);
    expect(invoices()).toHaveLength(1);
  });

  it('bills the recurring charges as closeAccountMonth does: activity without usage, a PER_CHANNEL peak and its LINES event', async () => {
    const tariffs = [cloudTariff()];
    const since = Date.UTC(2026, 1, 1); // February is the first invoice: the setup fee is on it
    const shop = account({ plans: [plan('cloud', since)], setupFee: '99.00' });
    const lines = account({ accountId: AccountId('lines'), plans: [plan('cloud', since)], billingModel: 'PER_CHANNEL', channels: 1 });
    const reference = ReferenceData.of([shop, lines], tariffs);
    const { handler, facts, invoices, limits, files } = setUp({ reference });
    const mobile: UserActivity = { eventId: 'r1', accountId: acme, sipId: '100@acme', deviceId: 'p1', activity: 'REGISTERED', client: 'MOBILE', at: Date.UTC(2026, 1, 5) };
    const phone: ProvisioningEvent = { eventId: 'p1', accountId: acme, subject: 'DEVICE', subjectId: 'p1', action: 'PROVISIONED', at: Date.UTC(2026, 0, 20) };
    const home = { topic: LEDGER, partition: 0 };
    await facts.apply({
      source: { topic: 'registrations', partition: 0 },
      end: '1',
      facts: [
        { kind: 'provisioning', accountId: acme, change: phone },
        { kind: 'activity', accountId: acme, month: feb, licence: 'MOBILE_USER', sipId: mobile.sipId, home, closesAt: Date.UTC(2026, 2, 4) },
      ],
    });
    const leg = (id: string, callId: string, minute: number) =>
      ratedLeg({ id, accountId: lines.accountId, callId, startAt: Date.UTC(2026, 1, 3, 9, minute), endAt: Date.UTC(2026, 1, 3, 9, minute + 10) });
    const legs = [leg('c1', 'c1', 0), leg('c2', 'c2', 5)];

    await handler.handle(batchOf([...legs.map(rated), marker('2026-02')]));

    const embedded = new RecurringFacts();
    embedded.addProvisioning(phone);
    embedded.addActivity(mobile, feb);
    legs.forEach((r) => embedded.addChannelLeg({ ...r, callId: r.callId!, endAt: r.endAt!, durationMs: 0 } as never, feb));
    const close = (of: Account) => embeddedInvoice(of, feb, reference, legs, embedded);
    expect(invoices()).toEqual([close(shop), close(lines)].map((i) => JSON.parse(JSON.stringify(i))));
    expect(files.map((i) => [i.invoiceId, i.users, i.peakSimultaneousCalls])).toEqual([['acme-2026-02', [{ sipId: '100@acme', licences: ['MOBILE_USER'] }], null], ['lines-2026-02', [], 2]]);
    expect(files[0]!.lines.map((l) => l.product)).toEqual(expect.arrayContaining(['DEVICE', 'MOBILE_USER', 'SETUP_FEE', 'PLAN:cloud']));
    expect(limits()).toEqual([expect.objectContaining({ eventId: 'lines:LINES:2026-02', limit: 'LINES', value: 2, threshold: 1, usageId: 'c2' })]);
  });
});
