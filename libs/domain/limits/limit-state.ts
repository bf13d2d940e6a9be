import type { EpochMs } from '../ids';
import type { PlanCategory } from '../reference';
import type { WindowCount } from './window-count';

/** A call remembered for a while: so its other legs count once, and for simultaneous calls. */
export interface CallMemory {
  /** SIP Call-ID or media-server session id. */
  readonly id: string;
  readonly category: PlanCategory;
  /** Earliest leg start to latest leg end seen. */
  readonly start: EpochMs;
  readonly end: EpochMs;
  /** The call's duration so far: its longest leg (ms). */
  readonly ms: number;
  /** Start of the TOTAL_DURATION window the call was counted in; null when it was not counted. */
  readonly durationWindow: EpochMs | null;
  /** LIMIT:<OPTION> flags the call earned; every later leg and usage of the call carries them. */
  readonly flags: readonly string[];
}

/** The SIP accounts (distinct leg endpoints) seen in one billing month. */
export interface EndpointPeriod {
  readonly start: EpochMs;
  readonly end: EpochMs;
  /** In the order first seen: the first `limit` of them are within the plan. */
  readonly endpoints: readonly string[];
  readonly emitted: boolean;
}

/**
 * The limit counters of ONE account: plain data, so a service can keep it anywhere (Redis, per
 * account) as JSON and pick up after a restart exactly where it left off.
 */
export interface LimitState {
  /** Shape version, so a stored state from another release is refused rather than misread. */
  readonly v: 1;
  /** Latest call start seen (record time, never a clock); calls are forgotten relative to it. */
  readonly horizon: EpochMs | null;
  /** Open windows keyed `<category>:<option>`. */
  readonly windows: Readonly<Record<string, WindowCount>>;
  readonly calls: readonly CallMemory[];
  readonly sipAccounts: Readonly<Partial<Record<PlanCategory, EndpointPeriod>>>;
}

export const emptyLimitState = (): LimitState => ({ v: 1, horizon: null, windows: {}, calls: [], sipAccounts: {} });

export const limitStateToJSON = (state: LimitState): string => JSON.stringify(state);

/** Reads a state written by limitStateToJSON. Throws RangeError when it is not one. */
export function limitStateFromJSON(text: string): LimitState {
  const parsed: unknown = JSON.parse(text);
  const s = parsed as Partial<LimitState> | null;
  const ok =
    typeof s === 'object' && s !== null && s.v === 1 &&
    (s.horizon === null || typeof s.horizon === 'number') &&
    typeof s.windows === 'object' && s.windows !== null &&
    Array.isArray(s.calls) &&
    typeof s.sipAccounts === 'object' && s.sipAccounts !== null;
  if (!ok) throw new RangeError(`not a limit-counter state (v1): ${text.slice(0, 80)}`);
  return s as LimitState;
}
