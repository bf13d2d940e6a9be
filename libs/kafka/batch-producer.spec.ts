import type { Kafka, ProducerBatch, ProducerConfig } from 'kafkajs';
import { BatchProducer } from './batch-producer';

function recordingKafka() {
  const requests: ProducerBatch[] = [];
  let config: ProducerConfig | undefined;
  const kafka = {
    producer: (c: ProducerConfig) => {
      config = c;
      return {
        connect: async () => undefined,
        disconnect: async () => undefined,
        sendBatch: async (batch: ProducerBatch) => {
          requests.push(batch);
          return batch.topicMessages!.map((t) => ({ topicName: t.topic, partition: 0, errorCode: 0 }));
        },
      };
    },
  } as unknown as Kafka;
  return { kafka, requests, config: () => config };
}

const ratedRecords = (count: number) => Array.from({ length: count }, (_, i) => ({ key: 'acct-1', value: `rated-${i}` }));

describe('sending rated records in batches', () => {
  it('sends many records per request, acks=-1, keeping their order across requests', async () => {
    const { kafka, requests, config } = recordingKafka();
    const producer = await BatchProducer.connect(kafka, { maxMessagesPerRequest: 100 });

    await producer.send('ledger.rated', ratedRecords(250));

    expect(requests.map((r) => r.topicMessages![0]!.messages.length)).toEqual([100, 100, 50]);
    expect(requests.every((r) => r.acks === -1)).toBe(true);
    const sent = requests.flatMap((r) => r.topicMessages![0]!.messages.map((m) => m.value));
    expect(sent).toEqual(ratedRecords(250).map((m) => m.value));
    expect(config()).toMatchObject({ idempotent: false, maxInFlightRequests: 1 });
  });

  it('starts a new request before the payload passes the byte limit', async () => {
    const { kafka, requests } = recordingKafka();
    const producer = await BatchProducer.connect(kafka, { maxBytesPerRequest: 3000 });

    await producer.send('ledger.rated', Array.from({ length: 5 }, () => ({ value: 'x'.repeat(1000) })));

    expect(requests.map((r) => r.topicMessages![0]!.messages.length)).toEqual([2, 2, 1]);
  });

  it('puts outputs and dead letters of one batch in the same request', async () => {
    const { kafka, requests } = recordingKafka();
    const producer = await BatchProducer.connect(kafka);

    await producer.sendToTopics([
      { topic: 'ledger.rated', messages: ratedRecords(3) },
      { topic: 'usage.legs.dlq', messages: [{ value: 'NO_PRICE' }] },
    ]);

    expect(requests).toHaveLength(1);
    expect(requests[0]!.topicMessages!.map((t) => [t.topic, t.messages.length])).toEqual([
      ['ledger.rated', 3],
      ['usage.legs.dlq', 1],
    ]);
  });
});
