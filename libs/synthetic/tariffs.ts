import type { Currency, Limits, OptionPrice, PlanCategory, Product, Rate, RecurringPrice, Tariff, TariffId } from '../domain';
import { type CalendarMonth, monthStartOffset } from './calendar-month';

/** The products of SPEC 4 in a fixed order, so every tariff lists its rates the same way. */
export const PRODUCTS = [
  'sipcore.voice', 'sipcore.video', 'sipcore.transcoding',
  'media.voice', 'media.video', 'media.conference', 'media.recording', 'media.monitoring',
] as const;
export type ProductName = (typeof PRODUCTS)[number];

interface PriceSheet {
  readonly tariffId: string;
  readonly currency: string;
  /** Price per minute by product; a missing product is one this tariff does not price. */
  readonly prices: Partial<Record<ProductName, string>>;
  readonly videoConnectFee: string;
  /** Voice price of version 2 from mid-month, when the tariff is re-priced during the month. */
  readonly voiceFromMidMonth: string | null;
  /** Monthly prices (SPEC 6), the same in every version. */
  readonly recurring: readonly RecurringPrice[];
  /** Monthly price per unit of a mutable plan option (SPEC 5). */
  readonly optionPrices: readonly OptionPrice[];
  /** Tariff-plan limits (SPEC 5); null: a rate card, whose accounts fall under the free plan. */
  readonly limits: Limits | null;
  readonly categories: readonly PlanCategory[];
}

/**
 * Limits of the standard plans: set on every option but high enough that no sample account reaches
 * them by accident, so the sample's limit events are only the ones its stories (stories.ts) provoke.
 */
const GENEROUS: Limits = {
  maxCallDurationSeconds: 14_400,
  totalDurationSeconds: { limit: 10_000_000, windowSeconds: 86_400 },
  successfulCalls: null,
  failedCalls: { limit: 1_000, windowSeconds: 3_600 },
  sipAccounts: 1_000,
  lines: 50,
};
const BOTH: readonly PlanCategory[] = ['SOFTPHONE', 'GATEWAY'];

/** Monthly prices of what every account has: devices, trunks and the four per-user licences. */
function everyday(device: string, trunk: string, mobile: string, desktop: string, videoHost: string, messaging: string): RecurringPrice[] {
  const price = (charge: RecurringPrice['charge'], amount: string): RecurringPrice => ({ charge, feature: null, price: amount });
  return [
    price('DEVICE', device), price('TRUNK', trunk), price('MOBILE_USER', mobile), price('DESKTOP_USER', desktop),
    price('VIDEO_HOST', videoHost), price('MESSAGING_USER', messaging),
  ];
}

/** Billing increments (first/next seconds) per product: varied on purpose, so rating is exercised. */
const INCREMENTS: Record<ProductName, readonly [number, number]> = {
  'sipcore.voice': [60, 60],
  'sipcore.video': [30, 6],
  'sipcore.transcoding': [60, 1],
  'media.voice': [1, 1],
  'media.video': [1, 1],
  'media.conference': [60, 1],
  'media.recording': [60, 60],
  'media.monitoring': [60, 60],
};

/**
 * One standard tariff per currency; accounts other than the named four cycle over these. Recurring
 * prices follow the accounts' stories (libs/synthetic/stories.ts): std-usd also has a plan price, the
 * call-recording feature and a LINES option price; std-eur a channel price for PER_CHANNEL billing.
 * Then the two tariffs of the limits stories: hooli's rate card and acme's limits-only plan.
 */
