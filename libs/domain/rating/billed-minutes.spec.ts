import fc from 'fast-check';
import { billedMinutes } from './billed-minutes';

describe('billedMinutes', () => {
  it('prints 0 s as "0"', () => expect(billedMinutes(0)).toBe('0'));
  it('prints 120 s as "2", with no decimals', () => expect(billedMinutes(120)).toBe('2'));
  it('prints 61 s as "1.016667" (half-up at 6 decimals)', () => expect(billedMinutes(61)).toBe('1.016667'));
  it('prints 1 s as "0.016667"', () => expect(billedMinutes(1)).toBe('0.016667'));
  it('prints 2 s as "0.033333" (a third rounds down)', () => expect(billedMinutes(2)).toBe('0.033333'));
  it('prints 30 s as "0.5" (trailing zeros trimmed)', () => expect(billedMinutes(30)).toBe('0.5'));
  it('prints 36 s as "0.6"', () => expect(billedMinutes(36)).toBe('0.6'));
  it('prints 3601 s as "60.016667"', () => expect(billedMinutes(3601)).toBe('60.016667'));
  it('prints 59 s as "0.983333"', () => expect(billedMinutes(59)).toBe('0.983333'));

  it('agrees with exact rational rounding for any duration', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (s) => {
        // Reference: round(s * 10^6 / 60) half-up in bigint, then print with trimmed zeros.
        const n = BigInt(s) * 1_000_000n;
        const micro = (n * 2n + 60n) / 120n;
        const whole = micro / 1_000_000n;
        const frac = (micro % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
        expect(billedMinutes(s)).toBe(frac === '' ? `${whole}` : `${whole}.${frac}`);
      }),
    );
  });
});
