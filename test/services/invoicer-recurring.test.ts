import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Consumer } from 'kafkajs';
import {
  AccountId, BillingMonth, type Account, type Invoice, type LimitEvent, type ProvisioningEvent, type RatedRecord, type UserActivity,
} from '../../libs/domain';
import { invoiceCsv, invoiceJson, MonthLedger } from '../../libs/domain/invoicing';
import { account, ratedLeg } from '../../libs/domain/invoicing/rated.fixture';
import { BillingCalendar } from '../../libs/domain/rating';
import { applyBillingModel, licenceCsv } from '../../libs/domain/recurring';
import { cloudTariff, plan } from '../../libs/domain/recurring/tariff.fixture';
import { closeAccountMonth } from '../../libs/pipeline/month-invoice';
import { RecurringFacts } from '../../libs/pipeline/recurring-facts';
import { ReferenceData } from '../../libs/pipeline/reference-data';
import { RedisFactsStore, RedisLedgerStore } from '../../libs/redis';
import type { AvroTopics } from '../../libs/registry';
import { freePort } from '../support/local-program';
import { freshGroup, freshTopic } from '../support/names';
import { waitFor } from '../support/wait-for';
import { ServiceTestBed } from './service-test-bed';
import { serviceMain, SpawnedService } from './spawned-service';

/**
 * Recurring charges in the invoicer as operators run it (dist/, spawned) on the Kafka test cluster,
 * a real Redis and the registry double: provisioning, registrations and rated records in, the month
 * closed by a close-through marker, and every invoice, file and LINES event equal to what the
 * embedded pipeline's closeAccountMonth makes of the same facts, through redelivery and a SIGKILL.
 */
let bed: ServiceTestBed;
let invoiceDir: string;
let consumer: Consumer | undefined;
const services: SpawnedService[] = [];
let keyPrefix: string;

const topics = {
  ledger: freshTopic(), invoices: freshTopic(), accounts: freshTopic(), tariffs: freshTopic(),
  provisioning: freshTopic(), registrations: freshTopic(), limits: freshTopic(),
};
let avro: AvroTopics;
let env: Record<string, string>;

beforeAll(async () => {
  serviceMain('invoicer'); // fail early, and say why, when dist/ was not built
  bed = await ServiceTestBed.start();
  invoiceDir = await mkdtemp(join(tmpdir(), 'invoicer-recurring-'));
  keyPrefix = bed.freshKeyPrefix();
  avro = await bed.register({
    [topics.ledger]: 'RatedRecord',
    [topics.accounts]: 'Account',
    [topics.tariffs]: 'Tariff',
    [topics.provisioning]: 'ProvisioningEvent',
    [topics.registrations]: 'UserActivity',
    [topics.invoices]: 'Invoice',
    [topics.limits]: 'LimitEvent',
  });
  env = {
    ...bed.serviceEnv(),
    REDIS_KEY_PREFIX: keyPrefix,
    INVOICE_DIR: invoiceDir,
    ...Object.fromEntries(Object.entries(topics).map(([name, topic]) => [`TOPIC_${name.toUpperCase()}`, topic])),
    GROUP_ID: freshGroup(),
  };
}, 60_000);

afterAll(async () => {
  await Promise.all(services.map((s) => s.kill()));
  await consumer?.disconnect();
  await bed?.stop();
  if (invoiceDir) await rm(invoiceDir, { recursive: true, force: true });
});

const feb = BillingMonth('2026-02');
const since = Date.UTC(2026, 1, 1); // February is every account's first invoice
const tariff = cloudTariff({ effectiveFrom: Date.UTC(2025, 0, 1) });
const acme = account({ plans: [plan('cloud', since)], setupFee: '99.00', features: ['call-recording'] });
const globex = account({ accountId: AccountId('globex'), plans: [plan('cloud', since)], billingModel: 'PER_CHANNEL', channels: 2, minimumMonthlyCharge: '100.00' });
const initech = account({ accountId: AccountId('initech'), timezone: 'Asia/Tokyo', plans: [plan('cloud', since)] });

const day = (d: number, hour = 9, minute = 0) => Date.UTC(2026, 1, d, hour, minute);
let next = 0;
const provisioning = (accountId: AccountId, subject: 'DEVICE' | 'TRUNK', subjectId: string, action: ProvisioningEvent['action'], at: number): ProvisioningEvent =>
  ({ eventId: `pv-${++next}`, accountId, subject, subjectId, action, at });
const activity = (accountId: AccountId, sipId: string, kind: UserActivity['activity'], client: UserActivity['client'], at: number, deviceId = `${sipId}/phone`): UserActivity =>
  ({ eventId: `rg-${++next}`, accountId, sipId, deviceId, activity: kind, client, at });

