import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { streams, type Type } from 'avsc';

/** A run of records of an Avro container file; `firstIndex` is the 1-based index of `values[0]`. */
export interface AvroBatch<T = unknown> {
  readonly values: T[];
  /** The encoded bytes of each record, as stored in the file, for dead letters. */
  readonly raw: Buffer[];
  readonly firstIndex: number;
}

export interface ReadAvroOptions {
  /** Decode into this type (schema resolution from the file's writer schema); default the writer's. */
  readonly readerType?: Type;
  readonly batchSize?: number;
}

/**
 * Streams an Avro object container file in batches. The decoder hands out each record's raw
 * bytes (noDecode) and we decode them here, so that a record can be dead-lettered byte for byte.
 * A writer schema the reader type cannot resolve fails the whole file, with the reason.
 */
export async function* readAvroContainer<T = unknown>(
  path: string,
  options: ReadAvroOptions = {},
): AsyncGenerator<AvroBatch<T>> {
  const batchSize = options.batchSize ?? 1000;
  const decoder = new streams.BlockDecoder({ noDecode: true });
  const source = createReadStream(path);
  source.on('error', (err) => decoder.destroy(err));
  let decode: ((buf: Buffer) => T) | undefined;
  decoder.once('metadata', (writerType: Type) => {
    const reader = options.readerType;
    if (!reader) {
      decode = (buf) => writerType.fromBuffer(buf) as T;
      return;
    }
    try {
      const resolver = reader.createResolver(writerType);
      decode = (buf) => reader.fromBuffer(buf, resolver) as T;
    } catch (err) {
      decoder.destroy(new Error(`${path}: its writer schema cannot be read as ${reader.name ?? 'the expected schema'}: ${(err as Error).message}`));
    }
  });
  // The decoder's byte-mode output would merge records if read in paused mode (as an async
  // iterator reads); piped in flowing mode into an object-mode stream, each record stays whole.
  const records = new PassThrough({ objectMode: true });
  decoder.on('error', (err) => records.destroy(err));
  source.pipe(decoder).pipe(records);

  let values: T[] = [];
  let raw: Buffer[] = [];
  let firstIndex = 1;
  try {
    for await (const buf of records as AsyncIterable<Buffer>) {
      values.push(decodeRecord(decode!, buf, path, firstIndex + values.length));
      raw.push(buf);
      if (values.length >= batchSize) {
        yield { values, raw, firstIndex };
        firstIndex += values.length;
        values = [];
        raw = [];
      }
    }
    if (values.length > 0) yield { values, raw, firstIndex };
  } finally {
    source.destroy(); // also when the caller stops early or decoding fails
    decoder.destroy();
  }
}

function decodeRecord<T>(decode: (buf: Buffer) => T, buf: Buffer, path: string, index: number): T {
  try {
    return decode(buf);
  } catch (err) {
    throw new Error(`${path}: record ${index} cannot be decoded: ${(err as Error).message}`);
  }
}

export interface WriteAvroOptions {
  readonly codec?: 'null' | 'deflate';
}

/**
 * Writes values to an Avro object container file and resolves once the file is complete on
 * disk (createFileEncoder would resolve nothing and lose file errors). Returns the record count.
 */
export async function writeAvroContainer<T>(
  path: string,
  type: Type,
  values: Iterable<T> | AsyncIterable<T>,
  options: WriteAvroOptions = {},
): Promise<number> {
  const encoder = new streams.BlockEncoder(type as never, { codec: options.codec ?? 'null' });
  const done = pipeline(encoder, createWriteStream(path));
  done.catch(() => undefined); // observed below; this only keeps an early failure from going unhandled
  let count = 0;
  try {
    for await (const value of values) {
      if (!type.isValid(value)) throw new Error(`${path}: record ${count + 1} does not fit ${type.name ?? 'the schema'}`);
      count += 1;
      if (!encoder.write(value)) await Promise.race([once(encoder, 'drain'), done]);
    }
    encoder.end();
  } catch (err) {
    encoder.destroy(err as Error);
    await done.catch(() => undefined);
    throw err;
  }
  await done;
  return count;
}
