import type { Account, BillingMonth, Invoice } from '../domain';
import { buildInvoice, usageCharges, type LineTotal } from '../domain/invoicing';
import type { BillingCalendar, TariffBook } from '../domain/rating';
import {
  firstInvoiceMonth, licenceCounts, minimumCharge, optionCharges, PER_CHANNEL, recurringCharges, setupFeeCharges,
} from '../domain/recurring';
import type { MonthFacts } from './month-facts';

export interface MonthInput {
  readonly account: Account;
  readonly month: BillingMonth;
  readonly calendar: BillingCalendar;
  readonly tariffs: TariffBook;
  /** The month's usage line totals from the ledger (empty for a month with user activity only). */
  readonly totals: readonly LineTotal[];
  /** RecurringFacts in the embedded pipeline; the invoicer's facts read back from Redis. */
  readonly facts: MonthFacts;
}

export interface ClosedMonth {
  readonly invoice: Invoice;
  /** What could not be billed (e.g. an enabled feature no tariff prices), `<account> <month>: <problem>`. */
  readonly warnings: readonly string[];
}

/**
 * One account's invoice for one month (SPEC 6, 7): usage lines, then the recurring charges counted
 * over the month window in the account's zone (devices at peak, trunks, licensed users, channels,
 * features, plan prices), the setup fee on the first invoice, plan options with proration, and last
 * the minimum charge, which must see every other line.
 */
export function closeAccountMonth(input: MonthInput): ClosedMonth {
  const { account, month, facts, tariffs } = input;
  const window = input.calendar.monthBounds(month);
  const users = facts.licences(account.accountId, month)?.users() ?? [];
  const recurring = recurringCharges({
    account,
    window,
    tariffs,
    devicePeak: facts.provisioning.devicePeak(account.accountId, window),
    trunks: facts.provisioning.trunksProvisioned(account.accountId, window),
    licences: licenceCounts(users),
  });
  const charges = [
    ...usageCharges(input.totals),
    ...recurring.charges,
    ...setupFeeCharges(account, month === firstInvoiceMonth(account, input.calendar)),
    ...optionCharges({ account, window, tariffs }),
  ];
  const perChannel = account.billingModel === PER_CHANNEL;
  const invoice = buildInvoice({
    account,
    month,
    charges,
    closingRules: [minimumCharge],
    peakSimultaneousCalls: perChannel ? (facts.channels(account.accountId, month)?.peak() ?? 0) : null,
    users,
  });
  return { invoice, warnings: recurring.problems.map((p) => `${account.accountId} ${month}: ${p}`) };
}
