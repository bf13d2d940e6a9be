import { calendarMonth } from './calendar-month';
import { buildFleets } from './fleet';
import { localInstant } from './stories';

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

  it('leaves the accounts after the named three as plain per-minute accounts', () => {
    const [, , , plain] = buildFleets(42, october, 4);
    expect(plain!.account).toMatchObject({ accountId: 'acct-0004', billingModel: 'PER_MINUTE', setupFee: null, features: [] });
    expect(plain!.account.plans[0]!.options).toEqual([]);
  });
});
