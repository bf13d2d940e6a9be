import type { RoundingMode } from '../reference';

/**
 * Exact money in the hot path: a bigint count of nano-units (10^-9 of the currency unit).
 * Decimal strings are parsed into it at the edges and printed from it; no binary float ever
 * holds money. Nine decimals cover every rating precision we accept (0..9) without loss.
 */
export type Nanos = bigint;
export const NANO_DECIMALS = 9;
const NANO = 10n ** BigInt(NANO_DECIMALS);

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Parses a decimal string ("12", "0.0125", "-3.50") into nanos; throws on anything else or on lost digits. */
export function parseNanos(text: string): Nanos {
  const m = DECIMAL.exec(text);
  if (!m) throw new RangeError(`not a decimal number: "${text}"`);
  const [, sign, whole, frac = ''] = m;
  const significant = frac.replace(/0+$/, '');
  if (significant.length > NANO_DECIMALS) {
    throw new RangeError(`"${text}" has more than ${NANO_DECIMALS} decimals`);
  }
  const units = BigInt(whole!) * NANO + BigInt(significant.padEnd(NANO_DECIMALS, '0') || '0');
  return sign ? -units : units;
}

/** Number of decimals a decimal string carries after trailing zeros are dropped. */
export function significantDecimals(text: string): number {
  const frac = DECIMAL.exec(text)?.[3] ?? '';
  return frac.replace(/0+$/, '').length;
}

/** Prints nanos with exactly `decimals` digits after the point; the value must already be rounded to them. */
export function formatNanos(value: Nanos, decimals: number): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = abs / NANO;
  const frac = (abs % NANO).toString().padStart(NANO_DECIMALS, '0');
  if (/[1-9]/.test(frac.slice(decimals))) {
    throw new RangeError(`${value} nanos do not fit ${decimals} decimals; round first`);
  }
  const shown = decimals > 0 ? `${whole}.${frac.slice(0, decimals)}` : `${whole}`;
  return negative ? `-${shown}` : shown;
}

/** n / d rounded to an integer by `mode` (d > 0). */
export function divRound(n: bigint, d: bigint, mode: RoundingMode): bigint {
  const q = n / d; // truncates toward zero
  const r = n % d;
  if (r === 0n) return q;
  const away = n < 0n ? q - 1n : q + 1n;
  const twice = (r < 0n ? -r : r) * 2n;
  switch (mode) {
    case 'DOWN':
      return q;
    case 'UP':
      return away;
    case 'HALF_UP':
      return twice >= d ? away : q;
    case 'HALF_EVEN':
      if (twice !== d) return twice > d ? away : q;
      return q % 2n === 0n ? q : away;
  }
}

/** Rounds nanos to `decimals` decimals by `mode`; the result is still in nanos. */
export function roundNanos(value: Nanos, decimals: number, mode: RoundingMode): Nanos {
  const unit = 10n ** BigInt(NANO_DECIMALS - decimals);
  return divRound(value, unit, mode) * unit;
}
