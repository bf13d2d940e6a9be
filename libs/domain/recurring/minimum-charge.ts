import type { Charge, ClosingRule } from '../invoicing';
import { canonicalDecimal } from '../invoicing';
import { minorUnitDigits, parseNanos, roundNanos } from '../money';

/**
 * SPEC 6 minimum charge, as a closing rule for buildInvoice: when the invoice total is below the
 * account's minimumMonthlyCharge, one MINIMUM_CHARGE line tops it up to exactly the minimum. The total
 * it sees is already a sum of rounded lines, and a minimum written finer than the currency's minor unit
 * is rounded first (account rounding), so the top-up is whole minor units and the total lands on it.
 * Put it last among closing rules: it must see every other line.
 */
export const minimumCharge: ClosingRule = ({ account, totalNanos }) => {
  if (account.minimumMonthlyCharge === null) return [];
  const digits = minorUnitDigits(account.currency);
  const minimum = roundNanos(parseNanos(account.minimumMonthlyCharge), digits, account.invoiceRounding ?? 'HALF_UP');
  if (totalNanos >= minimum) return [];
  const topUp: Charge = {
    kind: 'MINIMUM_CHARGE',
    product: 'MINIMUM_CHARGE',
    description: 'Minimum monthly charge top-up',
    quantity: '1',
    unitPrice: canonicalDecimal(account.minimumMonthlyCharge),
    amountNanos: minimum - totalNanos,
    billedSeconds: null,
    records: 0,
    forMonth: null,
  };
  return [topUp];
};
