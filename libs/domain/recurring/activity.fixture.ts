import type { UserActivity } from '../records';
import { ACME } from './provisioning.fixture';

let next = 0;
/** A user activity of account acme, built by hand for the licence specs. */
export function activity(
  sipId: string,
  kind: UserActivity['activity'],
  at: number,
  over: Partial<UserActivity> = {},
): UserActivity {
  return { eventId: `act-${++next}`, accountId: ACME, sipId, deviceId: `${sipId}/device`, activity: kind, client: null, at, ...over };
}

export const registered = (sipId: string, client: 'MOBILE' | 'DESKTOP', at: number, deviceId = `${sipId}/device`) =>
  activity(sipId, 'REGISTERED', at, { client, deviceId });
