export { lineKey, parseLineKey, type LineIdentity, type UsageLineKind } from './line-key';
export { addContribution, contributionsOf, type LateFor, type LineContribution, type LineTotal } from './contribution';
export { MonthLedger, type AccountMonth } from './month-ledger';
export { billedMinutes, usageCharges, type Charge } from './charge';
export { describeUsageLine, productName } from './line-description';
export { compareLines, LINE_KIND_ORDER } from './line-order';
export { buildInvoice, invoiceLineOf, type ClosingRule, type InvoiceDraft, type InvoiceInput } from './build-invoice';
export { INVOICE_CSV_HEADER, invoiceCsv, invoiceJson } from './render-invoice';
export { canonicalDecimal, trimmedDecimal } from './decimal-text';
