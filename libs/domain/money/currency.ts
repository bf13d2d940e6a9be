import type { Currency } from '../ids';

/**
 * Digits of a currency's minor unit (USD 2, JPY 0, KWD 3), from ICU's ISO 4217 data
 * that ships with Node. Intl is pure computation, not I/O. Throws on an unknown code.
 */
export function minorUnitDigits(currency: Currency | string): number {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits;
  if (digits === undefined) throw new RangeError(`unknown currency ${currency}`);
  return digits;
}

/** True for a well-formed ISO 4217 code that ICU knows. */
export function isCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    return Intl.supportedValuesOf('currency').includes(code);
  } catch {
    return false;
  }
}
