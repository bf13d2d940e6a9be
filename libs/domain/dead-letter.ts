import type { SourceRef } from './source-ref';

/** Why a record could not be processed. The code is stable; the message is for people. */
export type DeadLetterCode =
  | 'UNPARSEABLE'
  | 'SCHEMA_INVALID'
  | 'END_BEFORE_START'
  | 'ANSWER_OUTSIDE_CALL'
  | 'INVALID_RECORD'
  | 'UNKNOWN_ACCOUNT'
  | 'NO_ACTIVE_TARIFF'
  | 'NO_PRICE'
  | 'CURRENCY_MISMATCH';

export type Stage = 'ingest' | 'normalize' | 'rate' | 'invoice';

/** A record the pipeline could not use, kept whole with the reason (topic `<input>.dlq`, or a file). */
export interface DeadLetter {
  readonly code: DeadLetterCode;
  readonly reason: string;
  readonly stage: Stage;
  readonly source: SourceRef;
  /** The original bytes, as read. */
  readonly original: Uint8Array | string;
}

/** A rule the record broke: returned, never thrown, by the pure core. */
export interface RuleViolation {
  readonly ok: false;
  readonly code: DeadLetterCode;
  readonly reason: string;
}

export const violation = (code: DeadLetterCode, reason: string): RuleViolation => ({ ok: false, code, reason });
