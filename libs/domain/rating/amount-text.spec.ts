import fc from 'fast-check';
import { formatNanos } from '../money';
import { amountText } from './amount-text';

describe('amountText', () => {
  it('prints 0.02 at 6 decimals as "0.020000"', () => expect(amountText(20_000n, 6)).toBe('0.020000'));
  it('prints a tiny amount with its leading zeros', () => expect(amountText(1n, 9)).toBe('0.000000001'));
  it('prints whole units with no point at 0 decimals', () => expect(amountText(1234n, 0)).toBe('1234'));
  it('prints zero as "0.00" at 2 decimals', () => expect(amountText(0n, 2)).toBe('0.00'));
  it('prints a large amount', () => expect(amountText(123_456_789_012n, 2)).toBe('1234567890.12'));
  it('prints a credit with its sign', () => expect(amountText(-5n, 3)).toBe('-0.005'));

  it('prints exactly what formatNanos prints for the same value', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 9 }), (units, decimals) => {
        const nanos = units * 10n ** BigInt(9 - decimals);
        expect(amountText(units, decimals)).toBe(formatNanos(nanos, decimals));
      }),
    );
  });
});
