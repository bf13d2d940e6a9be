import { addContribution, contributionsOf, type LineTotal } from './contribution';
import { ratedLeg } from './rated.fixture';
import { RunningTotal } from './running-total';

describe('the running total of one invoice line', () => {
  it('sums three calls of 1, 2 and 3 minutes exactly as folding addContribution does', () => {
    const calls = [
      ratedLeg({ id: 'a', billedSeconds: 60, amount: '0.010000' }),
      ratedLeg({ id: 'b', billedSeconds: 120, amount: '0.020000' }),
      ratedLeg({ id: 'c', billedSeconds: 180, amount: '0.030000' }),
    ].map((r) => contributionsOf(r)[0]!);
    const running = new RunningTotal(calls[0]!);
    for (const c of calls.slice(1)) running.add(c);
    const folded = calls.reduce<LineTotal | undefined>((total, c) => addContribution(total, c), undefined);
    expect(running.snapshot()).toEqual(folded);
    expect(Object.keys(running.snapshot())).toEqual(Object.keys(folded!));
    expect(running.snapshot()).toMatchObject({ billedSeconds: 360, records: 3, amountNanos: 60_000_000n });
  });

  it('refuses billed seconds past 2^53 with the ledger overflow error, keeping the total it had', () => {
    const huge = contributionsOf(ratedLeg({ billedSeconds: Number.MAX_SAFE_INTEGER - 10 }))[0]!;
    const running = new RunningTotal(huge);
    expect(() => running.add(contributionsOf(ratedLeg({ billedSeconds: 60 }))[0]!)).toThrow(
      'billed seconds overflow on USAGE|sipcore.voice|0.01',
    );
    expect(running.snapshot()).toMatchObject({ billedSeconds: Number.MAX_SAFE_INTEGER - 10, records: 1 });
  });

  it('hands out snapshots that later records do not change', () => {
    const running = new RunningTotal(contributionsOf(ratedLeg())[0]!);
    const before = running.snapshot();
    running.add(contributionsOf(ratedLeg({ id: 'u-2' }))[0]!);
    expect(before.records).toBe(1);
    expect(running.snapshot().records).toBe(2);
  });
});
