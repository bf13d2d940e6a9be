import { calendarMonth } from './calendar-month';
import { buildFleets } from './fleet';
import { provisioningEvents } from './provisioning';
import { Prng } from './prng';
import { userActivity } from './registrations';

const month = calendarMonth('2026-10');
const fleets = buildFleets(42, month, 12);

describe('fleets', () => {
  it('names the first four accounts and cycles currencies and zones for the rest (hooli\'s story puts it on UTC)', () => {
    expect(fleets.slice(0, 5).map((f) => [f.account.accountId, f.account.currency, f.account.timezone])).toEqual([
      ['acme', 'USD', 'America/New_York'], ['globex', 'EUR', 'Europe/Berlin'], ['initech', 'JPY', 'Asia/Tokyo'],
      ['hooli', 'USD', 'UTC'], ['acct-0005', 'EUR', 'Europe/Berlin'],
    ]);
  });

  it('gives each account 5-40 devices, 1-3 trunks and users of at most three devices each', () => {
    for (const f of fleets) {
      expect(f.devices.length).toBeGreaterThanOrEqual(5);
      expect(f.devices.length).toBeLessThanOrEqual(40);
      expect(f.trunks.map((t) => t.trunkId)).toEqual(['trunk-1', 'trunk-2', 'trunk-3'].slice(0, f.trunks.length));
      const perUser = new Map<string, number>();
      for (const d of f.devices) perUser.set(d.sipId, (perUser.get(d.sipId) ?? 0) + 1);
      expect(Math.max(...perUser.values())).toBeLessThanOrEqual(3);
      expect(f.devices[0]!.uri).toBe(`sip:1001@${f.domain}`);
    }
  });

  it('provisions most devices before the month and removes a few during it', () => {
    const events = provisioningEvents(month, fleets);
    const before = events.filter((e) => e.action === 'PROVISIONED' && e.at < month.start).length;
    const removed = events.filter((e) => e.action === 'DEPROVISIONED');
    expect(before / events.length).toBeGreaterThan(0.6);
    expect(removed.length).toBeGreaterThan(0);
    expect(removed.every((e) => e.at >= month.start && e.at < month.end)).toBe(true);
    expect(events.every((e, i) => i === 0 || events[i - 1]!.at <= e.at)).toBe(true);
  });

  it('registers devices under their user\'s SIP-ID only while provisioned, with some video hosts and messaging users', () => {
    const activity = userActivity(Prng.stream(42, 'registrations'), month, fleets);
    const kinds = new Set(activity.map((a) => a.activity));
    expect(kinds).toEqual(new Set(['REGISTERED', 'HOSTED_VIDEO_CONFERENCE', 'USED_MESSAGING']));
    expect(new Set(activity.map((a) => a.client))).toEqual(new Set(['MOBILE', 'DESKTOP', null]));
    for (const a of activity) {
      const device = fleets.find((f) => f.account.accountId === a.accountId)!.devices.find((d) => d.uri === a.deviceId)!;
      expect(device.sipId).toBe(a.sipId);
      expect(a.at).toBeGreaterThanOrEqual(Math.max(device.provisionedAt, month.start));
      if (device.deprovisionedAt !== null) expect(a.at).toBeLessThan(device.deprovisionedAt);
    }
  });
});
