import type { BillingMonth } from '../ids';
import type { Invoice, InvoiceLine, LicensedUser } from '../invoice';
import { formatNanos, minorUnitDigits, parseNanos, roundNanos, type Nanos } from '../money';
import type { Account, RoundingMode } from '../reference';
import type { Charge } from './charge';
import { compareLines } from './line-order';

/** The invoice as it stands before a closing rule runs: lines already rounded, total their sum. */
export interface InvoiceDraft {
  readonly account: Account;
  readonly month: BillingMonth;
  readonly lines: readonly InvoiceLine[];
  readonly totalNanos: Nanos;
}

/**
 * A rule that needs the whole invoice before it closes and may add charges to it; the minimum
 * charge (SPEC 6: bring the total up to the minimum) is meant to be one. Rules run in order,
 * each seeing the lines the earlier ones added. None is built in yet.
 */
export type ClosingRule = (draft: InvoiceDraft) => readonly Charge[];

export interface InvoiceInput {
  readonly account: Account;
  readonly month: BillingMonth;
  readonly charges: readonly Charge[];
  readonly closingRules?: readonly ClosingRule[];
  readonly peakSimultaneousCalls?: number | null;
  readonly users?: readonly LicensedUser[];
}

/** Rounds one charge, once, to the currency's minor unit. */
export function invoiceLineOf(charge: Charge, digits: number, mode: RoundingMode): InvoiceLine {
  return {
    kind: charge.kind,
    product: charge.product,
    description: charge.description,
    quantity: charge.quantity,
    unitPrice: charge.unitPrice,
    amount: formatNanos(roundNanos(charge.amountNanos, digits, mode), digits),
    billedSeconds: charge.billedSeconds,
    records: charge.records,
    forMonth: charge.forMonth,
  };
}

const sumOf = (lines: readonly InvoiceLine[]) => lines.reduce((sum, l) => sum + parseNanos(l.amount), 0n);

/**
 * One invoice for an account and month. Each line is rounded once (account.invoiceRounding,
 * half-up when unset) and the total is the sum of the rounded lines, never a rounded sum, so the
 * customer can add up the lines and get the total. Zero lines stay: they still count records.
 */
export function buildInvoice(input: InvoiceInput): Invoice {
  const { account, month } = input;
  const digits = minorUnitDigits(account.currency);
  const mode: RoundingMode = account.invoiceRounding ?? 'HALF_UP';
  const toLine = (c: Charge) => invoiceLineOf(c, digits, mode);

  let lines = input.charges.map(toLine).sort(compareLines);
  for (const rule of input.closingRules ?? []) {
    const added = rule({ account, month, lines, totalNanos: sumOf(lines) });
    lines = [...lines, ...added.map(toLine)].sort(compareLines);
  }
  return {
    invoiceId: `${account.accountId}-${month}`,
    accountId: account.accountId,
    month,
    currency: account.currency,
    timezone: account.timezone ?? 'UTC',
    lines,
    total: formatNanos(sumOf(lines), digits),
    peakSimultaneousCalls: input.peakSimultaneousCalls ?? null,
    users: input.users ?? [],
  };
}
