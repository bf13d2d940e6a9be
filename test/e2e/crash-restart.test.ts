import type { RatedRecord } from '../../libs/domain';
import { waitFor } from '../support/wait-for';
import { invoicedRecords } from './embedded-expectation';
import { expectInvoicesAsEmbedded, waitForInvoices } from './invoice-match';
import { counterTotal, totalLag } from './lag-readings';
import { PipelineHarness } from './pipeline-harness';
import type { ServiceInstance } from './service-fleet';
import { writeStreamSlices } from './stream-slices';

/**
 * At-least-once with crashes: the rater and then the invoicer are SIGKILLed while records flow
 * (no shutdown, no commit) and restarted, and a slice of CDRs is re-sent. The ledger may then hold a
 * rated record twice, yet the invoices must be byte-identical to the embedded run's: nothing lost,
 * nothing billed twice.
 */
const SLICES = 16;

let h: PipelineHarness;

beforeAll(async () => {
  h = await PipelineHarness.start();
}, 60_000);

afterAll(async () => {
  await h?.stop();
}, 30_000);

describe('the rater and the invoicer killed mid-stream and restarted', () => {
  it('lose nothing and bill nothing twice', async () => {
    const slices = await writeStreamSlices(h.inputDir, h.scratch('slices'), SLICES);
    let next = 0;
    const publishNext = async (n: number) => {
      for (const end = next + n; next < end; next++) await h.publish(slices[next]!);
    };
    const inputsTaken = () =>
      h.fleet.waitFor(async () => totalLag(await h.trueLag('normalizer')) === 0, { what: 'the normalizer to take the slices', timeoutMs: 20_000 });
    const recordsIn = (i: ServiceInstance) => h.fleet.metrics(i).then((text) => counterTotal(text, 'records_in_total'));
    /** Publishes one slice and SIGKILLs `victim` the moment `progress` moves: most likely inside a batch. */
    const crashWhileWorking = async (victim: ServiceInstance, progress: () => Promise<number>) => {
      const before = await progress();
      const publishing = publishNext(1);
      await h.fleet.waitFor(async () => (await progress()) > before, { what: `${victim.name} to work on slice ${next}`, timeoutMs: 20_000, intervalMs: 5 });
      await h.fleet.crash(victim);
      await publishing;
    };

    const normalizer = await h.fleet.start('normalizer');
    const rater = await h.fleet.start('rater');
    const invoicer = await h.fleet.start('invoicer');
    await Promise.all([normalizer, rater, invoicer].map((i) => h.fleet.ready(i)));
    await publishNext(4);
    await h.fleet.waitFor(async () => (await h.ledgerCount()) > 0, { what: 'rated records on the ledger', timeoutMs: 20_000 });

    await crashWhileWorking(rater, () => h.ledgerCount());
    await publishNext(3); // usage piles up while no rater runs
    await inputsTaken();
    expect(await rater.process.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await h.ledgerCount()).toBeGreaterThan(0);
    expect(totalLag(await h.trueLag('rater'))).toBeGreaterThan(0); // some usage rated, not all
    await h.fleet.startReady('rater');

    await h.fleet.waitFor(async () => (await recordsIn(invoicer)) > 0, { what: 'the invoicer to read the ledger', timeoutMs: 20_000 });
    await crashWhileWorking(invoicer, () => recordsIn(invoicer));
    await publishNext(3); // rated records pile up while no invoicer runs
    await inputsTaken();
    await h.fleet.waitFor(async () => totalLag(await h.trueLag('rater')) === 0, { what: 'the restarted rater to catch up', timeoutMs: 30_000 });
    expect(await invoicer.process.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(totalLag(await h.trueLag('invoicer'))).toBeGreaterThan(0);
    await h.fleet.startReady('invoicer');

    await h.publish(slices[1]!); // and the platform re-sends a slice: its CDRs are billed once all the same
    await publishNext(slices.length - next);
    await h.waitForQuiet('the sliced sample through crashes and restarts', 90_000);
    await h.closeMonths();
    const delivered = await waitForInvoices(h);

    expectInvoicesAsEmbedded(h, delivered);
    const distinct = new Map(delivered.messages.map((i) => [i.invoiceId, i]));
    expect(invoicedRecords([...distinct.values()])).toBe(h.expected.invoicedRecords);
    const ledgerCount = await h.ledgerCount();
    await waitFor(() => h.recorder.on(h.topics.ledger).length === ledgerCount, { what: `the recorder to read all ${ledgerCount} ledger messages` });
    const rated = h.recorder.on(h.topics.ledger).filter((m) => m.bytes.length > 0); // close-month markers have no value
    const ledger = await Promise.all(rated.map((m) => h.avro.decode<RatedRecord>(m.bytes)));
    expect(new Set(ledger.map((r) => r.ratedId)).size).toBe(h.expected.rated);
    expect(ledger.length).toBeGreaterThanOrEqual(h.expected.rated); // at least once: re-rated records may repeat
  }, 120_000);
});
