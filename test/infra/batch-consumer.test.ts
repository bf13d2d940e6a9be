import type { KafkaMessage } from 'kafkajs';
import type { BatchConsumerOptions, BatchHandler } from '../../libs/kafka';
import { committedOffsets } from '../support/kafka-client';
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

const legs = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({ partition: 0, key: 'acct-1', value: `leg-${from + i}` }));

const values = (messages: readonly KafkaMessage[]) => messages.map((m) => String(m.value));

/** Retries come quickly here: the tests wait for them. */
const consume = (topic: string, groupId: string, handler: BatchHandler, extra: Partial<BatchConsumerOptions> = {}) =>
  bed.consume(topic, groupId, handler, { backoff: { initialMs: 20, maxMs: 100 }, ...extra });

describe('the batch consumer commits only what its handler finished', () => {
  it('hands a batch whose handler never finished to the next consumer of the group', async () => {
    const topic = freshTopic();
    const groupId = freshGroup();
    await bed.producer.send(topic, legs(0, 3));

    let hang = false;
    const firstSaw: string[] = [];
    const first = await consume(topic, groupId, async ({ messages }) => {
      firstSaw.push(...values(messages));
      if (hang) await new Promise(() => undefined); // a handler stuck forever, e.g. on a dead downstream
    });
    await waitFor(async () => (await committedOffsets(bed.admin, groupId, topic))[0] === 3, { what: 'first batch committed at 3' });

    hang = true;
    await bed.producer.send(topic, legs(3, 3));
    await waitFor(() => firstSaw.length === 6, { what: 'the stuck consumer to receive the second batch' });
    await first.stop(300); // gives up on the stuck batch: abandoned, uncommitted
    expect((await committedOffsets(bed.admin, groupId, topic))[0]).toBe(3);

    const secondSaw: string[] = [];
    await consume(topic, groupId, async ({ messages }) => void secondSaw.push(...values(messages)));
    await waitFor(() => secondSaw.length >= 3, { what: 'the next consumer to receive the unfinished batch' });
    expect(secondSaw).toEqual(['leg-3', 'leg-4', 'leg-5']);
    await waitFor(async () => (await committedOffsets(bed.admin, groupId, topic))[0] === 6, { what: 'commit at 6' });
  });

  it('retries a batch after a retriable error and commits it once it succeeds', async () => {
    const topic = freshTopic();
    const groupId = freshGroup();
    await bed.producer.send(topic, legs(0, 4));
    let attempts = 0;
    const offsetsDuringFailures: number[] = [];
    await consume(topic, groupId, async () => {
      attempts += 1;
      if (attempts <= 2) {
        offsetsDuringFailures.push((await committedOffsets(bed.admin, groupId, topic))[0] ?? -1);
        throw Object.assign(new Error('ledger topic unavailable'), { retriable: true });
      }
    });
    await waitFor(async () => (await committedOffsets(bed.admin, groupId, topic))[0] === 4, { what: 'commit at 4 after retries' });
    expect(attempts).toBe(3);
    expect(offsetsDuringFailures).toEqual([-1, -1]);
  });

  it('stops on a non-retriable handler error and leaves the batch uncommitted', async () => {
    const topic = freshTopic();
    const groupId = freshGroup();
    await bed.producer.send(topic, legs(0, 2));
    const fatal: unknown[] = [];
    const consumer = await consume(
      topic,
      groupId,
      async () => {
        throw new TypeError('cannot read properties of undefined (a bug, not bad input)');
      },
      { onFatal: (err) => fatal.push(err) },
    );
    await waitFor(() => fatal.length === 1, { what: 'the fatal error to be reported' });
    expect(consumer.failure()).toBeInstanceOf(TypeError);
    await waitFor(() => !consumer.joined(), { what: 'the consumer to leave' });
    expect((await committedOffsets(bed.admin, groupId, topic))[0]).toBe(-1);
  });

  it('finishes and commits the batch in progress when stopped gracefully', async () => {
    const topic = freshTopic();
    const groupId = freshGroup();
    await bed.producer.send(topic, legs(0, 5));
    let release: () => void = () => undefined;
    let started = false;
    const consumer = await consume(topic, groupId, async () => {
      started = true;
      await new Promise<void>((resolve) => (release = resolve));
    });
    await waitFor(() => started, { what: 'the handler to start' });
    const stopping = consumer.stop(10_000);
    release();
    await stopping;
    expect((await committedOffsets(bed.admin, groupId, topic))[0]).toBe(5);
  });
});
