import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeStreamSlices } from './stream-slices';

describe('slicing an input folder for paced publishing', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'slices-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('puts every CDR line in exactly one slice, in order, and leaves the reference data out', async () => {
    const sip = Array.from({ length: 10 }, (_, i) => `{"cdrId":"c-${i}"}`);
    await writeFile(join(dir, 'cdr.sipcore.jsonl'), `${sip.join('\n')}\n`);
    await writeFile(join(dir, 'cdr.media.jsonl'), '{"recordId":"m-0"}\n');
    await writeFile(join(dir, 'accounts.json'), '[]');

    const slices = await writeStreamSlices(dir, join(dir, 'slices'), 4);

    const lines = async (name: string) =>
      (await Promise.all(slices.map((s) => readFile(join(s, name), 'utf8').catch(() => '')))).join('').split('\n').filter(Boolean);
    expect(await lines('cdr.sipcore.jsonl')).toEqual(sip);
    expect(await lines('cdr.media.jsonl')).toEqual(['{"recordId":"m-0"}']);
    expect(slices).toHaveLength(4);
    expect((await Promise.all(slices.map((s) => readdir(s)))).flat()).not.toContain('accounts.json');
  });

  it('makes no empty slice when a stream has fewer lines than slices', async () => {
    await writeFile(join(dir, 'cdr.media.jsonl'), '{"recordId":"m-0"}\n{"recordId":"m-1"}\n');

    const slices = await writeStreamSlices(dir, join(dir, 'slices'), 5);

    expect(slices).toHaveLength(2);
  });
});
