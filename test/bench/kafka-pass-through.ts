import { BatchProducer, createKafka, loadKafkaConfig, runBatchConsumer } from '../../libs/kafka';
import { JOINED_LINE, type PassThroughFigures, type PassThroughJob } from './kafka-pass-through-job';

/**
 * The Kafka benchmark's baseline, in a process of its own (as each service is):
 *
 *   node kafka-pass-through.js '{"from":…,"to":…,"groupId":…,"records":N,"sessionTimeoutMs":…}'
 *
 * A consumer group reads `from` and produces every message unchanged (key, value, headers) to
 * `to`: the same batch consumer and producer the services use (kafkajs eachBatch, one send per
 * batch, acks all, commit after the ack), with no decoding and no domain work. That is the floor
 * of what consume-and-produce costs on this cluster. With `to` null it only consumes and commits
 * (the invoicer's shape in a chain, see kafka-chain.ts). Connection settings come from KAFKA_* as
 * for the services. It prints JOINED_LINE once its consumer has joined the group, and at the end
 * one JSON line of PassThroughFigures, timed from the first consumed batch to the ack of the N-th
 * forwarded record.
 */
async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '') as PassThroughJob;
  const kafka = createKafka(loadKafkaConfig(process.env, { clientId: 'bench-pass-through' }));
  const producer = job.to === null ? undefined : await BatchProducer.connect(kafka);
  let first: { at: number; cpu: NodeJS.CpuUsage } | undefined;
  let forwarded = 0;
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
      if (producer) await producer.send(job.to!, messages.map(({ key, value, headers }) => ({ key, value, headers })));
      forwarded += messages.length;
      if (forwarded >= job.records) {
        const cpu = process.cpuUsage(first.cpu);
        const doneAt = Date.now();
        finished({ records: forwarded, seconds: (doneAt - first.at) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, firstAt: first.at, doneAt });
      }
    },
  });
  await untilJoined(consumer.joined);
  process.stdout.write(`${JOINED_LINE}\n`);
  const figures = await done;
  await consumer.stop(5000);
  await producer?.disconnect();
  process.stdout.write(`${JSON.stringify({ ...figures, records: forwarded })}\n`);
}

async function untilJoined(joined: () => boolean): Promise<void> {
  while (!joined()) await new Promise((resolve) => setTimeout(resolve, 10));
}

main().catch((err: unknown) => {
  process.stderr.write(`kafka-pass-through: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
