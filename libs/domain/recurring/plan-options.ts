import type { EpochMs } from '../ids';
import type { Limits, PlanAssignment, PlanOption } from '../reference';

/**
 * An option's value before any change: what the plan's tariff sets it to in its limits (LINES ->
 * limits.lines, the windowed counts -> their limit), or 0 when the tariff does not set it.
 */
export function optionBaseline(option: PlanOption, limits: Limits | null): number {
  if (limits === null) return 0;
  switch (option) {
    case 'MAX_CALL_DURATION':
      return limits.maxCallDurationSeconds ?? 0;
    case 'TOTAL_DURATION':
      return limits.totalDurationSeconds?.limit ?? 0;
    case 'SUCCESSFUL_CALLS':
      return limits.successfulCalls?.limit ?? 0;
    case 'FAILED_CALLS':
      return limits.failedCalls?.limit ?? 0;
    case 'SIP_ACCOUNTS':
      return limits.sipAccounts ?? 0;
    case 'LINES':
      return limits.lines ?? 0;
  }
}

/** The plan's changes of one option, by time; changes at the same instant keep their listed order (the last wins). */
export function changesOf(plan: PlanAssignment, option: PlanOption): { value: number; at: EpochMs }[] {
  return plan.options.filter((c) => c.option === option).sort((a, b) => a.at - b.at);
}

/** The option's value at an instant: its last change at or before it, else the baseline. */
export function optionValueAt(plan: PlanAssignment, option: PlanOption, baseline: number, at: EpochMs): number {
  let value = baseline;
  for (const change of changesOf(plan, option)) {
    if (change.at > at) break;
    value = change.value;
  }
  return value;
}
