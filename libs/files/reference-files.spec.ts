import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSchemas } from '../schema';
import { SAMPLE_JSON } from '../schema/sample-records.fixture';
import { writeAvroContainer } from './avro-container';
import { describeProblem, loadReference } from './reference-files';

const schemas = buildSchemas();
const dir = mkdtempSync(join(tmpdir(), 'reference-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('loading accounts and tariffs', () => {
  it('decodes a pretty-printed JSON array and names the line and entry of a bad one', async () => {
    const accounts = file('accounts.json', JSON.stringify([SAMPLE_JSON.account, { accountId: 'ACC-2' }, { ...SAMPLE_JSON.account, accountId: 'ACC-3' }], null, 2));
    const { values, errors } = await loadReference([accounts], 'account', schemas);
    expect(values.map((a) => a.accountId)).toEqual(['ACC-1', 'ACC-3']);
    const secondEntryLine = JSON.stringify([SAMPLE_JSON.account], null, 2).split('\n').length; // line of "{" of entry 2
    expect(errors).toEqual([
      { file: accounts, line: secondEntryLine, entry: 2, code: 'SCHEMA_INVALID', reason: 'entry 2: currency: missing' },
    ]);
    expect(describeProblem(errors[0]!)).toBe(`${accounts}:${secondEntryLine}: entry 2: currency: missing`);
  });

  it('decodes JSON Lines tariffs, skipping blank lines but keeping line numbers', async () => {
    const tariffs = file('tariffs.jsonl', `${JSON.stringify(SAMPLE_JSON.tariff)}\n\n{"tariffId":"T-X","version":1,"currency":"USD","effectiveFrom":"soon"}\nnot json\n`);
    const { values, errors } = await loadReference([tariffs], 'tariff', schemas);
    expect(values).toHaveLength(1);
    expect(errors.map(describeProblem)).toEqual([
      `${tariffs}:3: effectiveFrom: "soon" is not an ISO-8601 timestamp`,
      expect.stringMatching(new RegExp(`^${tariffs.replace(/[.\\]/g, '\\$&')}:4: not valid JSON: `)),
    ]);
  });

  it('reports a JSON file that does not parse as one error', async () => {
    const broken = file('tariffs-broken.json', '[\n{"tariffId": "T"},\n{"tariffId": }\n]');
    const { values, errors } = await loadReference([broken], 'tariff', schemas);
    expect(values).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: broken, code: 'UNPARSEABLE', entry: null });
    expect(errors[0]!.reason).toMatch(/^not valid JSON: /);
  });

  it('reads several files in order, and Avro containers too', async () => {
    const first = file('accounts-a.jsonl', JSON.stringify({ accountId: 'A', currency: 'EUR' }));
    const decoded = schemas.decodeJson('account', JSON.stringify({ accountId: 'B', currency: 'GBP' }));
    if (!decoded.ok) throw new Error(decoded.reason);
    const second = join(dir, 'accounts-b.avro');
    await writeAvroContainer(second, schemas.of('account').type, [decoded.value]);
    const { values, errors } = await loadReference([first, second], 'account', schemas);
    expect(errors).toEqual([]);
    expect(values.map((a) => [a.accountId, a.timezone])).toEqual([['A', 'UTC'], ['B', 'UTC']]);
  });
});
