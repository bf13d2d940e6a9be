import { AccountId, BillingMonth, Currency } from '../ids';
import type { Invoice, InvoiceLine } from '../invoice';
import { INVOICE_CSV_HEADER, invoiceCsv, invoiceJson } from './render-invoice';

const voice: InvoiceLine = {
  kind: 'USAGE',
  product: 'sipcore.voice',
  description: 'Voice minutes (SIP core)',
  quantity: '1000',
  unitPrice: '0.01',
  amount: '10.00',
  billedSeconds: 60000,
  records: 1000,
  forMonth: null,
};
const late: InvoiceLine = {
  kind: 'ADJUSTMENT',
  product: 'sipcore.voice',
  description: 'Late usage from 2026-01: Voice minutes (SIP core)',
  quantity: '2',
  unitPrice: '0.01',
  amount: '0.02',
  billedSeconds: 120,
  records: 1,
  forMonth: BillingMonth('2026-01'),
};
const invoice: Invoice = {
  invoiceId: 'acme-2026-02',
  accountId: AccountId('acme'),
  month: BillingMonth('2026-02'),
  currency: Currency('USD'),
  timezone: 'UTC',
  lines: [voice, late],
  total: '10.02',
  peakSimultaneousCalls: null,
  users: [],
};

describe('the invoice JSON file', () => {
  it('prints the Invoice fields in their declared order, 2-space indented, ending in a newline', () => {
    const json = invoiceJson(invoice);
    expect(json.endsWith('}\n')).toBe(true);
    expect(json.split('\n').slice(0, 7)).toEqual([
      '{',
      '  "invoiceId": "acme-2026-02",',
      '  "accountId": "acme",',
      '  "month": "2026-02",',
      '  "currency": "USD",',
      '  "timezone": "UTC",',
      '  "lines": [',
    ]);
    expect(JSON.parse(json)).toEqual(invoice);
  });

  it('prints the same bytes for an equal invoice whose keys were built in another order', () => {
    const shuffledLine = Object.fromEntries(Object.entries(late).reverse()) as unknown as InvoiceLine;
    const shuffled = { peakSimultaneousCalls: null, users: [], total: '10.02', lines: [voice, shuffledLine], timezone: 'UTC', currency: invoice.currency, month: invoice.month, accountId: invoice.accountId, invoiceId: 'acme-2026-02' };
    expect(invoiceJson(shuffled)).toBe(invoiceJson(invoice));
  });

  it('drops fields that are not part of an invoice', () => {
    const extra = { ...invoice, internal: 'x' } as Invoice;
    expect(invoiceJson(extra)).not.toContain('internal');
  });
});

describe('the invoice CSV file', () => {
  it('writes the header and one LF-terminated row per line, nulls as empty fields', () => {
    expect(invoiceCsv(invoice)).toBe(
      `${INVOICE_CSV_HEADER}\n` +
        'acme-2026-02,acme,2026-02,USD,USAGE,sipcore.voice,Voice minutes (SIP core),1000,0.01,10.00,60000,1000,\n' +
        'acme-2026-02,acme,2026-02,USD,ADJUSTMENT,sipcore.voice,Late usage from 2026-01: Voice minutes (SIP core),2,0.01,0.02,120,1,2026-01\n',
    );
  });

  it('quotes a description holding a comma, a quote or a line break, doubling the quote', () => {
    const odd: InvoiceLine = { ...voice, kind: 'RECURRING', description: 'Feature "Video", 5\nseats', unitPrice: null, billedSeconds: null, records: 0 };
    const row = invoiceCsv({ ...invoice, lines: [odd] }).slice(INVOICE_CSV_HEADER.length + 1);
    expect(row).toBe('acme-2026-02,acme,2026-02,USD,RECURRING,sipcore.voice,"Feature ""Video"", 5\nseats",1000,,10.00,,0,\n');
  });

  it('writes only the header for an invoice with no lines', () => {
    expect(invoiceCsv({ ...invoice, lines: [], total: '0.00' })).toBe(`${INVOICE_CSV_HEADER}\n`);
  });
});
