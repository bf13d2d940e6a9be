import { SipAccountBook } from './sip-accounts';
import { APRIL, MARCH } from './usage.fixture';

describe('SipAccountBook', () => {
  it('ranks SIP accounts by first use: the first within a limit of 1, the second past it', () => {
    const book = new SipAccountBook({});
    const seen = ['sip:100', 'sip:200', 'sip:100'].map((e) => book.count('GATEWAY', MARCH, e, 1)!);
    expect(seen.map((t) => t.over)).toEqual([false, true, false]);
    expect(seen.map((t) => t.crossed)).toEqual([false, true, false]);
    expect(seen[2]!.count).toBe(2);
  });

  it('counts each category apart', () => {
    const book = new SipAccountBook({});
    book.count('GATEWAY', MARCH, 'sip:100', 1);
    expect(book.count('SOFTPHONE', MARCH, 'sip:200', 1)!.over).toBe(false);
  });

  it('starts a new month empty and does not count usage of a month already left behind', () => {
    const book = new SipAccountBook({});
    book.count('GATEWAY', MARCH, 'sip:100', 1);
    expect(book.count('GATEWAY', APRIL, 'sip:200', 1)!.over).toBe(false);
    expect(book.count('GATEWAY', MARCH, 'sip:300', 1)).toBeUndefined();
    expect(book.toJSON()).toEqual({ GATEWAY: { start: APRIL.start, end: APRIL.end, endpoints: ['sip:200'], emitted: false } });
  });

  it('picks up from its saved form', () => {
    const book = new SipAccountBook({ GATEWAY: { start: MARCH.start, end: MARCH.end, endpoints: ['sip:100'], emitted: false } });
    expect(book.count('GATEWAY', MARCH, 'sip:200', 1)).toMatchObject({ over: true, crossed: true, count: 2 });
  });
});
