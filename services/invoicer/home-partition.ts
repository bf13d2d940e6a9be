import { Partitioners, type PartitionMetadata } from 'kafkajs';
import type { LedgerPartition } from '../../libs/redis';

/**
 * The ledger partition that owns an account: the one the rater's producer (BatchProducer, kafkajs's
 * DefaultPartitioner, key = accountId) writes the account's rated records to. User activity opens
 * an invoice month there, so the month is closed and invoiced by the same partition's marker or
 * watermark as the account's usage, never twice. It holds while the ledger keeps its partition
 * count (as the ledger store's own ownership does).
 */
export function ledgerHome(ledgerTopic: string, partitions: number): (accountId: string) => LedgerPartition {
  if (!Number.isInteger(partitions) || partitions < 1) throw new RangeError(`${ledgerTopic} has ${partitions} partitions`);
  const partitioner = Partitioners.DefaultPartitioner();
  const partitionMetadata = Array.from({ length: partitions }, (_, partitionId): PartitionMetadata => ({
    partitionErrorCode: 0, partitionId, leader: 0, replicas: [0], isr: [0],
  }));
  return (accountId) => ({ topic: ledgerTopic, partition: partitioner({ topic: ledgerTopic, partitionMetadata, message: { key: accountId, value: null } }) });
}
