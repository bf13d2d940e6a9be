import type { Licence, LicensedUser } from '../invoice';
import type { MonthBounds } from '../rating';
import type { UserActivity } from '../records';

/** Every per-user licence, in the order the invoice and the licence CSV list them. */
export const LICENCES: readonly Licence[] = ['MOBILE_USER', 'DESKTOP_USER', 'VIDEO_HOST', 'MESSAGING_USER'];

export type LicenceCounts = Readonly<Record<Licence, number>>;

/**
 * The licence an activity earns its SIP-ID (Cloud Softphone seed): a registration from a mobile or
 * desktop client, hosting a video conference (guests raise no such event, so they are free), using
 * messaging. A registration without a client cannot be told apart and earns nothing.
 */
export function licenceOf(activity: UserActivity): Licence | null {
  switch (activity.activity) {
    case 'REGISTERED':
      return activity.client === 'MOBILE' ? 'MOBILE_USER' : activity.client === 'DESKTOP' ? 'DESKTOP_USER' : null;
    case 'HOSTED_VIDEO_CONFERENCE':
      return 'VIDEO_HOST';
    case 'USED_MESSAGING':
      return 'MESSAGING_USER';
  }
}

/**
 * Licences of one account in one billing month, per SIP-ID, never per device: John Doe's three phones
 * on one SIP-ID are one mobile user, and a SIP-ID with no activity in the month is not billed at all.
 * Its state is the LicensedUser list itself (bounded by the account's users), so users() can be
 * persisted as is and handed back to restore().
 */
export class UserLicences {
  readonly #bySipId = new Map<string, Set<Licence>>();

  static restore(users: readonly LicensedUser[]): UserLicences {
    const licences = new UserLicences();
    for (const u of users) licences.#bySipId.set(u.sipId, new Set(u.licences));
    return licences;
  }

  /** Records an activity of this account and month; true when it earned its SIP-ID a licence it did not have. */
  add(activity: UserActivity): boolean {
    const licence = licenceOf(activity);
    if (licence === null) return false;
    let held = this.#bySipId.get(activity.sipId);
    if (!held) this.#bySipId.set(activity.sipId, (held = new Set()));
    if (held.has(licence)) return false;
    held.add(licence);
    return true;
  }

  /** Billed users sorted by SIP-ID (code-unit order, locale-free), each with its licences in LICENCES order. */
  users(): LicensedUser[] {
    return [...this.#bySipId]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([sipId, held]) => ({ sipId, licences: LICENCES.filter((l) => held.has(l)) }));
  }

  counts(): LicenceCounts {
    return licenceCounts(this.users());
  }
}

/** How many users hold each licence. */
export function licenceCounts(users: readonly LicensedUser[]): LicenceCounts {
  const counts: Record<Licence, number> = { MOBILE_USER: 0, DESKTOP_USER: 0, VIDEO_HOST: 0, MESSAGING_USER: 0 };
  for (const u of users) for (const l of u.licences) counts[l]++;
  return counts;
}

/** The licensed users of a month from its activities (those outside [start, end) are ignored). */
export function licensedUsers(activities: readonly UserActivity[], window: MonthBounds): LicensedUser[] {
  const licences = new UserLicences();
  for (const a of activities) if (a.at >= window.start && a.at < window.end) licences.add(a);
  return licences.users();
}
