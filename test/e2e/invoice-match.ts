import type { Invoice } from '../../libs/domain';
import { invoiceCsv, invoiceJson } from '../../libs/domain/invoicing';
import { invoiceFileBase } from '../../libs/files';
import { waitFor } from '../support/wait-for';
import { filesOf } from './embedded-expectation';
import type { PipelineHarness } from './pipeline-harness';

/** What the Kafka path delivered: the invoicers' files and the Avro invoices of the invoices topic. */
export interface KafkaInvoices {
  readonly files: Map<string, Buffer>;
  /** Every invoice message, re-emissions included, in the order read. */
  readonly messages: Array<Invoice & { readonly key: string | null }>;
}

/**
 * Waits until the invoicers have written as many invoice files as the embedded run and the invoices
 * topic holds as many distinct invoices, then reads both. At the deadline it reads what there is:
 * the comparison that follows then shows which invoice or file is missing, not just a timeout.
 */
export async function waitForInvoices(h: PipelineHarness, timeoutMs = 30_000): Promise<KafkaInvoices> {
  const { invoiceFiles, invoices } = h.expected;
  const complete = async () => {
    const files = await filesOf(h.invoiceDir);
    const ids = new Set((await invoiceMessages(h)).map((i) => i.invoiceId));
    return files.size >= invoiceFiles.size && ids.size >= invoices.length;
  };
  await waitFor(complete, { what: 'the invoices', timeoutMs, intervalMs: 200 }).catch(() => {
    process.stderr.write(`e2e: ${invoiceFiles.size} invoice files and ${invoices.length} invoices on ${h.topics.invoices} not all there after ${timeoutMs} ms\n${h.fleet.tails()}\n`);
  });
  return { files: await filesOf(h.invoiceDir), messages: await invoiceMessages(h) };
}

/**
 * The invariant: every invoice file byte-identical to the embedded run's (same names, same bytes),
 * and every invoice on the topic the same content (re-emitted copies identical to the first).
 */
export function expectInvoicesAsEmbedded(h: PipelineHarness, delivered: KafkaInvoices): void {
  const text = (files: ReadonlyMap<string, Buffer>) => Object.fromEntries([...files].map(([name, bytes]) => [name, bytes.toString('utf8')]));
  expect(text(delivered.files)).toEqual(text(h.expected.invoiceFiles));
  for (const [name, bytes] of h.expected.invoiceFiles) expect(delivered.files.get(name)?.equals(bytes)).toBe(true);

  const byId = new Map<string, Set<string>>();
  for (const invoice of delivered.messages) {
    const copies = byId.get(invoice.invoiceId) ?? new Set<string>();
    byId.set(invoice.invoiceId, copies.add(invoiceJson(invoice)));
  }
  expect([...byId.keys()].sort()).toEqual(h.expected.invoices.map((i) => i.invoiceId).sort());
  for (const invoice of delivered.messages) {
    const base = invoiceFileBase(invoice);
    expect(invoice.key).toBe(invoice.accountId);
    expect(byId.get(invoice.invoiceId)?.size).toBe(1);
    expect(invoiceJson(invoice)).toBe(h.expected.invoiceFiles.get(`${base}.json`)?.toString('utf8'));
    expect(invoiceCsv(invoice)).toBe(h.expected.invoiceFiles.get(`${base}.csv`)?.toString('utf8'));
  }
}

function invoiceMessages(h: PipelineHarness): Promise<KafkaInvoices['messages']> {
  return h.recorder.decoded<Invoice>(h.avro, h.topics.invoices);
}
