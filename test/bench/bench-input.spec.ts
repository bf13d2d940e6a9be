import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchInput, generatorFingerprint, type BenchParams } from './bench-input';

const params: BenchParams = { sipcore: 200, accounts: 3, mediaSessions: 5, month: '2026-10', seed: 42 };
let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'bench-input-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the benchmark input', () => {
  it('is generated once and reused while its manifest matches', async () => {
    const first = await benchInput(root, params);
    expect(first.reused).toBe(false);
    expect(readFileSync(join(first.dir, 'cdr.sipcore.jsonl'), 'utf8').trim().split('\n')).toHaveLength(200);
    const again = await benchInput(root, params);
    expect(again).toMatchObject({ dir: first.dir, reused: true });
  });

  it('is generated again when a file was cut short', async () => {
    const { dir } = await benchInput(root, params);
    const file = join(dir, 'cdr.sipcore.jsonl');
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 100));
    const again = await benchInput(root, params);
    expect(again.reused).toBe(false);
    expect(statSync(file).size).toBeGreaterThan(100);
  });

  it('is generated again for another seed, in the same folder', async () => {
    const { dir } = await benchInput(root, params);
    const before = readFileSync(join(dir, 'cdr.sipcore.jsonl'), 'utf8');
    const other = await benchInput(root, { ...params, seed: 7 });
    expect(other).toMatchObject({ dir, reused: false });
    expect(readFileSync(join(dir, 'cdr.sipcore.jsonl'), 'utf8')).not.toBe(before);
  });

  it('is generated again when the generator changed', async () => {
    const { dir } = await benchInput(root, params, 'generator-a');
    const again = await benchInput(root, params, 'generator-b');
    expect(again).toMatchObject({ dir, reused: false });
    expect(await benchInput(root, params, 'generator-b')).toMatchObject({ reused: true });
  });

  it('fingerprints the generator by its code', () => {
    expect(generatorFingerprint()).toMatch(/^[0-9a-f]{16}$/);
    expect(generatorFingerprint()).toBe(generatorFingerprint());
  });
});
