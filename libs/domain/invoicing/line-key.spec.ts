import { BillingMonth, Product } from '../ids';
import { lineKey, parseLineKey, type LineIdentity } from './line-key';

const voice = Product('sipcore.voice');

describe('invoice line keys (Redis hash fields)', () => {
  it('keys voice usage at 0.01 a minute as USAGE|sipcore.voice|0.01', () => {
    expect(lineKey({ kind: 'USAGE', product: voice, unitPrice: '0.0100', forMonth: null })).toBe(
      'USAGE|sipcore.voice|0.01',
    );
  });

  it('keys a connect fee by its fee per leg', () => {
    expect(lineKey({ kind: 'CONNECT_FEE', product: voice, unitPrice: '0.05', forMonth: null })).toBe(
      'CONNECT_FEE|sipcore.voice|0.05',
    );
  });

  it('keys late January usage by the month it belongs to', () => {
    const id = { kind: 'ADJUSTMENT', product: voice, unitPrice: '0.01', forMonth: BillingMonth('2026-01') } as const;
    expect(lineKey(id)).toBe('ADJUSTMENT|sipcore.voice|0.01|2026-01');
  });

  it('reads every kind of key back into the same line identity', () => {
    const ids: LineIdentity[] = [
      { kind: 'USAGE', product: voice, unitPrice: '0.01', forMonth: null },
      { kind: 'CONNECT_FEE', product: Product('media.voice'), unitPrice: '1.5', forMonth: null },
      { kind: 'ADJUSTMENT', product: voice, unitPrice: '0', forMonth: BillingMonth('2025-12') },
      { kind: 'USAGE', product: Product('odd|name%7C'), unitPrice: '2', forMonth: null },
    ];
    for (const id of ids) expect(parseLineKey(lineKey(id))).toEqual(id);
  });

  it('does not let a "|" in a product name shift the price field', () => {
    const key = lineKey({ kind: 'USAGE', product: Product('a|0.5'), unitPrice: '0.01', forMonth: null });
    expect(key).toBe('USAGE|a%7C0.5|0.01');
  });

  it('refuses keys it did not write', () => {
    for (const bad of [
      'RECURRING|x|1',
      'USAGE|sipcore.voice',
      'USAGE|sipcore.voice|0.010',
      'USAGE|sipcore.voice|0.01|2026-01',
      'ADJUSTMENT|sipcore.voice|0.01',
      'ADJUSTMENT|sipcore.voice|0.01|2026-13',
      'USAGE||0.01',
    ]) {
      expect(() => parseLineKey(bad)).toThrow(RangeError);
    }
  });

  it('refuses an adjustment without a month and a usage line with one', () => {
    expect(() => lineKey({ kind: 'ADJUSTMENT', product: voice, unitPrice: '1', forMonth: null })).toThrow(RangeError);
    expect(() =>
      lineKey({ kind: 'USAGE', product: voice, unitPrice: '1', forMonth: BillingMonth('2026-01') }),
    ).toThrow(RangeError);
  });
});
