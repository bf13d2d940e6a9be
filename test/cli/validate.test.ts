import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { registerValidate } from '../../services/cli/commands/validate';
import { CliError } from '../../services/cli/cli-error';
import { writeAvroContainer } from '../../libs/files';
import { buildSchemas } from '../../libs/schema';
import { SAMPLE_JSON } from '../../libs/schema/sample-records.fixture';

const schemas = buildSchemas();

async function validate(...args: string[]): Promise<{ lines: string[]; exitCode: number | undefined }> {
  const lines: string[] = [];
  let exitCode: number | undefined;
  const program = new Command('cdr').exitOverride();
  registerValidate(program, { out: (line) => lines.push(line), setExitCode: (c) => (exitCode = c), schemas: () => schemas });
  await program.parseAsync(['node', 'cdr', 'validate', ...args]);
  return { lines, exitCode };
}

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'validate-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const cdr = (patch: Record<string, unknown> = {}) => JSON.stringify({ ...SAMPLE_JSON.sipcore, ...patch });
const withoutSetup = () => {
  const { setupAt: _drop, ...rest } = SAMPLE_JSON.sipcore;
  return JSON.stringify(rest);
};

describe('cdr validate', () => {
  it('reports every bad record as file:line: reason and exits 1', async () => {
    const dir = folder({
      'cdr.sipcore.jsonl': [
        cdr(),
        'not json',
        cdr({ fromKind: 'PHONE' }),
        '',
        withoutSetup(),
        cdr({ answerAt: 'yesterday' }),
        cdr({ setupAt: 1709287200000 }),
      ].join('\n'),
      'accounts.json': JSON.stringify([SAMPLE_JSON.account, { ...SAMPLE_JSON.account, accountId: 'ACC-2', currency: 'EURO' }], null, 2),
      'tariffs.jsonl': `${JSON.stringify(SAMPLE_JSON.tariff)}\n`,
      'notes.txt': 'not a record file',
    });
    const accountTwoLine = JSON.stringify([SAMPLE_JSON.account], null, 2).split('\n').length;

    const { lines, exitCode } = await validate(dir);

    expect(lines).toEqual([
      `${join(dir, 'accounts.json')}:${accountTwoLine}: entry 2: currency: "EURO" is not a known ISO 4217 currency`,
      `${join(dir, 'cdr.sipcore.jsonl')}:2: not valid JSON: Unexpected token 'o', "not json" is not valid JSON`,
      `${join(dir, 'cdr.sipcore.jsonl')}:3: fromKind: "PHONE" is not one of DEVICE, TRUNK, EXTERNAL`,
      `${join(dir, 'cdr.sipcore.jsonl')}:5: setupAt: missing`,
      `${join(dir, 'cdr.sipcore.jsonl')}:6: answerAt: "yesterday" is not an ISO-8601 timestamp`,
      '9 records checked, 5 invalid in 3 files',
    ]);
    expect(exitCode).toBe(1);
  });

  it('exits 0 when every record is valid, Avro containers included', async () => {
    const dir = folder({ 'cdr.media.jsonl': `${JSON.stringify(SAMPLE_JSON.media)}\r\n${JSON.stringify(SAMPLE_JSON.media)}` });
    const decoded = schemas.decodeJson('provisioning', JSON.stringify(SAMPLE_JSON.provisioning));
    if (!decoded.ok) throw new Error(decoded.reason);
    await writeAvroContainer(join(dir, 'provisioning.avro'), schemas.of('provisioning').type, [decoded.value, decoded.value, decoded.value]);

    const { lines, exitCode } = await validate(join(dir, 'cdr.media.jsonl'), join(dir, 'provisioning.avro'));

    expect(lines).toEqual(['5 records checked, 0 invalid in 2 files']);
    expect(exitCode).toBe(0);
  });

  it('checks a file of any name with --kind', async () => {
    const dir = folder({ 'export-0042.jsonl': `${JSON.stringify(SAMPLE_JSON.activity)}\n${JSON.stringify({ ...SAMPLE_JSON.activity, client: 'TABLET' })}\n` });
    const { lines, exitCode } = await validate('--kind', 'activity', join(dir, 'export-0042.jsonl'));
    expect(lines).toEqual([
      `${join(dir, 'export-0042.jsonl')}:2: client: "TABLET" is not one of MOBILE, DESKTOP`,
      '2 records checked, 1 invalid in 1 files',
    ]);
    expect(exitCode).toBe(1);
  });

  it('reports an Avro file written with a foreign schema as unreadable and exits 1', async () => {
    const dir = folder({});
    const decoded = schemas.decodeJson('provisioning', JSON.stringify(SAMPLE_JSON.provisioning));
    if (!decoded.ok) throw new Error(decoded.reason);
    const path = join(dir, 'cdr.media.avro');
    await writeAvroContainer(path, schemas.of('provisioning').type, [decoded.value]);
    const { lines, exitCode } = await validate(path);
    expect(lines[0]).toMatch(new RegExp(`^${path.replace(/[.\\]/g, '\\$&')}: cannot be read: .*cannot be read as cdrrating.input.MediaCdr`));
    expect(lines[1]).toBe('0 records checked, 0 invalid in 1 files');
    expect(exitCode).toBe(1);
  });

  it.each([
    [['/nowhere/cdr.sipcore.jsonl'], 'no such file or folder: /nowhere/cdr.sipcore.jsonl'],
    [['--kind', 'phone', '/nowhere/x.jsonl'], 'unknown kind "phone" (one of sipcore, media, provisioning, activity, account, tariff, usage, rated, invoice, deadLetter)'],
  ])('stops with one line for %j', async (args, message) => {
    await expect(validate(...args)).rejects.toEqual(new CliError(message));
  });

  it('stops when a file name says nothing and no --kind is given', async () => {
    const dir = folder({ 'export.jsonl': '{}' });
    await expect(validate(join(dir, 'export.jsonl'))).rejects.toThrow(
      `cannot tell the record kind of ${join(dir, 'export.jsonl')} from its name; name it after its topic (e.g. cdr.sipcore.jsonl) or pass --kind`,
    );
  });

  it('stops when --kind is given for a folder or for several files', async () => {
    const dir = folder({ 'cdr.media.jsonl': '', 'cdr.sipcore.jsonl': '' });
    await expect(validate('--kind', 'media', dir)).rejects.toThrow(`--kind applies to a single file, but ${dir} is a folder`);
    await expect(validate('--kind', 'media', join(dir, 'cdr.media.jsonl'), join(dir, 'cdr.sipcore.jsonl'))).rejects.toThrow(
      '--kind applies to a single file',
    );
  });

  it('stops on a folder with no record files', async () => {
    const dir = folder({ 'README.md': '' });
    await expect(validate(dir)).rejects.toThrow(`no record files in ${dir}`);
  });

  it('explains itself with examples in --help', async () => {
    const program = new Command('cdr').exitOverride();
    let help = '';
    program.configureOutput({ writeOut: (s) => (help += s) });
    registerValidate(program);
    await expect(program.parseAsync(['node', 'cdr', 'validate', '--help'])).rejects.toMatchObject({ code: 'commander.helpDisplayed' });
    expect(help).toContain('Usage: cdr validate [options] [paths...]');
    expect(help).toContain('--kind <kind>');
    expect(help).toContain('$ cdr validate --kind media export-0042.jsonl');
  });
});
