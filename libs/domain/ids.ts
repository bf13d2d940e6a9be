/** Branded identifiers: a string that the type system will not confuse with another kind of id. */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type AccountId = Brand<string, 'AccountId'>;
export type TariffId = Brand<string, 'TariffId'>;
export type CdrId = Brand<string, 'CdrId'>;
export type MediaRecordId = Brand<string, 'MediaRecordId'>;
export type UsageId = Brand<string, 'UsageId'>;
/** A billing month in the account's timezone, `YYYY-MM`. */
export type BillingMonth = Brand<string, 'BillingMonth'>;
/** Usage product, e.g. `sipcore.voice`; one product per price. */
export type Product = Brand<string, 'Product'>;
/** ISO 4217 currency code. */
export type Currency = Brand<string, 'Currency'>;
/** Milliseconds since the Unix epoch (UTC). Time always comes from records, never from a clock. */
export type EpochMs = number;

export const AccountId = (s: string) => s as AccountId;
export const TariffId = (s: string) => s as TariffId;
export const UsageId = (s: string) => s as UsageId;
export const BillingMonth = (s: string) => s as BillingMonth;
export const Product = (s: string) => s as Product;
export const Currency = (s: string) => s as Currency;
