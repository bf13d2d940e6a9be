import { waitFor } from '../support/wait-for';
import { expectInvoicesAsEmbedded, waitForInvoices } from './invoice-match';
import { counterTotal, totalLag } from './lag-readings';
import { PipelineHarness } from './pipeline-harness';
import type { ServiceInstance } from './service-fleet';
import { writeStreamSlices } from './stream-slices';

/**
 * Two raters and two invoicers, each pair in one consumer group sharing the partitions. The second
 * instance of each joins while slices of the input are still being published, so the groups
 * rebalance with records in flight; the invoices must still be byte-identical to the embedded run.
 */
const SLICES = 24;
/** Slices kept back until the second instances have joined, so they too are given records. */
const AFTER_JOIN = 3;

let h: PipelineHarness;

beforeAll(async () => {
  h = await PipelineHarness.start();
}, 60_000);

afterAll(async () => {
  await h?.stop();
}, 30_000);

describe('two raters and two invoicers in one group each', () => {
  it('invoice byte for byte as the embedded pipeline across a rebalance with records in flight', async () => {
    const slices = await writeStreamSlices(h.inputDir, h.scratch('slices'), SLICES);
    const normalizer = await h.fleet.start('normalizer');
    const raterA = await h.fleet.start('rater');
    const invoicerA = await h.fleet.start('invoicer');
    await Promise.all([normalizer, raterA, invoicerA].map((i) => h.fleet.ready(i)));
    const records = (i: ServiceInstance) => h.fleet.metrics(i).then((text) => counterTotal(text, 'records_in_total'));
    const isReady = (i: ServiceInstance) => h.fleet.ops(i, '/readyz').then((r) => r.status === 200, () => false);

    await h.publish(slices[0]!);
    await h.fleet.waitFor(async () => (await records(invoicerA)) > 0, { what: 'the first invoicer to read rated records', timeoutMs: 30_000 });

    const raterB = await h.fleet.start('rater');
    const invoicerB = await h.fleet.start('invoicer');
    let next = 1;
    // A slice at a time, each once the normalizer has taken the last, for as long as the newcomers are joining.
    while (next < slices.length - AFTER_JOIN && !((await isReady(raterB)) && (await isReady(invoicerB)))) {
      await h.publish(slices[next++]!);
      await waitFor(async () => totalLag(await h.trueLag('normalizer')) === 0, { what: 'the normalizer to take the slice', timeoutMs: 20_000 });
    }
    const publishedDuringJoin = next - 1;
    await Promise.all([raterB, invoicerB].map((i) => h.fleet.ready(i)));
    for (; next < slices.length; next++) await h.publish(slices[next]!);
    await h.waitForQuiet('the sliced sample through two raters and two invoicers');

    expect(publishedDuringJoin).toBeGreaterThan(0);
    for (const instance of [raterA, raterB, invoicerA, invoicerB]) {
      expect({ instance: `${instance.name}:${instance.opsPort}`, consumed: (await records(instance)) > 0 }).toEqual({
        instance: `${instance.name}:${instance.opsPort}`,
        consumed: true,
      });
    }

    await h.closeMonths();
    expectInvoicesAsEmbedded(h, await waitForInvoices(h));
  }, 120_000);
});
