import { compileTariff } from './compiled-tariff';
import { billedAmount } from './billed-amount';
import { sampleRate, sampleTariff } from '../reference/sample-reference';
import { Product } from '../ids';

describe('the billed amount of a rate', () => {
  it('prints the same amount when asked again, and each tariff version with its own decimals', () => {
    const voice = Product('sipcore.voice');
    const v1 = compileTariff(sampleTariff({ rates: [sampleRate('sipcore.voice', '0.0100')] }));
    const v2 = compileTariff(sampleTariff({ version: 2, ratingDecimals: 2, rates: [sampleRate('sipcore.voice', '0.0100')] }));
    const rate1 = v1.rates.get(voice)!;
    expect(billedAmount(v1, rate1, 120)).toBe('0.020000');
    expect(billedAmount(v1, rate1, 120)).toBe('0.020000');
    expect(billedAmount(v1, rate1, 90)).toBe('0.015000');
    expect(billedAmount(v2, v2.rates.get(voice)!, 90)).toBe('0.02'); // 0.015 half-up at 2 decimals
    // A rate object handed over with another tariff is worked out for that tariff, never taken from memory.
    expect(billedAmount(v2, rate1, 90)).toBe('0.02');
    expect(billedAmount(v1, rate1, 90)).toBe('0.015000');
  });
});
