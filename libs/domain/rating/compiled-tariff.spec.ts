import { Product } from '../ids';
import { sampleRate, sampleTariff } from '../reference/sample-reference';
import { compileTariff } from './compiled-tariff';

describe('compileTariff', () => {
  it('parses every price once into nanos, keeping the strings as written', () => {
    const compiled = compileTariff(
      sampleTariff({ rates: [sampleRate('sipcore.voice', '0.0100'), sampleRate('media.video', '0.000000001', { connectFee: '0.05' })] }),
    );
    const voice = compiled.rates.get(Product('sipcore.voice'))!;
    expect(voice.priceNanos).toBe(10_000_000n);
    expect(voice.pricePerMinute).toBe('0.0100');
    expect(voice.connectFeeNanos).toBeNull();
    expect(voice.connectFeeUnits).toBe(0n);
    const video = compiled.rates.get(Product('media.video'))!;
    expect(video.priceNanos).toBe(1n);
    expect(video.connectFeeNanos).toBe(50_000_000n);
    expect(video.connectFeeUnits).toBe(50_000n); // 0.05 at 6 decimals
    expect(video.connectFee).toBe('0.05');
  });

  it('keeps increments per product', () => {
    const compiled = compileTariff(sampleTariff({ rates: [sampleRate('sipcore.voice', '1', { firstIncrement: 30, nextIncrement: 6 })] }));
    expect(compiled.rates.get(Product('sipcore.voice'))).toMatchObject({ firstIncrement: 30, nextIncrement: 6 });
  });

  it('precomputes the divisor from seconds x price-per-minute to amount units', () => {
    expect(compileTariff(sampleTariff({ ratingDecimals: 6 })).amountDivisor).toBe(60n * 1000n);
    expect(compileTariff(sampleTariff({ ratingDecimals: 0 })).amountDivisor).toBe(60n * 1_000_000_000n);
    expect(compileTariff(sampleTariff({ ratingDecimals: 9 })).amountDivisor).toBe(60n);
  });

  it('has no rate for a product the tariff does not price', () => {
    expect(compileTariff(sampleTariff()).rates.has(Product('media.recording'))).toBe(false);
  });

  it('refuses an invalid tariff, naming every problem', () => {
    const bad = sampleTariff({ rates: [sampleRate('sipcore.voice', 'free'), sampleRate('sipcore.voice', '1')] });
    expect(() => compileTariff(bad)).toThrow(
      'tariff standard version 1 is invalid: rates[0].pricePerMinute: "free" is not a decimal number; ' +
        'rates[1].product: "sipcore.voice" is already priced by rates[0]',
    );
  });
});
