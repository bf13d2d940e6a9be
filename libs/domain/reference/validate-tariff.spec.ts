import type { Tariff } from '../reference';
import { sampleRate, sampleTariff } from './sample-reference';
import { validateTariff } from './validate-tariff';

describe('validateTariff', () => {
  it('accepts a well-formed tariff', () => {
    expect(validateTariff(sampleTariff())).toEqual([]);
  });

  it('accepts 9-decimal prices and a connect fee at the rating precision', () => {
    const rates = [sampleRate('sipcore.voice', '0.000000001', { connectFee: '0.015' })];
    expect(validateTariff(sampleTariff({ rates, ratingDecimals: 3 }))).toEqual([]);
  });

  it('names the rate and field of a price that is not a number', () => {
    const rates = [sampleRate('a', '1'), sampleRate('b', '2'), sampleRate('c', '1.2.3')];
    expect(validateTariff(sampleTariff({ rates }))).toEqual(['rates[2].pricePerMinute: "1.2.3" is not a decimal number']);
  });

  it('rejects negative prices and prices finer than a nano-unit', () => {
    const rates = [sampleRate('a', '-0.01'), sampleRate('b', '0.0000000001')];
    expect(validateTariff(sampleTariff({ rates }))).toEqual([
      'rates[0].pricePerMinute: "-0.01" is negative',
      'rates[1].pricePerMinute: "0.0000000001" has 10 decimals, at most 9 allowed',
    ]);
  });

  it('rejects a connect fee with more decimals than the tariff rates to', () => {
    const rates = [sampleRate('a', '1', { connectFee: '0.0125' })];
    expect(validateTariff(sampleTariff({ rates, ratingDecimals: 2 }))).toEqual([
      'rates[0].connectFee: "0.0125" has 4 decimals, at most 2 allowed',
    ]);
  });

  it('rejects increments below one second', () => {
    const rates = [sampleRate('a', '1', { firstIncrement: 0, nextIncrement: 0.5 })];
    expect(validateTariff(sampleTariff({ rates }))).toEqual([
      'rates[0].firstIncrement: 0 must be at least 1',
      'rates[0].nextIncrement: 0.5 is not a whole number',
    ]);
  });

  it('rejects a product priced twice', () => {
    const rates = [sampleRate('sipcore.voice', '1'), sampleRate('sipcore.video', '2'), sampleRate('sipcore.voice', '3')];
    expect(validateTariff(sampleTariff({ rates }))).toEqual([
      'rates[2].product: "sipcore.voice" is already priced by rates[0]',
    ]);
  });

  it('keeps rating decimals within 0..9', () => {
    expect(validateTariff(sampleTariff({ ratingDecimals: 10 }))).toEqual(['ratingDecimals: 10 must be between 0 and 9']);
    expect(validateTariff(sampleTariff({ ratingDecimals: -1 }))).toEqual(['ratingDecimals: -1 must be between 0 and 9']);
    expect(validateTariff(sampleTariff({ ratingDecimals: 0 }))).toEqual([]);
  });

  it('rejects an unknown currency', () => {
    expect(validateTariff(sampleTariff({ currency: 'EURO' as Tariff['currency'] }))).toEqual([
      'currency: "EURO" is not a known ISO 4217 currency',
    ]);
  });

  it('requires a feature name on a FEATURE price and one price per charge', () => {
    const recurring: Tariff['recurring'] = [
      { charge: 'FEATURE', feature: null, price: '5' },
      { charge: 'DEVICE', feature: null, price: '2' },
      { charge: 'DEVICE', feature: null, price: 'two' },
    ];
    expect(validateTariff(sampleTariff({ recurring }))).toEqual([
      'recurring[0].feature: must not be empty',
      'recurring[2].price: "two" is not a decimal number',
      'recurring[2]: DEVICE is already priced by recurring[1]',
    ]);
  });

  it('rejects limits that cannot be counted', () => {
    const limits: Tariff['limits'] = {
      maxCallDurationSeconds: 0,
      totalDurationSeconds: { limit: 1800, windowSeconds: 0 },
      successfulCalls: null,
      failedCalls: { limit: 5, windowSeconds: 3600 },
      sipAccounts: 1,
      lines: -1,
    };
    expect(validateTariff(sampleTariff({ limits }))).toEqual([
      'limits.maxCallDurationSeconds: 0 must be at least 1',
      'limits.lines: -1 must be at least 0',
      'limits.totalDurationSeconds.windowSeconds: 0 must be at least 1',
    ]);
  });
});
