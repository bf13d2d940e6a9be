import { Partitioners, type PartitionMetadata } from 'kafkajs';
import { KeyCachingPartitioner } from './key-partitioner';

const partitions = (n: number): PartitionMetadata[] =>
  Array.from({ length: n }, (_, partitionId) => ({ partitionId, leader: partitionId % 3, partitionErrorCode: 0, replicas: [], isr: [] }));

describe('the key-caching partitioner', () => {
  it("puts every key where kafkajs's default partitioner does, for strings and bytes and any partition count", () => {
    const cached = KeyCachingPartitioner();
    const byDefault = Partitioners.DefaultPartitioner();
    const keys = ['ACME', 'globex', 'acct-0042', 'é', 'Ã©', ''];
    for (const n of [1, 4, 12, 4]) {
      for (const key of [...keys, ...keys.map((k) => Buffer.from(k)), ...keys]) {
        const args = { topic: 'usage.legs', partitionMetadata: partitions(n), message: { key, value: null } };
        expect([String(key), n, cached(args)]).toEqual([String(key), n, byDefault(args)]);
      }
    }
  });

  it('keeps an explicit partition and spreads messages without a key', () => {
    const cached = KeyCachingPartitioner();
    const metadata = partitions(4);
    expect(cached({ topic: 't', partitionMetadata: metadata, message: { key: 'ACME', partition: 3, value: null } })).toBe(3);
    const spread = new Set(Array.from({ length: 8 }, () => cached({ topic: 't', partitionMetadata: metadata, message: { value: null } })));
    expect(spread.size).toBe(4);
  });
});
