import type { Currency, EpochMs, Product, TariffId } from '../ids';
import type { Rate, Tariff } from '../reference';
import { parseNanos, NANO_DECIMALS, type Nanos } from '../money';
import { validateTariff } from '../reference/validate-tariff';

/** A rate ready for the hot path: every price parsed once into bigint nanos, divisors precomputed. */
export interface CompiledRate {
  readonly product: Product;
  readonly priceNanos: Nanos;
  readonly firstIncrement: number;
  readonly nextIncrement: number;
  readonly connectFeeNanos: Nanos | null;
  /** The connect fee in units of the tariff's rating precision (10^-ratingDecimals), added to amounts as is. */
  readonly connectFeeUnits: bigint;
  /** The price as written in the tariff, echoed on rated records. */
  readonly pricePerMinute: string;
  /** The connect fee as written in the tariff, or null. */
  readonly connectFee: string | null;
  /** Amounts already printed at this rate (billedAmount): kept with the compiled version, gone with it. */
  readonly amounts: RateAmounts;
}

/** The printed amount per billed seconds of one rate, valid only for the tariff version that compiled it. */
export interface RateAmounts {
  readonly tariff: CompiledTariff;
  readonly bySeconds: Map<number, string>;
}

export interface CompiledTariff {
  readonly tariffId: TariffId;
  readonly version: number;
  readonly currency: Currency;
  readonly effectiveFrom: EpochMs;
  readonly ratingDecimals: number;
  /**
   * billedSeconds x priceNanos / amountDivisor is the amount in units of 10^-ratingDecimals:
   * 60 turns seconds into minutes, 10^(9 - ratingDecimals) nanos into those units. One division, one rounding.
   */
  readonly amountDivisor: bigint;
  readonly rates: ReadonlyMap<Product, CompiledRate>;
  /** The tariff as published. */
  readonly tariff: Tariff;
}

/**
 * Compiles a tariff version for rating, so no price string is ever parsed per record.
 * Throws RangeError listing every problem (validateTariff) when the tariff is not usable.
 */
export function compileTariff(tariff: Tariff): CompiledTariff {
  const errors = validateTariff(tariff);
  if (errors.length > 0) {
    throw new RangeError(`tariff ${tariff.tariffId} version ${tariff.version} is invalid: ${errors.join('; ')}`);
  }
  const unit = 10n ** BigInt(NANO_DECIMALS - tariff.ratingDecimals);
  const rates = new Map<Product, CompiledRate>();
  const compiled: CompiledTariff = {
    tariffId: tariff.tariffId,
    version: tariff.version,
    currency: tariff.currency,
    effectiveFrom: tariff.effectiveFrom,
    ratingDecimals: tariff.ratingDecimals,
    amountDivisor: 60n * unit,
    rates,
    tariff,
  };
  // Rates are compiled after their tariff so that each one's amounts know which version they belong to.
  for (const rate of tariff.rates) rates.set(rate.product, compileRate(rate, unit, compiled));
  return compiled;
}

function compileRate(rate: Rate, unit: bigint, tariff: CompiledTariff): CompiledRate {
  const connectFeeNanos = rate.connectFee === null ? null : parseNanos(rate.connectFee);
  return {
    product: rate.product,
    priceNanos: parseNanos(rate.pricePerMinute),
    firstIncrement: rate.firstIncrement,
    nextIncrement: rate.nextIncrement,
    connectFeeNanos,
    // Exact: validation keeps connect-fee decimals within ratingDecimals.
    connectFeeUnits: connectFeeNanos === null ? 0n : connectFeeNanos / unit,
    pricePerMinute: rate.pricePerMinute,
    connectFee: rate.connectFee,
    amounts: { tariff, bySeconds: new Map() },
  };
}
