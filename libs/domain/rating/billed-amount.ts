import { divRound } from '../money';
import { amountText } from './amount-text';
import type { CompiledRate, CompiledTariff } from './compiled-tariff';

/** Billed durations remembered per rate before it starts over: far more than a month of calls bills. */
const MAX_DURATIONS = 10_000;

interface Amounts {
  readonly tariff: CompiledTariff;
  readonly bySeconds: Map<number, string>;
}

const byRate = new WeakMap<CompiledRate, Amounts>();

/**
 * The amount of `seconds` billed at `rate` of `tariff`, as rated records print it: seconds x
 * priceNanos / (60 x nanos-per-unit), rounded half-up once, plus the connect fee (charged once per
 * rated record, even a 0-second one), with the tariff's rating decimals.
 *
 * Remembered per rate and billed seconds: usage bills the same few durations again and again (the
 * increments round them), and the bigint arithmetic and its printing were most of rateUsage's own
 * time. A compiled rate belongs to one compiled tariff; a new version brings new rate objects, so
 * nothing stale is ever returned (the tariff is checked as well, in case a rate object is shared).
 */
export function billedAmount(tariff: CompiledTariff, rate: CompiledRate, seconds: number): string {
  let amounts = byRate.get(rate);
  if (amounts === undefined || amounts.tariff !== tariff) {
    amounts = { tariff, bySeconds: new Map() };
    byRate.set(rate, amounts);
  }
  let text = amounts.bySeconds.get(seconds);
  if (text === undefined) {
    // Prices are >= 0 (validated), so half-up here is "half away from zero" on a non-negative amount.
    const units = divRound(BigInt(seconds) * rate.priceNanos, tariff.amountDivisor, 'HALF_UP') + rate.connectFeeUnits;
    text = amountText(units, tariff.ratingDecimals);
    if (amounts.bySeconds.size >= MAX_DURATIONS) amounts.bySeconds.clear();
    amounts.bySeconds.set(seconds, text);
  }
  return text;
}
