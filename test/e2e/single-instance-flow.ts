import type { DeadLetter, LimitEvent } from '../../libs/domain';
import { deadLetterTopic } from '../../libs/runtime/topic-names';
import { waitFor } from '../support/wait-for';
import { letterKey, sourceIdOf } from './embedded-expectation';
import { expectInvoicesAsEmbedded, waitForInvoices } from './invoice-match';
import { messageCount, metricLag, totalLag, type LagReading } from './lag-readings';
import { PipelineHarness, type HarnessOptions } from './pipeline-harness';
import { SERVICE_NAMES, type ServiceInstance, type ServiceName } from './service-fleet';

export interface FlowOptions extends HarnessOptions {
  /** Bound of start-up: servers, topics, reference data (containers may have images to pull). */
  readonly startTimeoutMs?: number;
}

const withoutGroup = (rows: ReadonlyArray<LagReading & { group?: string }>): LagReading[] =>
  rows.map(({ topic, partition, highWatermark, committedOffset, lag }) => ({ topic, partition, highWatermark, committedOffset, lag }));
const lagOnly = (rows: ReadonlyArray<Pick<LagReading, 'topic' | 'partition' | 'lag'>>) =>
  rows.map(({ topic, partition, lag }) => ({ topic, partition, lag }));

/**
 * The Kafka path end to end with one instance of each built service, as the tests of the enclosing
 * describe block: the usage-only sample published with `cdr publish`, months closed with
 * `cdr close-month`, the invoices byte-identical to the embedded pipeline's, the dead letters the
 * same, and on the way every reader of consumer lag held against the true lag. `test` is `it`, or
 * `it.skip` where the servers cannot be had (then no hook starts anything).
 */
