import { formatNanos, NANO_DECIMALS, type Nanos } from '../money';
import { decimalParts, ZERO } from '../money/decimal-scan';

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
  // Runs two to four times per rated record: trims the text itself instead of printing parsed nanos.
  const { negative, wholeStart, wholeEnd, keptEnd } = decimalParts(text);
  let from = wholeStart;
  while (from < wholeEnd - 1 && text.charCodeAt(from) === ZERO) from++; // leading zeros, one kept
  const to = keptEnd > wholeEnd + 1 ? keptEnd : wholeEnd;
  const zero = to === wholeEnd && from === wholeEnd - 1 && text.charCodeAt(from) === ZERO;
  if (zero) return '0'; // also "-0.00"
  if (from === 0 && to === text.length) return text; // nothing to trim (always so when lineKey checks a key)
  return negative ? `-${text.slice(from, to)}` : text.slice(from, to);
}