const events: ProvisioningEvent[] = [
  provisioning(acme.accountId, 'DEVICE', 'phone-1', 'PROVISIONED', Date.UTC(2026, 0, 20)), // carried in from January
  provisioning(acme.accountId, 'DEVICE', 'phone-2', 'PROVISIONED', day(2)),
  provisioning(acme.accountId, 'DEVICE', 'phone-3', 'PROVISIONED', day(3)),
  provisioning(acme.accountId, 'DEVICE', 'phone-1', 'DEPROVISIONED', day(10)),
  provisioning(acme.accountId, 'TRUNK', 'trunk-1', 'PROVISIONED', day(12)),
  provisioning(globex.accountId, 'DEVICE', 'g-phone', 'PROVISIONED', day(1)),
];
const activities: UserActivity[] = [
  activity(acme.accountId, '100@acme', 'REGISTERED', 'MOBILE', day(4)),
  activity(acme.accountId, '100@acme', 'REGISTERED', 'MOBILE', day(5), '100@acme/tablet'), // two devices, one user
  activity(acme.accountId, '200@acme', 'REGISTERED', 'DESKTOP', day(6)),
  activity(acme.accountId, '200@acme', 'USED_MESSAGING', 'DESKTOP', day(7)),
  activity(acme.accountId, '300@acme', 'REGISTERED', null, day(8)), // a desk phone: no licence
  // initech has no usage at all: its activity alone makes its February invoice (Tokyo: 31 Jan 16:00 UTC is February)
  activity(initech.accountId, '1@initech', 'HOSTED_VIDEO_CONFERENCE', null, Date.UTC(2026, 0, 31, 16)),
];

/** Rated as the rater rates them: the PER_CHANNEL account's call legs zero-rated, with their call and end. */
const call = (of: Account, id: string, callId: string, from: number, minutes: number, over: Partial<RatedRecord> = {}): RatedRecord =>
  applyBillingModel(ratedLeg({ id, accountId: of.accountId, callId, startAt: from, endAt: from + minutes * 60_000, billedSeconds: minutes * 60, quantity: String(minutes), amount: (minutes / 100).toFixed(6), ...over }), of);
const rated: RatedRecord[] = [
  call(acme, 'a1', 'a1', day(3), 2),
  call(acme, 'a2', 'a2', day(4), 5, { connectFee: '0.05', amount: '0.100000' }),
  call(globex, 'g1:orig', 'g1', day(5), 10), // device to device: two legs, one channel
  call(globex, 'g1:term', 'g1', day(5), 10),
  call(globex, 'g2', 'g2', day(5, 9, 2), 5),
  call(globex, 'g3', 'g3', day(5, 9, 4), 3), // the third call up on 2 channels
  call(globex, 'g4', 'g4', day(6), 3),
];

function expectedOutcome(): { invoices: Invoice[]; lines: LimitEvent[] } {
  const reference = ReferenceData.of([acme, globex, initech], [tariff]);
  const facts = new RecurringFacts();
  const ledger = new MonthLedger();
  events.forEach((e) => facts.addProvisioning(e));
  for (const a of activities) facts.addActivity(a, reference.calendars.forZone(reference.account(a.accountId)!.timezone).monthOf(a.at));
  for (const r of rated) {
    ledger.add(r);
    if (r.accountId === globex.accountId) facts.addChannelLeg({ ...r, callId: r.callId!, endAt: r.endAt! } as never, r.month);
  }
  const invoices = [acme, globex, initech].map((of) =>
    closeAccountMonth({
      account: of, month: feb, calendar: reference.calendars.forZone(of.timezone), tariffs: reference.tariffs, totals: ledger.totals(of.accountId, feb), facts,
    }).invoice,
  );
  const lines = facts.channels(globex.accountId, feb)!.limitEvent(globex, feb, new BillingCalendar('UTC').monthBounds(feb));
  return { invoices, lines: lines ? [lines] : [] };
}

const publish = (topic: string, values: ReadonlyArray<{ accountId: string }>) => bed.publish(avro, topic, values);

/** Spawns the built invoicer and waits until /readyz answers 200. */
async function startInvoicer(): Promise<SpawnedService> {
  const port = await freePort();
  const invoicer = new SpawnedService('invoicer', { ...env, OPS_PORT: String(port) });
  services.push(invoicer);
  return invoicer.untilReady(port);
}

/** Everything on a topic, decoded, in the order read. */
async function follow<T>(topicNames: readonly string[]): Promise<Map<string, T[]>> {
  const seen = new Map<string, T[]>(topicNames.map((t) => [t, []]));
  consumer = bed.kafka.consumer({ groupId: freshGroup(), sessionTimeout: bed.sessionTimeoutMs(), maxWaitTimeInMs: 200 });
  await consumer.connect();
  await consumer.subscribe({ topics: [...topicNames], fromBeginning: true });
  await consumer.run({ eachMessage: async ({ topic, message }) => void seen.get(topic)!.push(await avro.decode<T>(message.value!)) });
  return seen;
}

