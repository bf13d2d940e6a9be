import { lagTable, type LagRow } from './lag';

const row = (partition: number, highWatermark: number, committedOffset: number, lag: number): LagRow => ({
  group: 'invoicer',
  topic: 'ledger.rated',
  partition,
  highWatermark,
  committedOffset,
  lag,
});

describe('the lag table operators read', () => {
  it('aligns columns, right-aligns numbers, shows a never-committed offset as - and totals the lag', () => {
    const table = lagTable([row(0, 1200, 1150, 50), row(1, 4, -1, 4), row(10, 0, -1, 0)]);
    expect(table.split('\n')).toEqual([
      'GROUP     TOPIC         PARTITION  HIGH  COMMITTED  LAG',
      'invoicer  ledger.rated          0  1200       1150   50',
      'invoicer  ledger.rated          1     4          -    4',
      'invoicer  ledger.rated         10     0          -    0',
      'total lag: 54',
    ]);
  });

  it('prints only the header and a zero total for a group with no partitions', () => {
    expect(lagTable([])).toBe('GROUP  TOPIC  PARTITION  HIGH  COMMITTED  LAG\ntotal lag: 0');
  });
});
