import fc from 'fast-check';
import { Product, TariffId } from '../ids';
import { sampleRate, sampleTariff } from '../reference/sample-reference';
import { TariffBook } from './tariff-book';

const at = (iso: string) => Date.parse(iso);
const JAN = at('2026-01-01T00:00:00Z');
const FEB = at('2026-02-01T00:00:00Z');
const MAR = at('2026-03-01T00:00:00Z');

const version = (v: number, effectiveFrom: number, price = `0.0${v}`, id = 'standard') =>
  sampleTariff({ tariffId: TariffId(id), version: v, effectiveFrom, rates: [sampleRate('sipcore.voice', price)] });

describe('TariffBook', () => {
  it('applies a new version only to usage starting at or after its effectiveFrom', () => {
    const book = new TariffBook();
    book.add(version(1, JAN));
    book.add(version(2, FEB));
    expect(book.versionAt('standard', FEB - 1)?.version).toBe(1);
    expect(book.versionAt('standard', FEB)?.version).toBe(2);
    expect(book.versionAt('standard', MAR)?.version).toBe(2);
  });

  it('has no version for usage before the first one takes effect, nor for an unknown tariff', () => {
    const book = new TariffBook();
    book.add(version(1, FEB));
    expect(book.versionAt('standard', JAN)).toBeUndefined();
    expect(book.versionAt('premium', FEB)).toBeUndefined();
  });

  it('prefers the higher version when two take effect at the same instant', () => {
    const book = new TariffBook();
    book.add(version(3, FEB));
    book.add(version(2, FEB));
    expect(book.versionAt('standard', FEB)?.version).toBe(3);
  });

  it('does not care in which order versions arrive', () => {
    const book = new TariffBook();
    book.add(version(2, FEB));
    book.add(version(1, JAN));
    expect(book.versionAt('standard', JAN)?.version).toBe(1);
    expect(book.versionAt('standard', FEB)?.version).toBe(2);
  });

  it('replaces a re-published version (compacted topic), even when its effectiveFrom moves', () => {
    const book = new TariffBook();
    book.add(version(1, JAN, '0.01'));
    book.add(version(2, FEB, '0.02'));
    expect(book.versionAt('standard', FEB)?.rates.get(Product('sipcore.voice'))?.pricePerMinute).toBe('0.02');
    book.add(version(2, MAR, '0.03'));
    expect(book.versionsOf('standard')).toHaveLength(2);
    expect(book.versionAt('standard', FEB)?.version).toBe(1);
    expect(book.versionAt('standard', MAR)?.rates.get(Product('sipcore.voice'))?.pricePerMinute).toBe('0.03');
  });

  it('forgets a removed version (tombstone) and its cached answer', () => {
    const book = new TariffBook();
    book.add(version(1, JAN));
    book.add(version(2, FEB));
    expect(book.versionAt('standard', MAR)?.version).toBe(2);
    expect(book.remove('standard', 2)).toBe(true);
    expect(book.versionAt('standard', MAR)?.version).toBe(1);
    expect(book.remove('standard', 2)).toBe(false);
    expect(book.remove('standard', 1)).toBe(true);
    expect(book.tariffIds()).toEqual([]);
  });

  it('keeps tariffs apart', () => {
    const book = new TariffBook();
    book.add(version(1, JAN, '0.01', 'standard'));
    book.add(version(1, JAN, '0.09', 'premium'));
    expect(book.versionAt('premium', FEB)?.rates.get(Product('sipcore.voice'))?.pricePerMinute).toBe('0.09');
    expect(book.tariffIds().sort()).toEqual(['premium', 'standard']);
  });

  it('refuses an invalid version and keeps the valid ones', () => {
    const book = new TariffBook();
    book.add(version(1, JAN));
    expect(() => book.add(version(2, FEB, 'cheap'))).toThrow(RangeError);
    expect(book.versionAt('standard', MAR)?.version).toBe(1);
  });

  it('moves its revision on every change, so limits derived from it know when to look again', () => {
    const book = new TariffBook();
    const before = book.revision;
    book.add(version(1, JAN));
    const added = book.revision;
    book.versionAt('standard', FEB);
    expect(book.revision).toBe(added);
    expect(added).toBeGreaterThan(before);
    book.remove('standard', 1);
    expect(book.revision).toBeGreaterThan(added);
    book.remove('standard', 1); // nothing there: nothing changed
    expect(book.revision).toBe(added + 1);
  });

  it('answers like a plain scan whatever the order of versions and lookups (cache included)', () => {
    const entry = fc.record({ version: fc.integer({ min: 1, max: 8 }), from: fc.integer({ min: 0, max: 20 }) });
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 12 }), fc.array(fc.integer({ min: -1, max: 22 })), (entries, lookups) => {
        const book = new TariffBook();
        const latest = new Map<number, number>();
        for (const e of entries) {
          book.add(version(e.version, e.from));
          latest.set(e.version, e.from);
        }
        for (const t of lookups) {
          const candidates = [...latest].filter(([, from]) => from <= t);
          candidates.sort(([va, fa], [vb, fb]) => fb - fa || vb - va);
          expect(book.versionAt('standard', t)?.version).toBe(candidates[0]?.[0]);
        }
      }),
    );
  });
});
