import type { Limits, Tariff } from '../reference';
import { isCurrency, NANO_DECIMALS } from '../money';
import { amountProblem, instantProblem, textProblem, wholeProblem } from './decimal-rules';

/**
 * Rules a tariff version must meet beyond its Avro schema, so that rating never meets a price it
 * cannot use. Returns every problem found, each prefixed with its field path
 * (e.g. `rates[2].pricePerMinute: "1.2.3" is not a decimal number`); empty means valid.
 */
export function validateTariff(tariff: Tariff): string[] {
  const decimalsProblem = wholeProblem('ratingDecimals', tariff.ratingDecimals, 0, NANO_DECIMALS);
  const errors: (string | null)[] = [
    textProblem('tariffId', tariff.tariffId),
    wholeProblem('version', tariff.version, 0),
    isCurrency(tariff.currency) ? null : `currency: "${tariff.currency}" is not a known ISO 4217 currency`,
    instantProblem('effectiveFrom', tariff.effectiveFrom),
    decimalsProblem,
  ];
  // A connect fee is added to amounts kept at ratingDecimals, so it must fit them exactly.
  const feeDecimals = decimalsProblem === null ? tariff.ratingDecimals : NANO_DECIMALS;

  const pricedAt = new Map<string, number>();
  tariff.rates.forEach((rate, i) => {
    const path = `rates[${i}]`;
    errors.push(
      textProblem(`${path}.product`, rate.product),
      amountProblem(`${path}.pricePerMinute`, rate.pricePerMinute),
      wholeProblem(`${path}.firstIncrement`, rate.firstIncrement, 1),
      wholeProblem(`${path}.nextIncrement`, rate.nextIncrement, 1),
      rate.connectFee === null ? null : amountProblem(`${path}.connectFee`, rate.connectFee, feeDecimals),
    );
    const earlier = pricedAt.get(rate.product);
    if (earlier !== undefined) errors.push(`${path}.product: "${rate.product}" is already priced by rates[${earlier}]`);
    else pricedAt.set(rate.product, i);
  });

  const charged = new Map<string, number>();
  tariff.recurring.forEach((price, i) => {
    const path = `recurring[${i}]`;
    errors.push(amountProblem(`${path}.price`, price.price));
    if (price.charge === 'FEATURE') errors.push(textProblem(`${path}.feature`, price.feature));
    const key = price.charge === 'FEATURE' ? `FEATURE ${price.feature}` : price.charge;
    const earlier = charged.get(key);
    if (earlier !== undefined) errors.push(`${path}: ${key} is already priced by recurring[${earlier}]`);
    else charged.set(key, i);
  });

  if (tariff.limits !== null) errors.push(...limitProblems(tariff.limits));
  return errors.filter((e): e is string => e !== null);
}

function limitProblems(limits: Limits): (string | null)[] {
  const problems: (string | null)[] = [];
  const count = (name: keyof Limits, min: number) => {
    const value = limits[name];
    if (value !== null && typeof value !== 'object') problems.push(wholeProblem(`limits.${name}`, value, min));
  };
  count('maxCallDurationSeconds', 1);
  count('sipAccounts', 0);
  count('lines', 0);
  for (const name of ['totalDurationSeconds', 'successfulCalls', 'failedCalls'] as const) {
    const window = limits[name];
    if (window === null) continue;
    problems.push(
      wholeProblem(`limits.${name}.limit`, window.limit, 0),
      wholeProblem(`limits.${name}.windowSeconds`, window.windowSeconds, 1),
    );
  }
  return problems;
}
