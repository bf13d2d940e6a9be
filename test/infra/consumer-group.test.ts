import type { BatchConsumerOptions, BatchHandler, RunningConsumer } from '../../libs/kafka';
import { committedOffsets, partitionCount } from '../support/kafka-client';
import { freshGroup, freshTopic } from '../support/names';
import { KafkaTestBed } from '../support/kafka-test-bed';
import { waitFor } from '../support/wait-for';

let bed: KafkaTestBed;

beforeAll(async () => {
  bed = await KafkaTestBed.start();
});

afterEach(() => bed.stopConsumers());

afterAll(async () => {
  await bed?.stop();
});

const member = (topic: string, groupId: string, handler: BatchHandler, extra: Partial<BatchConsumerOptions> = {}) =>
  bed.consume(topic, groupId, handler, extra);

const owned = (consumer: RunningConsumer, topic: string) => [...(consumer.assignment()[topic] ?? [])];

describe('consumer group membership', () => {
  it('shares the partitions of a topic between two members, each record going to one of them', async () => {
    const topic = freshTopic();
    const groupId = freshGroup();
    await bed.producer.send(topic, [{ key: 'warm-up', value: 'creates the topic' }]);
    const partitions = await partitionCount(bed.admin, topic);

    const byMember: [string[], string[]] = [[], []];
    const a = await member(topic, groupId, async ({ messages }) => void byMember[0].push(...messages.map((m) => String(m.value))));
    const b = await member(topic, groupId, async ({ messages }) => void byMember[1].push(...messages.map((m) => String(m.value))));
    await waitFor(
      () => {
        const [pa, pb] = [owned(a, topic), owned(b, topic)];
        return a.joined() && b.joined() && pa.length > 0 && pb.length > 0 && pa.length + pb.length === partitions;
      },
      { what: 'both members to own part of the topic' },
    );
    expect(owned(a, topic).filter((p) => owned(b, topic).includes(p))).toEqual([]);

    const legs = Array.from({ length: 40 }, (_, i) => ({ partition: i % partitions, key: `acct-${i}`, value: `leg-${i}` }));
    await bed.producer.send(topic, legs);
    const received = () => [...byMember[0], ...byMember[1]].filter((v) => v.startsWith('leg-'));
    await waitFor(() => received().length >= legs.length, { what: 'all 40 legs consumed by the group' });

    expect(received().sort()).toEqual(legs.map((l) => l.value).sort());
    expect(byMember[0].some((v) => v.startsWith('leg-'))).toBe(true);
    expect(byMember[1].some((v) => v.startsWith('leg-'))).toBe(true);
  });

  it('resumes assigned partitions from offsets kept outside Kafka, skipping what was already applied', async () => {
    const topic = freshTopic();
    const groupId = freshGroup();
    await bed.producer.send(topic, Array.from({ length: 10 }, (_, i) => ({ partition: 0, value: `p0-${i}` })));
    await bed.producer.send(topic, Array.from({ length: 3 }, (_, i) => ({ partition: 1, value: `p1-${i}` })));

    // The invoicer's Redis says: partition 0 applied up to offset 6 (next is 7); partition 1 unknown.
    const asked: string[][] = [];
    const seen: string[] = [];
    await member(topic, groupId, async ({ messages }) => void seen.push(...messages.map((m) => String(m.value))), {
      resumeOffsets: async (assignment) => {
        asked.push(Object.keys(assignment));
        await new Promise((resolve) => setImmediate(resolve)); // an asynchronous store, as Redis is
        return [{ topic, partition: 0, offset: '7' }];
      },
    });
    await waitFor(() => seen.length >= 6, { what: 'p0-7..9 and p1-0..2' });
    await waitFor(async () => (await committedOffsets(bed.admin, groupId, topic))[0] === 10, { what: 'partition 0 committed at 10' });

    expect(asked).toEqual([[topic]]);
    expect(seen.filter((v) => v.startsWith('p0-'))).toEqual(['p0-7', 'p0-8', 'p0-9']);
    expect(seen.filter((v) => v.startsWith('p1-'))).toEqual(['p1-0', 'p1-1', 'p1-2']);
  });
});
