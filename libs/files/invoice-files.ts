import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Invoice } from '../domain';
import { invoiceCsv, invoiceJson } from '../domain/invoicing';
import { licenceCsv } from '../domain/recurring';

/**
 * Writes each invoice as `<dir>/<accountId>-<month>.json` and `.csv`, and, when it bills per-user
 * licences, `<accountId>-<month>-users.csv` (one row per billed SIP-ID). The folder is emptied first:
 * it holds exactly the invoices of the last run, never a stale one from an earlier input.
 */
export async function writeInvoiceFiles(dir: string, invoices: readonly Invoice[]): Promise<string[]> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const invoice of invoices) {
    const base = join(dir, invoiceFileBase(invoice));
    await writeFile(`${base}.json`, invoiceJson(invoice));
    await writeFile(`${base}.csv`, invoiceCsv(invoice));
    written.push(`${base}.json`, `${base}.csv`);
    if (invoice.users.length > 0) {
      await writeFile(`${base}-users.csv`, licenceCsv(invoice));
      written.push(`${base}-users.csv`);
    }
  }
  return written;
}

/** A file-system-safe name: account ids are the tenant's, so anything but [A-Za-z0-9._-] is escaped. */
export function invoiceFileBase(invoice: Invoice): string {
  const account = invoice.accountId.replace(/[^A-Za-z0-9._-]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return `${account}-${invoice.month}`;
}
