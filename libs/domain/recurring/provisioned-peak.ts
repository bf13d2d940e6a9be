import type { AccountId, EpochMs } from '../ids';
import type { ProvisioningEvent } from '../records';
import type { MonthBounds } from '../rating';
import { foldBefore, provisionedSpans, withChange, type ProvisioningChange } from './provisioning-timeline';

type Subject = ProvisioningEvent['subject'];

/** One account's provisioning state as plain data, for Redis or a file; restore() reads it back. */
export interface ProvisioningSnapshot {
  /** Months before this instant are closed and folded (see compact); null when never compacted. */
  readonly horizon: EpochMs | null;
  readonly subjects: readonly SubjectTimeline[];
}

export interface SubjectTimeline {
  readonly subject: Subject;
  readonly subjectId: string;
  readonly changes: readonly ProvisioningChange[];
}

/**
 * APPLIED: the event is now part of the account's history. NO_CHANGE: it was already known (a re-sent
 * event) or is older than the change that decides the state at the horizon. BEFORE_HORIZON: it is dated
 * in a compacted month for a subject no longer kept; it cannot be told from a re-sent event of a device
 * removed long ago, so it is refused for the caller to log rather than risk billing a removed device.
 */
export type ProvisioningOutcome = 'APPLIED' | 'NO_CHANGE' | 'BEFORE_HORIZON';

interface AccountState {
  horizon: EpochMs | null;
  readonly timelines: Map<Subject, Map<string, ProvisioningChange[]>>;
}

/**
 * Provisioned devices and trunks per account (SPEC 2.3, 6), fed events in any order and across months.
 *
 * State is bounded: per subject, its changes sorted by time. compact(account, horizon), called once a
 * month is closed, folds each subject's changes before the horizon into the last of them and drops
 * subjects that were deprovisioned before it, so what is kept is O(subjects provisioned at the horizon
 * + changes in open months), never the whole history.
 */
export class ProvisionedPeak {
  readonly #accounts = new Map<AccountId, AccountState>();

  /** Records an event; throws RangeError on an instant that is not epoch ms (a caller bug: schemas check it). */
  add(event: ProvisioningEvent): ProvisioningOutcome {
    if (!Number.isSafeInteger(event.at)) throw new RangeError(`provisioning event ${event.eventId}: at ${event.at} is not an instant`);
    const state = this.#state(event.accountId);
    let bySubject = state.timelines.get(event.subject);
    if (!bySubject) state.timelines.set(event.subject, (bySubject = new Map()));
    const known = bySubject.get(event.subjectId);
    const beforeHorizon = state.horizon !== null && event.at < state.horizon;
    if (beforeHorizon && !known) return 'BEFORE_HORIZON';
    let next = withChange(known ?? [], [event.at, event.action]);
    if (next === null) return 'NO_CHANGE';
    if (beforeHorizon) {
      next = foldBefore(next, state.horizon!);
      if (sameTimeline(next, known!)) return 'NO_CHANGE';
    }
    bySubject.set(event.subjectId, next);
    return 'APPLIED';
  }

  /**
   * The most devices provisioned at any one instant of [start, end), devices carried in from earlier
   * months included. Changes at the same millisecond count together: a swap of one device for another
   * is one device, not two.
   */
  devicePeak(accountId: AccountId, window: MonthBounds): number {
    const steps: [EpochMs, number][] = [];
    for (const timeline of this.#timelines(accountId, 'DEVICE', window)) {
      for (const [from, to] of provisionedSpans(timeline, window.start, window.end)) steps.push([from, 1], [to, -1]);
    }
    // Removals before additions at the same instant, so the running count never holds both.
    steps.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let count = 0;
    let peak = 0;
    for (const [, step] of steps) {
      count += step;
      if (count > peak) peak = count;
    }
    return peak;
  }

  /** Trunks provisioned at any time during [start, end). */
  trunksProvisioned(accountId: AccountId, window: MonthBounds): number {
    let trunks = 0;
    for (const timeline of this.#timelines(accountId, 'TRUNK', window)) {
      if (provisionedSpans(timeline, window.start, window.end).length > 0) trunks++;
    }
    return trunks;
  }

  /** Closes everything before `horizon` (a month start): see the class comment. A lower horizon than the current one is ignored. */
  compact(accountId: AccountId, horizon: EpochMs): void {
    const state = this.#accounts.get(accountId);
    if (!state || (state.horizon !== null && horizon <= state.horizon)) return;
    state.horizon = horizon;
    for (const bySubject of state.timelines.values()) {
      for (const [id, timeline] of bySubject) {
        const folded = foldBefore(timeline, horizon);
        const gone = folded.length === 1 && folded[0]![0] < horizon && folded[0]![1] === 'DEPROVISIONED';
        if (gone) bySubject.delete(id);
        else bySubject.set(id, folded);
      }
    }
  }

  /** The account's state, subjects in a fixed order so equal states serialize to equal bytes. */
  snapshot(accountId: AccountId): ProvisioningSnapshot {
    const state = this.#accounts.get(accountId);
    const subjects: SubjectTimeline[] = [];
    for (const [subject, bySubject] of state?.timelines ?? []) {
      for (const [subjectId, changes] of bySubject) subjects.push({ subject, subjectId, changes });
    }
    subjects.sort((a, b) => byText(a.subject, b.subject) || byText(a.subjectId, b.subjectId));
    return { horizon: state?.horizon ?? null, subjects };
  }

  /** Replaces the account's state with a snapshot (e.g. read back from Redis). */
  restore(accountId: AccountId, snapshot: ProvisioningSnapshot): void {
    const state: AccountState = { horizon: snapshot.horizon, timelines: new Map() };
    for (const { subject, subjectId, changes } of snapshot.subjects) {
      let bySubject = state.timelines.get(subject);
      if (!bySubject) state.timelines.set(subject, (bySubject = new Map()));
      bySubject.set(subjectId, [...changes]);
    }
    this.#accounts.set(accountId, state);
  }

  #state(accountId: AccountId): AccountState {
    let state = this.#accounts.get(accountId);
    if (!state) this.#accounts.set(accountId, (state = { horizon: null, timelines: new Map() }));
    return state;
  }

  #timelines(accountId: AccountId, subject: Subject, window: MonthBounds): Iterable<ProvisioningChange[]> {
    const state = this.#accounts.get(accountId);
    if (state !== undefined && state.horizon !== null && window.start < state.horizon) {
      throw new RangeError(`account ${accountId}: months before ${new Date(state.horizon).toISOString()} are compacted`);
    }
    return state?.timelines.get(subject)?.values() ?? [];
  }
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sameTimeline = (a: readonly ProvisioningChange[], b: readonly ProvisioningChange[]) =>
  a.length === b.length && a.every((c, i) => c[0] === b[i]![0] && c[1] === b[i]![1]);
