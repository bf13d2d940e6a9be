/**
 * Zones ICU knows, kept: building an Intl.DateTimeFormat costs tens of microseconds and the accounts
 * topic validates the same few zones over and over. ICU's zone list does not change while the
 * process runs, so an answer never goes stale; only known zones are kept, so the set stays within
 * ICU's list whatever names bad input brings.
 */
const known = new Set<string>();

/** True for an IANA zone that ICU knows (e.g. "Europe/Berlin", "UTC"). Intl is pure, not I/O. */
export function isTimeZone(zone: string): boolean {
  if (typeof zone !== 'string' || zone === '') return false;
  if (known.has(zone)) return true;
  const answer = icuKnows(zone);
  if (answer) known.add(zone);
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
