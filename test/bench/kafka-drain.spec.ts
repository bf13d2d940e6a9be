import type { Admin } from 'kafkajs';
import { waitUntilDrained, type DrainStage } from './kafka-drain';

/** End offsets per topic and committed offsets per group and topic, by partition. */
interface ClusterState {
  ends: Record<string, number[]>;
  committed: Record<string, Record<string, number[]>>;
}

/** An Admin answering offsets from `state`, which a test changes between polls. */
function fakeAdmin(state: ClusterState): Admin {
  return {
    fetchOffsets: async ({ groupId, topics }: { groupId: string; topics: string[] }) =>
      topics.map((topic) => ({
        topic,
        partitions: (state.committed[groupId]?.[topic] ?? []).map((offset, partition) => ({ partition, offset: String(offset) })),
      })),
    fetchTopicOffsets: async (topic: string) =>
      (state.ends[topic] ?? []).map((high, partition) => ({ partition, high: String(high), low: '0', offset: String(high) })),
  } as unknown as Admin;
}

const stages: DrainStage[] = [
  { name: 'normalizer', groupId: 'g-n', topics: ['raw'] },
  { name: 'rater', groupId: 'g-r', topics: ['usage'] },
];

describe('waiting for the pipeline to drain', () => {
  it('does not count the rater as done on an empty usage topic while the normalizer still has lag', async () => {
    const state: ClusterState = { ends: { raw: [10, 10], usage: [0, 0] }, committed: { 'g-n': { raw: [10, 4] }, 'g-r': { usage: [] } } };
    let polls = 0;
    const drained = waitUntilDrained(fakeAdmin(state), stages, {
      intervalMs: 1,
      timeoutMs: 5000,
      check: () => {
        polls += 1;
        if (polls === 3) state.committed['g-n']!.raw = [10, 10]; // the normalizer finishes ...
        if (polls === 3) state.ends.usage = [15, 0]; // ... having written 15 usage records
        if (polls === 5) state.committed['g-r']!.usage = [15, 0];
      },
    });
    const at = await drained;
    expect(polls).toBe(5);
    expect(at).toHaveLength(2);
    expect(at[1]!).toBeGreaterThanOrEqual(at[0]!);
  });

  it('gives up after its deadline, naming the stage that still has lag', async () => {
    const state: ClusterState = { ends: { raw: [3], usage: [] }, committed: { 'g-n': { raw: [1] } } };
    await expect(waitUntilDrained(fakeAdmin(state), stages, { intervalMs: 1, timeoutMs: 20 })).rejects.toThrow(/normalizer still has lag/);
  });

  it('stops waiting as soon as the check throws (a service died)', async () => {
    const state: ClusterState = { ends: { raw: [3], usage: [] }, committed: {} };
    const check = () => {
      throw new Error('rater exited (1)');
    };
    await expect(waitUntilDrained(fakeAdmin(state), stages, { intervalMs: 1, timeoutMs: 5000, check })).rejects.toThrow('rater exited (1)');
  });
});