describe('the invoicer service billing recurring charges (built, on Kafka and Redis)', () => {
  it('bills devices, trunks, licences, setup fee, features, plans, channels and the minimum as the embedded pipeline, through redelivery and a SIGKILL', async () => {
    await publish(topics.accounts, [acme, globex, initech]);
    await bed.producer.send(topics.tariffs, [{ key: `${tariff.tariffId}:${tariff.version}`, value: await avro.encode(topics.tariffs, tariff) }]);
    const out = await follow<Invoice | LimitEvent>([topics.invoices, topics.limits]);
    const facts = new RedisFactsStore(bed.redis, keyPrefix);
    const ledger = new RedisLedgerStore(bed.redis, keyPrefix);
    const stored = async () => {
      const restored = await facts.restore([{ accountId: acme.accountId, month: feb }, { accountId: globex.accountId, month: feb }]);
      const window = new BillingCalendar('UTC').monthBounds(feb);
      const [totals] = await ledger.totals([{ accountId: globex.accountId, month: feb }]);
      return {
        devices: restored.provisioning.devicePeak(acme.accountId, window),
        users: restored.licences(acme.accountId, feb)?.users(),
        peak: restored.channels(globex.accountId, feb)?.peak(),
        globexRecords: totals!.reduce((n, t) => n + t.records, 0),
      };
    };

    let invoicer = await startInvoicer();
    // The first half, then the invoicer is killed without a goodbye...
    await publish(topics.provisioning, events.slice(0, 4));
    await publish(topics.registrations, activities.slice(0, 3));
    await publish(topics.ledger, rated.slice(0, 4));
    await waitFor(async () => (await stored()).globexRecords === 2 && (await stored()).users?.length === 2 && (await stored()).devices === 3, {
      what: 'the first half in Redis',
    });
    const beforeKill = await stored();
    invoicer.signal('SIGKILL');
    expect(await invoicer.exited).toEqual({ code: null, signal: 'SIGKILL' });

    // ... restarted, and everything published again (at least once), with the rest.
    invoicer = await startInvoicer();
    expect(await stored()).toEqual(beforeKill);
    await publish(topics.provisioning, events);
    await publish(topics.registrations, activities);
    await publish(topics.ledger, rated);
    await publish(topics.provisioning, events.slice(2));
    await bed.closeThrough(topics.ledger, '2026-02');

    const expected = expectedOutcome();
    const invoices = () => out.get(topics.invoices) as Invoice[];
    await waitFor(() => new Set(invoices().map((i) => i.invoiceId)).size === 3, { what: 'three February invoices', timeoutMs: 40_000 });
    for (const want of expected.invoices) {
      const got = invoices().filter((i) => i.invoiceId === want.invoiceId);
      expect(got.map(invoiceJson)).toEqual([invoiceJson(want)]);
      const base = join(invoiceDir, `${want.accountId}-${want.month}`);
      expect(await readFile(`${base}.json`, 'utf8')).toBe(invoiceJson(want));
      expect(await readFile(`${base}.csv`, 'utf8')).toBe(invoiceCsv(want));
      if (want.users.length > 0) expect(await readFile(`${base}-users.csv`, 'utf8')).toBe(licenceCsv(want));
      else expect(existsSync(`${base}-users.csv`)).toBe(false);
    }

    // What the comparison covers, spelled out: every recurring kind is on the invoices.
    const [acmeFeb, globexFeb, initechFeb] = expected.invoices as [Invoice, Invoice, Invoice];
    const billed = (inv: Invoice) => inv.lines.filter((l) => l.kind !== 'USAGE' && l.kind !== 'CONNECT_FEE').map((l) => [l.product, l.quantity]);
    expect(billed(acmeFeb)).toEqual([
      ['DESKTOP_USER', '1'], ['DEVICE', '3'], ['FEATURE:call-recording', '1'], ['MESSAGING_USER', '1'], ['MOBILE_USER', '1'], ['PLAN:cloud', '1'], ['TRUNK', '1'],
      ['SETUP_FEE', '1'],
    ]);
    expect(acmeFeb.users.map((u) => u.sipId)).toEqual(['100@acme', '200@acme']);
    expect(billed(globexFeb)).toEqual([['CHANNEL', '2'], ['DEVICE', '1'], ['PLAN:cloud', '1'], ['MINIMUM_CHARGE', '1']]);
    expect(globexFeb.peakSimultaneousCalls).toBe(3);
    expect(billed(initechFeb)).toEqual([['PLAN:cloud', '1'], ['VIDEO_HOST', '1']]);

    await waitFor(() => out.get(topics.limits)!.length > 0, { what: 'the LINES event' });
    expect(out.get(topics.limits)).toEqual(JSON.parse(JSON.stringify(expected.lines)));
    expect(expected.lines).toEqual([expect.objectContaining({ limit: 'LINES', value: 3, threshold: 2, usageId: 'g3' })]);

    invoicer.signal('SIGTERM');
    expect(await invoicer.exited).toEqual({ code: 0, signal: null });
  }, 180_000);
});
