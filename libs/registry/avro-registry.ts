import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { RawAvroSchema } from '@kafkajs/confluent-schema-registry/dist/@types';
import { Type } from 'avsc';
import type { RegistryConfig } from './registry-config';
import { WIRE_HEADER_BYTES, WireWriter } from './wire-writer';

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
  /**
   * encode() without a promise, for the hot path: undefined for a value the schema refuses (encode()
   * then rejects with the reason). Optional, so a test double may offer encode() alone.
   */
  encodeNow?(topic: string, value: unknown): Buffer | undefined;
  /**
   * decode() without a promise once the record's schema id is cached: undefined when it is not yet
   * (decode() fetches it). Throws UndecodableRecord where decode() rejects with it. Optional, as encodeNow.
   */
  decodeCached?<T = unknown>(buffer: Buffer): T | undefined;
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
 *
 * Encoding and decoding run on avsc types resolved once per schema id (WireWriter, AvroReaders),
 * not through the client's encode/decode, which look the schema up again for every record.
 */
export async function registerSchemas(
  registry: SchemaRegistry,
  schemas: Readonly<Record<string, RawAvroSchema>>,
): Promise<AvroTopics> {
  const ids = new Map<string, number>();
  const writers = new Map<string, WireWriter>();
  for (const [topic, schema] of Object.entries(schemas)) {
    const { id } = await registry.register(schema, { subject: `${topic}-value` });
    ids.set(topic, id);
    const type = await registry.getSchema(id); // cached by register(): no request
    if (!isAvroType(type)) throw new Error(`schema id ${id} of topic ${topic} is not an Avro schema`);
    writers.set(topic, new WireWriter(id, type));
  }
  const readers = new AvroReaders(registry);
  const writerOf = (topic: string): WireWriter => {
    const writer = writers.get(topic);
    if (writer === undefined) throw new Error(`no schema registered for topic ${topic}`);
    return writer;
  };
  const encodeNow = (topic: string, value: unknown): Buffer | undefined => {
    const writer = writerOf(topic);
    try {
      return writer.write(value);
    } catch {
      return undefined;
    }
  };
  return {
    ids,
    encodeNow,
    encode: async (topic, value) =>
      // A value the schema refuses: the client's encode fails alike and its error names the invalid
      // paths (ConfluentSchemaRegistryValidationError), which dead letters carry as their reason.
      encodeNow(topic, value) ?? registry.encode(writerOf(topic).id, value),
    decode: <T>(buffer: Buffer) => readers.decode<T>(buffer),
    decodeCached: <T>(buffer: Buffer) => readers.decodeCached<T>(buffer),
  };
}

/** Decodes Confluent-framed Avro with each writer schema fetched once per id, then kept as an avsc type. */
class AvroReaders {
  private readonly types = new Map<number, Type>();

  constructor(private readonly registry: SchemaRegistry) {}

  async decode<T>(buffer: Buffer): Promise<T> {
    const id = schemaIdOf(buffer);
    const type = this.types.get(id) ?? (await this.fetch(id));
    if (type) return this.read<T>(type, id, buffer);
    try {
      return (await this.registry.decode(buffer)) as T;
    } catch (err) {
      throw new UndecodableRecord(`not Avro of schema id ${id}: ${(err as Error).message}`, { cause: err });
    }
  }

  /** decode() of a record whose avsc type is cached; undefined otherwise. */
  decodeCached<T>(buffer: Buffer): T | undefined {
    const id = schemaIdOf(buffer);
    const type = this.types.get(id);
    return type === undefined ? undefined : this.read<T>(type, id, buffer);
  }

  private read<T>(type: Type, id: number, buffer: Buffer): T {
    try {
      return type.fromBuffer(buffer.subarray(WIRE_HEADER_BYTES)) as T;
    } catch (err) {
      throw new UndecodableRecord(`not Avro of schema id ${id}: ${(err as Error).message}`, { cause: err });
    }
  }

  /** The avsc type of schema id `id`, or null for a schema of another kind (JSON, Protobuf), left to the client. */
  private async fetch(id: number): Promise<Type | null> {
    let schema: unknown;
    try {
      schema = await this.registry.getSchema(id); // one request per id, then cached by the client
    } catch (err) {
      const status = (err as { status?: unknown }).status;
      if (status === 404) throw new UndecodableRecord(`unknown schema id ${id}`, { cause: err });
      throw new RegistryUnavailable(`schema id ${id}: ${(err as Error).message}`, { cause: err });
    }
    if (!isAvroType(schema)) return null;
    this.types.set(id, schema);
    return schema;
  }
}

/** The schema id of Confluent-framed bytes; UndecodableRecord for anything else. */
function schemaIdOf(buffer: Buffer): number {
  if (buffer.length < WIRE_HEADER_BYTES || buffer[0] !== 0) {
    throw new UndecodableRecord(`not in Confluent wire format (${buffer.length} bytes, first byte ${buffer[0] ?? 'none'})`);
  }
  return buffer.readInt32BE(1);
}

const isAvroType = (schema: unknown): schema is Type => Type.isType(schema);
