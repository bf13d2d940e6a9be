import { addToWindow, windowAt } from './window-count';

const open = { start: 1_000_000, seconds: 3600, value: 4, emitted: false };

describe('windowAt', () => {
  it('opens a window at the first call that touches the counter', () => {
    expect(windowAt(undefined, 5000, 60)).toEqual({ start: 5000, seconds: 60, value: 0, emitted: false });
  });

  it('keeps the open window until its last millisecond, then opens a new one', () => {
    expect(windowAt(open, open.start + 3_599_999, 60)).toBe(open);
    expect(windowAt(open, open.start + 3_600_000, 60)).toEqual({ start: open.start + 3_600_000, seconds: 60, value: 0, emitted: false });
  });

  it('counts a late call that started before the open window in that window (arrival order)', () => {
    expect(windowAt(open, open.start - 10 * 60_000, 60)).toBe(open);
  });
});

describe('addToWindow', () => {
  it('crosses once: the record that goes above the threshold, not the ones after', () => {
    const fifth = addToWindow(open, 1, 5);
    const sixth = addToWindow(fifth.window, 1, 5);
    const seventh = addToWindow(sixth.window, 1, 5);
    expect([fifth.over, sixth.over, seventh.over]).toEqual([false, true, true]);
    expect([fifth.crossed, sixth.crossed, seventh.crossed]).toEqual([false, true, false]);
  });
});
