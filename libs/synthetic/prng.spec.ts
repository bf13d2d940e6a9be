import { Prng } from './prng';

const draw = (rng: Prng, n: number) => Array.from({ length: n }, () => rng.uint32());

describe('Prng', () => {
  it('repeats the same sequence for the same seed and label', () => {
    expect(draw(Prng.stream(42, 'sipcore'), 50)).toEqual(draw(Prng.stream(42, 'sipcore'), 50));
  });

  it('gives independent sequences per seed and per label', () => {
    const base = draw(Prng.stream(42, 'sipcore'), 8);
    expect(draw(Prng.stream(43, 'sipcore'), 8)).not.toEqual(base);
    expect(draw(Prng.stream(42, 'media'), 8)).not.toEqual(base);
    expect(draw(Prng.stream(42 + 2 ** 32, 'sipcore'), 8)).not.toEqual(base);
  });

  it('keeps int() inside its inclusive bounds and reaches both ends', () => {
    const rng = new Prng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(rng.int(5, 40));
    expect(Math.min(...seen)).toBe(5);
    expect(Math.max(...seen)).toBe(40);
    expect(seen.size).toBe(36);
  });

  it('picks weighted indexes in proportion to their steps', () => {
    const rng = new Prng(1);
    const hits = [0, 0, 0];
    for (let i = 0; i < 10000; i++) hits[rng.weighted([10, 40, 100])]!++;
    expect(hits[0]! / 10000).toBeCloseTo(0.1, 1);
    expect(hits[1]! / 10000).toBeCloseTo(0.3, 1);
    expect(hits[2]! / 10000).toBeCloseTo(0.6, 1);
  });

  it('formats hex of the asked length', () => {
    expect(new Prng(3).hex(20)).toMatch(/^[0-9a-f]{20}$/);
  });
});
