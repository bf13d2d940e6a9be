import { describeInstant } from './instant';

describe('timestamps in dead-letter reasons', () => {
  it('shows the field, the ISO instant and the epoch ms', () => {
    expect(describeInstant('endAt', Date.UTC(2024, 2, 1, 9, 0, 5))).toBe('endAt=2024-03-01T09:00:05.000Z (1709283605000)');
  });

  it('shows a value that is not a finite instant as it is, without throwing', () => {
    expect(describeInstant('setupAt', Number.NaN)).toBe('setupAt=NaN');
  });
});
