import { divRound } from '../money';
import { amountText } from './amount-text';
import type { CompiledRate, CompiledTariff } from './compiled-tariff';

/** Billed durations remembered per rate before it starts over: far more than a month of calls bills. */
const MAX_DURATIONS = 10_000;

/**
 * The amount of `seconds` billed at `rate` of `tariff`, as rated records print it: seconds x
 * priceNanos / (60 x nanos-per-unit), rounded half-up once, plus the connect fee (charged once per
 * rated record, even a 0-second one), with the tariff's rating decimals.
 *
 * Remembered per rate and billed seconds, on the compiled rate itself (rate.amounts): usage bills the
 * same few durations again and again (the increments round them), and the bigint arithmetic and its
 * printing were most of rateUsage's own time. The memory lives and dies with the compiled tariff
 * version; a rate handed over with another tariff is worked out for that tariff, never taken from it.
 */
export function billedAmount(tariff: CompiledTariff, rate: CompiledRate, seconds: number): string {
  const amounts = rate.amounts;
  if (amounts.tariff !== tariff) return amountOf(tariff, rate, seconds);
  let text = amounts.bySeconds.get(seconds);
  if (text === undefined) {
    text = amountOf(tariff, rate, seconds);
    if (amounts.bySeconds.size >= MAX_DURATIONS) amounts.bySeconds.clear();
    amounts.bySeconds.set(seconds, text);
  }
  return text;
}

function amountOf(tariff: CompiledTariff, rate: CompiledRate, seconds: number): string {
  // Prices are >= 0 (validated), so half-up here is "half away from zero" on a non-negative amount.
  const units = divRound(BigInt(seconds) * rate.priceNanos, tariff.amountDivisor, 'HALF_UP') + rate.connectFeeUnits;
  return amountText(units, tariff.ratingDecimals);
}
