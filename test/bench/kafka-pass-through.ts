import type { Message } from 'kafkajs';
import { BatchProducer, createKafka, loadKafkaConfig, runBatchConsumer } from '../../libs/kafka';
import { copiesOf, JOINED_LINE, type PassThroughFigures, type PassThroughJob } from './kafka-pass-through-job';

/**
 * The Kafka benchmark's baseline, in a process of its own (as each service is):
 *
 *   node kafka-pass-through.js '{"from":…,"to":…,"groupId":…,"records":N,"sessionTimeoutMs":…}'
 *
 * A consumer group reads `from` and produces every message unchanged (key, value, headers) to
 * `to` (`fanOut` copies of it on average, so a chain can carry as many messages per hop as the
 * services do): the same batch consumer and producer the services use (kafkajs eachBatch, one send
 * per batch, acks all, commit after the ack), with no decoding and no domain work. That is the floor
 * of what consume-and-produce costs on this cluster. With `to` null it only consumes and commits
 * (the invoicer's shape in a chain, see kafka-chain.ts). Connection settings come from KAFKA_* as
 * for the services. It prints JOINED_LINE once its consumer has joined the group, and at the end
 * one JSON line of PassThroughFigures, timed from the first consumed batch to the ack of the copies
 * of the N-th consumed record.
 */
async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '') as PassThroughJob;
  const kafka = createKafka(loadKafkaConfig(process.env, { clientId: 'bench-pass-through' }));
  const producer = job.to === null ? undefined : await BatchProducer.connect(kafka);
  let first: { at: number; cpu: NodeJS.CpuUsage } | undefined;
  let consumed = 0;
  let finished!: (figures: PassThroughFigures) => void;
  const done = new Promise<PassThroughFigures>((resolve) => (finished = resolve));

  const consumer = await runBatchConsumer({
    kafka,
    groupId: job.groupId,
    topics: [job.from],
    fromBeginning: true,
    sessionTimeoutMs: job.sessionTimeoutMs,
    heartbeatIntervalMs: job.heartbeatIntervalMs,
    partitionsConsumedConcurrently: job.partitionsConsumedConcurrently,
    handler: async ({ messages }) => {
      first ??= { at: Date.now(), cpu: process.cpuUsage() };
      if (producer) await producer.send(job.to!, copies(messages, consumed, job.fanOut));
      consumed += messages.length;
      if (consumed >= job.records) {
        const cpu = process.cpuUsage(first.cpu);
        const doneAt = Date.now();
        finished({ records: consumed, seconds: (doneAt - first.at) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, firstAt: first.at, doneAt });
      }
    },
  });
  await untilJoined(consumer.joined);
  process.stdout.write(`${JOINED_LINE}\n`);
  const figures = await done;
  await consumer.stop(5000);
  await producer?.disconnect();
  process.stdout.write(`${JSON.stringify({ ...figures, records: consumed })}\n`);
}

/** The messages to produce for a batch whose first message is the `consumed`-th the process read. */
function copies(messages: readonly Message[], consumed: number, fanOut: number): Message[] {
  const out: Message[] = [];
  messages.forEach(({ key, value, headers }, i) => {
    for (let n = copiesOf(consumed + i, fanOut); n > 0; n--) out.push({ key, value, headers });
  });
  return out;
}

async function untilJoined(joined: () => boolean): Promise<void> {
  while (!joined()) await new Promise((resolve) => setTimeout(resolve, 10));
}

main().catch((err: unknown) => {
  process.stderr.write(`kafka-pass-through: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
