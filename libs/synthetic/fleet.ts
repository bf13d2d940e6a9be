import type { Account, AccountId, Currency, TariffId } from '../domain';
import { type CalendarMonth, DAY_MS, HOUR_MS, monthStartOffset } from './calendar-month';
import { Prng } from './prng';
import { withStory } from './stories';

/** A provisioned SIP user agent of an account; `sipId` is the user it belongs to (one user, up to 3 devices). */
export interface Device {
  readonly uri: string;
  readonly sipId: string;
  /** The softphone kind it registers from; null for a desk phone. */
  readonly client: 'MOBILE' | 'DESKTOP' | null;
  readonly provisionedAt: number;
  readonly deprovisionedAt: number | null;
}

export interface Trunk {
  readonly trunkId: string;
  readonly provisionedAt: number;
}

/** An account with everything that calls: devices, trunks, Alexa endpoints and its phone-number plan. */
export interface AccountFleet {
  readonly account: Account;
  readonly domain: string;
  readonly devices: readonly Device[];
  readonly trunks: readonly Trunk[];
  readonly alexa: readonly string[];
  /** E.164 prefix of the account's country, for external numbers (`+1212555`). */
  readonly dialPrefix: string;
}

interface Locale { readonly currency: string; readonly timezone: string; readonly tariffId: string; readonly dialPrefix: string }

/**
 * The first four accounts are named; the rest are `acct-0005`... Each takes these locales in turn; a
 * story (stories.ts) may change its account's (hooli: UTC, on a rate card).
 */
const LOCALES: readonly Locale[] = [
  { currency: 'USD', timezone: 'America/New_York', tariffId: 'std-usd', dialPrefix: '+1212555' },
  { currency: 'EUR', timezone: 'Europe/Berlin', tariffId: 'std-eur', dialPrefix: '+49305' },
  { currency: 'JPY', timezone: 'Asia/Tokyo', tariffId: 'std-jpy', dialPrefix: '+8135' },
];
const NAMED = ['acme', 'globex', 'initech', 'hooli'];

/** Devices 0..ALWAYS_ON-1 exist all month, so a call can always find an active device. */
const ALWAYS_ON = 5;

export function accountIdAt(index: number): string {
  return NAMED[index] ?? `acct-${String(index + 1).padStart(4, '0')}`;
}

/** The accounts of a generated month, each with its story (stories.ts); fleets depend on the seed and the month only. */
export function buildFleets(seed: number, month: CalendarMonth, count: number): AccountFleet[] {
  const fleets: AccountFleet[] = [];
  for (let i = 0; i < count; i++) fleets.push(withStory(buildFleet(Prng.stream(seed, `fleet:${i}`), month, i), month));
  return fleets;
}

function buildFleet(rng: Prng, month: CalendarMonth, index: number): AccountFleet {
  const locale = LOCALES[index % LOCALES.length] as Locale;
  const accountId = accountIdAt(index);
  const domain = `${accountId}.example.com`;
  const account: Account = {
    accountId: accountId as AccountId, currency: locale.currency as Currency, timezone: locale.timezone,
    billingModel: 'PER_MINUTE', channels: null, minimumMonthlyCharge: null, setupFee: null, features: [],
    plans: [{ tariffId: locale.tariffId as TariffId, activatedAt: monthStartOffset(month, -(2 + (index % 9))), expiresAt: null, options: [] }],
    invoiceRounding: 'HALF_UP',
  };
  const trunks: Trunk[] = [];
  const trunkCount = rng.int(1, 3);
  for (let n = 1; n <= trunkCount; n++) {
    const added = n > 1 && rng.chance(0.25);
    trunks.push({ trunkId: `trunk-${n}`, provisionedAt: added ? duringMonth(rng, month) : beforeMonth(rng, month) });
  }
  const alexa = Array.from({ length: rng.int(0, 2) }, () => `amzn1.ask.device.${rng.hex(20).toUpperCase()}`);
  return { account, domain, devices: buildDevices(rng, month, domain), trunks, alexa, dialPrefix: locale.dialPrefix };
}

function buildDevices(rng: Prng, month: CalendarMonth, domain: string): Device[] {
  const devices: Device[] = [];
  const count = rng.int(5, 40);
  let user = 0;
  let left = 0;
  let sipId = '';
  for (let i = 0; i < count; i++) {
    if (left === 0) {
      left = rng.pick([1, 1, 1, 1, 2, 2, 3]);
      sipId = `${1234500 + user++}@${domain}`;
    }
    left--;
    const core = i < ALWAYS_ON;
    const provisionedAt = !core && rng.chance(0.2) ? duringMonth(rng, month) : beforeMonth(rng, month);
    const removed = !core && rng.chance(0.08);
    const deprovisionedAt = removed
      ? Math.min(month.end - HOUR_MS, Math.max(provisionedAt, month.start) + rng.int(2, 10) * DAY_MS + rng.int(0, 23) * HOUR_MS)
      : null;
    const client = rng.pick(['DESKTOP', 'DESKTOP', 'MOBILE', 'MOBILE', null] as const);
    devices.push({ uri: `sip:${1001 + i}@${domain}`, sipId, client, provisionedAt, deprovisionedAt });
  }
  return devices;
}

/** A whole-second instant 1 to 12 months before the month starts, in office hours UTC. */
function beforeMonth(rng: Prng, month: CalendarMonth): number {
  return month.start - rng.int(1, 360) * DAY_MS + rng.int(8, 17) * HOUR_MS + rng.int(0, 3599) * 1000;
}

/** A whole-second instant in the first 20 days of the month. */
function duringMonth(rng: Prng, month: CalendarMonth): number {
  return month.start + rng.int(0, 19) * DAY_MS + rng.int(8, 17) * HOUR_MS + rng.int(0, 3599) * 1000;
}

export function deviceActiveAt(d: Device, at: number): boolean {
  return d.provisionedAt <= at && (d.deprovisionedAt === null || at < d.deprovisionedAt);
}

/** A device active at `at`; the always-on devices are the fallback after a few tries. */
export function activeDevice(rng: Prng, fleet: AccountFleet, at: number): Device {
  for (let tries = 0; tries < 6; tries++) {
    const d = rng.pick(fleet.devices);
    if (deviceActiveAt(d, at)) return d;
  }
  return fleet.devices[rng.int(0, ALWAYS_ON - 1)] as Device;
}

/** A trunk provisioned by `at`; trunk-1 has been there since before the month. */
export function activeTrunk(rng: Prng, fleet: AccountFleet, at: number): Trunk {
  const t = rng.pick(fleet.trunks);
  return t.provisionedAt <= at ? t : (fleet.trunks[0] as Trunk);
}

/** An external phone number in the account's country, as a SIP URI through `host`. */
export function externalNumber(rng: Prng, fleet: AccountFleet, host: string): string {
  // Every plan here has 11-digit E.164 numbers: the prefix's digits plus the subscriber part.
  const digits = 12 - fleet.dialPrefix.length;
  return `sip:${fleet.dialPrefix}${String(rng.int(0, 10 ** digits - 1)).padStart(digits, '0')}@${host}`;
}
