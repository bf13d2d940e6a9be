export { billedSeconds } from './billed-seconds';
export { billedMinutes } from './billed-minutes';
export { amountText } from './amount-text';
export { BillingCalendar, type MonthBounds } from './billing-calendar';
export { CalendarBook } from './calendar-book';
export { compileTariff, type CompiledRate, type CompiledTariff } from './compiled-tariff';
export { TariffBook } from './tariff-book';
export { selectRate, type RateChoice } from './plan-selection';
export { rateUsage, type RatingContext, type RatingOutcome } from './rate';
