import type { Account, BillingMonth, LimitEvent, SourceRef, UsageId, UsageRecord } from '../domain';
import type { MonthBounds } from '../domain/rating';
import { PeakConcurrency } from '../domain/recurring';

/** What a call leg tells the watch: a UsageRecord fits, and so does a leg the invoicer stored from its rated record. */
export type ChannelLeg = Pick<UsageRecord, 'usageId' | 'callId' | 'startAt' | 'endAt' | 'source'>;

interface LegRef {
  readonly startAt: number;
  readonly usageId: UsageId;
  readonly source: SourceRef;
}

/**
 * Simultaneous calls of one PER_CHANNEL account in one billing month (SPEC 6): the peak the invoice
 * reports and, when the calls went above the account's channels, the month's LINES limit event.
 * Besides PeakConcurrency's spans it keeps the leg that starts each call span (a span always starts
 * where one of its legs does), so the event can name the leg that went over: O(legs of the month).
 */
export class ChannelWatch {
  readonly #calls = new PeakConcurrency();
  /** Per callId, one leg per distinct start (a SIP call's legs share theirs: usually one entry a call). */
  readonly #legs = new Map<string, LegRef[]>();

  /** A LEG usage of the account and month (legs of one callId hold one channel). */
  add(leg: ChannelLeg): void {
    this.#calls.add(leg);
    const ref: LegRef = { startAt: leg.startAt, usageId: leg.usageId, source: leg.source };
    const starts = this.#legs.get(leg.callId);
    if (starts === undefined) {
      this.#legs.set(leg.callId, [ref]);
      return;
    }
    const i = starts.findIndex((known) => known.startAt === leg.startAt);
    // Both legs of a device-to-device call start at the answer: keep the smaller id, whatever the arrival order.
    if (i < 0) starts.push(ref);
    else if (leg.usageId < starts[i]!.usageId) starts[i] = ref;
  }

  peak(): number {
    return this.#calls.peak();
  }

  /**
   * The LINES event of the month when more calls than `account.channels` were up at once: value is
   * the month's peak, at the first instant it went over, usageId the leg that did it. The channels
   * are the account's own, not a plan option, so planTariffId is null; the window is the month.
   */
  limitEvent(account: Account, month: BillingMonth, window: MonthBounds): LimitEvent | null {
    const channels = account.channels ?? 0;
    const use = this.#calls.exceeded(channels);
    if (use.firstExceededAt === null || use.callIdThatExceeded === null) return null;
    const leg = this.#legs.get(use.callIdThatExceeded)?.find((known) => known.startAt === use.firstExceededAt);
    if (leg === undefined) throw new Error(`invariant: no leg of call ${use.callIdThatExceeded} starts at ${use.firstExceededAt}`);
    return {
      eventId: `${account.accountId}:LINES:${month}`,
      accountId: account.accountId,
      limit: 'LINES',
      planTariffId: null,
      windowStart: window.start,
      windowSeconds: Math.round((window.end - window.start) / 1000),
      value: use.peak,
      threshold: channels,
      at: use.firstExceededAt,
      usageId: leg.usageId,
      source: leg.source,
    };
  }
}
