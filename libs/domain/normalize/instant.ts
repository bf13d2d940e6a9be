import type { EpochMs } from '../ids';

/**
 * A timestamp field as a dead-letter reason shows it: name, ISO-8601 and the raw epoch ms,
 * so an operator can read it and grep the source for it. Only called on the rejection path.
 */
export const describeInstant = (field: string, at: EpochMs): string =>
  field + '=' + (Number.isFinite(at) ? new Date(at).toISOString() + ' (' + at + ')' : String(at));
