import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Consumer } from 'kafkajs';
import { AccountId, BillingMonth, Currency, type Account, type Invoice, type RatedRecord } from '../../libs/domain';
import { buildInvoice, invoiceCsv, invoiceJson, MonthLedger, usageCharges } from '../../libs/domain/invoicing';
import { account, ratedLeg } from '../../libs/domain/invoicing/rated.fixture';
import { RedisLedgerStore } from '../../libs/redis';
import type { AvroTopics } from '../../libs/registry';
import { freePort } from '../support/local-program';
import { freshGroup, freshTopic } from '../support/names';
import { waitFor } from '../support/wait-for';
import { ServiceTestBed } from './service-test-bed';
import { serviceMain, SpawnedService } from './spawned-service';

/**
 * The invoicer as operators run it: the BUILT service (dist/), spawned, against the Kafka test cluster,
 * a real Redis and the registry test double. Expected invoices come from the domain functions the
 * embedded pipeline uses, over the same rated records.
 */
let bed: ServiceTestBed;
let invoiceDir: string;
const consumers: Consumer[] = [];
const services: SpawnedService[] = [];

beforeAll(async () => {
  serviceMain('invoicer'); // fail early, and say why, when dist/ was not built
  bed = await ServiceTestBed.start();
  invoiceDir = await mkdtemp(join(tmpdir(), 'invoicer-test-'));
}, 60_000);

afterAll(async () => {
  await Promise.all(services.map((s) => s.kill()));
  await Promise.all(consumers.map((c) => c.disconnect()));
  await bed?.stop();
  if (invoiceDir) await rm(invoiceDir, { recursive: true, force: true });
});

interface Setup {
  readonly topics: { readonly ledger: string; readonly invoices: string; readonly accounts: string };
  readonly env: Record<string, string>;
  readonly avro: AvroTopics;
  readonly store: RedisLedgerStore;
  readonly invoices: Invoice[];
}

const acme = account();
const globex = account({ accountId: AccountId('globex'), currency: Currency('EUR'), timezone: 'Europe/Berlin' });
const feb = BillingMonth('2026-02');
const mar = BillingMonth('2026-03');

async function setUp(): Promise<Setup> {
  const topics = { ledger: freshTopic(), invoices: freshTopic(), accounts: freshTopic() };
  const avro = await bed.register({ [topics.ledger]: 'RatedRecord', [topics.accounts]: 'Account', [topics.invoices]: 'Invoice' });
  await bed.publish(avro, topics.accounts, [acme, globex]);
  const keyPrefix = bed.freshKeyPrefix();
  const env = {
    ...bed.serviceEnv(),
    REDIS_KEY_PREFIX: keyPrefix,
    INVOICE_DIR: invoiceDir,
    TOPIC_LEDGER: topics.ledger,
    TOPIC_INVOICES: topics.invoices,
    TOPIC_ACCOUNTS: topics.accounts,
    GROUP_ID: freshGroup(),
  };
  const invoices: Invoice[] = [];
  const consumer = bed.kafka.consumer({ groupId: freshGroup(), sessionTimeout: bed.sessionTimeoutMs(), maxWaitTimeInMs: 200 });
  consumers.push(consumer);
  await consumer.connect();
  await consumer.subscribe({ topics: [topics.invoices], fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void invoices.push(await avro.decode<Invoice>(message.value!)) });
  return { topics, env, avro, store: new RedisLedgerStore(bed.redis, keyPrefix), invoices };
}

/** Spawns the built invoicer and waits until /readyz answers 200 (consumer joined, accounts loaded). */
async function startInvoicer(setup: Setup): Promise<SpawnedService> {
  const port = await freePort();
  const invoicer = new SpawnedService('invoicer', { ...setup.env, OPS_PORT: String(port) });
  services.push(invoicer);
  return invoicer.untilReady(port);
}

const publish = (setup: Setup, records: readonly RatedRecord[]) => bed.publish(setup.avro, setup.topics.ledger, records);
const closeThrough = (setup: Setup, month: string) => bed.closeThrough(setup.topics.ledger, month);

const invoiceOf = (setup: Setup, id: string) =>
  waitFor(() => setup.invoices.find((i) => i.invoiceId === id), { what: `invoice ${id} on the invoices topic`, timeoutMs: 30_000 });

function expected(of: Account, month: BillingMonth, fill: (ledger: MonthLedger) => void): Invoice {
  const ledger = new MonthLedger();
  fill(ledger);
  return buildInvoice({ account: of, month, charges: usageCharges(ledger.totals(of.accountId, month)) });
}

