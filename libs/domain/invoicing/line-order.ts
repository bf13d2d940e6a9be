import type { InvoiceLine, InvoiceLineKind } from '../invoice';
import { parseNanos } from '../money';

/** Usage first, then what the account pays regardless of usage, then the corrections. */
export const LINE_KIND_ORDER: readonly InvoiceLineKind[] = [
  'USAGE',
  'CONNECT_FEE',
  'ADJUSTMENT',
  'RECURRING',
  'SETUP_FEE',
  'PRORATION',
  'MINIMUM_CHARGE',
];

// Code-unit order, not localeCompare: the invoice must not depend on the host's locale.
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byNumber = (a: number, b: number) => (a < b ? -1 : a > b ? 1 : 0);
const byDecimal = (a: string, b: string) => {
  const x = parseNanos(a);
  const y = parseNanos(b);
  return x < y ? -1 : x > y ? 1 : byText(a, b);
};
function nullsFirst<T>(cmp: (a: T, b: T) => number) {
  return (a: T | null, b: T | null) => (a === null ? (b === null ? 0 : -1) : b === null ? 1 : cmp(a, b));
}
const byPrice = nullsFirst(byDecimal);
const byMonth = nullsFirst(byText);
const bySeconds = nullsFirst(byNumber);

/**
 * Kind, product, unit price (as a number), month; then every other field, so that the order is
 * total and lines arriving in any order print the same invoice.
 */
export function compareLines(a: InvoiceLine, b: InvoiceLine): number {
  return (
    byNumber(LINE_KIND_ORDER.indexOf(a.kind), LINE_KIND_ORDER.indexOf(b.kind)) ||
    byText(a.product, b.product) ||
    byPrice(a.unitPrice, b.unitPrice) ||
    byMonth(a.forMonth, b.forMonth) ||
    byText(a.description, b.description) ||
    byDecimal(a.quantity, b.quantity) ||
    byDecimal(a.amount, b.amount) ||
    bySeconds(a.billedSeconds, b.billedSeconds) ||
    byNumber(a.records, b.records)
  );
}
