import { licenceCsv } from './licence-csv';

describe('licence CSV for the customer', () => {
  it('writes one row per billed SIP-ID with 1/0 per licence', () => {
    const csv = licenceCsv({
      users: [
        { sipId: '1234568@myvoipserver.com', licences: ['MOBILE_USER', 'VIDEO_HOST'] },
        { sipId: 'desk@pbx', licences: ['DESKTOP_USER', 'MESSAGING_USER'] },
      ],
    });
    expect(csv).toBe(
      'sip_id,mobile_user,desktop_user,video_host,messaging_user\n' +
        '1234568@myvoipserver.com,1,0,1,0\n' +
        'desk@pbx,0,1,0,1\n',
    );
  });

  it('writes only the header for a month without billed users', () => {
    expect(licenceCsv({ users: [] })).toBe('sip_id,mobile_user,desktop_user,video_host,messaging_user\n');
  });

  it('quotes a SIP-ID holding a comma or a quote', () => {
    expect(licenceCsv({ users: [{ sipId: 'a,"b"@pbx', licences: ['MOBILE_USER'] }] }).split('\n')[1]).toBe('"a,""b""@pbx",1,0,0,0');
  });
});
