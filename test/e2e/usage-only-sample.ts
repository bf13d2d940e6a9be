import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * The input of the end-to-end tests. The embedded pipeline bills recurring charges (devices,
 * licences, setup fee, features, per-channel, minimum charge) that the Kafka invoicer does not bill
 * yet, so the tests run on a USAGE-ONLY copy of data/sample: the same CDR files, with every
 * recurring fact taken out of the reference data and no provisioning or registrations files.
 *
 * FULL_SAMPLE: flip to true once the Kafka side bills recurring charges (and consumes provisioning
 * and registrations): every e2e test then runs on data/sample exactly as shipped, all files. The
 * harness is ready for it: it publishes every input file, waits on the invoicer's facts group too,
 * and compares every file of the invoice folder (`-users.csv` included). Before the Kafka side is
 * ready, flipping it fails the invoice comparisons with a diff of the missing recurring lines.
 */
export const FULL_SAMPLE = true;

export const SAMPLE_DIR = resolve(__dirname, '../../data/sample');

/** The CDR streams, copied byte for byte either way: they are what both pipelines must bill alike. */
const CDR_FILES = ['cdr.sipcore.jsonl', 'cdr.media.jsonl'];
/** Only the full sample carries these; the usage-only copy leaves them out. */
const RECURRING_FILES = ['provisioning.jsonl', 'registrations.jsonl'];

type Json = Record<string, unknown>;

/** An account billed per minute for its usage only: no setup fee, features, channels, minimum or plan options. */
export function usageOnlyAccount(account: Json): Json {
  const plans = (account.plans as Json[]).map((plan) => ({ ...plan, options: [] }));
  return {
    ...account,
    billingModel: 'PER_MINUTE',
    channels: null,
    minimumMonthlyCharge: null,
    setupFee: null,
    features: [],
    plans,
  };
}

/** A tariff as a rate card only: its per-minute prices, no recurring or option prices, no limits. */
export function usageOnlyTariff(tariff: Json): Json {
  return { ...tariff, recurring: [], optionPrices: [], limits: null };
}

/**
 * Writes the e2e input into `target` (created if missing) and returns it: the usage-only copy of
 * `sample`, or with FULL_SAMPLE every file of it unchanged.
 */
export async function writeE2eInput(target: string, sample = SAMPLE_DIR, full = FULL_SAMPLE): Promise<string> {
  await mkdir(target, { recursive: true });
  for (const name of full ? [...CDR_FILES, ...RECURRING_FILES, 'accounts.json', 'tariffs.json'] : CDR_FILES) {
    await copyFile(join(sample, name), join(target, name));
  }
  if (full) return target;
  await rewriteArray(join(sample, 'accounts.json'), join(target, 'accounts.json'), usageOnlyAccount);
  await rewriteArray(join(sample, 'tariffs.json'), join(target, 'tariffs.json'), usageOnlyTariff);
  return target;
}

async function rewriteArray(from: string, to: string, change: (entry: Json) => Json): Promise<void> {
  const entries: unknown = JSON.parse(await readFile(from, 'utf8'));
  if (!Array.isArray(entries)) throw new Error(`${from} is not a JSON array; the usage-only copy reads the sample's layout`);
  await writeFile(to, `${JSON.stringify(entries.map((e) => change(e as Json)), null, 2)}\n`);
}
