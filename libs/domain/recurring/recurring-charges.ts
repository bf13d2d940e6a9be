import type { Licence } from '../invoice';
import type { Charge } from '../invoicing';
import { canonicalDecimal } from '../invoicing';
import { parseNanos } from '../money';
import type { MonthBounds, TariffBook } from '../rating';
import type { Account, RecurringCharge } from '../reference';
import { monthPlans, recurringPrice } from './month-plans';
import type { LicenceCounts } from './user-licences';

export interface RecurringInput {
  readonly account: Account;
  /** The billing month's UTC bounds in the account's zone (BillingCalendar.monthBounds). */
  readonly window: MonthBounds;
  readonly tariffs: TariffBook;
  /** ProvisionedPeak.devicePeak for the month. */
  readonly devicePeak: number;
  /** ProvisionedPeak.trunksProvisioned for the month. */
  readonly trunks: number;
  /** UserLicences.counts() for the month. */
  readonly licences: LicenceCounts;
}

export interface RecurringOutcome {
  readonly charges: readonly Charge[];
  /** What could not be billed and why (e.g. an enabled feature no tariff prices), for the caller to log. */
  readonly problems: readonly string[];
}

const LICENCE_NAMES: Readonly<Record<Licence, string>> = {
  MOBILE_USER: 'Mobile users',
  DESKTOP_USER: 'Desktop users',
  VIDEO_HOST: 'Video conference hosts',
  MESSAGING_USER: 'Messaging users',
};

/** A count times a monthly price; count and price are whole and exact, so is the amount. */
export function recurringCharge(product: string, description: string, count: number, price: string): Charge {
  return {
    kind: 'RECURRING',
    product,
    description,
    quantity: String(count),
    unitPrice: canonicalDecimal(price),
    amountNanos: BigInt(count) * parseNanos(price),
    billedSeconds: null,
    records: 0,
    forMonth: null,
  };
}

/**
 * An account's recurring charges for one month (SPEC 6), priced by monthPlans: devices at peak, trunks
 * provisioned, per-user licences, channels for PER_CHANNEL accounts, enabled features, and each plan's
 * base price. A count of zero bills no line. Something to bill with no price for it is reported, not
 * billed at zero, as usage without a price is not (SPEC 4).
 */
export function recurringCharges(input: RecurringInput): RecurringOutcome {
  const { account, window, tariffs } = input;
  const month = monthPlans(account, window, tariffs);
  const charges: Charge[] = [];
  const problems = [...month.problems];

  const counted = (charge: RecurringCharge, product: string, description: string, count: number) => {
    if (count <= 0) return;
    const price = recurringPrice(month.plans, charge);
    if (price === undefined) problems.push(`${count} x ${charge} to bill but no active tariff prices ${charge}`);
    else charges.push(recurringCharge(product, description, count, price.price));
  };
  counted('DEVICE', 'DEVICE', 'Provisioned devices (peak)', input.devicePeak);
  counted('TRUNK', 'TRUNK', 'SIP trunks', input.trunks);
  if (account.billingModel === 'PER_CHANNEL') counted('CHANNEL', 'CHANNEL', 'Channels', account.channels ?? 0);
  for (const licence of Object.keys(LICENCE_NAMES) as Licence[]) {
    counted(licence, licence, LICENCE_NAMES[licence], input.licences[licence]);
  }

  for (const feature of [...account.features].sort()) {
    const price = recurringPrice(month.plans, 'FEATURE', feature);
    if (price === undefined) problems.push(`feature "${feature}" is enabled but no active tariff prices it`);
    else charges.push(recurringCharge(`FEATURE:${feature}`, `Feature: ${feature}`, 1, price.price));
  }

  for (const { plan, tariff } of month.plans) {
    const base = tariff.recurring.find((p) => p.charge === 'PLAN');
    if (base !== undefined) charges.push(recurringCharge(`PLAN:${plan.tariffId}`, `Plan: ${plan.tariffId}`, 1, base.price));
  }
  return { charges, problems };
}
