import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LimitEvent } from '../domain';

export const LIMITS_CSV_HEADER =
  'event_id,account_id,limit,plan_tariff_id,window_start,window_seconds,value,threshold,at,usage_id,source_stream,source_partition,source_position';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** One limit event as JSON: the LimitEvent fields in schema order, instants as ISO-8601 UTC. */
export function limitEventJson(e: LimitEvent): string {
  return JSON.stringify({
    eventId: e.eventId,
    accountId: e.accountId,
    limit: e.limit,
    planTariffId: e.planTariffId,
    windowStart: iso(e.windowStart),
    windowSeconds: e.windowSeconds,
    value: e.value,
    threshold: e.threshold,
    at: iso(e.at),
    usageId: e.usageId,
    source: { stream: e.source.stream, partition: e.source.partition, position: e.source.position },
  });
}

// RFC 4180 quoting, as the invoice CSV: ids and file paths are free text.
const csvField = (v: string | number | null) => {
  const text = v === null ? '' : String(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export function limitEventCsvRow(e: LimitEvent): string {
  return [
    e.eventId, e.accountId, e.limit, e.planTariffId, iso(e.windowStart), e.windowSeconds, e.value, e.threshold,
    iso(e.at), e.usageId, e.source.stream, e.source.partition, e.source.position,
  ].map(csvField).join(',');
}

const lines = (rows: readonly string[]) => rows.map((r) => `${r}\n`).join('');

/**
 * Writes `<dir>/limits.jsonl` and `<dir>/limits.csv` (header only when there are none), replacing
 * the files of an earlier run, so they always hold exactly this run's events, in the given order.
 */
export async function writeLimitEvents(dir: string, events: readonly LimitEvent[]): Promise<{ jsonl: string; csv: string }> {
  const jsonl = join(dir, 'limits.jsonl');
  const csv = join(dir, 'limits.csv');
  await writeFile(jsonl, lines(events.map(limitEventJson)));
  await writeFile(csv, lines([LIMITS_CSV_HEADER, ...events.map(limitEventCsvRow)]));
  return { jsonl, csv };
}

/** Writes `<dir>/warnings.txt`, one warning a line; empty when the run had none. */
export async function writeWarnings(dir: string, warnings: readonly string[]): Promise<string> {
  const file = join(dir, 'warnings.txt');
  await writeFile(file, lines(warnings));
  return file;
}
