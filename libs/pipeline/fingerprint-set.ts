import type { Deduplicator } from './deduplicator';

/**
 * In-memory Deduplicator that keeps a 106-bit fingerprint of each id (two independent 53-bit
 * hashes) in an open-addressing table of doubles: 16 bytes per distinct id instead of ~100 for a
 * Set<string>, so a million CDRs cost ~32 MB at worst. It is the one structure of the embedded
 * pipeline that grows with the number of records; a false "seen" needs two ids to agree on all
 * 106 bits (about 1 in 10^19 for 10^7 ids).
 */
export class FingerprintSet implements Deduplicator {
  private slots: Float64Array; // [h1, h2] pairs; h1 = 0 marks an empty slot
  private mask: number;
  private count = 0;

  constructor(initialCapacity = 1 << 16) {
    let capacity = 1;
    while (capacity < initialCapacity) capacity <<= 1;
    this.slots = new Float64Array(capacity * 2);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.count;
  }

  firstSeen(id: string): boolean {
    // cyrb53 (public domain, bryc: a fast, well-mixed 53-bit string hash) under two seeds, both in
    // one pass over the id: half the cost of hashing it twice, and this runs once per usage record.
    let a1 = 0xdeadbeef ^ SEED_1;
    let b1 = 0x41c6ce57 ^ SEED_1;
    let a2 = 0xdeadbeef ^ SEED_2;
    let b2 = 0x41c6ce57 ^ SEED_2;
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      a1 = Math.imul(a1 ^ c, 2654435761);
      b1 = Math.imul(b1 ^ c, 1597334677);
      a2 = Math.imul(a2 ^ c, 2654435761);
      b2 = Math.imul(b2 ^ c, 1597334677);
    }
    const h1 = finish53(a1, b1) || 1;
    const h2 = finish53(a2, b2);
    if (insert(this.slots, this.mask, h1, h2)) {
      this.count++;
      if (this.count * 4 > (this.mask + 1) * 3) this.grow();
      return true;
    }
    return false;
  }

  private grow(): void {
    const old = this.slots;
    this.mask = this.mask * 2 + 1;
    this.slots = new Float64Array((this.mask + 1) * 2);
    for (let i = 0; i < old.length; i += 2) {
      if (old[i] !== 0) insert(this.slots, this.mask, old[i]!, old[i + 1]!);
    }
  }
}

/** Linear probing; returns false when the fingerprint is already present. */
function insert(slots: Float64Array, mask: number, h1: number, h2: number): boolean {
  let i = h1 & mask; // ToInt32 keeps the well-mixed low bits
  for (;;) {
    const at = i * 2;
    const existing = slots[at];
    if (existing === 0) {
      slots[at] = h1;
      slots[at + 1] = h2;
      return true;
    }
    if (existing === h1 && slots[at + 1] === h2) return false;
    i = (i + 1) & mask;
  }
}

const SEED_1 = 0x9e3779b9;
const SEED_2 = 0x85ebca6b;

/** cyrb53's final avalanche of its two 32-bit states into 53 bits. */
function finish53(a: number, b: number): number {
  const x = Math.imul(a ^ (a >>> 16), 2246822507) ^ Math.imul(b ^ (b >>> 13), 3266489909);
  const y = Math.imul(b ^ (b >>> 16), 2246822507) ^ Math.imul(x ^ (x >>> 13), 3266489909);
  return 4294967296 * (2097151 & y) + (x >>> 0);
}
