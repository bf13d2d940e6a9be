import { TariffId } from '../ids';
import { TariffBook } from '../rating';
import type { PlanAssignment, RecurringPrice, Tariff } from '../reference';
import { sampleTariff } from '../reference/sample-reference';

/** Monthly prices of the recurring specs, round enough to check by hand. */
export const PRICES = {
  DEVICE: '2.50',
  TRUNK: '15.00',
  CHANNEL: '20.00',
  MOBILE_USER: '3.00',
  DESKTOP_USER: '4.00',
  VIDEO_HOST: '8.00',
  MESSAGING_USER: '1.50',
  PLAN: '49.00',
} as const;

export const CALL_RECORDING = '10.00';

export const everyRecurringPrice: RecurringPrice[] = [
  ...Object.entries(PRICES).map(([charge, price]) => ({ charge: charge as RecurringPrice['charge'], feature: null, price })),
  { charge: 'FEATURE', feature: 'call-recording', price: CALL_RECORDING },
];

/** The 'cloud' tariff, in effect since 2025, with every recurring price. */
export const cloudTariff = (over: Partial<Tariff> = {}): Tariff =>
  sampleTariff({ tariffId: TariffId('cloud'), recurring: everyRecurringPrice, ...over });

export function bookOf(...tariffs: Tariff[]): TariffBook {
  const book = new TariffBook();
  for (const t of tariffs) book.add(t);
  return book;
}

export const plan = (tariffId: string, activatedAt: number, over: Partial<PlanAssignment> = {}): PlanAssignment => ({
  tariffId: TariffId(tariffId),
  activatedAt,
  expiresAt: null,
  options: [],
  ...over,
});
