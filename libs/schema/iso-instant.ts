import { canonicalInstant } from './canonical-instant';

/**
 * Strict ISO-8601 instants for the JSON form. Date.parse alone is too lenient for billing: it
 * reads "2024-01-01T10:00:00" (no zone) as local time, which would make results depend on the
 * host's TZ, and it rolls "2024-02-30" over to March 1. We demand a full date-time with a zone.
 */
const INSTANT =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])[T ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)$/i;
const NO_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/i;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Epoch milliseconds of an ISO-8601 instant, or a reason why the text is not one. */
export function parseInstant(text: string): number | string {
  const canonical = canonicalInstant(text);
  if (canonical !== undefined) return canonical;
  if (!INSTANT.test(text)) return instantProblem(text);
  const ms = Date.parse(text);
  if (Number.isNaN(ms) || !dayExists(text)) return `${show(text)} is not a real date`;
  return ms;
}

/** Formats epoch milliseconds as the canonical instant, e.g. 2024-03-01T10:00:00.000Z. */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString();
}

function dayExists(text: string): boolean {
  const day = Number(text.slice(8, 10));
  if (day <= 28) return true;
  const month = Number(text.slice(5, 7));
  if (day > DAYS_IN_MONTH[month - 1]!) return false;
  if (month !== 2 || day !== 29) return true;
  const year = Number(text.slice(0, 4));
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function instantProblem(text: string): string {
  const shown = show(text);
  if (DATE_ONLY.test(text)) return `${shown} is a date, not a timestamp (write e.g. ${text}T00:00:00Z)`;
  if (NO_ZONE.test(text)) return `${shown} has no time zone (add Z or an offset such as +01:00)`;
  return `${shown} is not an ISO-8601 timestamp`;
}

function show(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
