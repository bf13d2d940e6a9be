import { flagBit, flagList, flagSetOf, NO_FLAGS, sortedFlagList } from './limit-flags';

describe('limit flags as a bit set', () => {
  it('lists a record past the line and the call maximum in the canonical order, whatever order they were set in', () => {
    const set = flagBit('LINES') | flagBit('MAX_CALL_DURATION');
    expect(flagList(set)).toEqual(['LIMIT:MAX_CALL_DURATION', 'LIMIT:LINES']);
  });

  it('hands out one shared, frozen list per set: nothing to allocate per record', () => {
    expect(flagList(NO_FLAGS)).toEqual([]);
    expect(flagList(NO_FLAGS)).toBe(flagList(NO_FLAGS));
    expect(Object.isFrozen(flagList(flagBit('TOTAL_DURATION')))).toBe(true);
  });

  it('reads stored flags back into the same set', () => {
    const stored = ['LIMIT:TOTAL_DURATION', 'LIMIT:SIP_ACCOUNTS'];
    expect(flagList(flagSetOf(stored))).toEqual(stored);
  });
});

describe('sortedFlagList', () => {
  it('gives the sorted twin of a list the counters handed out, the same one each time, and nothing for another list', () => {
    const twice = flagList(flagBit('TOTAL_DURATION') | flagBit('SIP_ACCOUNTS') | flagBit('LINES'));
    expect(sortedFlagList(twice)).toEqual(['LIMIT:LINES', 'LIMIT:SIP_ACCOUNTS', 'LIMIT:TOTAL_DURATION']);
    expect(sortedFlagList(twice)).toBe(sortedFlagList(twice));
    expect(sortedFlagList(['LIMIT:LINES'])).toBeUndefined();
  });
});