async function expectFiles(invoice: Invoice): Promise<void> {
  const base = join(invoiceDir, `${invoice.accountId}-${invoice.month}`);
  expect(await readFile(`${base}.json`, 'utf8')).toBe(invoiceJson(invoice));
  expect(await readFile(`${base}.csv`, 'utf8')).toBe(invoiceCsv(invoice));
}

const feb3 = Date.UTC(2026, 1, 3, 9);
const a = ratedLeg({ id: 'a', startAt: feb3 });
const b = ratedLeg({ id: 'b', startAt: feb3 + 60_000, connectFee: '0.05', amount: '0.060000' });
const c = ratedLeg({ id: 'c', startAt: feb3 + 120_000, billedSeconds: 61, quantity: '1.016667', amount: '0.010167' });
const g = ratedLeg({ id: 'g', accountId: globex.accountId, currency: globex.currency, startAt: feb3, unitPrice: '0.02', amount: '0.020000' });
const late = ratedLeg({ id: 'late', startAt: Date.UTC(2026, 1, 27), billedSeconds: 180, quantity: '3', amount: '0.030000' });
const m1 = ratedLeg({ id: 'm1', month: mar, startAt: Date.UTC(2026, 2, 2) });
const m2 = ratedLeg({ id: 'm2', month: mar, startAt: Date.UTC(2026, 2, 3), billedSeconds: 120, quantity: '2', amount: '0.020000' });

describe('the invoicer service (built, on Kafka and Redis)', () => {
  it('invoices each closed month as the embedded pipeline does, late usage as an adjustment, nothing doubled across a SIGKILL', async () => {
    const setup = await setUp();
    let invoicer = await startInvoicer(setup);

    // February: a re-sent record (b twice) counts once; a marker on every partition closes the month.
    await publish(setup, [a, b, g, c, b]);
    await closeThrough(setup, '2026-02');
    const febAcme = expected(acme, feb, (l) => [a, b, c].forEach((r) => l.add(r)));
    const febGlobex = expected(globex, feb, (l) => l.add(g));
    expect(invoiceJson(await invoiceOf(setup, 'acme-2026-02'))).toBe(invoiceJson(febAcme));
    expect(invoiceJson(await invoiceOf(setup, 'globex-2026-02'))).toBe(invoiceJson(febGlobex));
    expect(febAcme.lines.find((l) => l.kind === 'USAGE')?.records).toBe(3);
    await expectFiles(febAcme);
    await expectFiles(febGlobex);

    // March: late February usage arrives, then the invoicer is killed between batches.
    await publish(setup, [late, m1]);
    const marchTotals = () => setup.store.totals([{ accountId: acme.accountId, month: mar }]).then(([t]) => t!);
    await waitFor(async () => (await marchTotals()).reduce((n, t) => n + t.records, 0) === 2, { what: 'late and m1 in the March totals' });
    const beforeKill = await marchTotals();
    invoicer.signal('SIGKILL');
    expect(await invoicer.exited).toEqual({ code: null, signal: 'SIGKILL' });

    invoicer = await startInvoicer(setup);
    expect(await marchTotals()).toEqual(beforeKill);
    await publish(setup, [m1, late, m2]); // m1 and late re-sent: counted once
    const marchLedger = (l: MonthLedger) => {
      l.add(late, { invoiceMonth: mar });
      l.add(m1);
      l.add(m2);
    };
    await waitFor(async () => (await marchTotals()).find((t) => t.kind === 'USAGE')?.records === 2, { what: 'm2 in the March totals' });
    await closeThrough(setup, '2026-03');
    const marAcme = expected(acme, mar, marchLedger);
    expect(invoiceJson(await invoiceOf(setup, 'acme-2026-03'))).toBe(invoiceJson(marAcme));
    const reference = new MonthLedger();
    marchLedger(reference);
    expect(await marchTotals()).toEqual(reference.totals(acme.accountId, mar));
    expect(marAcme.lines.map((l) => [l.kind, l.forMonth, l.records])).toEqual([
      ['USAGE', null, 2],
      ['ADJUSTMENT', '2026-02', 1],
    ]);
    await expectFiles(marAcme);
    expect(setup.invoices.filter((i) => i.invoiceId === 'acme-2026-02')).toHaveLength(1);

    invoicer.signal('SIGTERM');
    expect(await invoicer.exited).toEqual({ code: 0, signal: null });
  }, 180_000);
});
