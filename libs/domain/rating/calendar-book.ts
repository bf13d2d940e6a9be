import { BillingCalendar } from './billing-calendar';

/**
 * Hands out one BillingCalendar per zone, so all accounts of a zone share its month cache.
 * An instance, not a global: each service (or test) owns its own.
 */
export class CalendarBook {
  private readonly calendars = new Map<string, BillingCalendar>();

  /** Throws RangeError for an unknown zone (validate accounts first: validateAccount). */
  forZone(timezone: string): BillingCalendar {
    let calendar = this.calendars.get(timezone);
    if (calendar === undefined) {
      calendar = new BillingCalendar(timezone);
      this.calendars.set(timezone, calendar);
    }
    return calendar;
  }
}
