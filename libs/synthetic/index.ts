/** Synthetic input for the pipeline: a seeded, realistic month of CDRs, events and reference data. */
export { generateMonth, MEDIA_SESSIONS_PER_ACCOUNT, MIN_ACCOUNTS_FOR_ANOMALIES, SIPCORE_PER_ACCOUNT } from './generate-month';
export type { GenerateOptions, GenerateSummary, GeneratedFile } from './generate-month';
export type { OutputFormat } from './record-sink';
export { calendarMonth, localMonth } from './calendar-month';
export { Prng } from './prng';
