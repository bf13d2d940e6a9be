import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeadLetterFile, deadLetterLine } from './dead-letter-file';

const dir = mkdtempSync(join(tmpdir(), 'dlq-'));

describe('dead-letter files', () => {
  it('keeps a bad JSON line as text with its file and line', async () => {
    const path = join(dir, 'cdr.sipcore.dlq.jsonl');
    const dlq = DeadLetterFile.open(path);
    await dlq.write({
      code: 'SCHEMA_INVALID', reason: 'fromKind: "PHONE" is not one of DEVICE, TRUNK, EXTERNAL', stage: 'ingest',
      source: { stream: 'data/cdr.sipcore.jsonl', partition: 0, position: 7 }, original: '{"fromKind":"PHONE"}',
    });
    await dlq.close();
    expect(dlq.count).toBe(1);
    expect(readFileSync(path, 'utf8')).toBe(
      '{"code":"SCHEMA_INVALID","reason":"fromKind: \\"PHONE\\" is not one of DEVICE, TRUNK, EXTERNAL","stage":"ingest",' +
        '"file":"data/cdr.sipcore.jsonl","line":7,"original":"{\\"fromKind\\":\\"PHONE\\"}"}\n',
    );
  });

  it('keeps an Avro record as base64 of its bytes', () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255]).subarray(1, 4);
    expect(
      deadLetterLine({
        code: 'END_BEFORE_START', reason: 'endAt is before startAt', stage: 'normalize',
        source: { stream: 'in/cdr.media.avro', partition: 0, position: 3 }, original: bytes,
      }),
    ).toEqual({
      code: 'END_BEFORE_START', reason: 'endAt is before startAt', stage: 'normalize', file: 'in/cdr.media.avro', line: 3,
      original: Buffer.from([1, 2, 250]).toString('base64'), originalEncoding: 'base64',
    });
  });
});
