import type { BillingMonth } from '../ids';
import type { Charge } from '../invoicing';
import { canonicalDecimal } from '../invoicing';
import { parseNanos } from '../money';
import type { BillingCalendar } from '../rating';
import type { Account } from '../reference';

/**
 * The month of an account's first invoice: the billing month, in the account's zone, of its earliest
 * plan activation (the account exists for billing from its first plan). Pure: it reads the account,
 * never a record of invoices already sent, so a replay decides the same. Null without any plan.
 */
export function firstInvoiceMonth(account: Account, calendar: BillingCalendar): BillingMonth | null {
  if (account.plans.length === 0) return null;
  return calendar.monthOf(Math.min(...account.plans.map((p) => p.activatedAt)));
}

/** The one-time setup fee (Cloud Softphone seed), on the first invoice only; none when unset or zero. */
export function setupFeeCharges(account: Account, isFirstInvoice: boolean): Charge[] {
  if (!isFirstInvoice || account.setupFee === null) return [];
  const fee = parseNanos(account.setupFee);
  if (fee === 0n) return [];
  return [
    {
      kind: 'SETUP_FEE',
      product: 'SETUP_FEE',
      description: 'One-time setup fee',
      quantity: '1',
      unitPrice: canonicalDecimal(account.setupFee),
      amountNanos: fee,
      billedSeconds: null,
      records: 0,
      forMonth: null,
    },
  ];
}
