import type { AccountId, Currency, EpochMs, Product, TariffId } from './ids';

/** Reference data (SPEC 2.5): accounts and versioned tariffs. Money is always a decimal string. */

export type RoundingMode = 'HALF_UP' | 'HALF_EVEN' | 'UP' | 'DOWN';
export type BillingModel = 'PER_MINUTE' | 'PER_CHANNEL';

/** A tariff-plan option (SPEC 5): seconds for the two durations, counts for the others. */
export type PlanOption =
  | 'MAX_CALL_DURATION' | 'TOTAL_DURATION' | 'SUCCESSFUL_CALLS' | 'FAILED_CALLS' | 'SIP_ACCOUNTS' | 'LINES';

/** A mutable option set to a new value from `at` on (prorated over the rest of the month). */
export interface OptionChange {
  readonly option: PlanOption;
  readonly value: number;
  readonly at: EpochMs;
}

/** A tariff plan assigned to an account, active in [activatedAt, expiresAt). */
export interface PlanAssignment {
  readonly tariffId: TariffId;
  readonly activatedAt: EpochMs;
  readonly expiresAt: EpochMs | null;
  readonly options: readonly OptionChange[];
}

export interface Account {
  readonly accountId: AccountId;
  readonly currency: Currency;
  /** IANA zone; billing months are calendar months in this zone. */
  readonly timezone: string;
  readonly billingModel: BillingModel;
  readonly channels: number | null;
  readonly minimumMonthlyCharge: string | null;
  readonly setupFee: string | null;
  readonly features: readonly string[];
  readonly plans: readonly PlanAssignment[];
  /** How each invoice line is rounded to the currency's minor unit. */
  readonly invoiceRounding: RoundingMode;
}

/** One price of a tariff: a product, its per-minute price and its billing increments (CGRateS: rate, rate unit, rate increment, connect fee). */
export interface Rate {
  readonly product: Product;
  readonly pricePerMinute: string;
  /** Seconds billed for the first increment (e.g. 60 in 60/60, 30 in 30/6). */
  readonly firstIncrement: number;
  /** Seconds of every following increment. */
  readonly nextIncrement: number;
  /** Charged once per rated leg when present. */
  readonly connectFee: string | null;
}

export type RecurringCharge =
  | 'DEVICE' | 'TRUNK' | 'CHANNEL'
  | 'MOBILE_USER' | 'DESKTOP_USER' | 'VIDEO_HOST' | 'MESSAGING_USER'
  | 'FEATURE'
  | 'PLAN';

export interface RecurringPrice {
  readonly charge: RecurringCharge;
  /** The feature name for FEATURE prices, null otherwise. */
  readonly feature: string | null;
  readonly price: string;
}

export interface WindowLimit {
  readonly limit: number;
  readonly windowSeconds: number;
}

/** Tariff-plan limits (SPEC 5); null means the option is not set by this plan. */
export interface Limits {
  readonly maxCallDurationSeconds: number | null;
  readonly totalDurationSeconds: WindowLimit | null;
  readonly successfulCalls: WindowLimit | null;
  readonly failedCalls: WindowLimit | null;
  readonly sipAccounts: number | null;
  readonly lines: number | null;
}

export type PlanCategory = 'SOFTPHONE' | 'GATEWAY' | 'GROUP';

export interface Tariff {
  readonly tariffId: TariffId;
  readonly version: number;
  readonly currency: Currency;
  /** This version applies to usage that starts at or after this instant. */
  readonly effectiveFrom: EpochMs;
  /** Decimals a rated amount keeps (default 6), rounded half-up. */
  readonly ratingDecimals: number;
  readonly categories: readonly PlanCategory[];
  readonly rates: readonly Rate[];
  readonly recurring: readonly RecurringPrice[];
  /** Null: a rate card only, not a tariff plan; the account then falls under the free plan's limits. */
  readonly limits: Limits | null;
  /** Monthly prices of mutable options (per unit of the option's value). */
  readonly optionPrices: readonly OptionPrice[];
}

export interface OptionPrice {
  readonly option: PlanOption;
  readonly pricePerUnit: string;
}
