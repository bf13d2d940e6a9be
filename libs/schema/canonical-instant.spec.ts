import fc from 'fast-check';
import { canonicalInstant } from './canonical-instant';
import { parseInstant } from './iso-instant';

const instants = fc.date({ min: new Date('0100-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true });

describe('canonical instants, the shape CDR files write', () => {
  it('reads the answer time of a CDR, 2026-10-01T00:00:13.303Z', () => {
    expect(canonicalInstant('2026-10-01T00:00:13.303Z')).toBe(Date.UTC(2026, 9, 1, 0, 0, 13, 303));
  });

  it('reads a leap day in 2024 but leaves 2023-02-29 and 2100-02-29 to the full check, which refuses them', () => {
    expect(canonicalInstant('2024-02-29T23:59:59.999Z')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59, 999));
    for (const text of ['2023-02-29T00:00:00.000Z', '2100-02-29T00:00:00.000Z']) {
      expect(canonicalInstant(text)).toBeUndefined();
      expect(parseInstant(text)).toBe(`"${text}" is not a real date`);
    }
  });

  it.each(['2026-10-01T00:00:13Z', '2026-10-01t00:00:13.303z', '2026-10-01 00:00:13.303Z', '2026-10-01T01:00:13.303+01:00', '0099-10-01T00:00:13.303Z', '2026-13-01T00:00:13.303Z', '2026-10-01T24:00:00.000Z', '2026-10-01T00:60:00.000Z', '2026-1a-01T00:00:13.303Z'])(
    'leaves %j to the full ISO-8601 check',
    (text) => expect(canonicalInstant(text)).toBeUndefined(),
  );

  it('agrees with Date.parse on every instant toISOString writes from year 100 to 9999', () => {
    fc.assert(fc.property(instants, (d) => expect(canonicalInstant(d.toISOString())).toBe(d.getTime())), { numRuns: 5000 });
  });

  it('never accepts a text with one character changed unless it is a real instant Date.parse agrees on', () => {
    const mutated = fc.tuple(instants, fc.nat(23), fc.constantFrom('0', '1', '2', '3', '9', '-', ':', '.', 'T', 'Z', ' ', 'x')).map(
      ([d, at, c]) => { const t = d.toISOString(); return t.slice(0, at) + c + t.slice(at + 1); },
    );
    fc.assert(
      fc.property(mutated, (text) => {
        const ms = canonicalInstant(text);
        if (ms !== undefined) {
          expect(ms).toBe(Date.parse(text));
          expect(new Date(ms).toISOString()).toBe(text); // a real date: nothing rolled over
        }
      }),
      { numRuns: 5000 },
    );
  });
});
