import fc from 'fast-check';
import { AccountId, TariffId, type Account, type Limits, type UsageRecord } from '../../libs/domain';
import { FREE_PLAN_LIMITS, limitsForUsage } from '../../libs/domain/limits';
import { failedAttempt, leg, MIN, T0 } from '../../libs/domain/limits/usage.fixture';
import { sampleAccount, sampleRate, sampleTariff } from '../../libs/domain/reference/sample-reference';
import { ReferenceData } from '../../libs/pipeline/reference-data';
import { HeldLimits } from './held-limits';

const HOUR = 60 * MIN;
const CHANGE_AT = T0 + 30 * MIN;
const gatewayPlan: Limits = { ...FREE_PLAN_LIMITS, maxCallDurationSeconds: 300, totalDurationSeconds: null };

const acme = (over: Partial<Account> = {}): Account =>
  sampleAccount({
    accountId: AccountId('acme'),
    plans: [
      { tariffId: TariffId('std'), activatedAt: 0, expiresAt: null, options: [] },
      { tariffId: TariffId('gw'), activatedAt: 0, expiresAt: T0 + 5 * HOUR, options: [{ option: 'FAILED_CALLS', value: 10, at: CHANGE_AT }] },
    ],
    ...over,
  });

function reference(account: Account = acme()): ReferenceData {
  return ReferenceData.of(
    [account],
    [
      sampleTariff({ tariffId: TariffId('std'), effectiveFrom: 0, rates: [sampleRate('sipcore.voice', '0.01')] }),
      sampleTariff({ tariffId: TariffId('gw'), effectiveFrom: 0, categories: ['GATEWAY'], rates: [], limits: gatewayPlan }),
      sampleTariff({ tariffId: TariffId('gw'), version: 2, effectiveFrom: T0 + 2 * HOUR, categories: ['GATEWAY'], rates: [], limits: { ...gatewayPlan, lines: 4 } }),
    ],
  );
}

/** What the rater worked out for every usage before HeldLimits remembered it. */
const workedOut = (ref: ReferenceData, account: Account, usage: UsageRecord) =>
  limitsForUsage(account, usage, ref.tariffs, ref.calendars.forZone(account.timezone));

describe('the limits the rater holds an account to', () => {
  it('answers as limitsForUsage across an option change, a new tariff version, a plan expiry and the month end', () => {
    const ref = reference();
    const account = ref.account('acme')!;
    const held = new HeldLimits(ref);
    const starts = [T0, T0 + MIN, CHANGE_AT - 1, CHANGE_AT, T0 + 2 * HOUR - 1, T0 + 2 * HOUR, T0 + 5 * HOUR, Date.UTC(2026, 3, 1), T0];
    for (const at of starts) {
      for (const usage of [leg(`c-${at}`, at, 30), failedAttempt(`f-${at}`, at), leg(`m-${at}`, at, 30, { origin: 'MEDIA' })]) {
        expect(held.of(account, usage)).toEqual(workedOut(ref, account, usage));
      }
    }
  });

  it('gives the same answer, not a copy, to usage in the span it holds for', () => {
    const ref = reference();
    const account = ref.account('acme')!;
    const held = new HeldLimits(ref);
    expect(held.of(account, leg('a', T0, 30))).toBe(held.of(account, leg('b', T0 + 20 * MIN, 30)));
  });

  it('looks again when the reference topics replace the account or publish a tariff version', () => {
    const ref = reference();
    const held = new HeldLimits(ref);
    const usage = leg('c', T0, 30);
    expect(held.of(ref.account('acme')!, usage).options.MAX_CALL_DURATION?.value).toBe(300);

    ref.putTariff(sampleTariff({ tariffId: TariffId('gw'), version: 3, effectiveFrom: 0, categories: ['GATEWAY'], rates: [], limits: { ...gatewayPlan, maxCallDurationSeconds: 600 } }));
    expect(held.of(ref.account('acme')!, usage).options.MAX_CALL_DURATION?.value).toBe(600);

    ref.putAccount(acme({ plans: [{ tariffId: TariffId('std'), activatedAt: 0, expiresAt: null, options: [] }] }));
    expect(held.of(ref.account('acme')!, usage)).toEqual(workedOut(ref, ref.account('acme')!, usage));
    expect(held.of(ref.account('acme')!, usage).options.MAX_CALL_DURATION).toEqual({ value: 120, windowSeconds: null, planTariffId: null });
  });

  it('answers as limitsForUsage whatever order usage of the month comes in', () => {
    const month = { start: Date.UTC(2026, 2, 1), end: Date.UTC(2026, 3, 2) };
    const usage = fc.record({ at: fc.integer({ min: month.start - HOUR, max: month.end }), media: fc.boolean(), failed: fc.boolean() });
    fc.assert(
      fc.property(fc.array(usage, { minLength: 1, maxLength: 30 }), (list) => {
        const ref = reference(acme({ timezone: 'Europe/Berlin' }));
        const account = ref.account('acme')!;
        const held = new HeldLimits(ref);
        for (const { at, media, failed } of list) {
          const u = failed ? failedAttempt(`f-${at}`, at) : leg(`c-${at}`, at, 30, { origin: media ? 'MEDIA' : 'SIPCORE' });
          expect(held.of(account, u)).toEqual(workedOut(ref, account, u));
        }
      }),
      { numRuns: 50 },
    );
  });
});
