/** An index position that holds no entry: never used, or its entry was removed. */
const EMPTY = -1;
const REMOVED = -2;

/** What a KeyIndex indexes: entries by number, each with a string key within a group (a category). */
export interface IndexedEntries {
  /** Whether the entry has this key and group: equal hashes are confirmed here. */
  hasKey(entry: number, key: string, group: number): boolean;
  /** The index put the entry at `position`, the one to remove() it by; ignore it if never removed. */
  placed(entry: number, position: number): void;
}

/**
 * Key (and group) -> entry number: an open-addressing table of (entry, hash) pairs in one Int32Array.
 * Why not a Map: every leg looks up its call and its SIP account, and most calls are added and
 * later removed. A Map hashes each fresh key string in the runtime and, on removal, hashes the key
 * again and walks to it. Here the hash is computed once in JS (keyHash), a probe reads one dense
 * array, and removal is by position, touching no string. A collision costs a comparison (hasKey),
 * never a wrong answer.
 */
export class KeyIndex {
  /** table[2p] is the entry (or EMPTY, REMOVED) at position p, table[2p + 1] its hash. */
  private table = emptyTable(64);
  /** Positions not EMPTY (live and removed): probing stops at EMPTY ones, so the table grows at half. */
  private used = 0;
  private live = 0;

  constructor(private readonly entries: IndexedEntries) {}

  /** The entry with this key and group, or -1; `hash` is keyHash(key, group). */
  find(hash: number, key: string, group: number): number {
    const { table } = this;
    const mask = table.length / 2 - 1;
    for (let p = hash & mask; ; p = (p + 1) & mask) {
      const entry = table[2 * p]!;
      if (entry === EMPTY) return -1;
      if (entry >= 0 && table[2 * p + 1] === hash && this.entries.hasKey(entry, key, group)) return entry;
    }
  }

  /** Adds an entry under `hash` (none with its key and group is in the index). */
  add(hash: number, entry: number): void {
    if ((this.used + 1) * 4 > this.table.length) this.rebuild();
    const { table } = this;
    const mask = table.length / 2 - 1;
    let p = hash & mask;
    while (table[2 * p] !== EMPTY) p = (p + 1) & mask;
    table[2 * p] = entry;
    table[2 * p + 1] = hash;
    this.entries.placed(entry, p);
    this.used++;
    this.live++;
  }

  remove(position: number): void {
    this.table[2 * position] = REMOVED;
    this.live--;
  }

  /** Lists the live entries afresh in a table of four times their number, dropping removed ones. */
  private rebuild(): void {
    const old = this.table;
    let size = 64;
    while (size < this.live * 4) size *= 2;
    this.table = emptyTable(size);
    this.used = 0;
    this.live = 0;
    for (let i = 0; i < old.length; i += 2) {
      if (old[i]! >= 0) this.add(old[i + 1]!, old[i]!);
    }
  }
}

const emptyTable = (size: number): Int32Array => new Int32Array(2 * size).fill(EMPTY);

/**
 * A hash of a key and its group (FNV-1a). Long keys are sampled (first and last 16 characters, and
 * the length): call ids and SIP URIs differ at either end in practice, and a collision only costs
 * a comparison.
 */
export function keyHash(key: string, group: number): number {
  let h = Math.imul(0x811c9dc5 ^ group, 16_777_619);
  const n = key.length;
  const head = n <= 32 ? n : 16;
  for (let i = 0; i < head; i++) h = Math.imul(h ^ key.charCodeAt(i), 16_777_619);
  if (n > 32) {
    for (let i = n - 16; i < n; i++) h = Math.imul(h ^ key.charCodeAt(i), 16_777_619);
    h = Math.imul(h ^ n, 16_777_619);
  }
  return h;
}
