import { KeyIndex, keyHash, type IndexedEntries } from './key-index';

/** Call ids by entry number, as CallSlots keeps them, with the positions the index reports. */
class Ids implements IndexedEntries {
  readonly ids: string[] = [];
  readonly groups: number[] = [];
  readonly positions: number[] = [];
  hasKey = (entry: number, key: string, group: number) => this.ids[entry] === key && this.groups[entry] === group;
  placed = (entry: number, position: number) => void (this.positions[entry] = position);
}

function indexOf(keys: readonly [string, number][]) {
  const ids = new Ids();
  const index = new KeyIndex(ids);
  for (const [key, group] of keys) {
    ids.ids.push(key);
    ids.groups.push(group);
    index.add(keyHash(key, group), ids.ids.length - 1);
  }
  return { ids, index, find: (key: string, group: number) => index.find(keyHash(key, group), key, group) };
}

describe('KeyIndex', () => {
  it('finds a call by its id and category, and not the same id in another category', () => {
    const { find } = indexOf([['a84@sbc', 0], ['b17@sbc', 0], ['a84@sbc', 1]]);
    expect([find('a84@sbc', 0), find('b17@sbc', 0), find('a84@sbc', 1), find('b17@sbc', 1), find('c@sbc', 0)]).toEqual([0, 1, 2, -1, -1]);
  });

  it('tells apart two calls whose hashes collide by their ids', () => {
    const ids = new Ids();
    const index = new KeyIndex(ids);
    ids.ids.push('first', 'second');
    ids.groups.push(0, 0);
    index.add(42, 0);
    index.add(42, 1);
    expect([index.find(42, 'first', 0), index.find(42, 'second', 0), index.find(42, 'third', 0)]).toEqual([0, 1, -1]);
  });

  it('forgets removed calls and still finds every other one after the table grew and was rebuilt', () => {
    const keys = Array.from({ length: 2000 }, (_, i): [string, number] => [`${(i * 7919).toString(16)}-${i}@sbc.acct-0001.example.com`, 0]);
    const { ids, index, find } = indexOf(keys);
    for (let i = 0; i < 2000; i += 2) index.remove(ids.positions[i]!);
    for (let i = 0; i < 500; i++) {
      ids.ids.push(`late-${i}`);
      ids.groups.push(0);
      index.add(keyHash(`late-${i}`, 0), ids.ids.length - 1);
    }
    expect(keys.map(([key], i) => find(key, 0) === (i % 2 === 0 ? -1 : i)).every(Boolean)).toBe(true);
    expect(find('late-499', 0)).toBe(2499);
  });
});

describe('keyHash', () => {
  it('hashes long call ids by both ends, so ids differing only in the middle share a hash (and are told apart by id)', () => {
    const id = (middle: string) => `0123456789abcdef-${middle}-fedcba9876543210`;
    expect(keyHash(id('aaaa'), 0)).toBe(keyHash(id('bbbb'), 0));
    expect(keyHash(id('aaaa'), 0)).not.toBe(keyHash(id('aaaa'), 1));
    expect(keyHash('sip:100@acme.example', 0)).not.toBe(keyHash('sip:101@acme.example', 0));
  });
});
