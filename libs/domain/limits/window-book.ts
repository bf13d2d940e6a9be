import type { PlanCategory } from '../reference';
import { categorySlot, PLAN_CATEGORIES } from './plan-category';
import type { OpenWindow, WindowCount } from './window-count';

export type WindowedOption = 'TOTAL_DURATION' | 'SUCCESSFUL_CALLS' | 'FAILED_CALLS';

const WINDOWED: readonly WindowedOption[] = ['TOTAL_DURATION', 'SUCCESSFUL_CALLS', 'FAILED_CALLS'];

/** The stored key of each slot: `<category>:<option>`, built once rather than per record. */
const KEYS: readonly string[] = PLAN_CATEGORIES.flatMap((category) => WINDOWED.map((option) => `${category}:${option}`));

function optionSlot(option: WindowedOption): number {
  switch (option) {
    case 'TOTAL_DURATION':
      return 0;
    case 'SUCCESSFUL_CALLS':
      return 1;
    case 'FAILED_CALLS':
      return 2;
  }
}

/** Where the window of a category's option is kept in a WindowBook. */
export const windowSlot = (category: PlanCategory, option: WindowedOption): number =>
  categorySlot(category) * WINDOWED.length + optionSlot(option);

/**
 * The open windows of one account, one slot per category and option, so a record finds its window
 * without hashing a key. The stored form is keyed `<category>:<option>` and lists the windows in the
 * order they first opened, as it always has.
 */
export class WindowBook {
  private readonly slots: (OpenWindow | undefined)[] = KEYS.map(() => undefined);
  /** Stored keys in the order they first appeared: the order toJSON() lists them in. */
  private readonly order: string[] = [];
  /** Windows a stored state holds under a key this release does not count: kept as they are. */
  private readonly foreign = new Map<string, WindowCount>();

  constructor(saved: Readonly<Record<string, WindowCount>>) {
    for (const [key, window] of Object.entries(saved)) {
      const slot = KEYS.indexOf(key);
      if (slot < 0) this.foreign.set(key, window);
      else this.slots[slot] = { ...window };
      this.order.push(key);
    }
  }

  get(slot: number): OpenWindow | undefined {
    return this.slots[slot];
  }

  /** Makes `window` the open window of the slot, replacing the one that closed. */
  open(slot: number, window: OpenWindow): void {
    if (this.slots[slot] === undefined) this.order.push(KEYS[slot]!);
    this.slots[slot] = window;
  }

  toJSON(): Record<string, WindowCount> {
    const saved: Record<string, WindowCount> = {};
    for (const key of this.order) {
      const slot = KEYS.indexOf(key);
      saved[key] = slot < 0 ? this.foreign.get(key)! : { ...this.slots[slot]! };
    }
    return saved;
  }
}
