import { Partitioners, type ICustomPartitioner } from 'kafkajs';

/** Keys remembered per kind and partition count before the cache starts over (account ids: a few hundred). */
const MAX_KEYS = 10_000;

/**
 * kafkajs's DefaultPartitioner (murmur2 of the key modulo the partition count, round robin without
 * a key) that remembers the partition of each key per partition count, and so always picks the
 * default's partition. Why: the default hashes every message (murmur2 on Long objects, ~1 µs) and
 * filters the partition list for each; our keys are account ids, a few per batch, so almost every
 * message is a lookup.
 */
export const KeyCachingPartitioner: ICustomPartitioner = () => {
  const byDefault = Partitioners.DefaultPartitioner();
  // String and Buffer keys apart: the string 'Ã©' and the bytes of 'é' share a latin1 spelling, not a hash.
  const stringKeys = new Map<number, Map<string, number>>();
  const bufferKeys = new Map<number, Map<string, number>>();
  return (args) => {
    const { message, partitionMetadata } = args;
    const { key } = message;
    if ((message.partition !== null && message.partition !== undefined) || key === null || key === undefined) {
      return byDefault(args);
    }
    const byCount = typeof key === 'string' ? stringKeys : bufferKeys;
    const spelling = typeof key === 'string' ? key : key.toString('latin1');
    let partitions = byCount.get(partitionMetadata.length);
    if (partitions === undefined || partitions.size >= MAX_KEYS) {
      partitions = new Map();
      byCount.set(partitionMetadata.length, partitions);
    }
    let partition = partitions.get(spelling);
    if (partition === undefined) {
      partition = byDefault(args);
      partitions.set(spelling, partition);
    }
    return partition;
  };
};
