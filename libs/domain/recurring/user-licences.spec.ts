import { activity, registered } from './activity.fixture';
import { licenceCounts, licensedUsers, UserLicences } from './user-licences';
import { FEBRUARY, feb, jan } from './provisioning.fixture';

const JOHN = '1234568@myvoipserver.com';

describe('per-user licences in a billing month', () => {
  it("bills John Doe's three mobile devices on one SIP-ID as one mobile user", () => {
    const users = licensedUsers(
      [registered(JOHN, 'MOBILE', feb(2), 'iphone'), registered(JOHN, 'MOBILE', feb(3), 'android'), registered(JOHN, 'MOBILE', feb(4), 'ipad')],
      FEBRUARY,
    );
    expect(users).toEqual([{ sipId: JOHN, licences: ['MOBILE_USER'] }]);
    expect(licenceCounts(users).MOBILE_USER).toBe(1);
  });

  it('does not bill a user on vacation all period (active in January only)', () => {
    const users = licensedUsers([registered('vacation@pbx', 'DESKTOP', jan(20)), registered('office@pbx', 'DESKTOP', feb(9))], FEBRUARY);
    expect(users.map((u) => u.sipId)).toEqual(['office@pbx']);
  });

  it('bills a conference with one host and four guests as one host licence', () => {
    // Guests join through the host's conference and raise no HOSTED_VIDEO_CONFERENCE of their own.
    const guests = ['g1', 'g2', 'g3', 'g4'].map((g) => registered(`${g}@pbx`, 'MOBILE', feb(5)));
    const users = licensedUsers([activity('host@pbx', 'HOSTED_VIDEO_CONFERENCE', feb(5)), ...guests], FEBRUARY);
    expect(licenceCounts(users)).toEqual({ MOBILE_USER: 4, DESKTOP_USER: 0, VIDEO_HOST: 1, MESSAGING_USER: 0 });
  });

  it('gives one SIP-ID every licence it earned, in a fixed order, whatever order the activity came in', () => {
    const users = licensedUsers(
      [activity(JOHN, 'USED_MESSAGING', feb(7)), registered(JOHN, 'DESKTOP', feb(6)), registered(JOHN, 'MOBILE', feb(1)), activity(JOHN, 'USED_MESSAGING', feb(8))],
      FEBRUARY,
    );
    expect(users).toEqual([{ sipId: JOHN, licences: ['MOBILE_USER', 'DESKTOP_USER', 'MESSAGING_USER'] }]);
  });

  it('bills nothing for a registration that names no client', () => {
    expect(licensedUsers([activity('sip@pbx', 'REGISTERED', feb(3))], FEBRUARY)).toEqual([]);
  });

  it('lists users by SIP-ID in code-unit order', () => {
    const users = licensedUsers(['b@pbx', 'B@pbx', 'a@pbx'].map((s) => registered(s, 'MOBILE', feb(2))), FEBRUARY);
    expect(users.map((u) => u.sipId)).toEqual(['B@pbx', 'a@pbx', 'b@pbx']);
  });

  it('tells the caller only when an activity earns a new licence, and restores from its user list', () => {
    const licences = new UserLicences();
    expect(licences.add(registered(JOHN, 'MOBILE', feb(2)))).toBe(true);
    expect(licences.add(registered(JOHN, 'MOBILE', feb(3), 'second-phone'))).toBe(false);
    const restored = UserLicences.restore(JSON.parse(JSON.stringify(licences.users())));
    expect(restored.add(registered(JOHN, 'DESKTOP', feb(4)))).toBe(true);
    expect(restored.counts()).toEqual({ MOBILE_USER: 1, DESKTOP_USER: 1, VIDEO_HOST: 0, MESSAGING_USER: 0 });
  });
});
