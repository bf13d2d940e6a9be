import { BillingMonth } from '../ids';
import { addContribution, contributionsOf } from './contribution';
import { ratedLeg } from './rated.fixture';

const march = { invoiceMonth: BillingMonth('2026-03') };

describe('what one rated record adds to the invoice', () => {
  it('adds a 61 s leg billed as 2 minutes at 0.01 to the voice usage line', () => {
    const [usage, ...others] = contributionsOf(ratedLeg({ billedSeconds: 120, amount: '0.020000' }));
    expect(others).toEqual([]);
    expect(usage).toEqual({
      key: 'USAGE|sipcore.voice|0.01',
      kind: 'USAGE',
      product: 'sipcore.voice',
      unitPrice: '0.01',
      forMonth: null,
      billedSeconds: 120,
      records: 1,
      amountNanos: 20_000_000n,
    });
  });

  it('splits a connect fee of 0.05 onto its own line, leaving the minutes on the usage line', () => {
    const lines = contributionsOf(ratedLeg({ billedSeconds: 60, connectFee: '0.050', amount: '0.060000' }));
    expect(lines.map((l) => [l.key, l.billedSeconds, l.records, l.amountNanos])).toEqual([
      ['USAGE|sipcore.voice|0.01', 60, 1, 10_000_000n],
      ['CONNECT_FEE|sipcore.voice|0.05', 0, 1, 50_000_000n],
    ]);
  });

  it('turns February usage arriving after February closed into one March adjustment, fee included', () => {
    const lines = contributionsOf(ratedLeg({ connectFee: '0.05', amount: '0.060000' }), march);
    expect(lines).toEqual([
      expect.objectContaining({
        key: 'ADJUSTMENT|sipcore.voice|0.01|2026-02',
        kind: 'ADJUSTMENT',
        forMonth: '2026-02',
        billedSeconds: 60,
        records: 1,
        amountNanos: 60_000_000n,
      }),
    ]);
  });

  it('counts a 0-second leg as a record with nothing to pay', () => {
    const [usage] = contributionsOf(ratedLeg({ billedSeconds: 0, quantity: '0', amount: '0.000000' }));
    expect(usage).toMatchObject({ billedSeconds: 0, records: 1, amountNanos: 0n });
  });

  it('shares one line between tariff versions that spell the price differently', () => {
    const a = contributionsOf(ratedLeg({ unitPrice: '0.0100' }))[0]!;
    const b = contributionsOf(ratedLeg({ unitPrice: '0.01', tariffVersion: 2 }))[0]!;
    expect(a.key).toBe(b.key);
  });

  it('refuses to file a record as late on its own month or an earlier one', () => {
    expect(() => contributionsOf(ratedLeg(), { invoiceMonth: BillingMonth('2026-02') })).toThrow(RangeError);
    expect(() => contributionsOf(ratedLeg(), { invoiceMonth: BillingMonth('2026-01') })).toThrow(RangeError);
  });

  it('refuses a fractional billed-seconds figure', () => {
    expect(() => contributionsOf(ratedLeg({ billedSeconds: 1.5 }))).toThrow(RangeError);
  });
});

describe('summing contributions into a line total', () => {
  it('sums three legs of 0.003333 to 0.009999 exactly', () => {
    const leg = contributionsOf(ratedLeg({ billedSeconds: 20, unitPrice: '0.01', amount: '0.003333' }))[0]!;
    const total = [leg, leg, leg].reduce(addContribution, undefined);
    expect(total).toMatchObject({ billedSeconds: 60, records: 3, amountNanos: 9_999_000n });
  });

  it('does not change the total it was given', () => {
    const leg = contributionsOf(ratedLeg())[0]!;
    const first = addContribution(undefined, leg);
    addContribution(first, leg);
    expect(first.records).toBe(1);
  });

  it('refuses to add a connect fee to a usage line', () => {
    const [usage, fee] = contributionsOf(ratedLeg({ connectFee: '0.05', amount: '0.06' }));
    expect(() => addContribution(usage, fee!)).toThrow(RangeError);
  });
});
