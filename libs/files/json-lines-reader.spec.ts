import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readJsonLines, type LineBatch, type ReadLinesOptions } from './json-lines-reader';

const dir = mkdtempSync(join(tmpdir(), 'jsonl-'));
let n = 0;
async function read(content: string | Buffer, options?: ReadLinesOptions): Promise<LineBatch[]> {
  const path = join(dir, `f${n++}.jsonl`);
  writeFileSync(path, content);
  const batches: LineBatch[] = [];
  for await (const b of readJsonLines(path, options)) batches.push({ lines: [...b.lines], firstLine: b.firstLine });
  return batches;
}

describe('reading JSON Lines', () => {
  it('numbers lines across batch and chunk boundaries, with CRLF and no final newline', async () => {
    const text = '{"a":1}\r\n{"a":2}\r\n{"a":3}\n{"a":4}\r\n{"a":5}';
    const batches = await read(text, { batchSize: 2, chunkBytes: 5 });
    expect(batches).toEqual([
      { lines: ['{"a":1}', '{"a":2}'], firstLine: 1 },
      { lines: ['{"a":3}', '{"a":4}'], firstLine: 3 },
      { lines: ['{"a":5}'], firstLine: 5 },
    ]);
  });

  it('splits a CR from its LF when they arrive in different chunks', async () => {
    // chunkBytes 8 puts the '\r' of line 1 at the end of the first chunk and '\n' at the start of the second.
    const batches = await read('{"a":1}\r\n{"a":2}\r\n', { chunkBytes: 8 });
    expect(batches).toEqual([{ lines: ['{"a":1}', '{"a":2}'], firstLine: 1 }]);
  });

  it('reports blank lines so that later line numbers stay true', async () => {
    const batches = await read('{"a":1}\n\n  \n{"a":4}\n', { batchSize: 3 });
    expect(batches).toEqual([
      { lines: ['{"a":1}', '', '  '], firstLine: 1 },
      { lines: ['{"a":4}'], firstLine: 4 },
    ]);
  });

  it('gives nothing for an empty file and one empty line for a lone newline', async () => {
    expect(await read('')).toEqual([]);
    expect(await read('\n')).toEqual([{ lines: [''], firstLine: 1 }]);
  });

  it('drops a UTF-8 byte order mark and keeps multi-byte characters split across chunks whole', async () => {
    const batches = await read(Buffer.from('\uFEFF{"to":"Zürich ☎"}\n{"to":"Ōsaka"}', 'utf8'), { chunkBytes: 3 });
    expect(batches).toEqual([{ lines: ['{"to":"Zürich ☎"}', '{"to":"Ōsaka"}'], firstLine: 1 }]);
  });

  it('streams a large file in batches of the requested size', async () => {
    const lines = Array.from({ length: 2500 }, (_, i) => `{"n":${i}}`);
    const batches = await read(lines.join('\n') + '\n');
    expect(batches.map((b) => [b.firstLine, b.lines.length])).toEqual([[1, 1000], [1001, 1000], [2001, 500]]);
    expect(batches.flatMap((b) => b.lines)).toEqual(lines);
  });

  it('keeps a line longer than many chunks whole, and a file that is only a byte order mark empty', async () => {
    const long = `{"to":"${'☎'.repeat(50)}"}`;
    expect(await read(`${long}\n{"a":2}`, { chunkBytes: 7 })).toEqual([{ lines: [long, '{"a":2}'], firstLine: 1 }]);
    expect(await read(Buffer.from('\uFEFF', 'utf8'), { chunkBytes: 1 })).toEqual([]);
  });

  it('gives the lines of the whole decoded text, whatever the chunk size', async () => {
    const text = fc.string({ unit: fc.constantFrom('{', '"', 'a', 'ü', '☎', '𝄞', '\uFEFF', '\r', '\n', ' '), maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(text, fc.integer({ min: 1, max: 12 }), async (t, chunkBytes) => {
        const body = t.startsWith('\uFEFF') ? t.slice(1) : t; // a BOM only counts at the very start
        const whole = body.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
        if (body.endsWith('\n') || body === '') whole.pop(); // no line after a final newline
        const lines = (await read(Buffer.from(t, 'utf8'), { chunkBytes, batchSize: 4 })).flatMap((b) => b.lines);
        expect(lines).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it('fails with the file system error for a missing file', async () => {
    await expect(readJsonLines(join(dir, 'missing.jsonl')).next()).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
