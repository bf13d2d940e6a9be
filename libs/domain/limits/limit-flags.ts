import type { PlanOption } from '../reference';
import { limitFlag, PLAN_OPTIONS } from './plan-category';

/**
 * The `LIMIT:<OPTION>` flags of one usage record as a bit set: a bit per option, in PLAN_OPTIONS
 * order. The counters keep flags this way so that judging a record builds no strings or sets; the
 * flag lists handed out are built once here, frozen and shared (most records get the empty one).
 */
export type FlagSet = number;

export const NO_FLAGS: FlagSet = 0;

const BITS: ReadonlyMap<PlanOption, FlagSet> = new Map(PLAN_OPTIONS.map((option, i) => [option, 1 << i]));
const BY_FLAG: ReadonlyMap<string, FlagSet> = new Map(PLAN_OPTIONS.map((option, i) => [limitFlag(option), 1 << i]));

/** Every subset's flag list in canonical option order, so the same input always gives the same list. */
const LISTS: readonly (readonly string[])[] = Array.from({ length: 1 << PLAN_OPTIONS.length }, (_, set) =>
  Object.freeze(PLAN_OPTIONS.filter((_, i) => (set & (1 << i)) !== 0).map(limitFlag)),
);

/** Each list's sorted twin (rated records list their flags sorted), also built once. */
const SORTED: ReadonlyMap<readonly string[], readonly string[]> = new Map(LISTS.map((list) => [list, Object.freeze([...list].sort())]));

export const flagBit = (option: PlanOption): FlagSet => BITS.get(option)!;

/** The flags of a set, in the canonical option order: a shared, frozen list. */
export const flagList = (set: FlagSet): readonly string[] => LISTS[set]!;

/** A list flagList() handed out, sorted (the same one each time); undefined for any other list. */
export const sortedFlagList = (flags: readonly string[]): readonly string[] | undefined => SORTED.get(flags);

/** The set of stored flags (a state holds only `LIMIT:<OPTION>` flags; anything else is dropped). */
export function flagSetOf(flags: readonly string[]): FlagSet {
  let set = NO_FLAGS;
  for (const flag of flags) set |= BY_FLAG.get(flag) ?? 0;
  return set;
}
