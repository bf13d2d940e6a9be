import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLineWriter } from './line-writer';

const dir = mkdtempSync(join(tmpdir(), 'lines-'));

describe('the JSON Lines writer', () => {
  it('writes every line in order, through backpressure, and counts them', async () => {
    const path = join(dir, 'ledger', 'ledger.rated.jsonl');
    const writer = openLineWriter(path, { bufferBytes: 256 });
    const lines = Array.from({ length: 20000 }, (_, i) => JSON.stringify({ ratedId: `u-${i}`, amount: '0.012500' }));
    for (const line of lines) await writer.write(line);
    await writer.close();
    expect(writer.lines).toBe(20000);
    expect(readFileSync(path, 'utf8')).toBe(lines.join('\n') + '\n');
  });

  it('appends to an existing file by default and starts afresh when asked', async () => {
    const path = join(dir, 'dlq.jsonl');
    writeFileSync(path, 'earlier\n');
    const appending = openLineWriter(path);
    await appending.write('later');
    await appending.close();
    expect(readFileSync(path, 'utf8')).toBe('earlier\nlater\n');
    const fresh = openLineWriter(path, { append: false });
    await fresh.write('only');
    await fresh.close();
    expect(readFileSync(path, 'utf8')).toBe('only\n');
  });

  it('refuses writes after close, and a second close is harmless', async () => {
    const writer = openLineWriter(join(dir, 'closed.jsonl'));
    await writer.close();
    await writer.close();
    await expect(writer.write('late')).rejects.toThrow('already closed');
  });

  it('surfaces a file system error on close', async () => {
    const writer = openLineWriter(dir); // a folder cannot be opened as a file
    await expect(writer.close()).rejects.toMatchObject({ code: 'EISDIR' });
  });
});
