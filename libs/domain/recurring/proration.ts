import type { Charge } from '../invoicing';
import { canonicalDecimal } from '../invoicing';
import { divRound, minorUnitDigits, NANO_DECIMALS, parseNanos } from '../money';
import type { MonthBounds, TariffBook } from '../rating';
import { ZoneClock } from '../rating/zone-clock';
import type { Account } from '../reference';
import { monthPlans } from './month-plans';
import { changesOf, optionBaseline, optionValueAt } from './plan-options';

export interface OptionInput {
  readonly account: Account;
  /** The billing month's UTC bounds in the account's zone. */
  readonly window: MonthBounds;
  readonly tariffs: TariffBook;
}

const optionLine = (kind: Charge['kind'], product: string, description: string, quantity: number, price: string, amountNanos: bigint): Charge => ({
  kind,
  product,
  description,
  quantity: String(quantity),
  unitPrice: canonicalDecimal(price),
  amountNanos,
  billedSeconds: null,
  records: 0,
  forMonth: null,
});

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Mutable plan options (SPEC 5), for the plans and tariff versions that price the month (monthPlans).
 * Each option the tariff prices (optionPrices, monthly per unit) bills a RECURRING line for its value at
 * the month start; each change later in the month bills a PRORATION line of
 *   (new - old) x pricePerUnit x remainingDays / daysInMonth,
 * remainingDays counting the change's day (in the account's zone) to the month's last day, both
 * included: an increase is a charge, a decrease a credit. The fraction is exact: it is rounded once,
 * straight to the currency's minor unit by the account's rounding, so buildInvoice's rounding of the
 * line changes nothing and no nano-rounding comes in between. Changes after a plan expires are ignored.
 */
export function optionCharges(input: OptionInput): Charge[] {
  const { account, window } = input;
  const { pricedAt, plans } = monthPlans(account, window, input.tariffs);
  if (pricedAt === null) return [];
  const clock = new ZoneClock(account.timezone);
  const first = clock.wallClock(window.start);
  const daysInMonth = new Date(Date.UTC(first.year, first.month, 0)).getUTCDate();
  const unit = 10n ** BigInt(NANO_DECIMALS - minorUnitDigits(account.currency));
  const mode = account.invoiceRounding ?? 'HALF_UP';

  const charges: Charge[] = [];
  for (const { plan, tariff } of plans) {
    for (const { option, pricePerUnit } of tariff.optionPrices) {
      const product = `OPTION:${option}`;
      const price = parseNanos(pricePerUnit);
      let value = optionValueAt(plan, option, optionBaseline(option, tariff.limits), pricedAt);
      if (value !== 0) {
        charges.push(optionLine('RECURRING', product, `Plan ${plan.tariffId}: ${option}`, value, pricePerUnit, BigInt(value) * price));
      }
      for (const change of changesOf(plan, option)) {
        if (change.at <= pricedAt || change.at >= window.end || (plan.expiresAt !== null && change.at >= plan.expiresAt)) continue;
        const delta = change.value - value;
        const from = value;
        value = change.value;
        if (delta === 0) continue;
        const day = clock.wallClock(change.at);
        const remaining = daysInMonth - day.day + 1;
        const amount = divRound(BigInt(delta) * price * BigInt(remaining), BigInt(daysInMonth) * unit, mode) * unit;
        const when = `${day.year}-${pad(day.month)}-${pad(day.day)}`;
        const description = `Plan ${plan.tariffId}: ${option} ${from} -> ${change.value} from ${when} (${remaining}/${daysInMonth} days)`;
        charges.push(optionLine('PRORATION', product, description, delta, pricePerUnit, amount));
      }
    }
  }
  return charges;
}
