import type { DeadLetter, DeadLetterCode, Stage } from '../domain';
import { openLineWriter, type LineWriter, type LineWriterOptions } from './line-writer';

/** One line of a dead-letter file: what failed, why, where, and the input exactly as read. */
export interface DeadLetterLine {
  readonly code: DeadLetterCode;
  readonly reason: string;
  readonly stage: Stage;
  readonly file: string;
  /** 1-based line number, or record index in an Avro container file. */
  readonly line: number;
  /** The line's text, or the record's bytes in base64 (then originalEncoding is 'base64'). */
  readonly original: string;
  readonly originalEncoding?: 'base64';
}

export function deadLetterLine(letter: DeadLetter): DeadLetterLine {
  const base = {
    code: letter.code,
    reason: letter.reason,
    stage: letter.stage,
    file: letter.source.stream,
    line: letter.source.position,
  };
  if (typeof letter.original === 'string') return { ...base, original: letter.original };
  const { buffer, byteOffset, byteLength } = letter.original;
  return { ...base, original: Buffer.from(buffer, byteOffset, byteLength).toString('base64'), originalEncoding: 'base64' };
}

/** Dead letters of the file-based pipeline, one JSON object per line (the file twin of `<topic>.dlq`). */
export class DeadLetterFile {
  private constructor(private readonly out: LineWriter) {}

  static open(path: string, options?: LineWriterOptions): DeadLetterFile {
    return new DeadLetterFile(openLineWriter(path, options));
  }

  write(letter: DeadLetter): Promise<void> {
    return this.out.write(JSON.stringify(deadLetterLine(letter)));
  }

  get count(): number {
    return this.out.lines;
  }

  close(): Promise<void> {
    return this.out.close();
  }
}
