import type { AccountId, EpochMs } from './ids';

/** Raw input records, field for field as SPEC section 2 names them (timestamps already epoch ms). */

export type EndpointKind = 'DEVICE' | 'TRUNK' | 'EXTERNAL';
export type Media = 'AUDIO' | 'VIDEO';
export type Disposition = 'ANSWERED' | 'NO_ANSWER' | 'BUSY' | 'FAILED' | 'CANCELLED';

/** SIP core CDR: one record per SIP dialog (topic `cdr.sipcore`). */
export interface SipCoreCdr {
  readonly cdrId: string;
  readonly accountId: AccountId;
  readonly callId: string;
  readonly from: string;
  readonly to: string;
  readonly fromKind: EndpointKind;
  readonly toKind: EndpointKind;
  readonly trunkId: string | null;
  readonly media: Media;
  readonly transcoded: boolean;
  readonly setupAt: EpochMs;
  readonly answerAt: EpochMs | null;
  readonly endAt: EpochMs;
  readonly sipCode: number;
  readonly disposition: Disposition;
}

export type MediaResource = 'CALL_LEG' | 'CONFERENCE_CONNECTION' | 'RECORDING' | 'MONITORING';
export type Direction = 'ORIGINATING' | 'TERMINATING';

/** Media server CDR: one record per call leg or media resource (topic `cdr.media`). */
export interface MediaCdr {
  readonly recordId: string;
  readonly accountId: AccountId;
  readonly sessionId: string;
  readonly resource: MediaResource;
  readonly direction: Direction | null;
  readonly media: Media;
  readonly endpoint: string | null;
  readonly endpointKind: 'SIP' | 'ALEXA' | null;
  readonly startAt: EpochMs;
  readonly endAt: EpochMs;
}

/** Provisioning event (topic `provisioning`); state carries across months. */
export interface ProvisioningEvent {
  readonly eventId: string;
  readonly accountId: AccountId;
  readonly subject: 'DEVICE' | 'TRUNK';
  readonly subjectId: string;
  readonly action: 'PROVISIONED' | 'DEPROVISIONED';
  readonly at: EpochMs;
}

/** User activity (topic `registrations`), the basis of per-user licences. */
export interface UserActivity {
  readonly eventId: string;
  readonly accountId: AccountId;
  readonly sipId: string;
  readonly deviceId: string;
  readonly activity: 'REGISTERED' | 'HOSTED_VIDEO_CONFERENCE' | 'USED_MESSAGING';
  readonly client: 'MOBILE' | 'DESKTOP' | null;
  readonly at: EpochMs;
}

/** The raw records the normalizer reads, told apart by `kind`. */
export type RawCdr =
  | { readonly kind: 'sipcore'; readonly record: SipCoreCdr }
  | { readonly kind: 'media'; readonly record: MediaCdr };
