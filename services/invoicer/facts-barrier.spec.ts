import { FactsBarrier, FactsBehind, type PartitionEnds } from './facts-barrier';

const ends: Record<string, PartitionEnds[]> = {
  provisioning: [
    { partition: 0, low: '0', high: '5' },
    { partition: 1, low: '0', high: '0' }, // empty: nothing to wait for
  ],
  registrations: [{ partition: 0, low: '3', high: '3' }], // emptied by retention
};

function barrierOver(stored: Map<string, bigint>, timeoutMs = 1000) {
  return new FactsBarrier({
    topics: ['provisioning', 'registrations'],
    endOffsets: async (topic) => ends[topic]!,
    store: { positions: async (topic, partitions) => new Map(partitions.flatMap((p) => (stored.has(`${topic}:${p}`) ? [[p, stored.get(`${topic}:${p}`)!]] : []))) },
    timeoutMs,
    pollMs: 5,
  });
}

describe('the facts barrier before a month closes', () => {
  it('waits until the facts consumer has stored every facts message the topics held when it asked', async () => {
    const stored = new Map([['provisioning:0', 4n]]);
    let done = false;
    const waiting = barrierOver(stored).caughtUp().then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(done).toBe(false);

    stored.set('provisioning:0', 5n);
    await waiting;
    expect(done).toBe(true);
  });

  it('gives up with a retriable error naming the partitions behind', async () => {
    const error = await barrierOver(new Map(), 40).caughtUp().catch((err: unknown) => err);
    expect(error).toBeInstanceOf(FactsBehind);
    expect(error).toMatchObject({ retriable: true, message: expect.stringContaining('provisioning:0 at nothing of 5') });
  });

  it('stops waiting when the batch is being abandoned', async () => {
    const abort = new AbortController();
    abort.abort();
    await expect(barrierOver(new Map()).caughtUp(abort.signal)).rejects.toThrow('abandoned');
  });
});
