import { violation, type RuleViolation } from '../dead-letter';
import type { MediaCdr } from '../records';
import { describeInstant } from './instant';

/**
 * The rules a media-server CDR must meet before it is turned into usage (SPEC 3). First broken rule
 * wins: identity, enum values, timestamps, interval, a direction on every call leg. Null when usable.
 *
 * Enums are re-checked (SCHEMA_INVALID) because an unknown resource or media would otherwise
 * misprice the record silently; the decoder normally rejects them first.
 */
export function checkMedia(rec: MediaCdr): RuleViolation | null {
  if (!rec.recordId) return violation('INVALID_RECORD', 'recordId is empty');
  if (!rec.accountId) return violation('INVALID_RECORD', `accountId is empty (recordId=${rec.recordId})`);

  const badEnum = unknownEnum(rec);
  if (badEnum !== null) return violation('SCHEMA_INVALID', `${badEnum} (recordId=${rec.recordId})`);

  const { startAt, endAt } = rec;
  if (!Number.isFinite(startAt) || !Number.isFinite(endAt)) {
    return violation(
      'INVALID_RECORD',
      `timestamps must be finite: startAt=${startAt}, endAt=${endAt} (recordId=${rec.recordId})`,
    );
  }
  if (endAt < startAt) {
    return violation(
      'END_BEFORE_START',
      `${describeInstant('endAt', endAt)} is before ${describeInstant('startAt', startAt)} (recordId=${rec.recordId})`,
    );
  }
  if (rec.resource === 'CALL_LEG' && rec.direction == null) {
    return violation('INVALID_RECORD', `resource=CALL_LEG but direction is null (recordId=${rec.recordId})`);
  }
  return null;
}

const isResource = (v: string): boolean =>
  v === 'CALL_LEG' || v === 'CONFERENCE_CONNECTION' || v === 'RECORDING' || v === 'MONITORING';
const isMedia = (v: string): boolean => v === 'AUDIO' || v === 'VIDEO';
const isDirection = (v: string): boolean => v === 'ORIGINATING' || v === 'TERMINATING';

function unknownEnum(rec: MediaCdr): string | null {
  if (!isResource(rec.resource)) return `unknown resource=${rec.resource}`;
  if (!isMedia(rec.media)) return `unknown media=${rec.media}`;
  if (rec.direction != null && !isDirection(rec.direction)) return `unknown direction=${rec.direction}`;
  return null;
}
