import type { Limits } from '../reference';
import { FREE_PLAN_LIMITS } from './free-plan';
import { planOptionValue } from './plan-option';

const NONE: Limits = { ...FREE_PLAN_LIMITS, totalDurationSeconds: null, successfulCalls: null, lines: null };

describe('planOptionValue', () => {
  it('reads a counted option with its window and a per-call option without one', () => {
    expect(planOptionValue(FREE_PLAN_LIMITS, [], 'FAILED_CALLS', 0)).toEqual({ value: 5, windowSeconds: 3600 });
    expect(planOptionValue(FREE_PLAN_LIMITS, [], 'MAX_CALL_DURATION', 0)).toEqual({ value: 120, windowSeconds: null });
    expect(planOptionValue(NONE, [], 'LINES', 0)).toBeNull();
  });

  it('applies the latest change at or before the instant, whatever the listing order', () => {
    const changes = [
      { option: 'LINES' as const, value: 8, at: 300 },
      { option: 'LINES' as const, value: 4, at: 100 },
      { option: 'SIP_ACCOUNTS' as const, value: 9, at: 0 },
    ];
    expect(planOptionValue(FREE_PLAN_LIMITS, changes, 'LINES', 99)?.value).toBe(1);
    expect(planOptionValue(FREE_PLAN_LIMITS, changes, 'LINES', 100)?.value).toBe(4);
    expect(planOptionValue(FREE_PLAN_LIMITS, changes, 'LINES', 300)?.value).toBe(8);
  });

  it('gives a counted option set only by a change the default window (a day for successful calls)', () => {
    const changes = [{ option: 'SUCCESSFUL_CALLS' as const, value: 100, at: 0 }];
    expect(planOptionValue(NONE, changes, 'SUCCESSFUL_CALLS', 0)).toEqual({ value: 100, windowSeconds: 86400 });
  });
});
