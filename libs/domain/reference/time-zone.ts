/**
 * True for an IANA zone that ICU knows (e.g. "Europe/Berlin", "UTC"). Intl is pure, not I/O.
 * Asked afresh each time, no memory: ~45 µs per call, and only account records (reference data) are checked.
 */
export function isTimeZone(zone: string): boolean {
  if (typeof zone !== 'string' || zone === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
