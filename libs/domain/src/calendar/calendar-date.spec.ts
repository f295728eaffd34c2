import * as CalendarDate from './calendar-date';
import { InvalidCalendarDateError } from './calendar-date';

describe('CalendarDate', () => {
  it('parses and formats ISO dates', () => {
    expect(CalendarDate.parse('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(CalendarDate.format(2025, 4, 7)).toBe('2025-04-07');
    expect(CalendarDate.isValid('2000-02-29')).toBe(true);
  });

  it.each([
    ['2023-02-29', 'no such day'],
    ['1900-02-29', 'no such day'],
    ['2024-02-30', 'no such day'],
    ['2024-13-01', 'no such day'],
    ['2024-00-10', 'no such day'],
    ['2024-2-1', 'YYYY-MM-DD'],
    ['2024/02/01', 'YYYY-MM-DD'],
    ['01-02-2024', 'YYYY-MM-DD'],
    ['2024-02-01T00:00:00Z', 'YYYY-MM-DD'],
    [' 2024-02-01', 'YYYY-MM-DD'],
    ['', 'YYYY-MM-DD'],
    ['0999-12-31', 'year must be 1000 or later'],
  ])('rejects %j with a clear message', (input, reason) => {
    expect(() => CalendarDate.parse(input)).toThrow(InvalidCalendarDateError);
    expect(() => CalendarDate.parse(input)).toThrow(`Invalid calendar date ${JSON.stringify(input)}`);
    expect(() => CalendarDate.parse(input)).toThrow(reason);
    expect(CalendarDate.isValid(input)).toBe(false);
  });

  it('rejects values that are not strings', () => {
    expect(() => CalendarDate.parse(new Date('2024-02-01'))).toThrow(/Invalid calendar date Date\(2024-02-01T00:00:00.000Z\): expected a string/);
    expect(() => CalendarDate.parse(undefined)).toThrow(InvalidCalendarDateError);
    expect(() => CalendarDate.parse(20240201)).toThrow(InvalidCalendarDateError);
    expect(() => CalendarDate.format(2024, 2, 30)).toThrow(InvalidCalendarDateError);
    expect(() => CalendarDate.format(2024, 1.5, 3)).toThrow(InvalidCalendarDateError);
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(CalendarDate.addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(CalendarDate.addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(CalendarDate.addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(CalendarDate.addDays('2024-01-01', -1)).toBe('2023-12-31');
    expect(CalendarDate.addDays('2024-03-01', 365)).toBe('2025-03-01');
    expect(() => CalendarDate.addDays('2024-03-01', 0.5)).toThrow(RangeError);
  });

  it('knows the day of the week, including before 1970', () => {
    expect(CalendarDate.dayOfWeek('1970-01-01')).toBe(4);
    expect(CalendarDate.dayOfWeek('1969-12-31')).toBe(3);
    expect(CalendarDate.dayOfWeek('2024-02-10')).toBe(6);
    expect(CalendarDate.dayOfWeek('2025-01-29')).toBe(3);
    expect(CalendarDate.isWeekend('2024-05-04')).toBe(true);
    expect(CalendarDate.isWeekend('2024-05-05')).toBe(true);
    expect(CalendarDate.isWeekend('2024-05-06')).toBe(false);
  });

  it('compares, diffs and enumerates', () => {
    expect(CalendarDate.diffDays('2024-02-01', '2024-03-01')).toBe(29);
    expect(CalendarDate.diffDays('2024-03-01', '2024-02-01')).toBe(-29);
    expect(CalendarDate.compare('2024-02-01', '2024-03-01')).toBe(-1);
    expect(CalendarDate.compare('2024-03-01', '2024-03-01')).toBe(0);
    expect(CalendarDate.range('2024-12-30', '2025-01-02')).toEqual(['2024-12-30', '2024-12-31', '2025-01-01', '2025-01-02']);
    expect(CalendarDate.range('2025-01-02', '2025-01-01')).toEqual([]);
    expect(CalendarDate.fromDayNumber(CalendarDate.toDayNumber('2199-12-31'))).toBe('2199-12-31');
    expect(CalendarDate.yearOfDayNumber(CalendarDate.toDayNumber('2024-12-31'))).toBe(2024);
  });

  it('maps instants to the Vietnamese calendar date (UTC+7)', () => {
    expect(CalendarDate.fromInstant(Date.parse('2024-02-09T16:59:59.999Z'))).toBe('2024-02-09');
    expect(CalendarDate.fromInstant(new Date('2024-02-09T17:00:00Z'))).toBe('2024-02-10');
    expect(CalendarDate.startOfDayInstant('2024-02-10')).toBe(Date.parse('2024-02-09T17:00:00Z'));
    expect(() => CalendarDate.fromInstant(Number.NaN)).toThrow(RangeError);
  });

  it('does not depend on the host time zone', () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Ho_Chi_Minh']) {
        process.env.TZ = tz;
        expect(CalendarDate.addDays('2024-03-10', 1)).toBe('2024-03-11');
        expect(CalendarDate.dayOfWeek('2024-03-10')).toBe(0);
        expect(CalendarDate.fromInstant(Date.parse('2024-03-10T18:00:00Z'))).toBe('2024-03-11');
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});
