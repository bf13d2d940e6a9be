/**
 * Seconds billed for a duration under first/next increments (SPEC 4, CGRateS "rate increment"):
 * 0 for d = 0; `first` for 0 < d <= first; otherwise first + ceil((d - first) / next) * next.
 *
 * Works in milliseconds so that a 60.2 s call bills 120 s at 60/60 and 2 s at 1/1. Integer math
 * only: the remainder decides the ceiling, so no float division can round a boundary the wrong way.
 */
export function billedSeconds(durationMs: number, firstIncrement: number, nextIncrement: number): number {
  if (!(durationMs >= 0) || !Number.isFinite(durationMs)) {
    throw new RangeError(`duration must be a finite number of ms >= 0, got ${durationMs}`);
  }
  if (!Number.isInteger(firstIncrement) || firstIncrement < 1 || !Number.isInteger(nextIncrement) || nextIncrement < 1) {
    throw new RangeError(`increments must be whole seconds >= 1, got ${firstIncrement}/${nextIncrement}`);
  }
  // A fraction of a millisecond is still time on the line: round it up, never down.
  const d = Math.ceil(durationMs);
  if (d === 0) return 0;
  const firstMs = firstIncrement * 1000;
  if (d <= firstMs) return firstIncrement;
  const nextMs = nextIncrement * 1000;
  const over = d - firstMs;
  const rest = over % nextMs;
  const steps = (over - rest) / nextMs + (rest > 0 ? 1 : 0);
  return firstIncrement + steps * nextIncrement;
}
