import { AccountId, Currency, Product, TariffId } from '../ids';
import type { Account, Rate, Tariff } from '../reference';

/** A valid per-minute account to start specs and demos from; override what the case is about. */
export function sampleAccount(overrides: Partial<Account> = {}): Account {
  return {
    accountId: AccountId('ACME'),
    currency: Currency('USD'),
    timezone: 'UTC',
    billingModel: 'PER_MINUTE',
    channels: null,
    minimumMonthlyCharge: null,
    setupFee: null,
    features: [],
    plans: [{ tariffId: TariffId('standard'), activatedAt: Date.UTC(2025, 0, 1), expiresAt: null, options: [] }],
    invoiceRounding: 'HALF_UP',
    ...overrides,
  };
}

/** A rate at 60/60 without connect fee unless overridden. */
export function sampleRate(product: string, pricePerMinute: string, overrides: Partial<Rate> = {}): Rate {
  return { product: Product(product), pricePerMinute, firstIncrement: 60, nextIncrement: 60, connectFee: null, ...overrides };
}

/** A valid tariff version pricing SIP core voice and video, to start specs and demos from. */
export function sampleTariff(overrides: Partial<Tariff> = {}): Tariff {
  return {
    tariffId: TariffId('standard'),
    version: 1,
    currency: Currency('USD'),
    effectiveFrom: Date.UTC(2025, 0, 1),
    ratingDecimals: 6,
    categories: [],
    optionPrices: [],
    rates: [sampleRate('sipcore.voice', '0.01'), sampleRate('sipcore.video', '0.05')],
    recurring: [{ charge: 'DEVICE', feature: null, price: '2.50' }],
    limits: null,
    ...overrides,
  };
}
