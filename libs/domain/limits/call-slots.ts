import type { EpochMs } from '../ids';
import type { PlanCategory } from '../reference';
import type { IndexedEntries } from './key-index';
import type { FlagSet } from './limit-flags';
import { categorySlot, PLAN_CATEGORIES } from './plan-category';

/** Where each number of a call sits in its slot. */
const START = 0;
const END = 1;
const MS = 2;
const WINDOW = 3;
const FLAGS = 4;
const CATEGORY = 5;
/** The call's position in the KeyIndex, so forgetting it needs no lookup. */
const POSITION = 6;
/** Numbers per slot: 8 doubles, 64 bytes, so a call is read in one or two cache lines. */
const STRIDE = 8;

/**
 * The remembered calls' numbers in one Float64Array, a slot per call, and their ids beside it.
 * Why not an object per call: the counters remember every call for two hours and look at several
 * per record; objects (and the boxed numbers inside them) would be allocated per call, outlive a
 * young-generation GC or two and be scattered over the heap. Slots are reused once forgotten.
 * Epoch milliseconds and durations are whole numbers well within a double's exact range.
 */
export class CallSlots implements IndexedEntries {
  private numbers = new Float64Array(STRIDE * 64);
  /** Call id by slot; '' for a free slot (so a forgotten id can be collected). */
  private readonly ids: string[] = [];
  private readonly freed: number[] = [];

  /** A slot for a new call; it stays the call's until free(). */
  take(category: PlanCategory, id: string, start: EpochMs, end: EpochMs, ms: number, durationWindow: EpochMs | null, flags: FlagSet): number {
    const slot = this.freed.pop() ?? this.grow();
    this.ids[slot] = id;
    const at = slot * STRIDE;
    this.numbers[at + CATEGORY] = categorySlot(category);
    this.numbers[at + END] = end;
    this.set(slot, start, ms, durationWindow, flags);
    return slot;
  }

  /** Sets what a later leg changes; the end changes only through setEnd (its order depends on it). */
  set(slot: number, start: EpochMs, ms: number, durationWindow: EpochMs | null, flags: FlagSet): void {
    const at = slot * STRIDE;
    this.numbers[at + START] = start;
    this.numbers[at + MS] = ms;
    this.numbers[at + WINDOW] = durationWindow ?? Number.NaN;
    this.numbers[at + FLAGS] = flags;
  }

  setEnd(slot: number, end: EpochMs): void {
    this.numbers[slot * STRIDE + END] = end;
  }

  position(slot: number): number {
    return this.numbers[slot * STRIDE + POSITION]!;
  }

  /** KeyIndex: the call's id and category slot. */
  hasKey(slot: number, id: string, category: number): boolean {
    return this.numbers[slot * STRIDE + CATEGORY] === category && this.ids[slot] === id;
  }

  /** KeyIndex: where the call is in the index, for position(). */
  placed(slot: number, position: number): void {
    this.numbers[slot * STRIDE + POSITION] = position;
  }

  free(slot: number): void {
    this.ids[slot] = '';
    this.freed.push(slot);
  }

  id(slot: number): string {
    return this.ids[slot]!;
  }

  start(slot: number): EpochMs {
    return this.numbers[slot * STRIDE + START]!;
  }

  end(slot: number): EpochMs {
    return this.numbers[slot * STRIDE + END]!;
  }

  ms(slot: number): number {
    return this.numbers[slot * STRIDE + MS]!;
  }

  flags(slot: number): FlagSet {
    return this.numbers[slot * STRIDE + FLAGS]!;
  }

  category(slot: number): PlanCategory {
    return PLAN_CATEGORIES[this.categorySlot(slot)]!;
  }

  /** categorySlot() of the call's category. */
  categorySlot(slot: number): number {
    return this.numbers[slot * STRIDE + CATEGORY]!;
  }

  durationWindow(slot: number): EpochMs | null {
    const window = this.numbers[slot * STRIDE + WINDOW]!;
    return Number.isNaN(window) ? null : window;
  }

  /** A slot never used yet, doubling the numbers when they are full. */
  private grow(): number {
    const slot = this.ids.length;
    if ((slot + 1) * STRIDE > this.numbers.length) {
      const bigger = new Float64Array(this.numbers.length * 2);
      bigger.set(this.numbers);
      this.numbers = bigger;
    }
    this.ids.push('');
    return slot;
  }
}
