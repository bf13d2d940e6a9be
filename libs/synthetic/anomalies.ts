import type { AccountId, MediaCdr, SipCoreCdr } from '../domain';
import { type CalendarMonth, HOUR_MS, zoneOffsetMs } from './calendar-month';
import type { AccountFleet } from './fleet';
import { sipcoreLine } from './json-lines';
import type { MediaSession } from './media-sessions';
import type { CallFactory } from './sipcore-calls';

/** The bad and edge-case SIP core records that --anomalies injects (data/sample/README.md says what each should do). */
export type SipcoreAnomaly = 'truncated' | 'unknown-kind' | 'end-before-answer' | 'unknown-account' | 'duplicate';

export interface ScheduledAnomaly {
  readonly kind: SipcoreAnomaly;
  /** Written right after the normal record with this 0-based index; -1 when there are none. */
  readonly after: number;
}

/** Deterministic places: spread over the stream at sixths; the duplicate re-sends the middle record. */
export function anomalySchedule(count: number): ScheduledAnomaly[] {
  const at = (k: number) => (count === 0 ? -1 : Math.floor(((count - 1) * k) / 6));
  const out: ScheduledAnomaly[] = [
    { kind: 'truncated', after: at(1) },
    { kind: 'unknown-kind', after: at(2) },
    { kind: 'end-before-answer', after: at(3) },
    { kind: 'unknown-account', after: at(4) },
  ];
  if (count > 0) out.push({ kind: 'duplicate', after: at(5) });
  return out;
}

/** Index of the normal record the duplicate re-sends. */
export function duplicatedIndex(count: number): number {
  return Math.floor((count - 1) / 2);
}

/** The account `fleet` under another id, for CDRs of an account nobody knows. */
function impostor(fleet: AccountFleet, accountId: string): AccountFleet {
  const domain = `${accountId}.example.com`;
  return {
    ...fleet, domain, account: { ...fleet.account, accountId: accountId as AccountId },
    devices: fleet.devices.map((d) => ({ ...d, uri: d.uri.replace(fleet.domain, domain) })),
  };
}

/**
 * One anomaly as a record (schema-valid, rule-breaking) or a raw line (not a valid record).
 * `fleets[0]` is acme and `fleets[1]` globex; callers require at least three accounts.
 */
export function sipcoreAnomaly(
  kind: Exclude<SipcoreAnomaly, 'duplicate'>, calls: CallFactory, fleets: readonly AccountFleet[], at: number,
): { record: SipCoreCdr } | { raw: string } {
  const [acme, globex] = fleets as [AccountFleet, AccountFleet];
  const id = (name: string) => `bad-${name}`;
  switch (kind) {
    case 'truncated': {
      const line = sipcoreLine(calls.call(id('truncated'), acme, at, 'INTERNAL', true));
      return { raw: line.slice(0, Math.floor(line.length * 0.6)) };
    }
    case 'unknown-kind':
      return { raw: sipcoreLine(calls.call(id('unknown-kind'), globex, at, 'OUTBOUND', true)).replace('"fromKind":"DEVICE"', '"fromKind":"PHONE"') };
    case 'end-before-answer': {
      const call = calls.call(id('end-before-answer'), acme, at, 'INTERNAL', true);
      return { record: { ...call, answerAt: at + 8000, endAt: at + 3000 } };
    }
    case 'unknown-account':
      return { record: calls.call(id('unknown-account'), impostor(acme, 'ghost'), at, 'OUTBOUND', true) };
  }
}

/**
 * Per account not on UTC, one answered call whose UTC month and local month differ: east of UTC
 * it starts on the month's last evening in UTC but already next month locally (Tokyo: 20:00Z on
 * the 31st); west of UTC it starts just after the month in UTC but still this month locally
 * (New York: 02:00Z on the 1st). Sorted by start, for the end of the stream.
 */
export function timezoneEdgeCalls(calls: CallFactory, fleets: readonly AccountFleet[], month: CalendarMonth): SipCoreCdr[] {
  const out: SipCoreCdr[] = [];
  for (const fleet of fleets) {
    const offset = zoneOffsetMs(fleet.account.timezone, month.end);
    if (Math.abs(offset) < HOUR_MS) continue;
    const half = HOUR_MS / 2;
    const at = offset > 0 ? month.end - Math.min(4 * HOUR_MS, offset - half) : month.end + Math.min(2 * HOUR_MS, -offset - half);
    out.push(calls.call(`tz-${fleet.account.accountId}`, fleet, at, 'OUTBOUND', true));
  }
  return out.sort((a, b) => a.setupAt - b.setupAt);
}

/** A MONITORING record on `session` (of an account whose tariff has no monitoring price). */
export function unpricedMonitoring(month: CalendarMonth, session: MediaSession): MediaCdr {
  return {
    recordId: `md-${month.compact}-bad-unpriced-monitoring`, accountId: session.accountId as AccountId,
    sessionId: session.sessionId, resource: 'MONITORING', direction: null, media: session.records[0]?.media ?? 'AUDIO', endpoint: null, endpointKind: null,
    startAt: session.startAt + Math.floor((session.endAt - session.startAt) / 4), endAt: session.endAt,
  };
}
