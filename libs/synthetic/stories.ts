import type { Account, SipCoreCdr, TariffId, UserActivity } from '../domain';
import { type CalendarMonth, zoneOffsetMs } from './calendar-month';
import type { AccountFleet, Device } from './fleet';
import { freePlanCalls } from './free-plan-calls';
import type { MediaSession } from './media-sessions';
import type { CallFactory } from './sipcore-calls';

export type ActivityDraft = Omit<UserActivity, 'eventId'>;

/**
 * What a named account adds to its random fleet so that the sample invoices show every recurring
 * charge rule (data/sample/README.md lists the lines each one gives). A story edits reference data and
 * whom a device belongs to, never a device's URI or times, and draws no random numbers from the
 * fleet or CDR streams, so those stay as they were. A new account's story is one more entry in STORIES.
 */
export interface AccountStory {
  /**
   * The account draws no random calls or media sessions: its only CDRs are the story's calls, so
   * what they show (e.g. limit events) is all there is. Its devices, trunks and users are as usual.
   */
  readonly quiet?: boolean;
  /** Plans, billing model, fees and features. */
  readonly account?: (account: Account, month: CalendarMonth) => Account;
  /** Devices regrouped under another SIP-ID or client. */
  readonly devices?: (devices: readonly Device[]) => Device[];
  /** User activity on top of the random registrations; `conference` is the account's first video conference. */
  readonly activity?: (fleet: AccountFleet, month: CalendarMonth, conference: MediaSession | undefined) => ActivityDraft[];
  /** Edge-case calls written with --anomalies, woven into the SIP core stream by setup time. */
  readonly calls?: (fleet: AccountFleet, month: CalendarMonth, calls: CallFactory) => SipCoreCdr[];
}

/** The instant it is `day` at `hour`:00 in `zone`, in the month (day 1 at 0 h: the local month start). */
export function localInstant(zone: string, month: CalendarMonth, day: number, hour: number): number {
  const wall = Date.UTC(month.year, month.monthIndex, day, hour);
  // The zone's offset at the wall time read as UTC gives a guess; the offset at the guess is the one
  // in force then (wrong only inside the hour a DST change skips or repeats).
  return wall - zoneOffsetMs(zone, wall - zoneOffsetMs(zone, wall));
}

const MINUTE_MS = 60_000;

const STORIES: Readonly<Record<string, AccountStory>> = {
  // First invoice this month (setup fee), a feature, a plan price and LINES 4 -> 6 on the 15th (proration);
  // from the 8th a second, limits-only plan of 10 lines is active too: the higher value, 10, holds.
  acme: {
    account: (a, month) => {
      const opens = localInstant(a.timezone, month, 1, 0);
      const lines = (value: number, at: number) => ({ option: 'LINES' as const, value, at });
      const pack = { tariffId: 'lines-pack' as TariffId, activatedAt: localInstant(a.timezone, month, 8, 0), expiresAt: null, options: [] };
      return {
        ...a, setupFee: '99.00', features: ['call-recording'],
        plans: [
          ...a.plans.map((p) => ({ ...p, activatedAt: opens, options: [lines(4, opens), lines(6, localInstant(a.timezone, month, 15, 9))] })),
          pack,
        ],
      };
    },
  },
  // Channels instead of voice minutes, a burst of three calls on two channels, and a minimum charge.
  globex: {
    account: (a) => ({ ...a, billingModel: 'PER_CHANNEL', channels: 2, minimumMonthlyCharge: '500.00' }),
    calls: (fleet, month, calls) => {
      const start = localInstant(fleet.account.timezone, month, 28, 14);
      return [20, 15, 10].map((minutes, k) => {
        const setupAt = start + k * MINUTE_MS;
        const call = calls.call(`burst-${fleet.account.accountId}-${k + 1}`, fleet, setupAt, 'INBOUND', true);
        return { ...call, answerAt: setupAt + 5000, endAt: setupAt + 5000 + minutes * MINUTE_MS };
      });
    },
  },
  // John Doe's three mobiles on one SIP-ID (one mobile user), and the host of a video conference.
  initech: {
    devices: (devices) => devices.map((d, i) => (i < 3 ? { ...d, sipId: devices[0]!.sipId, client: 'MOBILE' } : d)),
    activity: (fleet, month, conference) => {
      const { accountId, timezone } = fleet.account;
      const john = fleet.devices.slice(0, 3).map((d, i): ActivityDraft => ({
        accountId, sipId: d.sipId, deviceId: d.uri, activity: 'REGISTERED', client: d.client, at: localInstant(timezone, month, 5 + 7 * i, 10),
      }));
      const host = fleet.devices.find((d) => d.uri === conferenceHost(conference));
      if (!conference || !host) return john;
      return [...john, { accountId, sipId: host.sipId, deviceId: host.uri, activity: 'HOSTED_VIDEO_CONFERENCE', client: host.client, at: conference.startAt }];
    },
  },
  // On a rate card (no limits), so the free plan holds: its calls cross three of its limits, once each.
  hooli: {
    quiet: true,
    account: (a) => ({ ...a, timezone: 'UTC', plans: a.plans.map((p) => ({ ...p, tariffId: 'card-usd' as TariffId })) }),
    calls: freePlanCalls,
  },
};

/** The participant who opened the conference (its first leg, there from start to end); guests join later. */
function conferenceHost(conference: MediaSession | undefined): string | null {
  const first = conference?.records.find((r) => r.resource === 'CALL_LEG');
  return first?.endpoint ?? null;
}

export function storyOf(accountId: string): AccountStory {
  return STORIES[accountId] ?? {};
}

/** The account's share of the random traffic: its size, or none for a quiet account. */
export function trafficWeight(fleet: AccountFleet): number {
  return storyOf(fleet.account.accountId).quiet ? 0 : fleet.devices.length;
}

/** The fleet with its account's story applied to its reference data and devices. */
export function withStory(fleet: AccountFleet, month: CalendarMonth): AccountFleet {
  const story = storyOf(fleet.account.accountId);
  return {
    ...fleet,
    account: story.account ? story.account(fleet.account, month) : fleet.account,
    devices: story.devices ? story.devices(fleet.devices) : fleet.devices,
  };
}

