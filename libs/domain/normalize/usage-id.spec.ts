import { mediaUsageId, sipUsageId } from './usage-id';

describe('usage ids', () => {
  it('names a SIP core usage after its CDR and its role in the call', () => {
    expect(sipUsageId('c-1', 'orig')).toBe('sip:c-1:orig');
    expect(sipUsageId('c-1', 'term')).toBe('sip:c-1:term');
    expect(sipUsageId('c-1', 'transcoding')).toBe('sip:c-1:transcoding');
    expect(sipUsageId('c-1', 'attempt')).toBe('sip:c-1:attempt');
  });

  it('names a media-server usage after its record', () => {
    expect(mediaUsageId('m-9')).toBe('media:m-9');
  });

  it('gives a re-sent CDR the same id, so it is billed once', () => {
    expect(sipUsageId('c-1', 'orig')).toBe(sipUsageId('c-1', 'orig'));
  });

  it('keeps the two legs of one call and SIP and media sources apart', () => {
    const ids = [sipUsageId('x', 'orig'), sipUsageId('x', 'term'), sipUsageId('x', 'transcoding'), mediaUsageId('x')];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('does not let a cdrId containing colons collide with another leg', () => {
    // 'a:orig' as a cdrId in the term role must differ from 'a' in the orig role.
    expect(sipUsageId('a:orig', 'term')).not.toBe(sipUsageId('a', 'orig'));
    expect(sipUsageId('a:orig', 'term')).not.toBe(sipUsageId('a', 'term'));
  });
});
