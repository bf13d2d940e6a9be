import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError } from '../../services/cli/cli-error';
import { DEFAULT_TOPICS } from '../runtime/topic-names';
import { publishFiles } from './publish-files';

function inputFolder(names: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'cdr-publish-files-'));
  for (const name of names) writeFileSync(join(dir, name), '');
  return dir;
}

describe('choosing the files to publish', () => {
  it('puts accounts and tariffs before the CDRs that need them, whatever the order given, each file once', () => {
    const dir = inputFolder(['cdr.sipcore-2.jsonl', 'cdr.sipcore-1.jsonl', 'tariffs.json', 'registrations.jsonl', 'accounts.json', 'cdr.media.avro']);

    const files = publishFiles([join(dir, 'cdr.sipcore-2.jsonl'), dir], DEFAULT_TOPICS);

    expect(files.map((f) => [f.path.slice(dir.length + 1), f.topic])).toEqual([
      ['accounts.json', 'accounts'],
      ['tariffs.json', 'tariffs'],
      ['cdr.sipcore-2.jsonl', 'cdr.sipcore'],
      ['cdr.sipcore-1.jsonl', 'cdr.sipcore'],
      ['cdr.media.avro', 'cdr.media'],
      ['registrations.jsonl', 'registrations'],
    ]);
  });

  it('leaves a folder\'s ledgers, invoices and dead letters alone, and refuses them when named', () => {
    const dir = inputFolder(['provisioning.jsonl', 'ledger.rated.jsonl', 'cdr.sipcore.dlq.jsonl', 'invoices.json', 'notes.txt']);

    expect(publishFiles([dir], { ...DEFAULT_TOPICS, provisioning: 'x.provisioning' }).map((f) => f.topic)).toEqual(['x.provisioning']);
    expect(() => publishFiles([join(dir, 'ledger.rated.jsonl')], DEFAULT_TOPICS)).toThrow(CliError);
    expect(() => publishFiles([join(dir, 'missing.jsonl')], DEFAULT_TOPICS)).toThrow(/no such file or folder/);
  });
});
