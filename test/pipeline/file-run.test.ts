import { cpSync, existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputFilesError } from '../../libs/files';
import { ReferenceDataError, runOnFiles, type FileRunResult } from '../../libs/pipeline';
import { buildSchemas } from '../../libs/schema';

/**
 * `runOnFiles` over a temp copy of the shipped sample month (data/sample). What is expected comes
 * from data/sample/README.md: its accounts, its month-edge calls and its list of injected anomalies.
 */
const SAMPLE = join(__dirname, '../../data/sample');
const schemas = buildSchemas();

let root: string;
let input: string;
let out: string;
let first: FileRunResult;

async function readFolder(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const name of (await readdir(dir)).sort()) files.set(name, await readFile(join(dir, name)));
  return files;
}

async function lineOfFile(file: string, n: number): Promise<string> {
  return (await readFile(file, 'utf8')).split('\n')[n - 1]!;
}

/** A fresh copy of the sample whose tariffs.json has been changed by `edit`. */
async function sampleWithTariffs(name: string, edit: (tariffs: Record<string, any>[]) => void): Promise<string> {
  const dir = join(root, name);
  cpSync(SAMPLE, dir, { recursive: true });
  const tariffs = JSON.parse(await readFile(join(dir, 'tariffs.json'), 'utf8')) as Record<string, any>[];
  edit(tariffs);
  await writeFile(join(dir, 'tariffs.json'), `${JSON.stringify(tariffs, null, 2)}\n`);
  return dir;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cdr-file-run-'));
  input = join(root, 'sample');
  out = join(root, 'out');
  cpSync(SAMPLE, input, { recursive: true });
  first = await runOnFiles({ inputDir: input, outDir: out, schemas, keepLedger: true });
});

afterAll(() => rm(root, { recursive: true, force: true }));

