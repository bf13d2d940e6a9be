import type { EpochMs } from '../ids';
import type { PlanCategory } from '../reference';
import type { CallMemory } from './limit-state';

const keyOf = (category: PlanCategory, id: string) => `${category}|${id}`;

/**
 * The calls of one account remembered for a while, kept sorted by end (ties in insertion order),
 * so forgetting old calls and finding the ones a new call may overlap cost only the calls involved.
 * Records arrive roughly in end order, so an insertion moves a call back a few places at most.
 */
export class RecentCalls {
  private readonly byEnd: CallMemory[];
  /** byEnd[0..head) are forgotten; dropped in bulk so forgetting one call costs no array shift. */
  private head = 0;
  private readonly byKey = new Map<string, CallMemory>();

  constructor(calls: readonly CallMemory[]) {
    this.byEnd = [...calls].sort((a, b) => a.end - b.end);
    for (const call of this.byEnd) this.byKey.set(keyOf(call.category, call.id), call);
  }

  find(category: PlanCategory, id: string): CallMemory | undefined {
    return this.byKey.get(keyOf(category, id));
  }

  /** Forgets every call that ended before `cutoff`. */
  forgetBefore(cutoff: EpochMs): void {
    const calls = this.byEnd;
    while (this.head < calls.length && calls[this.head]!.end < cutoff) {
      const call = calls[this.head++]!;
      this.byKey.delete(keyOf(call.category, call.id));
    }
    if (this.head > 1024 && this.head * 2 > calls.length) {
      calls.splice(0, this.head);
      this.head = 0;
    }
  }

  /** The other calls of the category that overlap [start, end) (half open: touching is not overlapping). */
  overlapping(category: PlanCategory, id: string, start: EpochMs, end: EpochMs): CallMemory[] {
    const found: CallMemory[] = [];
    for (let i = this.byEnd.length - 1; i >= this.head; i--) {
      const call = this.byEnd[i]!;
      if (call.end <= start) break;
      if (call.start < end && call.category === category && call.id !== id) found.push(call);
    }
    return found;
  }

  /** Remembers a call, replacing what was remembered of it. */
  put(call: CallMemory): void {
    const key = keyOf(call.category, call.id);
    const old = this.byKey.get(key);
    if (old !== undefined) this.byEnd.splice(this.byEnd.lastIndexOf(old), 1);
    this.byKey.set(key, call);
    let at = this.byEnd.length;
    while (at > this.head && this.byEnd[at - 1]!.end > call.end) at--;
    this.byEnd.splice(at, 0, call);
  }

  toArray(): CallMemory[] {
    return this.byEnd.slice(this.head);
  }
}
