import { sampleAccount } from './sample-reference';
import { isTimeZone, rememberingZones } from './time-zone';
import { validateAccount } from './validate-account';

describe('time zones', () => {
  it('knows IANA zones and refuses anything else', () => {
    expect(['Europe/Berlin', 'UTC', 'America/Argentina/Buenos_Aires'].map(isTimeZone)).toEqual([true, true, true]);
    expect(['Berlin', 'Nowhere/Land', ''].map(isTimeZone)).toEqual([false, false, false]);
  });

  it('remembers each answer: ICU is asked once per zone however many accounts name it', () => {
    const asked: string[] = [];
    const zones = rememberingZones((zone) => (asked.push(zone), isTimeZone(zone)));
    const checked = ['Europe/Berlin', 'Berlin', 'Europe/Berlin', 'Berlin', 'Asia/Tokyo'].map(zones);
    expect(checked).toEqual([true, false, true, false, true]);
    expect(asked).toEqual(['Europe/Berlin', 'Berlin', 'Asia/Tokyo']);
  });

  it('gives validateAccount the same verdicts as the unremembered check', () => {
    const zones = rememberingZones();
    for (const timezone of ['Europe/Berlin', 'Berlin', 'Europe/Berlin']) {
      const account = sampleAccount({ timezone });
      expect(validateAccount(account, zones)).toEqual(validateAccount(account));
    }
    expect(validateAccount(sampleAccount({ timezone: 'Berlin' }), zones)).toEqual(['timezone: "Berlin" is not a known IANA time zone']);
  });
});
