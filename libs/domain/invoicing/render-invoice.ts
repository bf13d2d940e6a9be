import type { Invoice, InvoiceLine } from '../invoice';

/**
 * Invoice files. Both are byte-identical for equal invoices: keys and columns in a fixed order,
 * whatever order the object's own keys were built or decoded in.
 */

function lineFields(l: InvoiceLine): InvoiceLine {
  return {
    kind: l.kind,
    product: l.product,
    description: l.description,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    amount: l.amount,
    billedSeconds: l.billedSeconds,
    records: l.records,
    forMonth: l.forMonth,
  };
}

/** JSON with the Invoice type's key order, 2-space indent and a trailing newline. */
export function invoiceJson(invoice: Invoice): string {
  const ordered: Invoice = {
    invoiceId: invoice.invoiceId,
    accountId: invoice.accountId,
    month: invoice.month,
    currency: invoice.currency,
    timezone: invoice.timezone,
    lines: invoice.lines.map(lineFields),
    total: invoice.total,
    peakSimultaneousCalls: invoice.peakSimultaneousCalls ?? null,
    users: (invoice.users ?? []).map((u) => ({ sipId: u.sipId, licences: [...u.licences] })),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

export const INVOICE_CSV_HEADER =
  'invoice_id,account_id,month,currency,line_kind,product,description,quantity,unit_price,amount,billed_seconds,records,for_month';

/** RFC 4180 quoting: only fields holding a comma, quote, CR or LF are quoted, quotes doubled. */
function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * One row per line for reconciliation, after the header. Rows end in LF, the last one included
 * (RFC 4180 says CRLF; LF is what Unix tools and common importers read, and one fixed choice keeps
 * files byte-identical). Null fields are empty. The total is no row: it is the sum of `amount`.
 */
export function invoiceCsv(invoice: Invoice): string {
  const head = [invoice.invoiceId, invoice.accountId, invoice.month, invoice.currency];
  const rows = invoice.lines.map((l) =>
    [...head, l.kind, l.product, l.description, l.quantity, l.unitPrice, l.amount, l.billedSeconds, l.records, l.forMonth]
      .map(csvField)
      .join(','),
  );
  return [INVOICE_CSV_HEADER, ...rows].map((row) => `${row}\n`).join('');
}
