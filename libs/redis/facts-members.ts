import type { Licence, LicensedUser } from '../domain';
import { LICENCES } from '../domain/recurring';
import type { ProvisioningFact } from '../pipeline/restored-facts';

/**
 * Recurring facts as Redis set members. A set is idempotent by nature: a re-delivered event adds
 * the member it added before, so at-least-once delivery never counts a fact twice.
 *
 * - provisioning: `<subject>|<action>|<at>|<subjectId>` (the free-text id last, so it may hold `|`);
 *   two events that make the same change are one member, as ProvisionedPeak counts them once anyway.
 * - licences: `<licence>|<sipId>`, one per SIP-ID and licence earned in the month.
 */
export function provisioningMember(fact: ProvisioningFact): string {
  return `${fact.subject}|${fact.action}|${fact.at}|${fact.subjectId}`;
}

export function provisioningFactOf(member: string): ProvisioningFact {
  const match = /^(DEVICE|TRUNK)\|(PROVISIONED|DEPROVISIONED)\|(-?\d+)\|(.*)$/s.exec(member);
  if (!match || !Number.isSafeInteger(Number(match[3]))) throw new RangeError(`not a provisioning member: "${member}"`);
  return {
    subject: match[1] as ProvisioningFact['subject'],
    action: match[2] as ProvisioningFact['action'],
    at: Number(match[3]),
    subjectId: match[4]!,
  };
}

export function licenceMember(licence: Licence, sipId: string): string {
  return `${licence}|${sipId}`;
}

/** Licence members back into users, as UserLicences lists them: by SIP-ID, licences in LICENCES order. */
export function licensedUsersOf(members: readonly string[]): LicensedUser[] {
  const held = new Map<string, Set<Licence>>();
  for (const member of members) {
    const bar = member.indexOf('|');
    const licence = member.slice(0, bar) as Licence;
    if (bar < 0 || !LICENCES.includes(licence)) throw new RangeError(`not a licence member: "${member}"`);
    const sipId = member.slice(bar + 1);
    held.set(sipId, (held.get(sipId) ?? new Set()).add(licence));
  }
  return [...held]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([sipId, licences]) => ({ sipId, licences: LICENCES.filter((l) => licences.has(l)) }));
}
