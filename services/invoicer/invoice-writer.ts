import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Invoice } from '../../libs/domain';
import { invoiceCsv, invoiceJson } from '../../libs/domain/invoicing';
import { licenceCsv } from '../../libs/domain/recurring';
import { invoiceFileBase } from '../../libs/files';

/**
 * Writes one invoice as `<dir>/<account>-<month>.json` and `.csv`, and `-users.csv` when it bills
 * per-user licences (the names and bytes `cdr run` writes, libs/files), leaving the folder's other
 * invoices alone. Each file is written aside and renamed over, so a reader never sees half an
 * invoice and a re-emitted invoice replaces its identical twin.
 */
export async function writeInvoiceFiles(dir: string, invoice: Invoice): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const base = join(dir, invoiceFileBase(invoice));
  const files: Array<[string, string]> = [
    [`${base}.json`, invoiceJson(invoice)],
    [`${base}.csv`, invoiceCsv(invoice)],
  ];
  if (invoice.users.length > 0) files.push([`${base}-users.csv`, licenceCsv(invoice)]);
  for (const [path, text] of files) {
    const aside = `${path}.${process.pid}.tmp`;
    await writeFile(aside, text);
    await rename(aside, path);
  }
  return files.map(([path]) => path);
}
