import { createWriteStream, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { dirname } from 'node:path';

/** An append-only JSON Lines output (dead letters, ledger): one line per write. */
export interface LineWriter {
  /**
   * Queues one line (the newline is added). Resolves at once while the file keeps up; when the
   * stream's buffer is full it resolves only after 'drain', so awaiting callers slow down to disk speed.
   */
  write(line: string): Promise<void>;
  /** Flushes, closes the file and resolves once every line is on disk. */
  close(): Promise<void>;
  /** Lines written so far. */
  readonly lines: number;
}

export interface LineWriterOptions {
  /** Append to an existing file (default) or start it afresh. */
  readonly append?: boolean;
  /** Bytes gathered before one write to the stream (default 64 KiB): one syscall per many lines. */
  readonly bufferBytes?: number;
}

const READY: Promise<void> = Promise.resolve();

export function openLineWriter(path: string, options: LineWriterOptions = {}): LineWriter {
  mkdirSync(dirname(path), { recursive: true });
  const out = createWriteStream(path, { flags: options.append === false ? 'w' : 'a' });
  const threshold = options.bufferBytes ?? 64 * 1024;
  let failure: Error | null = null;
  out.on('error', (err) => {
    failure ??= err;
  });
  let pending: string[] = [];
  let pendingChars = 0;
  let drained: Promise<void> | null = null;
  let closed = false;
  let count = 0;

  const flush = (): Promise<void> => {
    if (pending.length > 0) {
      const ok = out.write(pending.join(''));
      pending = [];
      pendingChars = 0;
      if (!ok && drained === null) {
        drained = once(out, 'drain').then(() => {
          drained = null;
        });
        drained.catch(() => undefined); // the error is also kept in `failure` for close()
      }
    }
    return drained ?? READY;
  };

  return {
    write(line) {
      if (failure) return Promise.reject(failure);
      if (closed) return Promise.reject(new Error(`${path} is already closed`));
      pending.push(line, '\n');
      pendingChars += line.length + 1;
      count += 1;
      return pendingChars >= threshold ? flush() : drained ?? READY;
    },
    async close() {
      if (closed) return;
      closed = true;
      if (!failure) {
        flush();
        out.end();
      } else {
        out.destroy();
      }
      await finished(out).catch((err: Error) => {
        failure ??= err;
      });
      if (failure) throw failure;
    },
    get lines() {
      return count;
    },
  };
}
