import type { AccountId, UserActivity } from '../domain';
import { type CalendarMonth, DAY_MS, HOUR_MS } from './calendar-month';
import { type AccountFleet, type Device, deviceActiveAt } from './fleet';
import type { Prng } from './prng';
import { compare } from './provisioning';
import type { ActivityDraft } from './stories';

type Activity = UserActivity['activity'];

/**
 * User activity for per-user licences: devices REGISTER a few times a month under their user's
 * SIP-ID (up to three devices per SIP-ID); some users host video conferences or use messaging;
 * about one user in six is idle all month, so licences are not simply "every SIP-ID". The accounts'
 * stories add theirs (`extra`) before the events are sorted and numbered.
 */
export function userActivity(
  rng: Prng, month: CalendarMonth, fleets: readonly AccountFleet[], extra: readonly ActivityDraft[] = [],
): UserActivity[] {
  type Draft = ActivityDraft;
  const drafts: Draft[] = [...extra];
  for (const fleet of fleets) {
    const accountId = fleet.account.accountId as AccountId;
    const users = new Map<string, Device[]>();
    for (const d of fleet.devices) users.set(d.sipId, [...(users.get(d.sipId) ?? []), d]);
    for (const [sipId, devices] of users) {
      if (rng.chance(1 / 6)) continue;
      const add = (device: Device, activity: Activity) => {
        const at = activeInstant(rng, month, device);
        if (at !== null) drafts.push({ accountId, sipId, deviceId: device.uri, activity, client: device.client, at });
      };
      for (const device of devices) for (let k = rng.int(1, 2); k > 0; k--) add(device, 'REGISTERED');
      const softphones = devices.filter((d) => d.client !== null);
      if (softphones.length === 0) continue;
      if (rng.chance(0.15)) for (let k = rng.int(1, 3); k > 0; k--) add(rng.pick(softphones), 'HOSTED_VIDEO_CONFERENCE');
      if (rng.chance(0.3)) add(rng.pick(softphones), 'USED_MESSAGING');
    }
  }
  drafts.sort((a, b) => a.at - b.at || compare(a.accountId, b.accountId) || compare(a.deviceId, b.deviceId) || compare(a.activity, b.activity));
  return drafts.map((e, i) => ({ eventId: `rg-${month.compact}-${String(i + 1).padStart(6, '0')}`, ...e }));
}

/** A whole-second instant in the month, in office hours UTC, while the device is provisioned; null if it never is. */
function activeInstant(rng: Prng, month: CalendarMonth, device: Device): number | null {
  for (let tries = 0; tries < 8; tries++) {
    const at = month.start + rng.int(0, month.days - 1) * DAY_MS + rng.int(7, 19) * HOUR_MS + rng.int(0, 3599) * 1000;
    if (deviceActiveAt(device, at)) return at;
  }
  return null;
}
