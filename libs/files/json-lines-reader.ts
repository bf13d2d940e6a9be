import { createReadStream } from 'node:fs';

/** A run of consecutive lines of a file; `firstLine` is the 1-based number of `lines[0]`. */
export interface LineBatch {
  readonly lines: string[];
  readonly firstLine: number;
}

export interface ReadLinesOptions {
  /** Lines per batch (default 1000). */
  readonly batchSize?: number;
  /** Bytes per read (default 256 KiB). */
  readonly chunkBytes?: number;
}

/**
 * Streams a JSON Lines file in batches. Splits on '\n' itself (several times faster than
 * readline), drops a '\r' before it and a UTF-8 BOM at the start, and yields every line, blank
 * ones included, so that line numbers stay true to the file; the caller decides what a blank
 * line means. Memory holds one chunk and one batch, whatever the file size.
 */
export async function* readJsonLines(path: string, options: ReadLinesOptions = {}): AsyncGenerator<LineBatch> {
  const batchSize = options.batchSize ?? 1000;
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: options.chunkBytes ?? 256 * 1024 });
  let lines: string[] = [];
  let firstLine = 1;
  let carry = '';
  let atStart = true;
  for await (const chunk of stream as AsyncIterable<string>) {
    let text = carry + chunk;
    if (atStart) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      atStart = false;
    }
    let from = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
      const end = nl > from && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      lines.push(text.slice(from, end));
      from = nl + 1;
      if (lines.length >= batchSize) {
        yield { lines, firstLine };
        firstLine += lines.length;
        lines = [];
      }
    }
    carry = text.slice(from);
  }
  if (carry.length > 0) lines.push(carry.charCodeAt(carry.length - 1) === 13 ? carry.slice(0, -1) : carry);
  if (lines.length > 0) yield { lines, firstLine };
}
