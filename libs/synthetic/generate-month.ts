import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MediaCdr, ProvisioningEvent, SipCoreCdr, UserActivity } from '../domain';
import { calendarMonth } from './calendar-month';
import { writeMedia, writeSipcore } from './cdr-streams';
import { buildFleets } from './fleet';
import { accountDocument, activityLine, mediaLine, provisioningLine, sipcoreLine, tariffDocument } from './json-lines';
import { Prng } from './prng';
import { provisioningEvents } from './provisioning';
import { type OutputFormat, openSink, type RecordSink } from './record-sink';
import { userActivity } from './registrations';
import { storyOf } from './stories';
import { standardTariffs } from './tariffs';

export interface GenerateOptions {
  readonly outDir: string;
  readonly accounts: number;
  /** `YYYY-MM`, a UTC calendar month. */
  readonly month: string;
  readonly seed: number;
  /** Normal SIP core CDRs in all (anomalies come on top). */
  readonly sipcore: number;
  readonly mediaSessions: number;
  readonly anomalies: boolean;
  readonly format: OutputFormat;
}

export interface GeneratedFile {
  readonly file: string;
  /** Array elements for .json, lines or Avro records otherwise. */
  readonly records: number;
}

export interface GenerateSummary {
  readonly files: readonly GeneratedFile[];
  /** Anomalies the output format cannot carry (Avro holds no broken bytes). */
  readonly skippedAnomalies: readonly string[];
}

export const SIPCORE_PER_ACCOUNT = 100;
export const MEDIA_SESSIONS_PER_ACCOUNT = 20;
/** Anomalies name acme, globex and initech; hooli's limit calls come with a fourth account. */
export const MIN_ACCOUNTS_FOR_ANOMALIES = 3;

/**
 * Writes a synthetic month of input into `outDir`, files named after their topics. Same options,
 * same bytes: every random choice comes from a Prng stream of `seed`, one stream per file, so the
 * normal records are identical with or without --anomalies.
 */
export async function generateMonth(o: GenerateOptions): Promise<GenerateSummary> {
  if (o.anomalies && o.accounts < MIN_ACCOUNTS_FOR_ANOMALIES) {
    throw new RangeError(`anomalies need at least ${MIN_ACCOUNTS_FOR_ANOMALIES} accounts`);
  }
  const month = calendarMonth(o.month);
  const fleets = buildFleets(o.seed, month, o.accounts);
  await mkdir(o.outDir, { recursive: true });
  const files: GeneratedFile[] = [];
  const tariffs = standardTariffs(month, new Set(fleets.flatMap((f) => f.account.plans.map((p) => p.tariffId))));
  await writeJson(o.outDir, 'accounts.json', fleets.map((f) => accountDocument(f.account)));
  await writeJson(o.outDir, 'tariffs.json', tariffs.map(tariffDocument));
  files.push({ file: 'accounts.json', records: fleets.length }, { file: 'tariffs.json', records: tariffs.length });

  const sink = <T>(topic: string, schema: string, toLine: (r: T) => string) =>
    openSink<T>(o.format, o.outDir, topic, schema, toLine, syncMarker(o.seed, topic));
  const sipcore = sink<SipCoreCdr>('cdr.sipcore', 'SipCoreCdr', sipcoreLine);
  const skipped = await writeSipcore(sipcore, o, month, fleets);
  const media = sink<MediaCdr>('cdr.media', 'MediaCdr', mediaLine);
  const conferences = await writeMedia(media, o, month, fleets);
  const provisioning = sink<ProvisioningEvent>('provisioning', 'ProvisioningEvent', provisioningLine);
  await putAll(provisioning, provisioningEvents(month, fleets));
  const registrations = sink<UserActivity>('registrations', 'UserActivity', activityLine);
  const stories = fleets.flatMap((f) => storyOf(f.account.accountId).activity?.(f, month, conferences.get(f.account.accountId)) ?? []);
  await putAll(registrations, userActivity(Prng.stream(o.seed, 'registrations'), month, fleets, stories));
  for (const s of [sipcore, media, provisioning, registrations]) files.push({ file: s.file, records: s.written });
  return { files, skippedAnomalies: skipped };
}

async function putAll<T>(out: RecordSink<T>, records: readonly T[]): Promise<void> {
  for (const r of records) await out.put(r);
  await out.close();
}

async function writeJson(dir: string, file: string, value: unknown): Promise<void> {
  await writeFile(join(dir, file), `${JSON.stringify(value, null, 2)}\n`, 'utf8');
}

/** Avro sync marker from the seed: random markers would make every run's bytes differ. */
function syncMarker(seed: number, topic: string): Buffer {
  const rng = Prng.stream(seed, `avro:${topic}`);
  return Buffer.from(rng.hex(32), 'hex');
}
