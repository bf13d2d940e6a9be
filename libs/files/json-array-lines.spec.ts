import { arrayEntryLines, lineOfParseError } from './json-array-lines';

describe('lines of JSON array entries', () => {
  it('finds the first line of each entry of a pretty-printed array', () => {
    const text = '[\n  {\n    "a": "x,[{"\n  },\n  {"b": [1,\n 2]},\n\n  3\n]\n';
    expect(arrayEntryLines(text)).toEqual([2, 5, 8]);
  });

  it('handles escaped quotes and an empty array', () => {
    expect(arrayEntryLines('[{"a":"say \\"hi\\", ok"}, {"b":1}]')).toEqual([1, 1]);
    expect(arrayEntryLines('[ ]')).toEqual([]);
  });

  it('turns a JSON.parse position into a line', () => {
    const text = '[\n{"a":1},\n{"a":}\n]';
    let err: Error | undefined;
    try {
      JSON.parse(text);
    } catch (e) {
      err = e as Error;
    }
    expect(lineOfParseError(text, err!)).toBe(/position/.test(err!.message) ? 3 : 1);
    expect(lineOfParseError('a\nb\nc', new Error('Unexpected token in JSON at position 4'))).toBe(3);
  });
});
