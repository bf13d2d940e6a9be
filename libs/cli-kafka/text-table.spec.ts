import { textTable } from './text-table';

describe('the text tables operator commands print', () => {
  it('pads topic names and right-aligns partition counts under their titles', () => {
    const table = textTable(['TOPIC', 'PARTITIONS', 'STATUS'], [['ledger.rated', '12', 'created'], ['accounts', '4', 'exists']], [1]);
    expect(table.split('\n')).toEqual([
      'TOPIC         PARTITIONS  STATUS',
      'ledger.rated          12  created',
      'accounts               4  exists',
    ]);
  });
});