export const PRICE_SHEETS: readonly PriceSheet[] = [
  {
    tariffId: 'std-usd', currency: 'USD', videoConnectFee: '0.0100', voiceFromMidMonth: '0.0120',
    recurring: [
      ...everyday('2.50', '15.00', '3.00', '4.00', '8.00', '1.50'),
      { charge: 'FEATURE', feature: 'call-recording', price: '10.00' },
      { charge: 'PLAN', feature: null, price: '49.00' },
    ],
    optionPrices: [{ option: 'LINES', pricePerUnit: '5.00' }],
    // LINES is a priced option here: a tariff value would be billed per line to every account on it,
    // so the lines come from each account's plan options (acme: 4, then 6).
    limits: { ...GENEROUS, lines: null }, categories: BOTH,
    prices: {
      'sipcore.voice': '0.0100', 'sipcore.video': '0.0250', 'sipcore.transcoding': '0.0040',
      'media.voice': '0.0080', 'media.video': '0.0200', 'media.conference': '0.0060',
      'media.recording': '0.0030', 'media.monitoring': '0.0020',
    },
  },
  {
    tariffId: 'std-eur', currency: 'EUR', videoConnectFee: '0.0090', voiceFromMidMonth: null,
    recurring: [...everyday('2.20', '14.00', '2.70', '3.60', '7.20', '1.35'), { charge: 'CHANNEL', feature: null, price: '25.00' }],
    optionPrices: [], limits: GENEROUS, categories: BOTH,
    prices: {
      'sipcore.voice': '0.0090', 'sipcore.video': '0.0230', 'sipcore.transcoding': '0.0035',
      'media.voice': '0.0075', 'media.video': '0.0185', 'media.conference': '0.0055',
      'media.recording': '0.0028', 'media.monitoring': '0.0018',
    },
  },
  {
    // Deliberately no media.monitoring: a MONITORING record of a JPY account has no price (anomaly).
    tariffId: 'std-jpy', currency: 'JPY', videoConnectFee: '1.5', voiceFromMidMonth: null,
    recurring: everyday('300', '1800', '350', '480', '950', '180'),
    optionPrices: [], limits: GENEROUS, categories: BOTH,
    prices: {
      'sipcore.voice': '1.5', 'sipcore.video': '3.8', 'sipcore.transcoding': '0.6',
      'media.voice': '1.2', 'media.video': '3', 'media.conference': '0.9', 'media.recording': '0.45',
    },
  },
  {
    // A rate card (hooli's): prices only, no limits, so its account is held to the free plan's.
    tariffId: 'card-usd', currency: 'USD', videoConnectFee: '0.0100', voiceFromMidMonth: null,
    recurring: everyday('3.00', '18.00', '3.50', '4.50', '9.00', '2.00'),
    optionPrices: [], limits: null, categories: [],
    prices: {
      'sipcore.voice': '0.0150', 'sipcore.video': '0.0300', 'sipcore.transcoding': '0.0050',
      'media.voice': '0.0100', 'media.video': '0.0250', 'media.conference': '0.0080',
      'media.recording': '0.0040', 'media.monitoring': '0.0030',
    },
  },
  {
    // A limits-only plan (acme's second): prices nothing, so rating falls through to the priced plan.
    tariffId: 'lines-pack', currency: 'USD', videoConnectFee: '0', voiceFromMidMonth: null, recurring: [], optionPrices: [],
    limits: { maxCallDurationSeconds: null, totalDurationSeconds: null, successfulCalls: null, failedCalls: null, sipAccounts: null, lines: 10 },
    categories: ['GATEWAY'], prices: {},
  },
];

/** Whether the standard tariff `tariffId` has a price for `product`. */
export function prices(tariffId: string, product: ProductName): boolean {
  const sheet = PRICE_SHEETS.find((s) => s.tariffId === tariffId);
  return sheet?.prices[product] !== undefined;
}

/** Version 2 of a re-priced tariff takes effect at 00:00 UTC on the 16th. */
export function midMonth(month: CalendarMonth): number {
  return Date.UTC(month.year, month.monthIndex, 16);
}

/** All versions of the tariffs the accounts' plans name (`tariffIds`), in sheet order then version order. */
export function standardTariffs(month: CalendarMonth, tariffIds: ReadonlySet<string>): Tariff[] {
  const out: Tariff[] = [];
  for (const sheet of PRICE_SHEETS) {
    if (!tariffIds.has(sheet.tariffId)) continue;
    out.push(tariffVersion(sheet, 1, monthStartOffset(month, -12), null));
    if (sheet.voiceFromMidMonth) out.push(tariffVersion(sheet, 2, midMonth(month), sheet.voiceFromMidMonth));
  }
  return out;
}

function tariffVersion(sheet: PriceSheet, version: number, effectiveFrom: number, voice: string | null): Tariff {
  const rates: Rate[] = [];
  for (const product of PRODUCTS) {
    const price = product === 'sipcore.voice' && voice ? voice : sheet.prices[product];
    if (price === undefined) continue;
    const [firstIncrement, nextIncrement] = INCREMENTS[product];
    rates.push({
      product: product as Product, pricePerMinute: price, firstIncrement, nextIncrement,
      connectFee: product === 'sipcore.video' ? sheet.videoConnectFee : null,
    });
  }
  return {
    tariffId: sheet.tariffId as TariffId, version, currency: sheet.currency as Currency, effectiveFrom,
    ratingDecimals: 6, categories: sheet.categories, rates, recurring: sheet.recurring, limits: sheet.limits, optionPrices: sheet.optionPrices,
  };
}
