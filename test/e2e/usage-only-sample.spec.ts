import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMPLE_DIR, writeE2eInput } from './usage-only-sample';

describe('the usage-only copy of the sample', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'usage-only-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps the CDR files byte for byte and leaves provisioning and registrations out', async () => {
    await writeE2eInput(dir, SAMPLE_DIR, false);

    expect((await readdir(dir)).sort()).toEqual(['accounts.json', 'cdr.media.jsonl', 'cdr.sipcore.jsonl', 'tariffs.json']);
    for (const name of ['cdr.sipcore.jsonl', 'cdr.media.jsonl']) {
      expect((await readFile(join(dir, name))).equals(await readFile(join(SAMPLE_DIR, name)))).toBe(true);
    }
  });

  it('bills every account per minute for usage only, on the same plans and tariffs', async () => {
    await writeE2eInput(dir, SAMPLE_DIR, false);
    const sample = JSON.parse(await readFile(join(SAMPLE_DIR, 'accounts.json'), 'utf8')) as Array<Record<string, unknown>>;
    const accounts = JSON.parse(await readFile(join(dir, 'accounts.json'), 'utf8')) as Array<Record<string, unknown>>;

    expect(accounts.map((a) => a.accountId)).toEqual(sample.map((a) => a.accountId));
    for (const account of accounts) {
      expect(account).toMatchObject({ billingModel: 'PER_MINUTE', channels: null, minimumMonthlyCharge: null, setupFee: null, features: [] });
      expect((account.plans as Array<{ options: unknown[] }>).every((p) => p.options.length === 0)).toBe(true);
    }
    const tariffs = JSON.parse(await readFile(join(dir, 'tariffs.json'), 'utf8')) as Array<Record<string, unknown>>;
    const sampleTariffs = JSON.parse(await readFile(join(SAMPLE_DIR, 'tariffs.json'), 'utf8')) as Array<Record<string, unknown>>;
    expect(tariffs.map((t) => t.rates)).toEqual(sampleTariffs.map((t) => t.rates));
    for (const tariff of tariffs) expect(tariff).toMatchObject({ recurring: [], optionPrices: [], limits: null });
  });

  it('is the sample exactly as shipped with FULL_SAMPLE', async () => {
    await writeE2eInput(dir, SAMPLE_DIR, true);

    for (const name of await readdir(dir)) {
      expect((await readFile(join(dir, name))).equals(await readFile(join(SAMPLE_DIR, name)))).toBe(true);
    }
    expect(await readdir(dir)).toContain('registrations.jsonl');
  });
});
