import { BatchProducer, createKafka, loadKafkaConfig, runBatchConsumer } from '../../libs/kafka';
import type { PassThroughJob } from './kafka-pass-through-job';

/**
 * The Kafka benchmark's baseline, in a process of its own (as each service is):
 *
 *   node kafka-pass-through.js '{"from":…,"to":…,"groupId":…,"records":N,"sessionTimeoutMs":…}'
 *
 * A consumer group reads `from` and produces every message unchanged (key, value, headers) to
 * `to`: the same batch consumer and producer the services use (kafkajs eachBatch, one send per
 * batch, acks all, commit after the ack), with no decoding and no domain work. That is the floor
 * of what consume-and-produce costs on this cluster. Connection settings come from KAFKA_* as for
 * the services. It times from the first consumed batch to the ack of the N-th forwarded record
 * and prints one JSON line: { records, seconds, cpuSeconds }.
 */
async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '') as PassThroughJob;
  const kafka = createKafka(loadKafkaConfig(process.env, { clientId: 'bench-pass-through' }));
  const producer = await BatchProducer.connect(kafka);
  let first: number | undefined;
  let cpuAtFirst: NodeJS.CpuUsage | undefined;
  let forwarded = 0;
  let finished!: (figures: { seconds: number; cpuSeconds: number }) => void;
  const done = new Promise<{ seconds: number; cpuSeconds: number }>((resolve) => (finished = resolve));

  const consumer = await runBatchConsumer({
    kafka,
    groupId: job.groupId,
    topics: [job.from],
    fromBeginning: true,
    sessionTimeoutMs: job.sessionTimeoutMs,
    heartbeatIntervalMs: job.heartbeatIntervalMs,
    partitionsConsumedConcurrently: job.partitionsConsumedConcurrently,
    handler: async ({ messages }) => {
      first ??= performance.now();
      cpuAtFirst ??= process.cpuUsage();
      await producer.send(
        job.to,
        messages.map(({ key, value, headers }) => ({ key, value, headers })),
      );
      forwarded += messages.length;
      if (forwarded >= job.records) {
        const cpu = process.cpuUsage(cpuAtFirst);
        finished({ seconds: (performance.now() - first) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 });
      }
    },
  });
  const { seconds, cpuSeconds } = await done;
  await consumer.stop(5000);
  await producer.disconnect();
  process.stdout.write(`${JSON.stringify({ records: forwarded, seconds, cpuSeconds })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`kafka-pass-through: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
