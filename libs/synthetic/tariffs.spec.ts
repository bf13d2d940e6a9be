import { calendarMonth } from './calendar-month';
import { PRODUCTS, standardTariffs } from './tariffs';

const month = calendarMonth('2026-10');
const tariffs = standardTariffs(month, new Set(['std-usd', 'std-eur', 'std-jpy', 'card-usd', 'lines-pack']));
const byKey = (id: string, version: number) => tariffs.find((t) => t.tariffId === id && t.version === version)!;

describe('standardTariffs', () => {
  it('prices all eight products in USD and EUR but leaves media.monitoring out of the JPY tariff', () => {
    expect(byKey('std-usd', 1).rates.map((r) => r.product)).toEqual([...PRODUCTS]);
    expect(byKey('std-eur', 1).rates.map((r) => r.product)).toEqual([...PRODUCTS]);
    expect(byKey('std-jpy', 1).rates.map((r) => r.product)).toEqual(PRODUCTS.filter((p) => p !== 'media.monitoring'));
  });

  it('raises the USD voice price from 0.0100 to 0.0120 from the 16th, 00:00 UTC', () => {
    const voice = (v: number) => byKey('std-usd', v).rates.find((r) => r.product === 'sipcore.voice')!.pricePerMinute;
    expect([voice(1), voice(2)]).toEqual(['0.0100', '0.0120']);
    expect(new Date(byKey('std-usd', 2).effectiveFrom).toISOString()).toBe('2026-10-16T00:00:00.000Z');
    expect(byKey('std-usd', 1).effectiveFrom).toBeLessThan(month.start);
  });

  it('uses varied increments and a connect fee on SIP core video only', () => {
    const rates = byKey('std-usd', 1).rates;
    const inc = (p: string) => rates.find((r) => r.product === p)!;
    expect([inc('sipcore.voice'), inc('sipcore.video'), inc('sipcore.transcoding'), inc('media.voice')].map((r) => `${r.firstIncrement}/${r.nextIncrement}`))
      .toEqual(['60/60', '30/6', '60/1', '1/1']);
    expect(rates.filter((r) => r.connectFee !== null).map((r) => r.product)).toEqual(['sipcore.video']);
  });

  it('writes only the tariffs the plans name', () => {
    expect(standardTariffs(month, new Set(['std-jpy'])).map((t) => t.tariffId)).toEqual(['std-jpy']);
  });

  it('sets generous limits on the standard plans, none on the rate card, and only 10 lines on the limits-only plan', () => {
    expect(byKey('std-eur', 1)).toMatchObject({
      categories: ['SOFTPHONE', 'GATEWAY'],
      limits: { maxCallDurationSeconds: 14_400, failedCalls: { limit: 1_000, windowSeconds: 3_600 }, sipAccounts: 1_000, lines: 50 },
    });
    // std-usd prices LINES per line, so its lines come from each account's plan options, not the tariff.
    expect(byKey('std-usd', 2).limits?.lines).toBeNull();
    expect(byKey('card-usd', 1)).toMatchObject({ limits: null, categories: [] });
    expect(byKey('card-usd', 1).rates.map((r) => r.product)).toEqual([...PRODUCTS]);
    expect(byKey('lines-pack', 1)).toMatchObject({ rates: [], recurring: [], categories: ['GATEWAY'] });
    expect(byKey('lines-pack', 1).limits).toEqual({
      maxCallDurationSeconds: null, totalDurationSeconds: null, successfulCalls: null, failedCalls: null, sipAccounts: null, lines: 10,
    });
  });
});
