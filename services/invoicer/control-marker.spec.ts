import { closeThroughHeaders, readControl } from './control-marker';

const empty = Buffer.alloc(0);

describe('close-through markers on the ledger topic', () => {
  it('reads a marker produced by cdr close-month as closing every month through February', () => {
    expect(readControl({ headers: closeThroughHeaders('2026-02'), value: empty })).toEqual({ kind: 'close-through', through: '2026-02' });
    expect(readControl({ headers: { 'cdr-control': Buffer.from('close-through:2026-02') }, value: null })).toEqual({
      kind: 'close-through',
      through: '2026-02',
    });
  });

  it('treats a message without the header as a rated record', () => {
    expect(readControl({ headers: { other: 'x' }, value: Buffer.from('data') })).toEqual({ kind: 'data' });
    expect(readControl({ headers: undefined, value: Buffer.from('data') })).toEqual({ kind: 'data' });
  });

  it('refuses a control it does not know, a bad month or a marker with a value, saying why', () => {
    expect(readControl({ headers: { 'cdr-control': 'reopen:2026-02' }, value: null })).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('unknown control') });
    expect(readControl({ headers: { 'cdr-control': 'close-through:2026-13' }, value: null })).toMatchObject({ kind: 'invalid' });
    expect(readControl({ headers: { 'cdr-control': 'close-through:2026-02' }, value: Buffer.from('x') })).toMatchObject({
      kind: 'invalid',
      reason: expect.stringContaining('carries a value'),
    });
    expect(readControl({ headers: { 'cdr-control': ['close-through:2026-02', 'close-through:2026-03'] }, value: null })).toMatchObject({ kind: 'invalid' });
  });

  it('will not build a marker for something that is not a month', () => {
    expect(() => closeThroughHeaders('2026-2')).toThrow(RangeError);
  });
});
