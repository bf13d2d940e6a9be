/** Whether a text names a time zone this runtime knows. */
export type ZoneCheck = (zone: string) => boolean;

/**
 * True for an IANA zone that ICU knows (e.g. "Europe/Berlin", "UTC"). Intl is pure, not I/O.
 * Asked afresh each time, no memory: ~45 µs per call. Whoever checks many accounts takes a
 * rememberingZones() of its own.
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

/**
 * isTimeZone with a memory owned by the caller: a reference topic of 100,000 accounts names a few
 * hundred zones at most, and asking ICU for each account cost ~5 s of every service's start-up.
 */
export function rememberingZones(check: ZoneCheck = isTimeZone): ZoneCheck {
  const known = new Map<string, boolean>();
  return (zone) => {
    let answer = known.get(zone);
    if (answer === undefined) known.set(zone, (answer = check(zone)));
    return answer;
  };
}
