import { isCurrency, minorUnitDigits } from './currency';

describe('minorUnitDigits', () => {
  it('gives 2 for US dollars and euros', () => {
    expect(minorUnitDigits('USD')).toBe(2);
    expect(minorUnitDigits('EUR')).toBe(2);
  });
  it('gives 0 for Japanese yen', () => expect(minorUnitDigits('JPY')).toBe(0));
  it('gives 3 for Kuwaiti dinar', () => expect(minorUnitDigits('KWD')).toBe(3));
  it('throws on a code that is not a currency', () => expect(() => minorUnitDigits('DOLLARS')).toThrow(RangeError));
});

describe('isCurrency', () => {
  it('knows USD, EUR, JPY', () => {
    expect(isCurrency('USD')).toBe(true);
    expect(isCurrency('EUR')).toBe(true);
    expect(isCurrency('JPY')).toBe(true);
  });
  it('refuses lower case, wrong length and made-up codes', () => {
    expect(isCurrency('usd')).toBe(false);
    expect(isCurrency('US')).toBe(false);
    expect(isCurrency('USDT')).toBe(false);
    expect(isCurrency('XYZ')).toBe(false);
    expect(isCurrency('')).toBe(false);
  });
});
