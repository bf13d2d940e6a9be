import { Product } from '../ids';
import type { MediaCdr, MediaResource } from '../records';
import type { SourceRef } from '../source-ref';
import { PRODUCTS, type UsageKind, type UsageRecord } from '../usage';
import { checkMedia } from './media-rules';
import type { NormalizeOutcome } from './outcome';
import { mediaUsageId } from './usage-id';

const VOICE = Product(PRODUCTS.mediaVoice);
const VIDEO = Product(PRODUCTS.mediaVideo);
const CONFERENCE = Product(PRODUCTS.mediaConference);
const RECORDING = Product(PRODUCTS.mediaRecording);
const MONITORING = Product(PRODUCTS.mediaMonitoring);

const KIND: Readonly<Record<MediaResource, UsageKind>> = {
  CALL_LEG: 'LEG',
  CONFERENCE_CONNECTION: 'CONFERENCE_CONNECTION',
  RECORDING: 'RECORDING',
  MONITORING: 'MONITORING',
};

/**
 * Media-server CDR -> exactly one usage record for the time it was active (SPEC 3, seed 001).
 *
 * - CALL_LEG: a LEG with its own direction, media.voice or media.video. An IVR caller is a TERMINATING
 *   leg; the leg the IVR places to another participant is ORIGINATING; each is billed for its own time.
 *   ALEXA endpoints get exactly the same products as SIP ones.
 * - CONFERENCE_CONNECTION: media.conference for its whole duration, audio or video alike; the
 *   participants' CALL_LEGs of the session are billed on top (3 x 10 min + 10 min = 40 min).
 * - RECORDING / MONITORING: media.recording / media.monitoring, on top of the legs they cover.
 *
 * Direction is kept only on legs; for the other resources it means nothing to billing.
 */
export function normalizeMedia(rec: MediaCdr, source: SourceRef): NormalizeOutcome {
  const broken = checkMedia(rec);
  if (broken !== null) return broken;

  const isLeg = rec.resource === 'CALL_LEG';
  const usage: UsageRecord = {
    usageId: mediaUsageId(rec.recordId),
    sourceId: rec.recordId,
    origin: 'MEDIA',
    accountId: rec.accountId,
    kind: KIND[rec.resource],
    product: productOf(rec),
    direction: isLeg ? rec.direction : null,
    media: rec.media,
    callId: rec.sessionId,
    endpoint: rec.endpoint ?? null,
    startAt: rec.startAt,
    endAt: rec.endAt,
    durationMs: rec.endAt - rec.startAt,
    source,
  };
  return { ok: true, usage: [usage] };
}

function productOf(rec: MediaCdr): Product {
  switch (rec.resource) {
    case 'CALL_LEG':
      return rec.media === 'VIDEO' ? VIDEO : VOICE;
    case 'CONFERENCE_CONNECTION':
      return CONFERENCE;
    case 'RECORDING':
      return RECORDING;
    case 'MONITORING':
      return MONITORING;
  }
}
