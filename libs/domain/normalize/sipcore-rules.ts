import { violation, type RuleViolation } from '../dead-letter';
import type { SipCoreCdr } from '../records';
import { describeInstant } from './instant';

/**
 * The rules a SIP core CDR must meet before it is turned into usage (SPEC 3). Checked in this order,
 * the first broken one wins: identity, enum values, timestamps, interval, answer inside the call,
 * disposition agreeing with the answer. Returns null when the CDR is usable.
 *
 * Enum values are normally enforced by the Avro/JSON decoder; they are checked again here because an
 * unknown fromKind or media would otherwise drop or misprice a leg silently (SCHEMA_INVALID).
 */
export function checkSipCore(cdr: SipCoreCdr): RuleViolation | null {
  if (!cdr.cdrId) return violation('INVALID_RECORD', 'cdrId is empty');
  if (!cdr.accountId) return violation('INVALID_RECORD', `accountId is empty (cdrId=${cdr.cdrId})`);

  const badEnum = unknownEnum(cdr);
  if (badEnum !== null) return violation('SCHEMA_INVALID', `${badEnum} (cdrId=${cdr.cdrId})`);

  const { setupAt, answerAt, endAt } = cdr;
  if (!Number.isFinite(setupAt) || !Number.isFinite(endAt) || (answerAt != null && !Number.isFinite(answerAt))) {
    return violation(
      'INVALID_RECORD',
      `timestamps must be finite: setupAt=${setupAt}, answerAt=${answerAt}, endAt=${endAt} (cdrId=${cdr.cdrId})`,
    );
  }
  if (endAt < setupAt) {
    return violation(
      'END_BEFORE_START',
      `${describeInstant('endAt', endAt)} is before ${describeInstant('setupAt', setupAt)} (cdrId=${cdr.cdrId})`,
    );
  }
  if (answerAt != null && (answerAt < setupAt || answerAt > endAt)) {
    return violation(
      'ANSWER_OUTSIDE_CALL',
      `${describeInstant('answerAt', answerAt)} is outside ${describeInstant('setupAt', setupAt)}..` +
        `${describeInstant('endAt', endAt)} (cdrId=${cdr.cdrId})`,
    );
  }
  if (cdr.disposition === 'ANSWERED' && answerAt == null) {
    return violation('INVALID_RECORD', `disposition=ANSWERED but answerAt is null (cdrId=${cdr.cdrId})`);
  }
  if (cdr.disposition !== 'ANSWERED' && answerAt != null) {
    return violation(
      'INVALID_RECORD',
      `disposition=${cdr.disposition} but ${describeInstant('answerAt', answerAt)} is set (cdrId=${cdr.cdrId})`,
    );
  }
  return null;
}

const isEndpointKind = (v: string): boolean => v === 'DEVICE' || v === 'TRUNK' || v === 'EXTERNAL';
const isMedia = (v: string): boolean => v === 'AUDIO' || v === 'VIDEO';
const isDisposition = (v: string): boolean =>
  v === 'ANSWERED' || v === 'NO_ANSWER' || v === 'BUSY' || v === 'FAILED' || v === 'CANCELLED';

function unknownEnum(cdr: SipCoreCdr): string | null {
  if (!isEndpointKind(cdr.fromKind)) return `unknown fromKind=${cdr.fromKind}`;
  if (!isEndpointKind(cdr.toKind)) return `unknown toKind=${cdr.toKind}`;
  if (!isMedia(cdr.media)) return `unknown media=${cdr.media}`;
  if (!isDisposition(cdr.disposition)) return `unknown disposition=${cdr.disposition}`;
  return null;
}
