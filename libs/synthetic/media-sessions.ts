import type { AccountId, Direction, Media, MediaCdr, MediaResource } from '../domain';
import { TrafficCurve } from './busy-hours';
import { trafficWeight } from './stories';
import type { CalendarMonth } from './calendar-month';
import { type AccountFleet, activeDevice, externalNumber } from './fleet';
import type { Prng } from './prng';
import { prices } from './tariffs';

/** One media-server session with its records (legs first, then recording/monitoring). */
export interface MediaSession {
  readonly sessionId: string;
  readonly accountId: string;
  readonly startAt: number;
  readonly endAt: number;
  readonly records: readonly MediaCdr[];
}

/** Builds IVR sessions and conferences; record ids run across the whole month. */
export class SessionFactory {
  private records = 0;

  constructor(private readonly rng: Prng, private readonly month: CalendarMonth) {}

  recordId(suffix?: string): string {
    return `md-${this.month.compact}-${suffix ?? String(++this.records).padStart(7, '0')}`;
  }

  session(seq: number, fleet: AccountFleet, at: number): MediaSession {
    const sessionId = `ms-${this.month.compact}-${String(seq).padStart(6, '0')}`;
    const legs = this.rng.chance(0.55) ? this.ivr(sessionId, fleet, at) : this.conference(sessionId, fleet, at);
    const startAt = Math.min(...legs.map((r) => r.startAt));
    const endAt = Math.max(...legs.map((r) => r.endAt));
    const records = [...legs];
    const talkFrom = legs.length > 1 ? (legs[1] as MediaCdr).startAt : startAt;
    const media = (legs[0] as MediaCdr).media;
    if (this.rng.chance(0.25)) records.push(this.record(sessionId, fleet, 'RECORDING', null, media, null, talkFrom, endAt));
    const monitorable = prices(fleet.account.plans[0]?.tariffId ?? '', 'media.monitoring');
    if (monitorable && this.rng.chance(0.08)) {
      const from = talkFrom + this.rng.int(0, Math.floor((endAt - talkFrom) / 2));
      records.push(this.record(sessionId, fleet, 'MONITORING', null, media, null, from, endAt));
    }
    return { sessionId, accountId: fleet.account.accountId, startAt, endAt, records };
  }

  record(
    sessionId: string, fleet: AccountFleet, resource: MediaResource, direction: Direction | null, media: Media,
    endpoint: string | null, startAt: number, endAt: number, recordId = this.recordId(),
  ): MediaCdr {
    const endpointKind = endpoint === null ? null : endpoint.startsWith('amzn1.') ? 'ALEXA' : 'SIP';
    return { recordId, accountId: fleet.account.accountId as AccountId, sessionId, resource, direction, media, endpoint, endpointKind, startAt, endAt };
  }

  /** A caller in an IVR (terminating leg); when put through to an agent, an originating leg joins. */
  private ivr(sessionId: string, fleet: AccountFleet, at: number): MediaCdr[] {
    const rng = this.rng;
    const media: Media = rng.chance(0.05) ? 'VIDEO' : 'AUDIO';
    const caller = rng.chance(0.7) ? externalNumber(rng, fleet, `trunk-1.${fleet.domain}`) : activeDevice(rng, fleet, at).uri;
    const promptMs = rng.int(10_000, 120_000);
    if (!rng.chance(0.6)) return [this.record(sessionId, fleet, 'CALL_LEG', 'TERMINATING', media, caller, at, at + promptMs)];
    const connectAt = at + promptMs;
    const endAt = connectAt + rng.int(30_000, 1_200_000);
    return [
      this.record(sessionId, fleet, 'CALL_LEG', 'TERMINATING', media, caller, at, endAt),
      this.record(sessionId, fleet, 'CALL_LEG', 'ORIGINATING', media, activeDevice(rng, fleet, connectAt).uri, connectAt, endAt),
    ];
  }

  /** A conference bridge (billed for its whole time) and 2-6 participants who join and leave a little apart. */
  private conference(sessionId: string, fleet: AccountFleet, at: number): MediaCdr[] {
    const rng = this.rng;
    const media: Media = rng.chance(0.25) ? 'VIDEO' : 'AUDIO';
    const lengthMs = rng.int(5 * 60, 60 * 60) * 1000;
    const endAt = at + lengthMs;
    const out = [this.record(sessionId, fleet, 'CONFERENCE_CONNECTION', null, media, null, at, endAt)];
    const slack = Math.floor(lengthMs / 4);
    const participants = rng.int(2, 6);
    for (let p = 0; p < participants; p++) {
      const join = p === 0 ? at : at + rng.int(0, Math.min(180_000, slack));
      const leave = p === 0 ? endAt : endAt - rng.int(0, slack);
      const who = rng.next();
      const endpoint = who < 0.15 && fleet.alexa.length > 0 ? rng.pick(fleet.alexa)
        : who < 0.4 ? externalNumber(rng, fleet, `trunk-1.${fleet.domain}`) : activeDevice(rng, fleet, join).uri;
      const direction: Direction = rng.chance(0.8) ? 'TERMINATING' : 'ORIGINATING';
      out.push(this.record(sessionId, fleet, 'CALL_LEG', direction, media, endpoint, join, leave));
    }
    return out;
  }
}

/** The month's media sessions, `count` in all, in ascending start time. */
export function* mediaMonth(rng: Prng, month: CalendarMonth, fleets: readonly AccountFleet[], count: number): Generator<MediaSession> {
  if (count === 0 || fleets.length === 0) return;
  const curve = new TrafficCurve(month, fleets.map((f) => f.account.timezone), fleets.map(trafficWeight));
  const factory = new SessionFactory(rng, month);
  for (let i = 0; i < count; i++) {
    const slot = curve.slot(i, count, rng.next(), rng.next());
    yield factory.session(i + 1, fleets[slot.accountIndex] as AccountFleet, slot.at);
  }
}
