import { once } from 'node:events';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as avro from 'avsc';

/**
 * An Avro object container file of one schema from schemas/. We build avsc's BlockEncoder
 * ourselves (what avro.createFileEncoder does inside) for two reasons: a sync marker from the
 * seed instead of a random one, so the same seed gives byte-identical files, and a pipeline we
 * can await, so close() returns only once the bytes are on disk.
 */
export class AvroFile<T> {
  private readonly encoder: avro.streams.BlockEncoder;
  private readonly done: Promise<void>;
  private failure: Error | null = null;

  constructor(path: string, schemaName: string, syncMarker: Buffer) {
    const schema = JSON.parse(readFileSync(join(schemasDir(), `${schemaName}.avsc`), 'utf8')) as avro.Schema;
    this.encoder = new avro.streams.BlockEncoder(schema, { syncMarker });
    // avsc drops a value that does not fit the schema and only emits 'typeError'; make that fatal.
    this.encoder.on('typeError', (err: Error) => {
      this.failure ??= err;
    });
    this.done = pipeline(this.encoder, createWriteStream(path));
    this.done.catch(() => undefined);
  }

  write(record: T): Promise<void> | undefined {
    if (this.failure) throw this.failure;
    return this.encoder.write(record) ? undefined : once(this.encoder, 'drain').then(() => undefined);
  }

  async close(): Promise<void> {
    this.encoder.end();
    await this.done;
    if (this.failure) throw this.failure;
  }
}

/** The repository's schemas/ folder, found upward from this file (works from the sources and from dist/). */
export function schemasDir(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, 'schemas');
    if (existsSync(join(candidate, 'SipCoreCdr.avsc'))) return candidate;
    const up = dirname(dir);
    if (up === dir) throw new Error(`schemas/ not found above ${__dirname}`);
    dir = up;
  }
}
