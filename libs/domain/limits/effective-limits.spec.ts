import { TariffId } from '../ids';
import type { Limits, OptionChange, PlanAssignment, PlanCategory } from '../reference';
import { sampleTariff } from '../reference/sample-reference';
import { TariffBook } from '../rating/tariff-book';
import { effectiveLimits } from './effective-limits';
import { FREE_PLAN_LIMITS } from './free-plan';

const JAN = Date.UTC(2026, 0, 1);
const MAR_1 = Date.UTC(2026, 2, 1);
const MAR_10 = Date.UTC(2026, 2, 10);
const APR = Date.UTC(2026, 3, 1);
const MAY = Date.UTC(2026, 4, 1);

const limits = (over: Partial<Limits>): Limits => ({
  maxCallDurationSeconds: null,
  totalDurationSeconds: null,
  successfulCalls: null,
  failedCalls: null,
  sipAccounts: null,
  lines: null,
  ...over,
});

function book(): TariffBook {
  const tariffs = new TariffBook();
  const add = (id: string, categories: PlanCategory[], l: Limits | null, effectiveFrom = JAN, version = 1) =>
    tariffs.add(sampleTariff({ tariffId: TariffId(id), version, effectiveFrom, categories, limits: l }));
  add('rate-card', ['GATEWAY'], null);
  add('gw-10min', ['GATEWAY'], limits({ maxCallDurationSeconds: 600, lines: 2, failedCalls: { limit: 20, windowSeconds: 3600 } }));
  add('gw-1h', ['GATEWAY', 'SOFTPHONE'], limits({ maxCallDurationSeconds: 3600, lines: 2 }));
  add('gw-lines', ['GATEWAY'], limits({ lines: 2 }));
  add('soft', ['SOFTPHONE'], limits({ maxCallDurationSeconds: 900 }));
  add('gw-10min', ['GATEWAY'], limits({ maxCallDurationSeconds: 1200 }), APR, 2);
  return tariffs;
}

const plan = (tariffId: string, expiresAt: number | null = null, options: OptionChange[] = [], activatedAt = JAN): PlanAssignment => ({
  tariffId: TariffId(tariffId),
  activatedAt,
  expiresAt,
  options,
});

const at = (plans: PlanAssignment[], category: PlanCategory = 'GATEWAY', when = MAR_10) => effectiveLimits(plans, category, when, book());

describe('effectiveLimits', () => {
  it('holds an account without plans to the free plan, naming no plan', () => {
    expect(at([])).toEqual({
      MAX_CALL_DURATION: { value: 120, windowSeconds: null, planTariffId: null },
      TOTAL_DURATION: { value: 1800, windowSeconds: 86400, planTariffId: null },
      FAILED_CALLS: { value: 5, windowSeconds: 3600, planTariffId: null },
      SIP_ACCOUNTS: { value: 1, windowSeconds: null, planTariffId: null },
      LINES: { value: 1, windowSeconds: null, planTariffId: null },
    });
    expect(FREE_PLAN_LIMITS.successfulCalls).toBeNull();
  });

  it('treats a tariff with limits: null as a rate card: its account stays on the free plan', () => {
    expect(at([plan('rate-card')]).MAX_CALL_DURATION).toEqual({ value: 120, windowSeconds: null, planTariffId: null });
  });

  it('keeps gateway usage on the free plan when the only plan with limits is a softphone plan', () => {
    expect(at([plan('soft')], 'GATEWAY').MAX_CALL_DURATION?.planTariffId).toBeNull();
    expect(at([plan('soft')], 'SOFTPHONE').MAX_CALL_DURATION).toEqual({ value: 900, windowSeconds: null, planTariffId: 'soft' });
  });

  it('gives lines to gateway usage only', () => {
    expect(at([], 'SOFTPHONE').LINES).toBeUndefined();
    expect(at([plan('gw-1h')], 'SOFTPHONE').LINES).toBeUndefined();
  });

  it('takes the higher value when two active plans set the same option', () => {
    expect(at([plan('gw-10min'), plan('gw-1h')]).MAX_CALL_DURATION).toEqual({ value: 3600, windowSeconds: null, planTariffId: 'gw-1h' });
    expect(at([plan('gw-1h'), plan('gw-10min')]).MAX_CALL_DURATION?.planTariffId).toBe('gw-1h');
  });

  it('names the plan that expires first when two plans give the same value', () => {
    expect(at([plan('gw-10min', null), plan('gw-1h', MAY)]).LINES?.planTariffId).toBe('gw-1h');
    expect(at([plan('gw-10min', MAY), plan('gw-1h', APR)]).LINES?.planTariffId).toBe('gw-1h');
    expect(at([plan('gw-lines', APR), plan('gw-1h', APR)]).LINES?.planTariffId).toBe('gw-1h');
  });

  it('leaves an option that no active plan sets unlimited', () => {
    const only = at([plan('gw-lines')]);
    expect(only).toEqual({ LINES: { value: 2, windowSeconds: null, planTariffId: 'gw-lines' } });
  });

  it('ignores plans not yet active or expired at the instant', () => {
    expect(at([plan('gw-1h', MAR_10)]).MAX_CALL_DURATION?.value).toBe(120);
    expect(at([plan('gw-1h', null, [], MAR_10 + 1)]).MAX_CALL_DURATION?.value).toBe(120);
  });

  it('reads the tariff version in effect at the instant', () => {
    expect(at([plan('gw-10min')], 'GATEWAY', APR).MAX_CALL_DURATION?.value).toBe(1200);
  });

  it('raises a limit by an option change from its instant on', () => {
    const raised = [plan('gw-10min', null, [{ option: 'FAILED_CALLS', value: 50, at: MAR_10 }])];
    expect(at(raised, 'GATEWAY', MAR_10 - 1).FAILED_CALLS).toEqual({ value: 20, windowSeconds: 3600, planTariffId: 'gw-10min' });
    expect(at(raised, 'GATEWAY', MAR_10).FAILED_CALLS).toEqual({ value: 50, windowSeconds: 3600, planTariffId: 'gw-10min' });
    expect(at(raised, 'GATEWAY', MAR_1).FAILED_CALLS?.value).toBe(20);
  });
});
