import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Message } from 'kafkajs';
import { buildSchemas } from '../schema';
import { publishRecordFiles, type PublishDeps } from './record-publisher';
import type { PublishFile } from './publish-files';

const SAMPLE = join(__dirname, '..', '..', 'data', 'sample');
const schemas = buildSchemas();

/** A producer that keeps every send, and an "Avro" encoder that writes JSON, so values can be read back. */
function fakes(batchSize?: number) {
  const sends: { topic: string; messages: readonly Message[] }[] = [];
  const deps: PublishDeps = {
    schemas,
    batchSize,
    avro: { encode: async (topic, value) => Buffer.from(JSON.stringify({ topic, value })) },
    producer: {
      send: async (topic, messages) => {
        sends.push({ topic, messages });
        return [];
      },
    },
  };
  return { deps, sends };
}

const folder = () => mkdtempSync(join(tmpdir(), 'cdr-publisher-'));

describe('publishing record files', () => {
  it('keys tariff versions as tariffId:version and accounts by accountId', async () => {
    const { deps, sends } = fakes();
    const files: PublishFile[] = [
      { path: join(SAMPLE, 'accounts.json'), kind: 'account', topic: 'accounts' },
      { path: join(SAMPLE, 'tariffs.json'), kind: 'tariff', topic: 'tariffs' },
    ];

    const result = await publishRecordFiles(files, deps, { invalid: () => undefined });

    expect(sends.map((s) => [s.topic, s.messages.map((m) => m.key)])).toEqual([
      ['accounts', ['acme', 'globex', 'initech', 'hooli']],
      ['tariffs', ['std-usd:1', 'std-usd:2', 'std-eur:1', 'std-jpy:1', 'card-usd:1', 'lines-pack:1']],
    ]);
    expect([...result.published]).toEqual([['accounts', 4], ['tariffs', 6]]);
  });

  it('sends a 1,200-line CDR file in produce calls of 500, in file order', async () => {
    const dir = folder();
    const line = readFileSync(join(SAMPLE, 'cdr.sipcore.jsonl'), 'utf8').split('\n')[0]!;
    const lines = Array.from({ length: 1200 }, (_, i) => line.replace('sc-202610-00000001', `cdr-${i}`));
    writeFileSync(join(dir, 'cdr.sipcore.jsonl'), lines.join('\n'));
    const { deps, sends } = fakes(500);
    const progress: number[] = [];

    await publishRecordFiles([{ path: join(dir, 'cdr.sipcore.jsonl'), kind: 'sipcore', topic: 'sip' }], deps, {
      invalid: () => undefined,
      progress: (n) => progress.push(n),
    });

    expect(sends.map((s) => s.messages.length)).toEqual([500, 500, 200]);
    const ids = sends.flatMap((s) => s.messages.map((m) => JSON.parse(m.value!.toString()).value.cdrId));
    expect(ids).toEqual(lines.map((_, i) => `cdr-${i}`));
    expect(progress).toEqual([500, 500, 200]);
  });

  it('reports a tariff that breaks the billing rules by file, line and entry, and publishes the valid one', async () => {
    const dir = folder();
    const tariffs = JSON.parse(readFileSync(join(SAMPLE, 'tariffs.json'), 'utf8')) as { rates: { pricePerMinute: string }[] }[];
    tariffs[1]!.rates[0]!.pricePerMinute = '1.2.3';
    writeFileSync(join(dir, 'tariffs.json'), JSON.stringify(tariffs.slice(0, 2), null, 2));
    const { deps, sends } = fakes();
    const reported: string[] = [];

    const result = await publishRecordFiles([{ path: join(dir, 'tariffs.json'), kind: 'tariff', topic: 'tariffs' }], deps, {
      invalid: (where, reason) => reported.push(`${where}: ${reason}`),
    });

    expect(reported).toEqual([expect.stringMatching(/tariffs\.json:\d+: entry 2: rates\[0\]\.pricePerMinute: "1\.2\.3"/)]);
    expect(sends.flatMap((s) => s.messages.map((m) => m.key))).toEqual(['std-usd:1']);
    expect(result.invalid).toBe(1);
  });

  it('stops on a registry outage instead of counting every record as invalid', async () => {
    const { deps } = fakes();
    const outage = Object.assign(new Error('connect ECONNREFUSED'), { name: 'ResponseError' });
    const failing = { ...deps, avro: { encode: async () => Promise.reject(outage) } };
    const files: PublishFile[] = [{ path: join(SAMPLE, 'accounts.json'), kind: 'account', topic: 'accounts' }];

    await expect(publishRecordFiles(files, failing, { invalid: () => undefined })).rejects.toBe(outage);
  });
});
