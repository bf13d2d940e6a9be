import fc from 'fast-check';
import { parseNanos } from './fixed-point';

/** The plain reading of a decimal that the hand-written scanner in parseNanos must agree with. */
function referenceNanos(text: string): bigint {
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new RangeError(`not a decimal number: "${text}"`);
  const [, sign, whole, frac = ''] = m;
  const significant = frac.replace(/0+$/, '');
  if (significant.length > 9) throw new RangeError(`"${text}" has more than 9 decimals`);
  const units = BigInt(whole!) * 10n ** 9n + BigInt(significant.padEnd(9, '0') || '0');
  return sign ? -units : units;
}

const outcome = (parse: (text: string) => bigint, text: string): bigint | string => {
  try {
    return parse(text);
  } catch (err) {
    return `${(err as Error).name}: ${(err as Error).message}`;
  }
};

describe('parseNanos reads rated amounts exactly as the decimal grammar says', () => {
  it('reads a rated amount of 0.020000 as 20 million nanos', () => expect(parseNanos('0.020000')).toBe(20_000_000n));
  it('reads a yen total with a 16-digit whole part without losing a digit', () => {
    expect(parseNanos('9007199254740993.5')).toBe(9_007_199_254_740_993_500_000_000n);
  });
  it('reads a negative credit below one unit', () => expect(parseNanos('-0.000001')).toBe(-1_000n));
  it('reads "-0" as zero', () => expect(parseNanos('-0')).toBe(0n));

  it('agrees with the regex reading on any text made of digits, signs, points and noise', () => {
    const text = fc.string({ unit: fc.constantFrom('0', '1', '5', '9', '.', '-', '+', 'e', ' ', '٣'), maxLength: 14 });
    fc.assert(fc.property(text, (t) => expect(outcome(parseNanos, t)).toEqual(outcome(referenceNanos, t))), { numRuns: 5000 });
  });

  it('agrees with the regex reading on every well-formed decimal up to 30 digits', () => {
    const digits = (max: number) => fc.string({ unit: fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'), minLength: 1, maxLength: max });
    const decimal = fc.tuple(fc.boolean(), digits(20), fc.option(digits(12))).map(
      ([minus, whole, frac]) => `${minus ? '-' : ''}${whole}${frac === null ? '' : `.${frac}`}`,
    );
    fc.assert(fc.property(decimal, (t) => expect(outcome(parseNanos, t)).toEqual(outcome(referenceNanos, t))), { numRuns: 5000 });
  });
});
