import fc from 'fast-check';
import type { RoundingMode } from '../reference';
import { divRound, formatNanos, parseNanos, roundNanos, significantDecimals } from './fixed-point';

describe('parseNanos', () => {
  it('reads a whole price', () => expect(parseNanos('12')).toBe(12_000_000_000n));
  it('reads a per-minute price of 0.0125', () => expect(parseNanos('0.0125')).toBe(12_500_000n));
  it('reads the smallest nano price 0.000000001', () => expect(parseNanos('0.000000001')).toBe(1n));
  it('reads a credit of -3.50', () => expect(parseNanos('-3.50')).toBe(-3_500_000_000n));
  it('accepts trailing zeros beyond 9 decimals (nothing is lost)', () => expect(parseNanos('1.0000000000')).toBe(1_000_000_000n));
  it('refuses a 10th significant decimal instead of rounding it away', () => {
    expect(() => parseNanos('0.0000000001')).toThrow('"0.0000000001" has more than 9 decimals');
  });
  it.each(['', '1.2.3', '1,50', '.5', '5.', '+1', '1e3', ' 1', 'NaN', '--1'])('refuses %j as not a decimal number', (text) => {
    expect(() => parseNanos(text)).toThrow(RangeError);
  });
  it('round-trips with formatNanos at 9 decimals', () => {
    fc.assert(fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), (n) => expect(parseNanos(formatNanos(n, 9))).toBe(n)));
  });
});

describe('significantDecimals', () => {
  it('ignores trailing zeros', () => expect(significantDecimals('0.0100')).toBe(2));
  it('counts none for a whole number', () => expect(significantDecimals('25')).toBe(0));
  it('counts nine for a nano price', () => expect(significantDecimals('0.000000001')).toBe(9));
});

describe('formatNanos', () => {
  it('prints cents with exactly 2 decimals', () => expect(formatNanos(1_500_000_000n, 2)).toBe('1.50'));
  it('prints a rated amount with 6 decimals', () => expect(formatNanos(20_000_000n, 6)).toBe('0.020000'));
  it('prints whole yen with no point', () => expect(formatNanos(1_234_000_000_000n, 0)).toBe('1234'));
  it('prints a credit below one unit with its sign', () => expect(formatNanos(-50_000_000n, 2)).toBe('-0.05'));
  it('prints zero', () => expect(formatNanos(0n, 2)).toBe('0.00'));
  it('refuses to drop digits that were not rounded away first', () => {
    expect(() => formatNanos(1_005_000_000n, 2)).toThrow(/round first/);
  });
});

describe('divRound', () => {
  const cases: [bigint, bigint, Record<RoundingMode, bigint>][] = [
    [25n, 10n, { HALF_UP: 3n, HALF_EVEN: 2n, UP: 3n, DOWN: 2n }], // 2.5
    [35n, 10n, { HALF_UP: 4n, HALF_EVEN: 4n, UP: 4n, DOWN: 3n }], // 3.5
    [21n, 10n, { HALF_UP: 2n, HALF_EVEN: 2n, UP: 3n, DOWN: 2n }], // 2.1
    [29n, 10n, { HALF_UP: 3n, HALF_EVEN: 3n, UP: 3n, DOWN: 2n }], // 2.9
    [30n, 10n, { HALF_UP: 3n, HALF_EVEN: 3n, UP: 3n, DOWN: 3n }], // exact
    [-25n, 10n, { HALF_UP: -3n, HALF_EVEN: -2n, UP: -3n, DOWN: -2n }], // -2.5: modes act on the magnitude
    [-21n, 10n, { HALF_UP: -2n, HALF_EVEN: -2n, UP: -3n, DOWN: -2n }],
    [-35n, 10n, { HALF_UP: -4n, HALF_EVEN: -4n, UP: -4n, DOWN: -3n }],
    [1n, 3n, { HALF_UP: 0n, HALF_EVEN: 0n, UP: 1n, DOWN: 0n }],
    [2n, 3n, { HALF_UP: 1n, HALF_EVEN: 1n, UP: 1n, DOWN: 0n }],
  ];
  for (const [n, d, expected] of cases) {
    for (const mode of Object.keys(expected) as RoundingMode[]) {
      it(`rounds ${n}/${d} ${mode} to ${expected[mode]}`, () => expect(divRound(n, d, mode)).toBe(expected[mode]));
    }
  }

  it('stays within one of the exact quotient and is symmetric for credits', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), fc.bigInt({ min: 1n, max: 10n ** 9n }), fc.constantFrom<RoundingMode>('HALF_UP', 'HALF_EVEN', 'UP', 'DOWN'), (n, d, mode) => {
        const q = divRound(n, d, mode);
        expect(q * d - n < d && n - q * d < d).toBe(true);
        expect(divRound(-n, d, mode)).toBe(-q);
      }),
    );
  });
});

describe('roundNanos', () => {
  it('rounds a rated 0.0125 to cents half-up as 0.01 and 0.015 as 0.02', () => {
    expect(roundNanos(parseNanos('0.0125'), 2, 'HALF_UP')).toBe(parseNanos('0.01'));
    expect(roundNanos(parseNanos('0.015'), 2, 'HALF_UP')).toBe(parseNanos('0.02'));
  });
  it('rounds 0.125 to cents in all four modes', () => {
    const v = parseNanos('0.125');
    expect(formatNanos(roundNanos(v, 2, 'HALF_UP'), 2)).toBe('0.13');
    expect(formatNanos(roundNanos(v, 2, 'HALF_EVEN'), 2)).toBe('0.12');
    expect(formatNanos(roundNanos(v, 2, 'UP'), 2)).toBe('0.13');
    expect(formatNanos(roundNanos(v, 2, 'DOWN'), 2)).toBe('0.12');
  });
  it('rounds a credit of -0.125 by magnitude', () => {
    const v = parseNanos('-0.125');
    expect(formatNanos(roundNanos(v, 2, 'HALF_UP'), 2)).toBe('-0.13');
    expect(formatNanos(roundNanos(v, 2, 'HALF_EVEN'), 2)).toBe('-0.12');
    expect(formatNanos(roundNanos(v, 2, 'UP'), 2)).toBe('-0.13');
    expect(formatNanos(roundNanos(v, 2, 'DOWN'), 2)).toBe('-0.12');
  });
  it('rounds to whole yen', () => expect(formatNanos(roundNanos(parseNanos('1234.5'), 0, 'HALF_UP'), 0)).toBe('1235'));
  it('leaves a value already at 9 decimals unchanged', () => expect(roundNanos(123n, 9, 'UP')).toBe(123n));
  it('always yields a value formatNanos can print at that precision', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 9 }), fc.constantFrom<RoundingMode>('HALF_UP', 'HALF_EVEN', 'UP', 'DOWN'), (v, decimals, mode) => {
        expect(() => formatNanos(roundNanos(v, decimals, mode), decimals)).not.toThrow();
      }),
    );
  });
});
