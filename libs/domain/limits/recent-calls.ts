import type { EpochMs } from '../ids';
import type { PlanCategory } from '../reference';
import { flagList, flagSetOf, type FlagSet } from './limit-flags';
import { categorySlot, PLAN_CATEGORIES } from './plan-category';
import type { CallMemory } from './limit-state';

/**
 * A remembered call as the counters keep it: CallMemory with its flags as a bit set, updated in
 * place as the call's later legs arrive (one object per call, not one per leg).
 */
export interface Call {
  readonly id: string;
  readonly category: PlanCategory;
  start: EpochMs;
  end: EpochMs;
  ms: number;
  durationWindow: EpochMs | null;
  flags: FlagSet;
}

/**
 * The calls of one account remembered for a while, kept sorted by end (ties in the order they were
 * last put), so forgetting old calls and finding the ones a new call may overlap cost only the calls
 * involved. Records arrive roughly in end order, so putting a call moves it a few places at most.
 */
export class RecentCalls {
  private readonly byEnd: Call[];
  /** byEnd[0..head) are forgotten; dropped in bulk so forgetting one call costs no array shift. */
  private head = 0;
  /** By categorySlot, the category's calls by id: no composite key to build per lookup. */
  private readonly byId: Map<string, Call>[] = PLAN_CATEGORIES.map(() => new Map());

  constructor(calls: readonly CallMemory[]) {
    this.byEnd = calls.map(restored).sort((a, b) => a.end - b.end);
    for (const call of this.byEnd) this.byId[categorySlot(call.category)]!.set(call.id, call);
  }

  find(category: PlanCategory, id: string): Call | undefined {
    return this.byId[categorySlot(category)]!.get(id);
  }

  /** Forgets every call that ended before `cutoff`. */
  forgetBefore(cutoff: EpochMs): void {
    const calls = this.byEnd;
    while (this.head < calls.length && calls[this.head]!.end < cutoff) {
      const call = calls[this.head++]!;
      this.byId[categorySlot(call.category)]!.delete(call.id);
    }
    if (this.head >= 64 && this.head * 2 > calls.length) {
      calls.copyWithin(0, this.head);
      calls.length -= this.head;
      this.head = 0;
    }
  }

  /**
   * Puts the other calls of the category that overlap [start, end) (half open: touching is not
   * overlapping) at the front of `into` and returns how many. `into` is the caller's list, reused
   * from call to call and never shrunk, so overlap checks allocate nothing.
   */
  overlapping(category: PlanCategory, id: string, start: EpochMs, end: EpochMs, into: Call[]): number {
    let count = 0;
    for (let i = this.byEnd.length - 1; i >= this.head; i--) {
      const call = this.byEnd[i]!;
      if (call.end <= start) break;
      if (call.start < end && call.category === category && call.id !== id) into[count++] = call;
    }
    return count;
  }

  /** Remembers a new call (none of its category and id is remembered). */
  add(call: Call): void {
    this.byId[categorySlot(call.category)]!.set(call.id, call);
    const calls = this.byEnd;
    let at = calls.length;
    calls.push(call);
    for (; at > this.head && calls[at - 1]!.end > call.end; at--) calls[at] = calls[at - 1]!;
    calls[at] = call;
  }

  /**
   * A remembered call's end has moved to `end` (it never moves back): the call goes after every call
   * ending at or before it, as if it were put anew.
   */
  endAt(call: Call, end: EpochMs): void {
    const calls = this.byEnd;
    let at = calls.lastIndexOf(call);
    for (; at + 1 < calls.length && calls[at + 1]!.end <= end; at++) calls[at] = calls[at + 1]!;
    calls[at] = call;
    call.end = end;
  }

  toArray(): CallMemory[] {
    const saved: CallMemory[] = [];
    for (let i = this.head; i < this.byEnd.length; i++) saved.push(stored(this.byEnd[i]!));
    return saved;
  }
}

const restored = (c: CallMemory): Call => ({
  id: c.id, category: c.category, start: c.start, end: c.end, ms: c.ms, durationWindow: c.durationWindow, flags: flagSetOf(c.flags),
});

const stored = (c: Call): CallMemory => ({
  id: c.id, category: c.category, start: c.start, end: c.end, ms: c.ms, durationWindow: c.durationWindow, flags: flagList(c.flags),
});
