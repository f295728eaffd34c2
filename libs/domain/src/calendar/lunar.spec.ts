import * as CalendarDate from './calendar-date';
import { InvalidLunarDateError, leapMonthOf, lunarMonthLength, lunarToSolar, solarToLunar } from './lunar';

describe('Vietnamese lunar calendar', () => {
  it.each([
    [2020, '2020-01-25'],
    [2021, '2021-02-12'],
    [2022, '2022-02-01'],
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
  ])('Mùng 1 Tết %i is %s', (year, solar) => {
    expect(lunarToSolar(1, 1, year)).toBe(solar);
    expect(solarToLunar(solar)).toEqual({ day: 1, month: 1, year, leapMonth: false });
  });

  it.each([
    [2023, '2023-04-29'],
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
  ])('Giỗ Tổ Hùng Vương (10/3) %i is %s', (year, solar) => {
    expect(lunarToSolar(10, 3, year)).toBe(solar);
    expect(solarToLunar(solar)).toEqual({ day: 10, month: 3, year, leapMonth: false });
  });

  it('computes at UTC+7, where Vietnam and China differ', () => {
    // China (UTC+8) celebrated 1985-02-20 and 2007-02-18.
    expect(lunarToSolar(1, 1, 1985)).toBe('1985-01-21');
    expect(lunarToSolar(1, 1, 2007)).toBe('2007-02-17');
  });

  it.each([
    ['2020-01-23', 29, 12, 2019],
    ['2024-02-08', 29, 12, 2023],
    ['2024-02-09', 30, 12, 2023],
    ['2025-01-25', 26, 12, 2024],
    ['2025-02-02', 5, 1, 2025],
    ['2026-02-14', 27, 12, 2025],
    ['2026-02-22', 6, 1, 2026],
  ])('%s is %i/%i of lunar year %i (as the holiday notices state)', (solar, day, month, year) => {
    expect(solarToLunar(solar)).toEqual({ day, month, year, leapMonth: false });
  });

  it('knows leap months', () => {
    expect(leapMonthOf(2020)).toBe(4);
    expect(leapMonthOf(2023)).toBe(2);
    expect(leapMonthOf(2025)).toBe(6);
    expect(leapMonthOf(2024)).toBeNull();
    expect(leapMonthOf(2026)).toBeNull();
    const leapStart = lunarToSolar(1, 2, 2023, true);
    expect(solarToLunar(leapStart)).toEqual({ day: 1, month: 2, year: 2023, leapMonth: true });
    expect(CalendarDate.diffDays(lunarToSolar(1, 2, 2023), leapStart)).toBe(lunarMonthLength(2, 2023));
    expect(lunarToSolar(1, 3, 2023)).toBe(CalendarDate.addDays(leapStart, lunarMonthLength(2, 2023, true)));
  });

  function roundTripFailures(solarDates: Iterable<string>): string[] {
    const bad: string[] = [];
    for (const solar of solarDates) {
      const lunar = solarToLunar(solar);
      const fieldsOk = lunar.day >= 1 && lunar.day <= 30 && lunar.month >= 1 && lunar.month <= 12;
      if (!fieldsOk || lunarToSolar(lunar.day, lunar.month, lunar.year, lunar.leapMonth) !== solar) bad.push(solar);
    }
    return bad;
  }

  it('round-trips every day of 2020–2030', () => {
    expect(roundTripFailures(CalendarDate.range('2020-01-01', '2030-12-31'))).toEqual([]);
  });

  it('round-trips around every month boundary from 1900 to 2199', () => {
    // Errors live where a month starts; the published algorithm gave day 0 on 2054-05-07 and 2062-04-09.
    const dates = new Set<string>(['2054-05-07', '2062-04-09']);
    for (let year = 1900; year <= 2199; year++) {
      const leap = leapMonthOf(year);
      for (let month = 1; month <= 12; month++) {
        for (const isLeap of month === leap ? [false, true] : [false]) {
          const first = lunarToSolar(1, month, year, isLeap);
          for (const delta of [-1, 0, 1]) dates.add(CalendarDate.addDays(first, delta));
        }
      }
    }
    // Drop the edges that fall outside the supported range (lunar 1899, solar 2200).
    const inRange = [...dates].filter((d) => d >= lunarToSolar(1, 1, 1900) && d <= '2199-12-31');
    expect(inRange.length).toBeGreaterThan(11_000);
    expect(roundTripFailures(inRange)).toEqual([]);
  });

  it('rejects lunar dates that do not exist', () => {
    expect(lunarMonthLength(12, 2024)).toBe(29); // so Tết Ất Tỵ had no "30 Tết"
    expect(() => lunarToSolar(30, 12, 2024)).toThrow(InvalidLunarDateError);
    expect(() => lunarToSolar(30, 12, 2024)).toThrow('has only 29 days');
    expect(() => lunarToSolar(1, 3, 2023, true)).toThrow('no leap month 3 (its leap month is 2)');
    expect(() => lunarToSolar(1, 1, 2024, true)).toThrow('has no leap month');
    expect(() => lunarToSolar(0, 1, 2024)).toThrow(InvalidLunarDateError);
    expect(() => lunarToSolar(1, 13, 2024)).toThrow(InvalidLunarDateError);
    expect(() => lunarToSolar(1, 1, 2200)).toThrow(RangeError);
    expect(() => solarToLunar('1899-12-31')).toThrow(RangeError);
    expect(() => solarToLunar('2024-02-30')).toThrow('Invalid calendar date');
  });
});
