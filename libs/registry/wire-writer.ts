import type { Type } from 'avsc';

/** Confluent wire format header: magic byte 0, then the schema id as a big-endian int32. */
export const WIRE_HEADER_BYTES = 5;

/**
 * Encodes values of one registered writer schema into the Confluent wire format, synchronously.
 *
 * Why not the registry client's encode: per record it looks the schema up again (async), and builds
 * the result from two zero-filled allocations and a concat. Here the Avro body is written straight
 * behind a prepared header in a scratch buffer and copied out once, into one (pooled) buffer.
 */
export class WireWriter {
  private scratch: Buffer;

  constructor(
    readonly id: number,
    private readonly type: Type,
    initialBytes = 4096,
  ) {
    this.scratch = this.withHeader(Buffer.allocUnsafe(Math.max(initialBytes, WIRE_HEADER_BYTES + 1)));
  }

  /** The wire bytes of `value`; throws what avsc throws for a value the schema refuses. */
  write(value: unknown): Buffer {
    let end = this.type.encode(value, this.scratch, WIRE_HEADER_BYTES);
    while (end < 0) {
      // avsc returns minus the bytes missing: grow and write again (rare, the scratch keeps its size).
      this.scratch = this.withHeader(Buffer.allocUnsafe(2 * (this.scratch.length - end)));
      end = this.type.encode(value, this.scratch, WIRE_HEADER_BYTES);
    }
    const bytes = Buffer.allocUnsafe(end);
    this.scratch.copy(bytes, 0, 0, end);
    return bytes;
  }

  private withHeader(buffer: Buffer): Buffer {
    buffer[0] = 0;
    buffer.writeInt32BE(this.id, 1);
    return buffer;
  }
}
