import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Redis } from 'ioredis';
import type { Admin, Consumer, Kafka } from 'kafkajs';
import { AccountId, BillingMonth, Currency, type Account, type Invoice, type RatedRecord } from '../../libs/domain';
import { buildInvoice, invoiceCsv, invoiceJson, MonthLedger, usageCharges } from '../../libs/domain/invoicing';
import { account, ratedLeg } from '../../libs/domain/invoicing/rated.fixture';
import { BatchProducer } from '../../libs/kafka';
import { connectRedis, loadRedisConfig, RedisLedgerStore } from '../../libs/redis';
import { createSchemaRegistry, loadRegistryConfig, readAvroSchema, registerSchemas, type AvroTopics } from '../../libs/registry';
import { closeThroughHeaders } from '../../services/invoicer/control-marker';
import { startKafka, testSessionTimeoutMs, type KafkaForTests } from '../support/kafka-cluster';
import { partitionCount, testKafkaClient } from '../support/kafka-client';
import { freePort, stopChild } from '../support/local-program';
import { freshGroup, freshKeyPrefix, freshTopic } from '../support/names';
import { startRedis, type RedisForTests } from '../support/redis-server';
import { SchemaRegistryDouble } from '../support/schema-registry-double';
import { waitFor } from '../support/wait-for';

/**
 * The invoicer as operators run it: the BUILT service (dist/), spawned, against the Kafka test cluster,
 * a real Redis and the registry test double. Expected invoices come from the domain functions the
 * embedded pipeline uses, over the same rated records.
 */
const MAIN = resolve(__dirname, '../../dist/services/invoicer/main.js');

let cluster: KafkaForTests;
let redisServer: RedisForTests;
let registryDouble: SchemaRegistryDouble;
let registryUrl: string;
let kafka: Kafka;
let admin: Admin;
let producer: BatchProducer;
let redis: Redis;
let invoiceDir: string;
const consumers: Consumer[] = [];
const children: ChildProcess[] = [];
const keyPrefixes: string[] = [];

beforeAll(async () => {
  if (!existsSync(MAIN)) throw new Error('dist/ not built: run `make setup`');
  [cluster, redisServer] = await Promise.all([startKafka(), startRedis()]);
  registryDouble = new SchemaRegistryDouble();
  registryUrl = process.env.SCHEMA_REGISTRY_URL ?? (await registryDouble.start());
  kafka = testKafkaClient(cluster.brokers);
  admin = kafka.admin();
  await admin.connect();
  producer = await BatchProducer.connect(kafka);
  redis = await connectRedis(loadRedisConfig({ REDIS_URL: redisServer.url }));
  invoiceDir = await mkdtemp(join(tmpdir(), 'invoicer-test-'));
}, 60_000);

afterAll(async () => {
  await Promise.all(children.map((child) => stopChild(child)));
  await Promise.all(consumers.map((c) => c.disconnect()));
  await producer?.disconnect();
  await admin?.disconnect();
  for (const prefix of keyPrefixes) {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  }
  redis?.disconnect();
  await registryDouble?.stop();
  await cluster?.stop();
  await redisServer?.stop();
  if (invoiceDir) await rm(invoiceDir, { recursive: true, force: true });
});

interface Setup {
  readonly topics: { readonly ledger: string; readonly invoices: string; readonly accounts: string };
  readonly env: NodeJS.ProcessEnv;
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
  const avro = await registerSchemas(createSchemaRegistry(loadRegistryConfig({ SCHEMA_REGISTRY_URL: registryUrl })), {
    [topics.ledger]: readAvroSchema('RatedRecord'),
    [topics.accounts]: readAvroSchema('Account'),
    [topics.invoices]: readAvroSchema('Invoice'),
  });
  const accounts = await Promise.all([acme, globex].map(async (a: Account) => ({ key: a.accountId, value: await avro.encode(topics.accounts, a) })));
  await producer.send(topics.accounts, accounts);
  const keyPrefix = freshKeyPrefix();
  keyPrefixes.push(keyPrefix);
  const env = {
    KAFKA_BROKERS: cluster.brokers.join(','),
    SCHEMA_REGISTRY_URL: registryUrl,
    REDIS_URL: redisServer.url,
    REDIS_KEY_PREFIX: keyPrefix,
    INVOICE_DIR: invoiceDir,
    TOPIC_LEDGER: topics.ledger,
    TOPIC_INVOICES: topics.invoices,
    TOPIC_ACCOUNTS: topics.accounts,
    GROUP_ID: freshGroup(),
    KAFKA_SESSION_TIMEOUT_MS: String(testSessionTimeoutMs(cluster)),
    KAFKA_HEARTBEAT_INTERVAL_MS: '300',
    LOG_LEVEL: 'warn',
  };
  const invoices: Invoice[] = [];
  const consumer = kafka.consumer({ groupId: freshGroup(), sessionTimeout: testSessionTimeoutMs(cluster), maxWaitTimeInMs: 200 });
  consumers.push(consumer);
  await consumer.connect();
  await consumer.subscribe({ topics: [topics.invoices], fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void invoices.push(await avro.decode<Invoice>(message.value!)) });
  return { topics, env, avro, store: new RedisLedgerStore(redis, keyPrefix), invoices };
}

/** Spawns the built invoicer and waits until /readyz answers 200 (consumer joined, accounts loaded). */
async function startInvoicer(setup: Setup): Promise<ChildProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], { env: { ...setup.env, OPS_PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (output += s));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (output += s));
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`invoicer exited ${child.exitCode}`);
        return (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200;
      },
      { what: 'the invoicer to be ready', timeoutMs: 40_000, intervalMs: 200 },
    );
  } catch (err) {
    throw new Error(`${(err as Error).message}; its output:\n${output.slice(-3000)}`);
  }
  return child;
}

async function publish(setup: Setup, records: readonly RatedRecord[]): Promise<void> {
  const messages = await Promise.all(records.map(async (r) => ({ key: r.accountId, value: await setup.avro.encode(setup.topics.ledger, r) })));
  await producer.send(setup.topics.ledger, messages);
}

/** What `cdr close-month` does: a marker on every partition of the ledger. */
async function closeThrough(setup: Setup, month: string): Promise<void> {
  const partitions = await partitionCount(admin, setup.topics.ledger);
  const markers = Array.from({ length: partitions }, (_, partition) => ({ partition, key: null, value: Buffer.alloc(0), headers: closeThroughHeaders(month) }));
  await producer.send(setup.topics.ledger, markers);
}

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
    invoicer.kill('SIGKILL');
    await waitFor(() => invoicer.signalCode === 'SIGKILL', { what: 'the invoicer to die' });

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

    await stopChild(invoicer, 10_000);
    expect(invoicer.exitCode).toBe(0);
  }, 180_000);
});
