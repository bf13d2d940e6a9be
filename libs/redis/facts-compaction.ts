import type { BillingMonth, EpochMs } from '../domain';
import { compareChanges, type ProvisioningChange } from '../domain/recurring/provisioning-timeline';
import { provisioningFactOf } from './facts-members';

/** Zone offsets reach UTC+14: a month starts in some zone up to 14 h before it starts in UTC. */
const EARLIEST_START_MS = 14 * 3_600_000;

/**
 * Compaction of `provisioning:<account>` (facts-members.ts), which otherwise keeps every device and
 * trunk change of the account's life. Once every month before `month` is invoiced, only the state
 * carried into `month` and the changes since can be asked for (ProvisionedPeak counts the state at
 * the window's start from each subject's last change at or before it), so per subject every change
 * before the last one before the horizon can go.
 *
 * Unlike ProvisionedPeak.compact, a subject deprovisioned before the horizon keeps that last change:
 * a re-sent or late event of it, dated before the horizon, then combines with it exactly as with
 * the whole history, so invoices never differ from uncompacted ones and nothing has to be refused.
 * The set is O(devices and trunks ever + changes in months still open), not O(changes ever).
 */

/** The horizon for `month`: its start in the earliest zone, so a change of the account's zone cannot move a window before it. */
export function provisioningHorizon(month: BillingMonth): EpochMs {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return Date.UTC(year, mon - 1, 1) - EARLIEST_START_MS;
}

/** The members that no window from `horizon` on can need: per subject, its changes before its last one before the horizon. */
export function foldedAway(members: readonly string[], horizon: EpochMs): string[] {
  const bySubject = new Map<string, { change: ProvisioningChange; member: string }[]>();
  for (const member of members) {
    const { subject, subjectId, action, at } = provisioningFactOf(member);
    const key = `${subject}|${subjectId}`;
    const changes = bySubject.get(key) ?? [];
    changes.push({ change: [at, action], member });
    bySubject.set(key, changes);
  }
  const away: string[] = [];
  for (const changes of bySubject.values()) {
    changes.sort((a, b) => compareChanges(a.change, b.change));
    const firstKept = changes.findIndex(({ change: [at] }) => at >= horizon);
    const lastBefore = (firstKept < 0 ? changes.length : firstKept) - 1;
    for (let i = 0; i < lastBefore; i++) away.push(changes[i]!.member);
  }
  return away;
}
