import { WindowBook, windowSlot } from './window-book';

const window = (start: number) => ({ start, seconds: 3600, value: 1, emitted: false });

describe('WindowBook', () => {
  it('stores windows under <category>:<option> in the order they first opened, a reopened one keeping its place', () => {
    const book = new WindowBook({});
    book.open(windowSlot('SOFTPHONE', 'FAILED_CALLS'), window(1));
    book.open(windowSlot('GATEWAY', 'TOTAL_DURATION'), window(2));
    book.open(windowSlot('SOFTPHONE', 'FAILED_CALLS'), window(3));
    expect(Object.entries(book.toJSON())).toEqual([['SOFTPHONE:FAILED_CALLS', window(3)], ['GATEWAY:TOTAL_DURATION', window(2)]]);
  });

  it('picks up stored windows, and keeps as it is one under a key it does not count', () => {
    const stored = { 'GATEWAY:FAILED_CALLS': window(1), 'GROUP:SEATS': window(2) };
    const book = new WindowBook(stored);
    expect(book.get(windowSlot('GATEWAY', 'FAILED_CALLS'))).toEqual(window(1));
    expect(book.toJSON()).toEqual(stored);
  });
});
