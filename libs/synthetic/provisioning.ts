import type { AccountId, ProvisioningEvent } from '../domain';
import type { CalendarMonth } from './calendar-month';
import type { AccountFleet } from './fleet';

/**
 * Provisioning history of the fleets: every device and trunk PROVISIONED (most before the month,
 * since state carries across months), and the devices removed during the month DEPROVISIONED.
 * Sorted by time, then account and subject, so the file reads like the topic would.
 */
export function provisioningEvents(month: CalendarMonth, fleets: readonly AccountFleet[]): ProvisioningEvent[] {
  type Draft = Omit<ProvisioningEvent, 'eventId'>;
  const drafts: Draft[] = [];
  for (const fleet of fleets) {
    const accountId = fleet.account.accountId as AccountId;
    for (const t of fleet.trunks) {
      drafts.push({ accountId, subject: 'TRUNK', subjectId: t.trunkId, action: 'PROVISIONED', at: t.provisionedAt });
    }
    for (const d of fleet.devices) {
      drafts.push({ accountId, subject: 'DEVICE', subjectId: d.uri, action: 'PROVISIONED', at: d.provisionedAt });
      if (d.deprovisionedAt !== null) {
        drafts.push({ accountId, subject: 'DEVICE', subjectId: d.uri, action: 'DEPROVISIONED', at: d.deprovisionedAt });
      }
    }
  }
  drafts.sort((a, b) => a.at - b.at || compare(a.accountId, b.accountId) || compare(a.subjectId, b.subjectId));
  return drafts.map((e, i) => ({ eventId: `pv-${month.compact}-${String(i + 1).padStart(6, '0')}`, ...e }));
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
