import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { RawAvroSchema } from '@kafkajs/confluent-schema-registry/dist/@types';
import type { RegistryConfig } from './registry-config';

/** A record that can never be decoded (not Confluent framing, unknown schema id, bad Avro): dead-letter it. */
export class UndecodableRecord extends Error {
  readonly code = 'UNPARSEABLE';
  readonly retriable = false;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UndecodableRecord';
  }
}

/** The registry did not answer; the same record will decode once it is back. */
export class RegistryUnavailable extends Error {
  readonly code = 'REGISTRY_UNAVAILABLE';
  readonly retriable = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RegistryUnavailable';
  }
}

export interface AvroTopics {
  /** Schema id registered per topic (subject `<topic>-value`). */
  readonly ids: ReadonlyMap<string, number>;
  /** Confluent wire format: magic byte 0, 4-byte schema id, Avro binary. */
  encode(topic: string, value: unknown): Promise<Buffer>;
  /** Decodes with the writer schema named by the record's id (fetched once per id, then cached). */
  decode<T = unknown>(buffer: Buffer): Promise<T>;
}

/**
 * A registry client for the config. avsc parses without logical types, so `timestamp-millis`
 * fields stay epoch-millisecond numbers, as the domain types expect.
 */
export function createSchemaRegistry(config: RegistryConfig): SchemaRegistry {
  const host = config.url.href.replace(/\/+$/, '');
  const auth = config.auth ? { username: config.auth.username, password: config.auth.password.reveal() } : undefined;
  return new SchemaRegistry({ host, auth, clientId: 'cdr-rating' });
}

/**
 * Registers each topic's value schema under the TopicNameStrategy subject `<topic>-value` (BACKWARD
 * compatibility, the registry's default) and returns a codec bound to the returned ids.
 *
 * Decoding never passes a reader schema: the client would build a new resolver for every message
 * (hundreds of µs each). Readers take the writer's fields, which BACKWARD evolution keeps readable.
 */
export async function registerSchemas(
  registry: SchemaRegistry,
  schemas: Readonly<Record<string, RawAvroSchema>>,
): Promise<AvroTopics> {
  const ids = new Map<string, number>();
  for (const [topic, schema] of Object.entries(schemas)) {
    const { id } = await registry.register(schema, { subject: `${topic}-value` });
    ids.set(topic, id);
  }
  return {
    ids,
    encode: async (topic, value) => {
      const id = ids.get(topic);
      if (id === undefined) throw new Error(`no schema registered for topic ${topic}`);
      return registry.encode(id, value);
    },
    decode: <T>(buffer: Buffer) => decodeRecord<T>(registry, buffer),
  };
}

async function decodeRecord<T>(registry: SchemaRegistry, buffer: Buffer): Promise<T> {
  if (buffer.length < 5 || buffer[0] !== 0) {
    throw new UndecodableRecord(`not in Confluent wire format (${buffer.length} bytes, first byte ${buffer[0] ?? 'none'})`);
  }
  const id = buffer.readInt32BE(1);
  try {
    await registry.getSchema(id); // cached after the first call per id
  } catch (err) {
    const status = (err as { status?: unknown }).status;
    if (status === 404) throw new UndecodableRecord(`unknown schema id ${id}`, { cause: err });
    throw new RegistryUnavailable(`schema id ${id}: ${(err as Error).message}`, { cause: err });
  }
  try {
    return (await registry.decode(buffer)) as T;
  } catch (err) {
    throw new UndecodableRecord(`not Avro of schema id ${id}: ${(err as Error).message}`, { cause: err });
  }
}
