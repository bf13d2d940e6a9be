import { readFile } from 'node:fs/promises';
import { MultiBar } from 'cli-progress';
import { fileFormatOf, readAvroContainer, readJsonLines } from '../files';
import type { PublishFile } from './publish-files';

export interface Progress {
  advance(count: number): void;
  /** A diagnostic line, printed above the bar so the two do not overwrite each other. */
  note(line: string): void;
  stop(): void;
}

/**
 * A progress bar over all records of the files, drawn on `stream` (a terminal) and cleared at the
 * end; without a terminal, nothing. Counting the records first costs one extra read of the files,
 * which only a person watching pays for.
 */
export async function publishProgress(
  files: readonly PublishFile[],
  stream: NodeJS.WriteStream | null,
  note: (line: string) => void,
): Promise<Progress> {
  if (stream === null) return { advance: () => undefined, note, stop: () => undefined };
  let total = 0;
  for (const file of files) total += await countRecords(file.path).catch(() => 0);
  const bars = new MultiBar({
    stream,
    format: 'publishing [{bar}] {percentage}% | {value}/{total} records | ETA {eta_formatted}',
    clearOnComplete: true,
    hideCursor: true,
  });
  const bar = bars.create(total, 0);
  const stop = () => {
    bars.update(); // flushes notes logged since the last redraw, which stop() alone would drop
    bars.stop();
  };
  return { advance: (count) => bar.increment(count), note: (line) => bars.log(`${line}\n`), stop };
}

/** Records in a file as the publisher will read them: non-blank lines, array entries or Avro records. */
export async function countRecords(path: string): Promise<number> {
  const format = fileFormatOf(path);
  let count = 0;
  if (format === 'avro') {
    for await (const batch of readAvroContainer(path)) count += batch.values.length;
  } else if (format === 'json') {
    try {
      const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
      count = Array.isArray(parsed) ? parsed.length : 1;
    } catch {
      count = 1; // reported as one unparseable record
    }
  } else {
    for await (const { lines } of readJsonLines(path)) count += lines.filter((line) => line.trim() !== '').length;
  }
  return count;
}
