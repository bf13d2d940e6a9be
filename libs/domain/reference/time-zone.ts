/**
 * Answers per zone name, kept: building an Intl.DateTimeFormat costs tens of microseconds and the
 * accounts topic validates the same few zones over and over. ICU's zone list does not change while
 * the process runs, so an answer never goes stale; the map grows with distinct names only.
 */
const known = new Map<string, boolean>();

/** True for an IANA zone that ICU knows (e.g. "Europe/Berlin", "UTC"). Intl is pure, not I/O. */
export function isTimeZone(zone: string): boolean {
  if (typeof zone !== 'string' || zone === '') return false;
  let answer = known.get(zone);
  if (answer === undefined) known.set(zone, (answer = icuKnows(zone)));
  return answer;
}

function icuKnows(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
