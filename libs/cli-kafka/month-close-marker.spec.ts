import { closeThroughMessage, closeThroughOf, CONTROL_HEADER } from './month-close-marker';

describe('the close-through control message', () => {
  it('carries the month in its header, an empty value and the control key, for one partition', () => {
    const message = closeThroughMessage('2026-10', 3);
    expect(message).toEqual({ key: 'control', value: Buffer.alloc(0), partition: 3, headers: { [CONTROL_HEADER]: 'close-through:2026-10' } });
  });

  it('is read back from the header bytes an invoicer receives', () => {
    expect(closeThroughOf(Buffer.from('close-through:2026-12'))).toBe('2026-12');
    expect(closeThroughOf([Buffer.from('close-through:2027-01')])).toBe('2027-01');
    expect(closeThroughOf(Buffer.from('close-through:2026-13'))).toBeNull();
    expect(closeThroughOf(undefined)).toBeNull();
  });

  it('refuses a month that is not YYYY-MM', () => {
    expect(() => closeThroughMessage('2026-1', 0)).toThrow(/YYYY-MM/);
  });
});
