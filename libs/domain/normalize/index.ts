export { normalize } from './normalize';
export { normalizeSipCore } from './sipcore';
export { normalizeMedia } from './media';
export { checkSipCore } from './sipcore-rules';
export { checkMedia } from './media-rules';
export { sipUsageId, mediaUsageId, type SipRole } from './usage-id';
export type { NormalizeOutcome } from './outcome';
export { normalizeForAccount } from './known-account';
