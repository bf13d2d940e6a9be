import { copiesAfter, copiesOf } from './kafka-pass-through-job';

describe("a pass-through's copies per message", () => {
  it('makes one copy of each message at fan-out 1', () => {
    expect([0, 1, 2, 99].map((i) => copiesOf(i, 1))).toEqual([1, 1, 1, 1]);
  });

  it('spreads a fractional fan-out evenly: 1.5 gives 1, 2, 1, 2', () => {
    expect([0, 1, 2, 3].map((i) => copiesOf(i, 1.5))).toEqual([1, 2, 1, 2]);
  });

  it('drops messages below fan-out 1, and the copies of the first n always add up to copiesAfter(n)', () => {
    const fanOut = 70_562 / 74_712;
    let total = 0;
    for (let i = 0; i < 74_712; i++) total += copiesOf(i, fanOut);
    expect(total).toBe(copiesAfter(74_712, fanOut));
    expect(total).toBe(70_562);
    expect(copiesOf(17, 0.5) + copiesOf(18, 0.5)).toBe(1);
  });
});
