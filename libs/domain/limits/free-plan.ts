import type { Limits, PlanOption } from '../reference';

/**
 * The built-in free plan (seed 002, SPEC 5): what an account is held to when no active plan of the
 * usage's category carries limits. One SIP account per mode, one gateway line, 5 failed calls an hour,
 * 2 minutes per call, 30 minutes of calls a day; successful calls are not limited.
 */
export const FREE_PLAN_LIMITS: Limits = Object.freeze({
  maxCallDurationSeconds: 120,
  totalDurationSeconds: Object.freeze({ limit: 1800, windowSeconds: 86_400 }),
  successfulCalls: null,
  failedCalls: Object.freeze({ limit: 5, windowSeconds: 3_600 }),
  sipAccounts: 1,
  lines: 1,
});

/**
 * The window of a counted option that an OptionChange sets on a plan whose tariff does not set it:
 * the free plan's window where it has one, a day for successful calls.
 */
export const DEFAULT_WINDOW_SECONDS: Readonly<Partial<Record<PlanOption, number>>> = Object.freeze({
  TOTAL_DURATION: 86_400,
  SUCCESSFUL_CALLS: 86_400,
  FAILED_CALLS: 3_600,
});
