import { cp, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { alignTable } from '../../libs/pipeline';
import { expectInvoicesAsEmbedded, waitForInvoices } from './invoice-match';
import { PipelineHarness } from './pipeline-harness';
import { SERVICE_NAMES } from './service-fleet';

/**
 * `make kafka-demo`: the shipped sample month through the three built services on this machine's
 * Kafka-protocol cluster (librdkafka's mock, hosted by kcat), a real Redis and the test-only Schema
 * Registry double (no registry is packaged for Debian, so the double lives here, in test code). It
 * prints the invoices that came out of Kafka, checks them byte for byte against the embedded run, and
 * copies them to out/kafka/invoices. It is a jest file so the registry double stays test code; the
 * default suite does not run it (its name does not end in .test.ts).
 */
const OUT = join(process.cwd(), 'out', 'kafka', 'invoices');

describe('the sample month on Kafka', () => {
  let h: PipelineHarness;

  beforeAll(async () => {
    h = await PipelineHarness.start();
  }, 90_000);

  afterAll(async () => {
    await h?.stop();
  }, 60_000);

  it('bills it through normalizer, rater and invoicer exactly as the embedded pipeline does', async () => {
    for (const name of SERVICE_NAMES) await h.fleet.startReady(name);
    await h.publishStreams();
    await h.waitForQuiet('the sample through the services');
    await h.closeMonths();
    const delivered = await waitForInvoices(h);
    expectInvoicesAsEmbedded(h, delivered);

    await rm(OUT, { recursive: true, force: true });
    await mkdir(OUT, { recursive: true });
    await cp(h.invoiceDir, OUT, { recursive: true });
    const latest = new Map(delivered.messages.map((invoice) => [invoice.invoiceId, invoice]));
    const rows = [...latest.values()]
      .sort((a, b) => a.invoiceId.localeCompare(b.invoiceId))
      .map((i) => [i.accountId, i.month, i.currency, i.total, String(i.lines.length)]);
    process.stdout.write(
      `\nInvoices from the Kafka services (topic ${h.topics.invoices}), byte-identical to \`cdr run\`:\n` +
        `${alignTable([['account', 'month', 'currency', 'total', 'lines'], ...rows])}\nfiles: ${OUT}/\n\n`,
    );
  }, 180_000);
});
