import type { Disposition, EndpointKind, SipCoreCdr } from '../domain';
import type { CalendarMonth } from './calendar-month';
import { type AccountFleet, activeDevice, activeTrunk, deviceActiveAt, externalNumber } from './fleet';
import type { Prng } from './prng';
import { TrafficCurve } from './busy-hours';
import { trafficWeight } from './stories';

/** Durations (seconds, [from, to) with weight): a log-normal-ish shape, median near two minutes, capped at 1 h. */
const DURATION_BUCKETS: readonly (readonly [number, number, number])[] = [
  [0, 10, 8], [10, 30, 12], [30, 60, 15], [60, 120, 18], [120, 300, 22],
  [300, 600, 13], [600, 1200, 8], [1200, 2400, 3], [2400, 3600, 1],
];
const BUCKET_CUMULATIVE = DURATION_BUCKETS.reduce<number[]>((acc, [, , w]) => [...acc, (acc.at(-1) ?? 0) + w], []);
/** Increment edges every rating engine gets wrong once: 0 s, 1 s, exactly a minute, a minute and a second. */
const EDGE_DURATIONS_MS = [0, 1000, 60000, 61000];
const EDGE_EVERY = 64;

const FAILURES: readonly (readonly [Disposition, number])[] = [
  ['NO_ANSWER', 480], ['NO_ANSWER', 480], ['NO_ANSWER', 480], ['NO_ANSWER', 480],
  ['BUSY', 486], ['BUSY', 486], ['CANCELLED', 487], ['CANCELLED', 487], ['FAILED', 503],
];

export type Route = 'INTERNAL' | 'INBOUND' | 'OUTBOUND' | 'EXTERNAL';
/** Route shares of all calls (answered or not); with 8 % unanswered: ~45 % internal, ~25 % in, ~20 % out. */
const ROUTE_CUMULATIVE = [49, 76, 98, 100];
const ROUTES: readonly Route[] = ['INTERNAL', 'INBOUND', 'OUTBOUND', 'EXTERNAL'];

/** Builds one SIP core CDR at a given instant; the month stream and the edge-case calls share it. */
export class CallFactory {
  private answered = 0;

  constructor(private readonly rng: Prng, private readonly month: CalendarMonth) {}

  /** A call with cdrId `sc-<YYYYMM>-<suffix>`; the suffix (unique) also ends its Call-ID. */
  call(suffix: string, fleet: AccountFleet, setupAt: number, route?: Route, answered?: boolean): SipCoreCdr {
    const rng = this.rng;
    const cdrId = `sc-${this.month.compact}-${suffix}`;
    const r = route ?? (ROUTES[rng.weighted(ROUTE_CUMULATIVE)] as Route);
    const ends = this.endpoints(fleet, r, setupAt);
    const media = ends.trunkId === null && rng.chance(0.1) ? 'VIDEO' : 'AUDIO';
    const transcoded = ends.trunkId !== null && rng.chance(0.1);
    const callId = `${rng.hex(16)}-${suffix}@sbc.${fleet.domain}`;
    let answerAt: number | null = null;
    let endAt: number;
    let sipCode = 200;
    let disposition: Disposition = 'ANSWERED';
    if (answered === false || (answered === undefined && rng.chance(0.08))) {
      [disposition, sipCode] = rng.pick(FAILURES);
      endAt = setupAt + (disposition === 'BUSY' ? rng.int(200, 2000) : disposition === 'FAILED' ? rng.int(50, 5000) : rng.int(2000, 30000));
    } else {
      answerAt = setupAt + rng.int(1000, 20000);
      endAt = answerAt + this.durationMs();
    }
    // One literal with every field, no spreads: this runs a million times per benchmark.
    return {
      cdrId, accountId: fleet.account.accountId, callId, from: ends.from, to: ends.to, fromKind: ends.fromKind, toKind: ends.toKind,
      trunkId: ends.trunkId, media, transcoded, setupAt, answerAt, endAt, sipCode, disposition,
    };
  }

  private durationMs(): number {
    const k = this.answered++;
    if (k % EDGE_EVERY < EDGE_DURATIONS_MS.length) return EDGE_DURATIONS_MS[k % EDGE_EVERY] as number;
    const [from, to] = DURATION_BUCKETS[this.rng.weighted(BUCKET_CUMULATIVE)] as readonly [number, number, number];
    return this.rng.int(from * 1000, to * 1000 - 1);
  }

  private endpoints(fleet: AccountFleet, route: Route, at: number) {
    const rng = this.rng;
    const device = activeDevice(rng, fleet, at).uri;
    const ends = (from: string, fromKind: EndpointKind, to: string, toKind: EndpointKind, trunkId: string | null) =>
      ({ from, to, fromKind, toKind, trunkId });
    switch (route) {
      case 'INTERNAL': {
        let callee = activeDevice(rng, fleet, at).uri;
        if (callee === device) callee = fleet.devices.find((d) => d.uri !== device && deviceActiveAt(d, at))?.uri ?? callee;
        return ends(device, 'DEVICE', callee, 'DEVICE', null);
      }
      case 'INBOUND': {
        const trunk = activeTrunk(rng, fleet, at).trunkId;
        return ends(externalNumber(rng, fleet, `${trunk}.${fleet.domain}`), 'TRUNK', device, 'DEVICE', trunk);
      }
      case 'OUTBOUND': {
        const trunk = activeTrunk(rng, fleet, at).trunkId;
        return ends(device, 'DEVICE', externalNumber(rng, fleet, `${trunk}.${fleet.domain}`), 'TRUNK', trunk);
      }
      case 'EXTERNAL':
        return ends(`sip:guest${rng.int(1, 999)}@partner${rng.int(1, 9)}.example.org`, 'EXTERNAL', device, 'DEVICE', null);
    }
  }
}

/** The month's SIP core CDRs in ascending setupAt, `count` in all, spread over accounts by size and local office hours. */
export function* sipcoreMonth(rng: Prng, month: CalendarMonth, fleets: readonly AccountFleet[], count: number): Generator<SipCoreCdr> {
  if (count === 0 || fleets.length === 0) return;
  const curve = new TrafficCurve(month, fleets.map((f) => f.account.timezone), fleets.map(trafficWeight));
  const factory = new CallFactory(rng, month);
  for (let i = 0; i < count; i++) {
    const slot = curve.slot(i, count, rng.next(), rng.next());
    yield factory.call(String(i + 1).padStart(8, '0'), fleets[slot.accountIndex] as AccountFleet, slot.at);
  }
}
