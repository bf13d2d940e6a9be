import type { AccountId, EpochMs, Product, UsageId } from './ids';
import type { Direction, Media } from './records';
import type { SourceRef } from './source-ref';

/**
 * Normalized usage (topic `usage.legs`): one record per billable leg or per-minute resource,
 * plus non-billable call attempts that only feed tariff-plan limit counters.
 */
export type UsageKind =
  | 'LEG'
  | 'TRANSCODING'
  | 'CONFERENCE_CONNECTION'
  | 'RECORDING'
  | 'MONITORING'
  | 'FAILED_ATTEMPT';

export type UsageOrigin = 'SIPCORE' | 'MEDIA';

export interface UsageRecord {
  /** Deterministic: derived from the source record id and the role, so a re-sent CDR yields the same id. */
  readonly usageId: UsageId;
  readonly sourceId: string;
  readonly origin: UsageOrigin;
  readonly accountId: AccountId;
  readonly kind: UsageKind;
  /** The priced product; null for FAILED_ATTEMPT, which is never billed. */
  readonly product: Product | null;
  readonly direction: Direction | null;
  readonly media: Media;
  /** SIP Call-ID or media-server session id. */
  readonly callId: string;
  readonly endpoint: string | null;
  /** Start of the billable interval (answer time for SIP legs). */
  readonly startAt: EpochMs;
  readonly endAt: EpochMs;
  readonly durationMs: number;
  readonly source: SourceRef;
}

export const PRODUCTS = {
  sipcoreVoice: 'sipcore.voice',
  sipcoreVideo: 'sipcore.video',
  sipcoreTranscoding: 'sipcore.transcoding',
  mediaVoice: 'media.voice',
  mediaVideo: 'media.video',
  mediaConference: 'media.conference',
  mediaRecording: 'media.recording',
  mediaMonitoring: 'media.monitoring',
} as const;