export function singleInstanceFlow(options: FlowOptions = {}, test: jest.It = it): void {
  let h: PipelineHarness;
  const running: Partial<Record<ServiceName, ServiceInstance>> = {};

  beforeAll(async () => {
    h = await PipelineHarness.start({ ...options, redisGate: true });
  }, options.startTimeoutMs ?? 60_000);

  afterAll(async () => {
    await h?.stop();
  }, 60_000);

  test('reports the same lag in `cdr lag`, /metrics and the true lag while a stream is in flight', async () => {
    running.normalizer = await h.fleet.start('normalizer');
    running.invoicer = await h.fleet.start('invoicer');
    await Promise.all([h.fleet.ready(running.normalizer), h.fleet.ready(running.invoicer)]);
    h.gate!.hold(); // the invoicer's ledger batches now wait on Redis: its lag stays where the ledger puts it
    await h.publishStreams();

    // No rater yet: its group's lag on usage.legs is every usage record the normalizer wrote, and holds still.
    const usageWritten = async () =>
      totalLag(await h.trueLag('normalizer')) === 0 && (await messageCount(h.admin, h.topics.usage)) === h.expected.usageRecords;
    await h.fleet.waitFor(usageWritten, { what: `the normalizer to write ${h.expected.usageRecords} usage records`, timeoutMs: 30_000 });
    const raterLag = await h.trueLag('rater');
    const raterCli = await h.cliLag('rater');
    expect(await h.trueLag('rater')).toEqual(raterLag);
    expect(totalLag(raterLag)).toBe(h.expected.usageRecords);
    expect(raterCli.every((row) => row.group === h.groups.rater)).toBe(true);
    expect(withoutGroup(raterCli)).toEqual(raterLag);

    // The rater fills the ledger; the stalled invoicer's lag is then the whole ledger, in all three readers.
    running.rater = await h.fleet.startReady('rater');
    await h.fleet.waitFor(async () => totalLag(await h.trueLag('rater')) === 0, { what: 'the rater to rate everything', timeoutMs: 30_000 });
    const ledger = await h.ledgerCount();
    expect(ledger).toBeGreaterThanOrEqual(h.expected.rated);
    const invoicerLag = await h.trueLag('invoicer');
    expect(totalLag(invoicerLag)).toBe(ledger);
    const metricReads = async () => JSON.stringify(lagOnly(metricLag(await h.fleet.metrics(running.invoicer!))));
    await waitFor(async () => (await metricReads()) === JSON.stringify(lagOnly(invoicerLag)), {
      what: `the invoicer's consumer_lag metric to read ${JSON.stringify(lagOnly(invoicerLag))}`,
      timeoutMs: 10_000,
    });
    const [metric, cli, after] = [metricLag(await h.fleet.metrics(running.invoicer)), await h.cliLag('invoicer'), await h.trueLag('invoicer')];
    expect(after).toEqual(invoicerLag);
    expect(lagOnly(metric)).toEqual(lagOnly(invoicerLag));
    expect(withoutGroup(cli)).toEqual(invoicerLag);
  }, 90_000);

  test('writes every invoice file and invoice message byte-identical to the embedded pipeline', async () => {
    h.gate!.release();
    await h.waitForQuiet('the sample through the pipeline');
    await h.closeMonths();

    const delivered = await waitForInvoices(h);

    expectInvoicesAsEmbedded(h, delivered);
    expect(delivered.files.size).toBeGreaterThanOrEqual(2 * h.expected.invoices.length); // a JSON and a CSV each
  }, 90_000);

  test('dead-letters at normalize and rate exactly the records the embedded run dead-letters there', async () => {
    const dlqs = [h.topics.sipcore, h.topics.media, h.topics.usage].map(deadLetterTopic);
    const count = () => dlqs.reduce((n, t) => n + h.recorder.on(t).length, 0);
    await waitFor(() => count() >= h.expected.letters.length, { what: `${h.expected.letters.length} dead letters` });

    const letters = (await Promise.all(dlqs.map((t) => h.recorder.decoded<DeadLetter>(h.avro, t)))).flat();
    const originals = await Promise.all(letters.map((l) => h.avro.decode<Record<string, unknown>>(Buffer.from(l.original as Uint8Array))));
    const keys = letters.map((l, i) => letterKey(sourceIdOf(originals[i]!), l.stage, l.code));

    expect(keys.sort()).toEqual(h.expected.letters);
    expect(h.expected.letters.length).toBeGreaterThan(0);
    letters.forEach((letter, i) => {
      const inputs = letter.stage === 'rate' ? [h.topics.usage] : [h.topics.sipcore, h.topics.media];
      expect(inputs).toContain(letter.source.stream);
      expect(letter.key).toBe(originals[i]!.accountId); // keyed like its original, so it stays with its account
    });
    expect(h.recorder.on(deadLetterTopic(h.topics.ledger))).toEqual([]);
  }, 30_000);

  test('emits on `limits` the same limit events as the embedded run writes to limits.jsonl', async () => {
    const expected = new Map(h.expected.limitEvents.map((e) => [e.eventId, e]));
    expect(new Set([...expected.values()].map((e) => e.limit)).size).toBeGreaterThan(1); // plan limits and LINES alike
    const events = async () => (await h.recorder.decoded<LimitEvent>(h.avro, h.topics.limits)).map(({ key: _key, ...event }) => event);
    await waitFor(async () => new Set((await events()).map((e) => e.eventId)).size >= expected.size, { what: `${expected.size} limit events` });

    // At least once: an event may come twice, but every copy is the embedded run's (but for where its
    // source was: a file line there, a topic partition offset here) and none is missing.
    const got = await events();
    expect(new Set(got.map((e) => e.eventId))).toEqual(new Set(expected.keys()));
    const sourceless = ({ source: _source, ...rest }: LimitEvent) => JSON.parse(JSON.stringify(rest)) as unknown;
    for (const event of got) {
      expect(sourceless(event)).toEqual(sourceless(expected.get(event.eventId)!));
      expect([h.topics.sipcore, h.topics.media]).toContain(event.source.stream);
    }
  }, 30_000);

  test("ends with lag 0 for all three groups in `cdr lag --json`, as in the true lag and the services' metrics", async () => {
    for (const name of SERVICE_NAMES) {
      const rows = await h.cliLag(name);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.map((r) => [r.group, r.topic, r.partition, r.lag])).toEqual(rows.map((r) => [h.groups[name], r.topic, r.partition, 0]));
      expect(withoutGroup(rows)).toEqual(await h.trueLag(name));
    }
    const raterMetric = metricLag(await h.fleet.metrics(running.rater!));
    expect(raterMetric.length).toBeGreaterThan(0);
    expect(raterMetric.every((row) => row.lag === 0)).toBe(true);
    await waitFor(async () => metricLag(await h.fleet.metrics(running.invoicer!)).every((row) => row.lag === 0), {
      what: 'the invoicer consumer_lag metric to read 0',
      timeoutMs: 10_000,
    });
  }, 30_000);
}
