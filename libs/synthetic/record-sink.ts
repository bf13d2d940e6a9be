import { AvroFile } from './avro-file';
import { type LineWriter, openLineWriter } from '../files/line-writer';

export type OutputFormat = 'jsonl' | 'avro';

/** One output stream of records, named after its Kafka topic. */
export interface RecordSink<T> {
  readonly file: string;
  /** Records and raw lines written so far. */
  readonly written: number;
  put(record: T): Promise<void> | undefined;
  /** Bytes that are not a valid record (e.g. truncated JSON); false when the format cannot carry them. */
  putRaw(line: string): Promise<boolean>;
  close(): Promise<void>;
}

class JsonLinesSink<T> implements RecordSink<T> {
  written = 0;
  private readonly out: LineWriter;

  constructor(dir: string, readonly file: string, private readonly toLine: (r: T) => string) {
    // A fresh file each run: appending to an earlier run's output would break byte-identity.
    this.out = openLineWriter(`${dir}/${file}`, { append: false, bufferBytes: 256 * 1024 });
  }

  put(record: T): Promise<void> {
    this.written++;
    return this.out.write(this.toLine(record));
  }

  async putRaw(line: string): Promise<boolean> {
    this.written++;
    await this.out.write(line);
    return true;
  }

  close(): Promise<void> {
    return this.out.close();
  }
}

class AvroSink<T> implements RecordSink<T> {
  written = 0;
  private readonly out: AvroFile<T>;

  constructor(dir: string, readonly file: string, schema: string, syncMarker: Buffer) {
    this.out = new AvroFile<T>(`${dir}/${file}`, schema, syncMarker);
  }

  put(record: T): Promise<void> | undefined {
    this.written++;
    return this.out.write(record);
  }

  /** An Avro container only holds values of its schema: broken bytes cannot be written into one. */
  async putRaw(): Promise<boolean> {
    return false;
  }

  close(): Promise<void> {
    return this.out.close();
  }
}

/** A sink for `topic` in `dir`: `<topic>.jsonl` via `toLine`, or `<topic>.avro` in `schema`. */
export function openSink<T>(
  format: OutputFormat, dir: string, topic: string, schema: string, toLine: (r: T) => string, syncMarker: Buffer,
): RecordSink<T> {
  return format === 'avro'
    ? new AvroSink<T>(dir, `${topic}.avro`, schema, syncMarker)
    : new JsonLinesSink<T>(dir, `${topic}.jsonl`, toLine);
}
