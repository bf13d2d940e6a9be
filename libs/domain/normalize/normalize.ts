import { violation } from '../dead-letter';
import type { RawCdr } from '../records';
import type { SourceRef } from '../source-ref';
import { normalizeMedia } from './media';
import type { NormalizeOutcome } from './outcome';
import { normalizeSipCore } from './sipcore';

/** Any raw CDR -> its usage records or the rule it broke; the normalizer service's one entry point. */
export function normalize(raw: RawCdr, source: SourceRef): NormalizeOutcome {
  switch (raw.kind) {
    case 'sipcore':
      return normalizeSipCore(raw.record, source);
    case 'media':
      return normalizeMedia(raw.record, source);
    default:
      // Unreachable for typed input; a decoder bug must still reach the dead-letter topic, not throw.
      return violation('SCHEMA_INVALID', `unknown raw CDR kind=${(raw as { kind: unknown }).kind}`);
  }
}
