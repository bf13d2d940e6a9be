import { FingerprintSet } from './fingerprint-set';

describe('FingerprintSet', () => {
  it('bills a re-sent CDR once: the second offer of the same id is not first-seen', () => {
    const seen = new FingerprintSet();
    expect(seen.firstSeen('sip:cdr-1:orig')).toBe(true);
    expect(seen.firstSeen('sip:cdr-1:term')).toBe(true);
    expect(seen.firstSeen('sip:cdr-1:orig')).toBe(false);
    expect(seen.size).toBe(2);
  });

  it('keeps every id through many resizes without a false duplicate', () => {
    const seen = new FingerprintSet(4);
    const n = 200_000;
    let firsts = 0;
    for (let i = 0; i < n; i++) if (seen.firstSeen(`media:rec-${i}`)) firsts++;
    let repeats = 0;
    for (let i = 0; i < n; i += 997) if (!seen.firstSeen(`media:rec-${i}`)) repeats++;
    expect(firsts).toBe(n);
    expect(repeats).toBe(Math.ceil(n / 997));
    expect(seen.size).toBe(n);
  });

  it('tells apart ids that differ only in order or case', () => {
    const seen = new FingerprintSet();
    for (const id of ['ab', 'ba', 'AB', 'a b', '']) expect(seen.firstSeen(id)).toBe(true);
  });
});
