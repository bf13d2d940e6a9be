import { Product, type EpochMs } from '../ids';
import type { Direction, SipCoreCdr } from '../records';
import type { SourceRef } from '../source-ref';
import { PRODUCTS, type UsageKind, type UsageRecord } from '../usage';
import type { NormalizeOutcome } from './outcome';
import { checkSipCore } from './sipcore-rules';
import { sipUsageId, type SipRole } from './usage-id';

const VOICE = Product(PRODUCTS.sipcoreVoice);
const VIDEO = Product(PRODUCTS.sipcoreVideo);
const TRANSCODING = Product(PRODUCTS.sipcoreTranscoding);

/**
 * SIP core CDR -> usage (SPEC 3).
 *
 * Answered call: one LEG per DEVICE side, over answerAt..endAt. A device-to-device call is two legs
 * (seed 000: "counted as two calls"); trunk/external to device one TERMINATING leg; device to trunk one
 * ORIGINATING leg; no DEVICE side, no leg. A transcoded call that crossed a trunk (trunkId set or a TRUNK
 * side) adds ONE TRANSCODING usage for the answered duration, per call and not per leg, whether or not
 * it has a leg.
 *
 * A 0-second answered call (answerAt = endAt) still yields its legs with durationMs 0: the increments
 * bill 0 s as 0, and the leg keeps counting as a successful call for tariff-plan limits.
 *
 * Unanswered call (answerAt null): one FAILED_ATTEMPT with product null over setupAt..endAt, never
 * billed, only counted by the "failed calls in a window" limit. Its endpoint is the caller (from).
 */
export function normalizeSipCore(cdr: SipCoreCdr, source: SourceRef): NormalizeOutcome {
  const broken = checkSipCore(cdr);
  if (broken !== null) return broken;

  const answerAt = cdr.answerAt;
  if (answerAt == null) {
    return { ok: true, usage: [sipUsage(cdr, source, 'attempt', 'FAILED_ATTEMPT', null, null, cdr.from, cdr.setupAt)] };
  }

  const usage: UsageRecord[] = [];
  const product = cdr.media === 'VIDEO' ? VIDEO : VOICE;
  if (cdr.fromKind === 'DEVICE') {
    usage.push(sipUsage(cdr, source, 'orig', 'LEG', product, 'ORIGINATING', cdr.from, answerAt));
  }
  if (cdr.toKind === 'DEVICE') {
    usage.push(sipUsage(cdr, source, 'term', 'LEG', product, 'TERMINATING', cdr.to, answerAt));
  }
  if (cdr.transcoded) {
    const trunk = crossedTrunk(cdr);
    if (trunk !== undefined) {
      usage.push(sipUsage(cdr, source, 'transcoding', 'TRANSCODING', TRANSCODING, null, trunk, answerAt));
    }
  }
  return { ok: true, usage };
}

/** The trunk the call crossed (its id, else the TRUNK side's URI); undefined when it crossed none. */
function crossedTrunk(cdr: SipCoreCdr): string | undefined {
  if (cdr.trunkId != null) return cdr.trunkId;
  if (cdr.fromKind === 'TRUNK') return cdr.from;
  if (cdr.toKind === 'TRUNK') return cdr.to;
  return undefined;
}

// One literal shape for every usage record keeps the hot path monomorphic.
function sipUsage(
  cdr: SipCoreCdr,
  source: SourceRef,
  role: SipRole,
  kind: UsageKind,
  product: Product | null,
  direction: Direction | null,
  endpoint: string,
  startAt: EpochMs,
): UsageRecord {
  return {
    usageId: sipUsageId(cdr.cdrId, role),
    sourceId: cdr.cdrId,
    origin: 'SIPCORE',
    accountId: cdr.accountId,
    kind,
    product,
    direction,
    media: cdr.media,
    callId: cdr.callId,
    endpoint,
    startAt,
    endAt: cdr.endAt,
    durationMs: cdr.endAt - startAt,
    source,
  };
}
