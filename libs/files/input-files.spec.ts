import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordKindOfFile, fileFormatOf } from './file-kinds';
import { discoverInputs } from './input-files';

function folder(...names: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'inputs-'));
  for (const name of names) writeFileSync(join(dir, name), '');
  return dir;
}

describe('telling a file\'s record kind from its name', () => {
  it.each([
    ['cdr.sipcore.jsonl', 'sipcore'],
    ['data/march/cdr.sipcore-2024-03-01.avro', 'sipcore'],
    ['cdr.media_part2.jsonl', 'media'],
    ['provisioning.jsonl', 'provisioning'],
    ['registrations.2024-03.jsonl', 'activity'],
    ['accounts.json', 'account'],
    ['tariffs.jsonl', 'tariff'],
    ['usage.legs.jsonl', 'usage'],
    ['ledger.rated.jsonl', 'rated'],
    ['invoices-2024-03.json', 'invoice'],
  ])('reads %s as %s', (name, kind) => {
    expect(recordKindOfFile(name)).toBe(kind);
  });

  it.each(['cdr.sipcore.dlq.jsonl', 'cdr.sipcore.csv', 'cdr.sipcorex.jsonl', 'notes.jsonl', 'accounts'])('does not guess for %s', (name) => {
    expect(recordKindOfFile(name)).toBeNull();
  });

  it('knows the three formats by extension', () => {
    expect(['a.jsonl', 'a.JSON', 'a.avro', 'a.ndjson', 'a.txt'].map(fileFormatOf)).toEqual(['jsonl', 'json', 'avro', 'jsonl', null]);
  });
});

describe('discovering the inputs of a run', () => {
  it('sorts each topic\'s files by name and leaves out dead letters and strangers', () => {
    const dir = folder(
      'cdr.sipcore-2.jsonl', 'cdr.sipcore-1.avro', 'cdr.sipcore.dlq.jsonl', 'cdr.media.jsonl', 'provisioning.jsonl',
      'registrations.jsonl', 'accounts.json', 'tariffs.jsonl', 'README.md', 'cdr.media.json', 'usage.legs.jsonl',
    );
    mkdirSync(join(dir, 'cdr.sipcore-3.jsonl.d'));
    expect(discoverInputs(dir)).toEqual({
      sipcore: [join(dir, 'cdr.sipcore-1.avro'), join(dir, 'cdr.sipcore-2.jsonl')],
      media: [join(dir, 'cdr.media.jsonl')],
      provisioning: [join(dir, 'provisioning.jsonl')],
      registrations: [join(dir, 'registrations.jsonl')],
      accounts: [join(dir, 'accounts.json')],
      tariffs: [join(dir, 'tariffs.jsonl')],
    });
  });

  it('accepts a folder with reference data and no usage yet', () => {
    const dir = folder('accounts.jsonl', 'tariffs.json');
    expect(discoverInputs(dir)).toMatchObject({ sipcore: [], media: [], accounts: [join(dir, 'accounts.jsonl')] });
  });

  it('names the folder and what is missing in one line', () => {
    const dir = folder('cdr.sipcore.jsonl', 'tariffs.json');
    expect(() => discoverInputs(dir)).toThrow(`input folder ${dir} has no accounts (accounts.json or accounts.jsonl)`);
    const empty = folder();
    expect(() => discoverInputs(empty)).toThrow(
      `input folder ${empty} has no accounts (accounts.json or accounts.jsonl) and no tariffs (tariffs.json or tariffs.jsonl)`,
    );
  });

  it('says so when the folder does not exist or is a file', () => {
    const dir = folder('accounts.json');
    expect(() => discoverInputs(join(dir, 'nope'))).toThrow(`input folder ${join(dir, 'nope')} does not exist or cannot be read (ENOENT)`);
    expect(() => discoverInputs(join(dir, 'accounts.json'))).toThrow(`input ${join(dir, 'accounts.json')} is not a folder`);
  });
});
