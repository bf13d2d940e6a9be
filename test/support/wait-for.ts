export interface WaitOptions {
  /** What is being waited for, completing "timed out waiting for ...". */
  readonly what: string;
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
}

/**
 * Polls `condition` until it returns a truthy value (which is returned) or the deadline passes,
 * then fails naming what it waited for and the last value or error seen. Tests wait on a
 * condition with a deadline instead of sleeping a fixed time.
 */
export async function waitFor<T>(condition: () => T | Promise<T>, options: WaitOptions): Promise<NonNullable<T>> {
  const { what, timeoutMs = 15_000, intervalMs = 25 } = options;
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value as NonNullable<T>;
      last = value;
    } catch (err) {
      last = err;
    }
    if (Date.now() >= deadline) {
      const seen = last instanceof Error ? `last error: ${last.message}` : `last value: ${String(last)}`;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (${seen})`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
