import type { EpochMs } from '../ids';
import type { PlanCategory } from '../reference';
import { KeyIndex, keyHash } from './key-index';
import { CallSlots } from './call-slots';
import { flagList, flagSetOf, type FlagSet } from './limit-flags';
import type { CallMemory } from './limit-state';
import { categorySlot } from './plan-category';
import type { CallIntervals } from './simultaneous-calls';

/** No call: what find() answers for a call not remembered (as KeyIndex.find does). */
export const NO_CALL = -1;

/**
 * The calls of one account remembered for a while, kept sorted by end (ties in the order they were
 * last put), so forgetting old calls and finding the ones a new call may overlap cost only the calls
 * involved. Records arrive roughly in end order, so putting a call moves it a few places at most.
 * A call is a slot of `slots` (see CallSlots for why); its numbers are read through the accessors.
 */
export class RecentCalls {
  readonly slots = new CallSlots();
  /** Slots by end; byEnd[0..head) are forgotten, dropped in bulk so forgetting costs no shift. */
  private byEnd = new Int32Array(64);
  private head = 0;
  private length = 0;
  /** The end of byEnd[head] (Infinity: none), kept here so a leg with nothing to forget reads no call. */
  private oldestEnd = Number.POSITIVE_INFINITY;
  private readonly index = new KeyIndex(this.slots);
  /** The last id find() hashed and its hash: add() right after needs it again. */
  private hashed = { id: '', category: -1, hash: 0 };

  constructor(calls: readonly CallMemory[]) {
    for (const c of [...calls].sort((a, b) => a.end - b.end)) {
      this.add(c.category, c.id, c.start, c.end, c.ms, c.durationWindow, flagSetOf(c.flags));
    }
  }

  /** The call's slot, or NO_CALL. */
  find(category: PlanCategory, id: string): number {
    const cat = categorySlot(category);
    return this.index.find(this.hashOf(cat, id), id, cat);
  }

  /** Forgets every call that ended before `cutoff`. */
  forgetBefore(cutoff: EpochMs): void {
    while (this.oldestEnd < cutoff) {
      const slot = this.byEnd[this.head++]!;
      this.index.remove(this.slots.position(slot));
      this.slots.free(slot);
      this.oldestChanged();
    }
    if (this.head >= 64 && this.head * 2 > this.length) {
      this.byEnd.copyWithin(0, this.head, this.length);
      this.length -= this.head;
      this.head = 0;
    }
  }

  /**
   * Puts the start and end of the other calls of the category that overlap [start, end) (half open:
   * touching is not overlapping) at the front of `into` and returns how many. `into` is the
   * caller's, reused from call to call, so overlap checks allocate nothing.
   */
  overlapping(category: PlanCategory, id: string, start: EpochMs, end: EpochMs, into: CallIntervals): number {
    const cat = categorySlot(category);
    let count = 0;
    for (let i = this.length - 1; i >= this.head; i--) {
      const slot = this.byEnd[i]!;
      const callEnd = this.slots.end(slot);
      if (callEnd <= start) break;
      const callStart = this.slots.start(slot);
      if (callStart < end && this.slots.categorySlot(slot) === cat && this.slots.id(slot) !== id) {
        into.starts[count] = callStart;
        into.ends[count] = callEnd;
        count++;
      }
    }
    return count;
  }

  /** Remembers a new call (none of its category and id is remembered). */
  add(category: PlanCategory, id: string, start: EpochMs, end: EpochMs, ms: number, durationWindow: EpochMs | null, flags: FlagSet): void {
    const slot = this.slots.take(category, id, start, end, ms, durationWindow, flags);
    const cat = categorySlot(category);
    this.index.add(this.hashOf(cat, id), slot);
    if (this.length === this.byEnd.length) this.growByEnd();
    let at = this.length++;
    for (; at > this.head && this.slots.end(this.byEnd[at - 1]!) > end; at--) this.byEnd[at] = this.byEnd[at - 1]!;
    this.byEnd[at] = slot;
    if (at === this.head) this.oldestEnd = end;
  }

  /**
   * A remembered call's later leg: its new start, duration, window and flags, and its end, which
   * never moves back. The call goes after every call ending at or before it, as if put anew.
   */
  update(slot: number, start: EpochMs, end: EpochMs, ms: number, durationWindow: EpochMs | null, flags: FlagSet): void {
    this.slots.set(slot, start, ms, durationWindow, flags);
    this.slots.setEnd(slot, end);
    let at = this.byEnd.lastIndexOf(slot, this.length - 1);
    const wasOldest = at === this.head;
    for (; at + 1 < this.length && this.slots.end(this.byEnd[at + 1]!) <= end; at++) this.byEnd[at] = this.byEnd[at + 1]!;
    this.byEnd[at] = slot;
    if (wasOldest) this.oldestChanged();
  }

  toArray(): CallMemory[] {
    const saved: CallMemory[] = [];
    for (let i = this.head; i < this.length; i++) {
      const slot = this.byEnd[i]!;
      const s = this.slots;
      saved.push({
        id: s.id(slot), category: s.category(slot), start: s.start(slot), end: s.end(slot), ms: s.ms(slot),
        durationWindow: s.durationWindow(slot), flags: flagList(s.flags(slot)),
      });
    }
    return saved;
  }

  private oldestChanged(): void {
    this.oldestEnd = this.head < this.length ? this.slots.end(this.byEnd[this.head]!) : Number.POSITIVE_INFINITY;
  }

  private hashOf(category: number, id: string): number {
    const h = this.hashed;
    if (h.id !== id || h.category !== category) {
      h.id = id;
      h.category = category;
      h.hash = keyHash(id, category);
    }
    return h.hash;
  }

  private growByEnd(): void {
    const bigger = new Int32Array(this.byEnd.length * 2);
    bigger.set(this.byEnd);
    this.byEnd = bigger;
  }
}
