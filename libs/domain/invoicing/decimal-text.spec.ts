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
