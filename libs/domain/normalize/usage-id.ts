import { UsageId } from '../ids';

/**
 * Deterministic usage ids: the same source record in the same role always yields the same id,
 * so a re-sent CDR is billed once (downstream deduplicates by usage id).
 *
 * The role is always the last `:` segment and never contains `:`, so a cdrId that itself contains
 * colons cannot collide with another (cdrId, role) pair. Ids are unique per source system, as
 * SPEC 2 promises for cdrId and recordId; the account is not part of the id.
 */
export type SipRole = 'orig' | 'term' | 'transcoding' | 'attempt';

export const sipUsageId = (cdrId: string, role: SipRole): UsageId => UsageId('sip:' + cdrId + ':' + role);

/** A media-server record is exactly one usage record, so its id needs no role. */
export const mediaUsageId = (recordId: string): UsageId => UsageId('media:' + recordId);
