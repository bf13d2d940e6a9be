import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * `cdr run` as a user runs it: the BUILT program (dist/), spawned, its exit status, stdout and stderr.
 * Expectations come from data/sample/README.md (four accounts, 334 + 194 CDR lines, 5 bad records).
 */
const CLI = resolve(__dirname, '../../dist/services/cli/main.js');

interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cdr(args: readonly string[], cwd: string): Promise<Outcome> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.once('error', fail);
    child.once('close', (code) => done({ code, stdout, stderr }));
  });
}

const lines = (text: string) => text.split('\n').filter((l) => l !== '');

let tmp: string;

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error('dist/ not built: run `make setup`');
  tmp = await mkdtemp(join(tmpdir(), 'cdr-run-cli-'));
});

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('cdr run (built program)', () => {
  it('runs the shipped sample with no flags and prints one row per invoice, then the footer', async () => {
    // No flags: input is the shipped sample, output ./out of the working folder (a temp folder here).
    const { code, stdout, stderr } = await cdr(['run'], tmp);

    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const out = lines(stdout);
    expect(out[0]).toMatch(/^account\s+month\s+currency\s+total\s+lines\s+records\s+dead letters$/);
    const rows = out.slice(1).filter((l) => /^(acme|globex|hooli|initech)\s/.test(l)).map((l) => l.split(/\s+/).slice(0, 3));
    expect(rows).toEqual([
      ['acme', '2026-10', 'USD'],
      ['globex', '2026-10', 'EUR'],
      ['globex', '2026-11', 'EUR'],
      ['hooli', '2026-10', 'USD'],
      ['initech', '2026-10', 'JPY'],
      ['initech', '2026-11', 'JPY'],
    ]);
    // 334 + 194 lines, none blank; the re-sent call's two legs skipped; the README's 5 bad records
    expect(stdout).toMatch(/^6 invoices from 528 CDRs: \d+ usage records rated, \d+ failed attempts, 2 duplicates skipped, 5 dead letters \(.+\)$/m);
    expect(out.at(-1)).toBe(`invoices: out/invoices/  dead letters: ${join('out', 'dead-letters.jsonl')}`);
    // 6 invoices as JSON and CSV, and the users.csv of the four October invoices with licensed users
    expect((await readdir(join(tmp, 'out', 'invoices'))).length).toBe(16);
  });

  it('exits 1 with --strict on the sample, saying why in one line on stderr', async () => {
    const outDir = join(tmp, 'strict');
    const { code, stdout, stderr } = await cdr(['run', '--strict', '-o', outDir], tmp);

    expect(code).toBe(1);
    expect(lines(stderr)).toEqual([`cdr: --strict: 5 records were dead-lettered, see ${join(outDir, 'dead-letters.jsonl')}`]);
    expect(stdout).toContain('6 invoices from 528 CDRs'); // the summary is still printed
  });

  it('exits 2 on an unknown flag with a one-line error naming it (plus the --help hint)', async () => {
    const { code, stdout, stderr } = await cdr(['run', '--bogus', '-o', join(tmp, 'bogus')], tmp);

    expect(code).toBe(2);
    expect(lines(stderr)).toEqual(["error: unknown option '--bogus'", '(add --help for usage)']);
    expect(stdout).toBe('');
    expect(existsSync(join(tmp, 'bogus'))).toBe(false);
  });

  it('exits 2 with exactly one line on stderr naming a missing input folder', async () => {
    const { code, stdout, stderr } = await cdr(['run', '-i', '/nonexistent', '-o', join(tmp, 'missing')], tmp);

    expect(code).toBe(2);
    expect(lines(stderr)).toHaveLength(1);
    expect(stderr).toMatch(/^cdr: .*\/nonexistent.*\n$/);
    expect(stdout).toBe('');
  });

  it.each([
    [['run', '--help'], 'Usage: cdr run [options]', '--strict'],
    [['validate', '--help'], 'Usage: cdr validate [options] [paths...]', '--kind <kind>'],
  ])('shows usage and exits 0 for %j', async (args, usage, option) => {
    const { code, stdout, stderr } = await cdr(args, tmp);

    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout.startsWith(usage)).toBe(true);
    expect(stdout).toContain(option);
  });
});
