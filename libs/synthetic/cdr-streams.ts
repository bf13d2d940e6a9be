import type { MediaCdr, SipCoreCdr } from '../domain';
import { anomalySchedule, duplicatedIndex, sipcoreAnomaly, timezoneEdgeCalls, unpricedMonitoring } from './anomalies';
import { type CalendarMonth, DAY_MS } from './calendar-month';
import type { AccountFleet } from './fleet';
import { type MediaSession, mediaMonth } from './media-sessions';
import { Prng } from './prng';
import type { RecordSink } from './record-sink';
import { CallFactory, sipcoreMonth } from './sipcore-calls';
import { storyOf } from './stories';

/** What the two CDR streams need to know of the run. */
export interface CdrRun {
  readonly seed: number;
  readonly sipcore: number;
  readonly mediaSessions: number;
  readonly anomalies: boolean;
}

/**
 * The SIP core stream: the month's CDRs in time order with the anomalies woven in at their
 * scheduled places and the stories' edge-case calls at their setup time, then the time-zone edge
 * calls. Anomalies and story calls draw on their own Prng streams, so the normal CDRs are
 * byte-identical with or without them. Returns the anomalies `out` could not carry.
 */
export async function writeSipcore(
  out: RecordSink<SipCoreCdr>, o: CdrRun, month: CalendarMonth, fleets: readonly AccountFleet[],
): Promise<string[]> {
  const skipped: string[] = [];
  const schedule = o.anomalies ? anomalySchedule(o.sipcore) : [];
  const edgeCalls = new CallFactory(Prng.stream(o.seed, 'anomalies'), month);
  const copyOf = duplicatedIndex(o.sipcore);
  let duplicate: SipCoreCdr | null = null;
  let next = 0;
  const inject = async (after: number, at: number) => {
    for (; next < schedule.length && schedule[next]!.after === after; next++) {
      const kind = schedule[next]!.kind;
      if (kind === 'duplicate') {
        if (duplicate) await out.put(duplicate);
        continue;
      }
      const anomaly = sipcoreAnomaly(kind, edgeCalls, fleets, at);
      if ('record' in anomaly) await out.put(anomaly.record);
      else if (!(await out.putRaw(anomaly.raw))) skipped.push(kind);
    }
  };
  const stories = o.anomalies ? storyCalls(o.seed, month, fleets) : [];
  let i = 0;
  await inject(-1, month.start);
  for (const cdr of sipcoreMonth(Prng.stream(o.seed, 'sipcore'), month, fleets, o.sipcore)) {
    while (stories.length > 0 && stories[0]!.setupAt < cdr.setupAt) await out.put(stories.shift()!);
    const wait = out.put(cdr);
    if (wait) await wait;
    if (i === copyOf) duplicate = cdr;
    if (next < schedule.length && schedule[next]!.after === i) await inject(i, cdr.setupAt);
    i++;
  }
  for (const call of stories) await out.put(call);
  if (o.anomalies) for (const call of timezoneEdgeCalls(edgeCalls, fleets, month)) await out.put(call);
  await out.close();
  return skipped;
}

/** The accounts' story calls (stories.ts) by setup time, from their own Prng stream. */
function storyCalls(seed: number, month: CalendarMonth, fleets: readonly AccountFleet[]): SipCoreCdr[] {
  const calls = new CallFactory(Prng.stream(seed, 'stories'), month);
  return fleets.flatMap((f) => storyOf(f.account.accountId).calls?.(f, month, calls) ?? []).sort((a, b) => a.setupAt - b.setupAt);
}

/**
 * The media stream: sessions in time order, and with anomalies one MONITORING record initech has no
 * price for. Returns each account's first video conference, for the stories' conference hosts.
 */
export async function writeMedia(
  out: RecordSink<MediaCdr>, o: CdrRun, month: CalendarMonth, fleets: readonly AccountFleet[],
): Promise<Map<string, MediaSession>> {
  const conferences = new Map<string, MediaSession>();
  // The unpriced MONITORING record goes on the first session of initech from the middle of the stream on.
  const initech = fleets[2]?.account.accountId;
  const from = Math.floor((o.mediaSessions - 1) / 2);
  let pending = o.anomalies;
  let i = 0;
  let last: MediaSession | null = null;
  for (const session of mediaMonth(Prng.stream(o.seed, 'media'), month, fleets, o.mediaSessions)) {
    for (const record of session.records) {
      const wait = out.put(record);
      if (wait) await wait;
    }
    if (!conferences.has(session.accountId) && isVideoConference(session)) conferences.set(session.accountId, session);
    if (session.accountId === initech) last = session;
    if (pending && i >= from && session.accountId === initech) {
      await out.put(unpricedMonitoring(month, session));
      pending = false;
    }
    i++;
  }
  if (pending) {
    const fallback: MediaSession = last ?? {
      sessionId: `ms-${month.compact}-bad-monitoring`, accountId: initech ?? 'initech',
      startAt: month.start + 15 * DAY_MS, endAt: month.start + 15 * DAY_MS + 600_000, records: [],
    };
    await out.put(unpricedMonitoring(month, fallback));
  }
  await out.close();
  return conferences;
}

const isVideoConference = (s: MediaSession) => s.records.some((r) => r.resource === 'CONFERENCE_CONNECTION' && r.media === 'VIDEO');
