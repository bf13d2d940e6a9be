import { isAscii } from 'node:buffer';
import { open } from 'node:fs/promises';

/** A run of consecutive lines of a file; `firstLine` is the 1-based number of `lines[0]`. */
export interface LineBatch {
  readonly lines: string[];
  readonly firstLine: number;
}

export interface ReadLinesOptions {
  /** Lines per batch (default 1000). */
  readonly batchSize?: number;
  /** Bytes per read (default 1 MiB). */
  readonly chunkBytes?: number;
}

const NEWLINE = 10;
const CR = 13;
/** The UTF-8 bytes of U+FEFF. */
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Streams a JSON Lines file in batches. Splits on '\n' itself (several times faster than
 * readline), drops a '\r' before it and a UTF-8 BOM at the start, and yields every line, blank
 * ones included, so that line numbers stay true to the file; the caller decides what a blank
 * line means. Memory holds one chunk and one batch, whatever the file size.
 *
 * It splits bytes, not text, and decodes each line on its own: a '\n' byte is never part of a
 * multi-byte UTF-8 character, so every line decodes whole, and no line keeps a chunk-sized string
 * alive. A chunk of pure ASCII (nearly every CDR file) is read as latin1, one character per byte,
 * which gives the same text as the UTF-8 decoder at a fraction of its cost.
 */
export async function* readJsonLines(path: string, options: ReadLinesOptions = {}): AsyncGenerator<LineBatch> {
  const batchSize = options.batchSize ?? 1000;
  const chunkBytes = Math.max(1, options.chunkBytes ?? 1 << 20);
  const file = await open(path, 'r');
  try {
    let buffer: Buffer = Buffer.allocUnsafe(chunkBytes);
    let filled = 0; // buffer[0, filled) holds bytes not yet made into lines
    let lines: string[] = [];
    let firstLine = 1;
    let atStart = true;
    for (;;) {
      if (buffer.length - filled < chunkBytes) buffer = grown(buffer, filled, chunkBytes);
      const { bytesRead } = await file.read(buffer, filled, chunkBytes, null);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (atStart) {
        // Decide on a BOM before any line leaves the buffer, reading on while the first bytes could still be one.
        const seen = Math.min(filled, BOM.length);
        if (!buffer.subarray(0, seen).equals(BOM.subarray(0, seen))) atStart = false;
        else if (filled < BOM.length) continue;
        else {
          atStart = false;
          filled = dropFront(buffer, BOM.length, filled);
        }
      }
      // Nothing left (a BOM was all there was): lastIndexOf(x, -1) would search the whole buffer, stale bytes too.
      const lastNewline = filled === 0 ? -1 : buffer.lastIndexOf(NEWLINE, filled - 1);
      if (lastNewline < 0) continue; // no complete line yet: a line longer than what was read so far
      const encoding = isAscii(buffer.subarray(0, lastNewline)) ? 'latin1' : 'utf8';
      for (let from = 0; from <= lastNewline; ) {
        const nl = buffer.indexOf(NEWLINE, from);
        const end = nl > from && buffer[nl - 1] === CR ? nl - 1 : nl;
        lines.push(buffer.toString(encoding, from, end));
        from = nl + 1;
        if (lines.length >= batchSize) {
          yield { lines, firstLine };
          firstLine += lines.length;
          lines = [];
        }
      }
      filled = dropFront(buffer, lastNewline + 1, filled);
    }
    if (filled > 0) {
      // The last line has no newline after it (or is a file of one or two bytes that begin a BOM).
      const end = buffer[filled - 1] === CR ? filled - 1 : filled;
      lines.push(buffer.toString(isAscii(buffer.subarray(0, end)) ? 'latin1' : 'utf8', 0, end));
    }
    if (lines.length > 0) yield { lines, firstLine };
  } finally {
    await file.close();
  }
}

/** Moves buffer[count, filled) to the front; returns the new fill. */
function dropFront(buffer: Buffer, count: number, filled: number): number {
  buffer.copy(buffer, 0, count, filled);
  return filled - count;
}

/** A buffer with room for `more` bytes after the first `kept` bytes of `buffer`, which it keeps. */
function grown(buffer: Buffer, kept: number, more: number): Buffer {
  const next = Buffer.allocUnsafe(Math.max(buffer.length * 2, kept + more));
  buffer.copy(next, 0, 0, kept);
  return next;
}
