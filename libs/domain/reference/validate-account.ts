import type { Account } from '../reference';
import { isCurrency } from '../money';
import { amountProblem, instantProblem, textProblem, wholeProblem } from './decimal-rules';
import { isTimeZone, type ZoneCheck } from './time-zone';

const BILLING_MODELS: readonly string[] = ['PER_MINUTE', 'PER_CHANNEL'];
const ROUNDING_MODES: readonly string[] = ['HALF_UP', 'HALF_EVEN', 'UP', 'DOWN'];

/**
 * Rules an account must meet beyond its Avro schema. Returns every problem found, each prefixed
 * with its field path (e.g. `plans[1].expiresAt: ...`); an empty list means the account is usable.
 * `isZone` checks the timezone: a rememberingZones() where many accounts are checked.
 */
export function validateAccount(account: Account, isZone: ZoneCheck = isTimeZone): string[] {
  const errors: (string | null)[] = [
    textProblem('accountId', account.accountId),
    isCurrency(account.currency) ? null : `currency: "${account.currency}" is not a known ISO 4217 currency`,
    isZone(account.timezone) ? null : `timezone: "${account.timezone}" is not a known IANA time zone`,
    BILLING_MODELS.includes(account.billingModel)
      ? null
      : `billingModel: "${account.billingModel}" is not one of ${BILLING_MODELS.join(', ')}`,
    ROUNDING_MODES.includes(account.invoiceRounding)
      ? null
      : `invoiceRounding: "${account.invoiceRounding}" is not one of ${ROUNDING_MODES.join(', ')}`,
    account.minimumMonthlyCharge === null ? null : amountProblem('minimumMonthlyCharge', account.minimumMonthlyCharge),
    account.setupFee === null ? null : amountProblem('setupFee', account.setupFee),
  ];

  if (account.billingModel === 'PER_CHANNEL') {
    errors.push(
      account.channels === null
        ? 'channels: required for PER_CHANNEL billing (at least 1)'
        : wholeProblem('channels', account.channels, 1),
    );
  } else if (account.channels !== null) {
    errors.push(wholeProblem('channels', account.channels, 0));
  }

  const seenFeatures = new Set<string>();
  account.features.forEach((feature, i) => {
    errors.push(textProblem(`features[${i}]`, feature));
    if (seenFeatures.has(feature)) errors.push(`features[${i}]: "${feature}" is listed twice`);
    seenFeatures.add(feature);
  });

  account.plans.forEach((plan, i) => {
    const path = `plans[${i}]`;
    errors.push(textProblem(`${path}.tariffId`, plan.tariffId), instantProblem(`${path}.activatedAt`, plan.activatedAt));
    if (plan.expiresAt !== null) {
      const bad = instantProblem(`${path}.expiresAt`, plan.expiresAt);
      errors.push(bad);
      if (bad === null && plan.expiresAt <= plan.activatedAt) {
        errors.push(`${path}.expiresAt: ${iso(plan.expiresAt)} must be after activatedAt ${iso(plan.activatedAt)}`);
      }
    }
  });

  return errors.filter((e): e is string => e !== null);
}

const iso = (ms: number) => (Number.isFinite(ms) ? new Date(ms).toISOString() : String(ms));
