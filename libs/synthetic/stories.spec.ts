import { calendarMonth } from './calendar-month';
import { buildFleets } from './fleet';
import { localInstant, trafficWeight } from './stories';

const october = calendarMonth('2026-10');

describe('account stories', () => {
  it('finds local wall-clock instants on either side of a daylight-saving change', () => {
    expect(new Date(localInstant('America/New_York', october, 1, 0)).toISOString()).toBe('2026-10-01T04:00:00.000Z');
    expect(new Date(localInstant('Europe/Berlin', october, 1, 0)).toISOString()).toBe('2026-09-30T22:00:00.000Z');
    expect(new Date(localInstant('Europe/Berlin', october, 28, 14)).toISOString()).toBe('2026-10-28T13:00:00.000Z');
    expect(new Date(localInstant('Asia/Tokyo', october, 5, 10)).toISOString()).toBe('2026-10-05T01:00:00.000Z');
  });

  it('changes who devices belong to, never their URIs or times, so the CDR streams stay the same', () => {
    const [, , initech] = buildFleets(42, october, 3);
    const john = initech!.devices.slice(0, 3);
    expect(john.map((d) => [d.uri, d.sipId, d.client])).toEqual([1001, 1002, 1003].map((ext) => [
      `sip:${ext}@initech.example.com`, '1234500@initech.example.com', 'MOBILE',
    ]));
    expect(john.every((d) => d.deprovisionedAt === null && d.provisionedAt < october.start)).toBe(true);
  });

  it('leaves the accounts after the named four as plain per-minute accounts', () => {
    const [, , , , plain] = buildFleets(42, october, 5);
    expect(plain!.account).toMatchObject({ accountId: 'acct-0005', billingModel: 'PER_MINUTE', setupFee: null, features: [] });
    expect(plain!.account.plans.map((p) => [p.tariffId, p.options])).toEqual([['std-eur', []]]);
    expect(trafficWeight(plain!)).toBe(plain!.devices.length);
  });

  it('gives acme a second, limits-only plan from 8 October, 00:00 New York, beside its priced plan', () => {
    const [acme] = buildFleets(42, october, 1);
    expect(acme!.account.plans.map((p) => [p.tariffId, new Date(p.activatedAt).toISOString(), p.expiresAt])).toEqual([
      ['std-usd', '2026-10-01T04:00:00.000Z', null],
      ['lines-pack', '2026-10-08T04:00:00.000Z', null],
    ]);
  });

  it('puts hooli on a rate card in UTC and keeps it out of the random traffic: its only calls are its story\'s', () => {
    const hooli = buildFleets(42, october, 4)[3]!;
    expect(hooli.account).toMatchObject({ accountId: 'hooli', currency: 'USD', timezone: 'UTC' });
    expect(hooli.account.plans.map((p) => p.tariffId)).toEqual(['card-usd']);
    expect(trafficWeight(hooli)).toBe(0);
  });
});
