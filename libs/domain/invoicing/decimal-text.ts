import { formatNanos, NANO_DECIMALS, parseNanos, type Nanos } from '../money';

/** Prints nanos with only the decimals it needs: 10000000n -> "0.01", 2000000000n -> "2". */
export function trimmedDecimal(value: Nanos): string {
  const [whole, frac = ''] = formatNanos(value, NANO_DECIMALS).split('.');
  const kept = frac.replace(/0+$/, '');
  return kept ? `${whole}.${kept}` : `${whole}`;
}

/**
 * One spelling per price ("0.0100" and "0.01" are the same price), so that tariff versions
 * that write a price differently still share an invoice line and a Redis hash field.
 */
export function canonicalDecimal(text: string): string {
  return trimmedDecimal(parseNanos(text));
}
