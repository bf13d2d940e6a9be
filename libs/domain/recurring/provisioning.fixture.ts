import { AccountId } from '../ids';
import type { ProvisioningEvent } from '../records';
import type { MonthBounds } from '../rating';

/** Test data for the recurring specs: February 2026 in UTC and provisioning events built by hand. */
export const FEBRUARY: MonthBounds = { start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 2, 1) };
export const JANUARY: MonthBounds = { start: Date.UTC(2026, 0, 1), end: Date.UTC(2026, 1, 1) };
export const ACME = AccountId('acme');

/** Day `day` of February 2026 at `hour`:00 UTC. */
export const feb = (day: number, hour = 12) => Date.UTC(2026, 1, day, hour);
export const jan = (day: number, hour = 12) => Date.UTC(2026, 0, day, hour);

let next = 0;
export function provisioning(
  subject: ProvisioningEvent['subject'],
  subjectId: string,
  action: ProvisioningEvent['action'],
  at: number,
  eventId = `ev-${++next}`,
): ProvisioningEvent {
  return { eventId, accountId: ACME, subject, subjectId, action, at };
}

export const provisioned = (id: string, at: number) => provisioning('DEVICE', id, 'PROVISIONED', at);
export const removed = (id: string, at: number) => provisioning('DEVICE', id, 'DEPROVISIONED', at);
