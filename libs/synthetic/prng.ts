/**
 * Seeded pseudo-random numbers (sfc32), so one seed always gives byte-identical data.
 * Never Math.random: the generator must be reproducible for tests and for the shipped sample.
 * Only + - * / and integer ops are used downstream, so results do not depend on libm.
 */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** A generator for one concern (e.g. 'sipcore'), so adding records to one stream never shifts another. */
  static stream(seed: number, label: string): Prng {
    return new Prng(mix(seed, label));
  }

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = () => (s = splitmix32(s));
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  /** Index into `cumulative` (ascending running totals) chosen in proportion to each step. */
  weighted(cumulative: readonly number[]): number {
    const total = cumulative[cumulative.length - 1] ?? 0;
    const x = this.next() * total;
    let i = 0;
    while (i < cumulative.length - 1 && (cumulative[i] ?? 0) <= x) i++;
    return i;
  }

  /** Lower-case hex string of `digits` digits. */
  hex(digits: number): string {
    let out = '';
    while (out.length < digits) out += this.uint32().toString(16).padStart(8, '0');
    return out.slice(0, digits);
  }
}

function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Folds a non-negative safe-integer seed and a label into 32 bits (FNV-1a over both). */
function mix(seed: number, label: string): number {
  let h = 0x811c9dc5;
  const feed = (byte: number) => (h = Math.imul(h ^ (byte & 0xff), 0x01000193) >>> 0);
  const hi = Math.floor(seed / 4294967296);
  for (const word of [seed >>> 0, hi >>> 0]) for (let k = 0; k < 4; k++) feed(word >>> (8 * k));
  for (let i = 0; i < label.length; i++) feed(label.charCodeAt(i));
  return splitmix32(h);
}
