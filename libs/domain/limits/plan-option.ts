import type { EpochMs } from '../ids';
import type { Limits, OptionChange, PlanOption, WindowLimit } from '../reference';
import { DEFAULT_WINDOW_SECONDS } from './free-plan';

/** An option's value on one plan: seconds or a count, and the window for counted options. */
export interface OptionValue {
  readonly value: number;
  /** Seconds of the counter's window; null for MAX_CALL_DURATION, SIP_ACCOUNTS and LINES. */
  readonly windowSeconds: number | null;
}

/**
 * The value of `option` on a plan at `at`: the tariff's limits field, overridden by the latest
 * OptionChange of that option with at <= the instant (equal instants: the one listed last).
 * A change sets the count (or seconds) of a counted option; its window stays the tariff's.
 * Null: the plan does not set the option, so it leaves it to the other plans (none: unlimited).
 */
export function planOptionValue(
  limits: Limits,
  changes: readonly OptionChange[],
  option: PlanOption,
  at: EpochMs,
): OptionValue | null {
  const set = fromTariff(limits, option);
  let latest: OptionChange | undefined;
  for (const change of changes) {
    if (change.option === option && change.at <= at && (latest === undefined || change.at >= latest.at)) latest = change;
  }
  if (latest === undefined) return set;
  const windowSeconds = set?.windowSeconds ?? DEFAULT_WINDOW_SECONDS[option] ?? null;
  return { value: latest.value, windowSeconds };
}

function fromTariff(limits: Limits, option: PlanOption): OptionValue | null {
  switch (option) {
    case 'MAX_CALL_DURATION':
      return single(limits.maxCallDurationSeconds);
    case 'TOTAL_DURATION':
      return windowed(limits.totalDurationSeconds);
    case 'SUCCESSFUL_CALLS':
      return windowed(limits.successfulCalls);
    case 'FAILED_CALLS':
      return windowed(limits.failedCalls);
    case 'SIP_ACCOUNTS':
      return single(limits.sipAccounts);
    case 'LINES':
      return single(limits.lines);
  }
}

const single = (value: number | null): OptionValue | null => (value === null ? null : { value, windowSeconds: null });

const windowed = (w: WindowLimit | null): OptionValue | null =>
  w === null ? null : { value: w.limit, windowSeconds: w.windowSeconds };
