import { countedSets, LimitKeys, usageDay } from './limit-keys';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 2, 9);
const usage = (accountId: string, usageId: string, startAt: number) => ({ accountId, usageId, startAt });

describe('the keys of the limit counters', () => {
  it('buckets counted usage by account and UTC start day, in the order each usage came', () => {
    const keys = new LimitKeys('cdr:');
    const list = [
      usage('acme', 'u-1', T0),
      usage('globex', 'g-1', T0 + 1),
      usage('acme', 'u-2', T0 + DAY),
      usage('acme', 'u-3', Date.UTC(2026, 2, 2, 23, 59, 59, 999)),
      usage('acme', 'u-4', Date.UTC(2026, 2, 3)),
    ];

    const sets = countedSets(list, keys);

    expect(new Map([...sets].map(([key, members]) => [key, members.map((u) => u.usageId)]))).toEqual(
      new Map([
        ['cdr:limits:counted:acme:2026-03-02', ['u-1', 'u-3']],
        ['cdr:limits:counted:globex:2026-03-02', ['g-1']],
        ['cdr:limits:counted:acme:2026-03-03', ['u-2', 'u-4']],
      ]),
    );
    for (const [key, members] of sets) for (const u of members) expect(keys.counted(u.accountId, u.startAt)).toBe(key);
  });

  it('names the day of usage before 1970 as the day it started in, too', () => {
    expect(usageDay(-1)).toBe('1969-12-31');
    expect(usageDay(0)).toBe('1970-01-01');
  });
});
