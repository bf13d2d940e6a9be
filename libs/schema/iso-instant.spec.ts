import { formatInstant, parseInstant } from './iso-instant';

describe('ISO-8601 instants', () => {
  it.each([
    ['2024-03-01T10:00:05Z', Date.UTC(2024, 2, 1, 10, 0, 5)],
    ['2024-03-01T10:00:05.123Z', Date.UTC(2024, 2, 1, 10, 0, 5, 123)],
    ['2024-03-01T11:00:05+01:00', Date.UTC(2024, 2, 1, 10, 0, 5)],
    ['2024-03-01T05:00-0500', Date.UTC(2024, 2, 1, 10, 0)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
    ['2024-03-01 10:00:05Z', Date.UTC(2024, 2, 1, 10, 0, 5)],
  ])('reads %s', (text, ms) => {
    expect(parseInstant(text)).toBe(ms);
  });

  it.each([
    ['2024-03-01T10:00:05', '"2024-03-01T10:00:05" has no time zone (add Z or an offset such as +01:00)'],
    ['2024-03-01', '"2024-03-01" is a date, not a timestamp (write e.g. 2024-03-01T00:00:00Z)'],
    ['2023-02-29T00:00:00Z', '"2023-02-29T00:00:00Z" is not a real date'],
    ['2024-04-31T00:00:00Z', '"2024-04-31T00:00:00Z" is not a real date'],
    ['March 1 2024', '"March 1 2024" is not an ISO-8601 timestamp'],
    ['', '"" is not an ISO-8601 timestamp'],
  ])('refuses %j', (text, reason) => {
    expect(parseInstant(text)).toBe(reason);
  });

  it('writes UTC with milliseconds', () => {
    expect(formatInstant(Date.UTC(2024, 2, 1, 10, 0, 5))).toBe('2024-03-01T10:00:05.000Z');
  });
});
