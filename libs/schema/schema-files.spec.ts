import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findSchemasDir, readSchemaFile } from './schema-files';

describe('finding the schemas folder', () => {
  it('walks up from a deep folder to the one holding schemas/Account.avsc', () => {
    const root = mkdtempSync(join(tmpdir(), 'schemas-'));
    mkdirSync(join(root, 'schemas'));
    writeFileSync(join(root, 'schemas', 'Account.avsc'), '{}');
    const deep = join(root, 'dist', 'libs', 'schema');
    mkdirSync(deep, { recursive: true });
    expect(findSchemasDir(deep)).toBe(join(root, 'schemas'));
  });

  it('finds the repository schemas from the sources', () => {
    expect(readSchemaFile(findSchemasDir(), 'SipCoreCdr.avsc')).toMatchObject({ name: 'SipCoreCdr' });
  });

  it('says where it looked when there is none', () => {
    const lonely = mkdtempSync(join(tmpdir(), 'no-schemas-'));
    expect(() => findSchemasDir(lonely)).toThrow(`cannot find schemas/Account.avsc in ${lonely} or any folder above it`);
  });

  it('names a broken schema file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bad-schema-'));
    writeFileSync(join(dir, 'Broken.avsc'), '{ nope');
    expect(() => readSchemaFile(dir, 'Broken.avsc')).toThrow(`schema ${join(dir, 'Broken.avsc')} is not valid JSON`);
  });
});
