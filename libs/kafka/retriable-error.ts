/** Socket errors that say "the other side is away for now", not "this input is wrong". */
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** kafkajs gives up after its own retries with these; the broker may well come back, so the batch is worth retrying. */
const OUTAGE_NAMES = new Set([
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSConnectionError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSConnectionClosedError',
  'MaxRetriesPerRequestError', // ioredis
]);

/**
 * Whether running the same batch again can succeed. An error's own `retriable` flag wins (kafkajs
 * errors and the pipeline's error family carry one); otherwise broker/Redis outages and socket
 * errors are retriable and anything else (a bug) is not. Walks `cause` so wrapped outages count.
 */
export function isRetriableByDefault(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const e = error as { retriable?: unknown; code?: unknown; name?: unknown; cause?: unknown };
  if (typeof e.name === 'string' && OUTAGE_NAMES.has(e.name)) return true;
  if (typeof e.retriable === 'boolean') return e.retriable;
  if (typeof e.code === 'string' && TRANSIENT_CODES.has(e.code)) return true;
  return isRetriableByDefault(e.cause, depth + 1);
}

/** Exponential backoff without jitter: attempt 0 waits `initialMs`, doubling up to `maxMs`. */
export function backoffMs(attempt: number, initialMs: number, maxMs: number): number {
  return Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
}
