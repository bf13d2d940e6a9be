import { ledgerHome } from './home-partition';

describe('the ledger partition that owns an account', () => {
  it("is the one Kafka's default partitioner picks for the account as key (murmur2, as the Java client)", () => {
    // Murmur2 of the keys is Kafka's own test vector (UtilsTest): foobar -790332482, abc 479470107, 21 -973932308.
    const home = ledgerHome('ledger.rated', 4);
    expect(['foobar', 'abc', '21'].map((key) => home(key).partition)).toEqual([2, 3, 0]);
    expect(['foobar', 'abc', '21'].map((key) => ledgerHome('ledger.rated', 7)(key).partition)).toEqual([0, 4, 3]);
    expect(home('acme')).toEqual({ topic: 'ledger.rated', partition: home('acme').partition });
  });

  it('refuses a topic without partitions', () => {
    expect(() => ledgerHome('ledger.rated', 0)).toThrow(RangeError);
  });
});
