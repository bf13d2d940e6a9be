import { join } from 'node:path';
import { CompressionTypes, Partitioners, type Kafka, type Message } from 'kafkajs';
import { publishFiles, publishRecordFiles, topicSchemaNames } from '../../libs/cli-kafka';
import { readAvroSchema, registerSchemas, type createSchemaRegistry } from '../../libs/registry';
import type { TopicNames } from '../../libs/runtime/topic-names';
import { buildSchemas } from '../../libs/schema';

export interface PublishedInput {
  readonly cdrs: number;
  readonly accounts: number;
  readonly tariffs: number;
  readonly seconds: number;
}

/**
 * Records per produce request, so about a quarter of it per partition in one record batch. The mock
 * cluster answers a fetch with one record batch per partition, so this sets the batch size both
 * paths start from; a real broker returns up to the consumer's maxBytes whatever it is.
 */
const RECORDS_PER_SEND = 2000;

/**
 * Publishes the benchmark month as `cdr publish` would: accounts and tariffs first (the services
 * load them before consuming), then the SIP core CDRs, each Avro-encoded through the registry and
 * keyed by account. Media, provisioning and registrations are left out: the benchmark is about
 * the CDR path. Any record refused on the way is a broken input, so it fails the run.
 */
export async function publishBenchInput(
  inputDir: string,
  topics: TopicNames,
  registry: ReturnType<typeof createSchemaRegistry>,
  kafka: Kafka,
): Promise<PublishedInput> {
  const started = performance.now();
  // The services' partitioner, so each account's CDRs land where its usage and rated records will.
  const producer = kafka.producer({ idempotent: false, allowAutoTopicCreation: true, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  // GZIP: librdkafka's mock cluster keeps only the last 5 MiB of each partition, which 100,000 plain
  // Avro CDRs on 4 partitions already overflow; compressed, 200,000 fit. Consumers decompress
  // transparently, the pass-through and the normalizer alike.
  const send = async (topic: string, messages: readonly Message[]) => {
    await producer.send({ topic, messages: [...messages], acks: -1, compression: CompressionTypes.GZIP });
    return [];
  };
  const files = publishFiles(['accounts.json', 'tariffs.json', 'cdr.sipcore.jsonl'].map((f) => join(inputDir, f)), topics);
  const names = topicSchemaNames(topics);
  const avro = await registerSchemas(
    registry,
    Object.fromEntries(files.map(({ topic }) => [topic, readAvroSchema(names[topic]!)])),
  );
  const problems: string[] = [];
  const { published } = await publishRecordFiles(
    files,
    { schemas: buildSchemas(), avro, producer: { send }, batchSize: RECORDS_PER_SEND },
    { invalid: (where, reason) => problems.push(`${where}: ${reason}`) },
  ).finally(() => producer.disconnect());
  if (problems.length > 0) throw new Error(`the benchmark input has ${problems.length} invalid records, e.g. ${problems[0]}`);
  return {
    cdrs: published.get(topics.sipcore) ?? 0,
    accounts: published.get(topics.accounts) ?? 0,
    tariffs: published.get(topics.tariffs) ?? 0,
    seconds: (performance.now() - started) / 1000,
  };
}