describe('the file run over the sample month', () => {
  it('writes one JSON and one CSV invoice per account and billing month', async () => {
    // acme (New York) and hooli (UTC) have October only; globex and initech also November, from their month-edge calls.
    // Invoices with licensed users also get a users.csv: every October one (November has no activity).
    const bases = ['acme-2026-10', 'globex-2026-10', 'globex-2026-11', 'hooli-2026-10', 'initech-2026-10', 'initech-2026-11'];
    const users = ['acme-2026-10-users.csv', 'globex-2026-10-users.csv', 'hooli-2026-10-users.csv', 'initech-2026-10-users.csv'];
    expect(await readdir(join(out, 'invoices'))).toEqual([...bases.flatMap((b) => [`${b}.csv`, `${b}.json`]), ...users].sort());
    expect(first.invoices.map((i) => i.invoiceId)).toEqual(bases);

    for (const invoice of first.invoices) {
      const json = JSON.parse(await readFile(join(out, 'invoices', `${invoice.invoiceId}.json`), 'utf8'));
      expect(json).toEqual(JSON.parse(JSON.stringify(invoice)));
      const csv = (await readFile(join(out, 'invoices', `${invoice.invoiceId}.csv`), 'utf8')).trimEnd().split('\n');
      expect(csv[0]).toMatch(/^invoice_id,account_id,month,currency,line_kind,product,/);
      expect(csv).toHaveLength(invoice.lines.length + 1);
      expect(csv.slice(1).every((row) => row.startsWith(`${invoice.invoiceId},${invoice.accountId},${invoice.month},${invoice.currency},`))).toBe(true);
    }
  });

  it("bills each month-edge call on the invoice of the month it started in, in the account's zone", async () => {
    const invoice = async (base: string) => JSON.parse(await readFile(join(out, 'invoices', `${base}.json`), 'utf8'));
    // Each November invoice is opened by its edge call; the devices and trunks carried into November bill with it.
    // globex, line 333: answered 23:30:01.918Z, ended 23:33:52.539Z = 230.621 s -> 240 s = 4 min, at 0 (PER_CHANNEL)
    const globex = await invoice('globex-2026-11');
    expect(globex).toMatchObject({ currency: 'EUR', timezone: 'Europe/Berlin', peakSimultaneousCalls: 1 });
    expect(globex.lines[0]).toEqual(expect.objectContaining({
      kind: 'USAGE', product: 'sipcore.voice', quantity: '4', unitPrice: '0', amount: '0.00', billedSeconds: 240, records: 1,
    }));
    // initech, line 332: 20:00:12.795Z to 20:09:22.960Z = 550.165 s -> 600 s = 10 min x 1.5 JPY = 15, plus 7 devices and 2 trunks
    const initech = await invoice('initech-2026-11');
    expect(initech).toMatchObject({ currency: 'JPY', timezone: 'Asia/Tokyo', total: '5715' });
    expect(initech.lines.map((l: { product: string; amount: string }) => [l.product, l.amount])).toEqual([
      ['sipcore.voice', '15'], ['DEVICE', '2100'], ['TRUNK', '3600'],
    ]);
    expect(initech.lines[0]).toEqual(expect.objectContaining({ quantity: '10', unitPrice: '1.5', billedSeconds: 600, records: 1 }));
    // acme, line 334: November in UTC but 31 October in New York; std-usd v2 (from 16 October) prices it:
    // 02:00:02.206Z to 02:03:05.923Z = 183.717 s -> 240 s = 4 min x 0.0120 = 0.048
    const ledger = (await readFile(join(out, 'ledger.rated.jsonl'), 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(ledger.filter((r) => r.usageId.startsWith('sip:sc-202610-tz-acme:'))).toEqual([
      expect.objectContaining({ usageId: 'sip:sc-202610-tz-acme:orig', month: '2026-10', billedSeconds: 240, amount: '0.048000', tariffVersion: 2 }),
    ]);
  });

  it('writes one dead letter per bad record of the README, each naming its file and line and keeping the line as read', async () => {
    const sipcore = join(input, 'cdr.sipcore.jsonl');
    const media = join(input, 'cdr.media.jsonl');
    const expected = [
      [sipcore, 51, 'UNPARSEABLE'], // truncated JSON
      [sipcore, 102, 'SCHEMA_INVALID'], // fromKind PHONE
      [sipcore, 153, 'ANSWER_OUTSIDE_CALL'], // endAt before answerAt
      [sipcore, 204, 'UNKNOWN_ACCOUNT'], // ghost
      [media, 94, 'NO_PRICE'], // initech monitoring, std-jpy has no media.monitoring price
    ] as const;
    const letters = (await readFile(first.deadLetterFile, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l));

    expect(first.deadLetterFile).toBe(join(out, 'dead-letters.jsonl'));
    expect(letters.map((l) => [l.file, l.line, l.code])).toEqual(expected);
    for (const letter of letters) {
      expect(letter.original).toBe(await lineOfFile(letter.file, letter.line));
      expect(letter.reason).toEqual(expect.any(String));
      expect(letter.reason.length).toBeGreaterThan(10);
    }
    // The re-send of line 152 (line 255, a device-to-device call) is no dead letter: its two legs are skipped.
    expect(first.stats.duplicates).toBe(2);
    expect(first.stats.deadLetters).toBe(5);
  });

  it('writes byte-identical invoice and dead-letter files when run again', async () => {
    const invoicesBefore = await readFolder(join(out, 'invoices'));
    const lettersBefore = await readFile(first.deadLetterFile);

    await runOnFiles({ inputDir: input, outDir: out, schemas, keepLedger: true });

    expect(await readFolder(join(out, 'invoices'))).toEqual(invoicesBefore);
    expect(await readFile(first.deadLetterFile)).toEqual(lettersBefore);
  });

  it.each([
    ['a decimal string that is not a number', '0,0090', 'rates[0].pricePerMinute'],
    ['a JSON number instead of a decimal string', 0.009, 'rates[0].pricePerMinute'],
  ])('stops before billing on a tariff price that is %s, naming the file and the field', async (_case, price, field) => {
    const dir = await sampleWithTariffs(`bad-price-${typeof price}`, (tariffs) => {
      tariffs[2]!.rates[0].pricePerMinute = price; // std-eur, sipcore.voice
    });
    const outDir = join(dir, 'out');

    const run = runOnFiles({ inputDir: dir, outDir, schemas });

    await expect(run).rejects.toThrow(ReferenceDataError);
    const message = await run.catch((err: Error) => err.message);
    expect(message).toContain(join(dir, 'tariffs.json'));
    expect(message).toContain(field);
    expect(existsSync(join(outDir, 'invoices'))).toBe(false);
  });

  it('stops with InputFilesError naming a missing input folder', async () => {
    const missing = join(root, 'no-such-folder');
    const run = runOnFiles({ inputDir: missing, outDir: join(root, 'out-missing'), schemas });
    await expect(run).rejects.toThrow(InputFilesError);
    await expect(run).rejects.toThrow(missing);
  });
});
