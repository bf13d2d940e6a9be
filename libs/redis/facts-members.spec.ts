import { licenceMember, licensedUsersOf, provisioningFactOf, provisioningMember } from './facts-members';

describe('recurring facts as set members', () => {
  it('reads back a provisioning change whose device id holds the separator', () => {
    const change = { subject: 'DEVICE' as const, subjectId: 'sip:1|2@acme', action: 'DEPROVISIONED' as const, at: Date.UTC(2026, 1, 3) };
    expect(provisioningMember(change)).toBe(`DEVICE|DEPROVISIONED|${Date.UTC(2026, 1, 3)}|sip:1|2@acme`);
    expect(provisioningFactOf(provisioningMember(change))).toEqual(change);
    expect(() => provisioningFactOf('PHONE|PROVISIONED|1|x')).toThrow(RangeError);
  });

  it('lists licences per SIP-ID as the invoice does: by SIP-ID, licences in their fixed order', () => {
    const members = [licenceMember('MESSAGING_USER', 'b@x'), licenceMember('VIDEO_HOST', 'a@x'), licenceMember('MOBILE_USER', 'b@x')];
    expect(licensedUsersOf(members)).toEqual([
      { sipId: 'a@x', licences: ['VIDEO_HOST'] },
      { sipId: 'b@x', licences: ['MOBILE_USER', 'MESSAGING_USER'] },
    ]);
    expect(() => licensedUsersOf(['GOLD_USER|a@x'])).toThrow(RangeError);
  });
});
