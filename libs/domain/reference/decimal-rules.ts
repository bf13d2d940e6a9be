import { NANO_DECIMALS, significantDecimals } from '../money';

const DECIMAL = /^-?\d+(?:\.\d+)?$/;

/**
 * Checks a money field written as a decimal string: well formed, not negative, and with no more
 * significant decimals than allowed (trailing zeros are harmless: "0.0100" has 2).
 * Returns the error, prefixed with the field path, or null.
 */
export function amountProblem(path: string, text: unknown, maxDecimals: number = NANO_DECIMALS): string | null {
  if (typeof text !== 'string' || !DECIMAL.test(text)) {
    return `${path}: ${JSON.stringify(text)} is not a decimal number`;
  }
  if (text.startsWith('-') && /[1-9]/.test(text)) return `${path}: "${text}" is negative`;
  const decimals = significantDecimals(text);
  if (decimals > maxDecimals) {
    return `${path}: "${text}" has ${decimals} decimals, at most ${maxDecimals} allowed`;
  }
  return null;
}

/** Whole number within [min, max]; the error names the path. */
export function wholeProblem(path: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): string | null {
  if (typeof value !== 'number' || !Number.isInteger(value)) return `${path}: ${String(value)} is not a whole number`;
  if (value < min || value > max) {
    return max === Number.MAX_SAFE_INTEGER
      ? `${path}: ${value} must be at least ${min}`
      : `${path}: ${value} must be between ${min} and ${max}`;
  }
  return null;
}

/** An instant in epoch milliseconds. */
export function instantProblem(path: string, value: unknown): string | null {
  return typeof value === 'number' && Number.isSafeInteger(value) ? null : `${path}: ${String(value)} is not an instant (epoch ms)`;
}

export function textProblem(path: string, value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? null : `${path}: must not be empty`;
}
