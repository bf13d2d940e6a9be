import { AccountId, TariffId } from '../ids';
import type { Account, Limits } from '../reference';
import { sampleAccount, sampleRate, sampleTariff } from '../reference/sample-reference';
import { BillingCalendar } from '../rating/billing-calendar';
import { CalendarBook } from '../rating/calendar-book';
import { rateUsage } from '../rating/rate';
import { TariffBook } from '../rating/tariff-book';
import type { UsageRecord } from '../usage';
import { FREE_PLAN_LIMITS } from './free-plan';
import { limitsForUsage } from './usage-limits';
import { failedAttempt, feed, leg, MIN, T0 } from './usage.fixture';

const CHANGE_AT = T0 + 30 * MIN;
const gatewayPlan: Limits = { ...FREE_PLAN_LIMITS, maxCallDurationSeconds: null, totalDurationSeconds: null };

function reference(account: Partial<Account> = {}) {
  const tariffs = new TariffBook();
  tariffs.add(sampleTariff({ tariffId: TariffId('std'), effectiveFrom: 0, rates: [sampleRate('sipcore.voice', '0.01'), sampleRate('media.voice', '0.02')] }));
  tariffs.add(sampleTariff({ tariffId: TariffId('gw'), effectiveFrom: 0, categories: ['GATEWAY'], rates: [], limits: gatewayPlan }));
  const acme = sampleAccount({
    accountId: AccountId('acme'),
    plans: [
      { tariffId: TariffId('std'), activatedAt: 0, expiresAt: null, options: [] },
      { tariffId: TariffId('gw'), activatedAt: 0, expiresAt: null, options: [{ option: 'FAILED_CALLS', value: 10, at: CHANGE_AT }] },
    ],
    ...account,
  });
  return { acme, tariffs, calendar: new BillingCalendar(acme.timezone) };
}

const sixFailures = (firstAt: number, lastAt: number): UsageRecord[] => [
  ...[0, 1, 2, 3, 4].map((i) => failedAttempt(`f${i}`, firstAt + i * MIN)),
  failedAttempt('f5', lastAt),
];

describe('limitsForUsage', () => {
  it('holds the sixth failed call to 5 before an option change raises the limit to 10', () => {
    const { acme, tariffs, calendar } = reference();
    const limitsOf = (u: UsageRecord) => limitsForUsage(acme, u, tariffs, calendar);
    const before = feed(sixFailures(T0, T0 + 10 * MIN), limitsOf).seen[5]!;
    const after = feed(sixFailures(T0, CHANGE_AT), limitsOf).seen[5]!;
    expect(before.flags).toEqual(['LIMIT:FAILED_CALLS']);
    expect(before.events[0]).toMatchObject({ threshold: 5, planTariffId: 'gw' });
    expect(after.flags).toEqual([]);
    expect(after.events).toEqual([]);
  });

  it('counts media-server usage as softphone usage, on the free plan when no softphone plan has limits', () => {
    const { acme, tariffs, calendar } = reference();
    const media = leg('m1', T0, 30, { origin: 'MEDIA' });
    const limits = limitsForUsage(acme, media, tariffs, calendar);
    expect(limits.category).toBe('SOFTPHONE');
    expect(limits.options.MAX_CALL_DURATION).toEqual({ value: 120, windowSeconds: null, planTariffId: null });
  });

  it("counts SIP accounts over the billing month of the account's zone", () => {
    const { acme, tariffs, calendar } = reference({ timezone: 'Europe/Berlin' });
    expect(limitsForUsage(acme, leg('c', T0, 30), tariffs, calendar).period).toEqual({
      start: Date.UTC(2026, 1, 28, 23),
      end: Date.UTC(2026, 2, 31, 22),
    });
  });

  it('still rates every call past a free-plan limit: flags only, the amount is unchanged', () => {
    const { acme, tariffs, calendar } = reference({ plans: [{ tariffId: TariffId('std'), activatedAt: 0, expiresAt: null, options: [] }] });
    const calls = [leg('long', T0, 180), leg('over-line', T0 + MIN, 60)];
    const { seen } = feed(calls, (u) => limitsForUsage(acme, u, tariffs, calendar));
    const ctx = { account: () => acme, tariffs, calendars: new CalendarBook() };
    const rated = calls.map((u, i) => {
      const outcome = rateUsage(u, ctx);
      return outcome.ok && outcome.rated ? { ...outcome.rated, flags: seen[i]!.flags } : outcome;
    });
    expect(rated).toEqual([
      expect.objectContaining({ amount: '0.030000', flags: ['LIMIT:MAX_CALL_DURATION'] }),
      expect.objectContaining({ amount: '0.010000', flags: ['LIMIT:LINES'] }),
    ]);
  });
});
