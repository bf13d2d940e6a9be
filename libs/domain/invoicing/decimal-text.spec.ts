import fc from 'fast-check';
import { parseNanos } from '../money';
import { canonicalDecimal, trimmedDecimal } from './decimal-text';

describe('decimal text of prices and quantities', () => {
  it('writes the same price the same way however the tariff spelled it', () => {
    expect(canonicalDecimal('0.0100')).toBe('0.01');
    expect(canonicalDecimal('0.01')).toBe('0.01');
    expect(canonicalDecimal('12.000')).toBe('12');
    expect(canonicalDecimal('007.50')).toBe('7.5');
  });

  it('keeps zero, whole numbers and credits readable', () => {
    expect(trimmedDecimal(0n)).toBe('0');
    expect(canonicalDecimal('-0.000')).toBe('0');
    expect(trimmedDecimal(10_000_000_000n)).toBe('10');
    expect(trimmedDecimal(-1_500_000_000n)).toBe('-1.5');
    expect(trimmedDecimal(1n)).toBe('0.000000001');
  });

  it('refuses a price that is not a decimal number', () => {
    expect(() => canonicalDecimal('1e-3')).toThrow(RangeError);
  });
});

describe('canonicalDecimal answers like parsing and printing the price', () => {
  const viaNanos = (text: string): string => {
    try {
      return trimmedDecimal(parseNanos(text));
    } catch (err) {
      return `throws ${(err as Error).message}`;
    }
  };
  const canonical = (text: string): string => {
    try {
      return canonicalDecimal(text);
    } catch (err) {
      return `throws ${(err as Error).message}`;
    }
  };

  it.each(['0.01', '12', '0', '-0', '-0.5', '00', '0.5000', '1.', '.5', '-', '', '1.0000000001', '1.000000001', '0.1234567890'])(
    'prints %j the same way as its nanos do',
    (text) => expect(canonical(text)).toBe(viaNanos(text)),
  );

  it('agrees with printing the parsed nanos on any short text of digits, points and signs', () => {
    const text = fc.string({ unit: fc.constantFrom('0', '0', '1', '9', '.', '-', 'x'), maxLength: 13 });
    fc.assert(fc.property(text, (t) => expect(canonical(t)).toBe(viaNanos(t))), { numRuns: 5000 });
  });
});
