import { ratingMonthOf } from './unit-monthly-ratings';

describe('ratingMonthOf', () => {
  it('maps a month or any date in it to the first day of the month', () => {
    expect(ratingMonthOf('2023-03')).toBe('2023-03-01');
    expect(ratingMonthOf('2023-03-31')).toBe('2023-03-01');
    expect(ratingMonthOf('2024-02-29')).toBe('2024-02-01');
  });

  it('is null for anything else', () => {
    for (const value of [null, undefined, '', '2023-13', '2023-02-30', '2023-3', '03/2023', '2023-03-01T00:00:00Z']) {
      expect(ratingMonthOf(value)).toBeNull();
    }
  });
});
