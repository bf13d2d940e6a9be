import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccountId, TariffId, UsageId, type LimitEvent } from '../domain';
import { LIMITS_CSV_HEADER, limitEventCsvRow, limitEventJson, writeLimitEvents, writeWarnings } from './limit-event-files';

const event: LimitEvent = {
  eventId: 'acme:FAILED_CALLS:1770714000000', accountId: AccountId('acme'), limit: 'FAILED_CALLS',
  planTariffId: TariffId('free'), windowStart: Date.UTC(2026, 1, 10, 9), windowSeconds: 3600, value: 6, threshold: 5,
  at: Date.UTC(2026, 1, 10, 9, 30), usageId: UsageId('sip:cdr-6:attempt'), source: { stream: 'in/cdr, "sip".jsonl', partition: 0, position: 6 },
};

describe('limit event files', () => {
  it('writes an event as JSON with every LimitEvent field and ISO instants', () => {
    expect(JSON.parse(limitEventJson(event))).toEqual({
      ...event, windowStart: '2026-02-10T09:00:00.000Z', at: '2026-02-10T09:30:00.000Z',
    });
  });

  it('quotes a CSV field with a comma or a quote and leaves a null empty', () => {
    const row = limitEventCsvRow({ ...event, planTariffId: null, windowStart: null, windowSeconds: null });
    expect(row).toBe('acme:FAILED_CALLS:1770714000000,acme,FAILED_CALLS,,,,6,5,2026-02-10T09:30:00.000Z,sip:cdr-6:attempt,"in/cdr, ""sip"".jsonl",0,6');
    expect(LIMITS_CSV_HEADER.split(',')).toHaveLength(13);
  });

  it('writes empty files when a run has no events and no warnings, so none is left from an earlier run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cdr-limits-'));
    try {
      await writeLimitEvents(dir, [event]);
      await writeWarnings(dir, ['acme 2026-02: feature "x" is enabled but no active tariff prices it']);
      const files = await writeLimitEvents(dir, []);
      expect(await readFile(files.jsonl, 'utf8')).toBe('');
      expect(await readFile(files.csv, 'utf8')).toBe(`${LIMITS_CSV_HEADER}\n`);
      expect(await readFile(await writeWarnings(dir, []), 'utf8')).toBe('');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
