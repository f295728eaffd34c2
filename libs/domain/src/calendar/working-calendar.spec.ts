import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as CalendarDate from './calendar-date';
import { InvalidCalendarDateError } from './calendar-date';
import { HOLIDAY_NAMES, type YearOverrides } from './vn-holidays';
import {
  WorkingCalendar,
  WorkingCalendarConfigError,
  defaultVietnamCalendar,
  defaultVietnamCalendarConfig,
  workingDueOf,
} from './working-calendar';

const calendar = defaultVietnamCalendar();

/**
 * Written out from the announcements, independently of vn-year-overrides.data.ts, so a typo in
 * the data cannot also be in the expectation.
 */
const OFFICIAL: Record<number, { weekdaysOff: string[]; workedWeekendDays: string[] }> = {
  2023: {
    weekdaysOff: [
      '2023-01-02', // nghỉ bù Tết Dương lịch
      '2023-01-20', '2023-01-23', '2023-01-24', '2023-01-25', '2023-01-26', // Tết 20/1–26/1
      '2023-05-01', '2023-05-02', '2023-05-03', // 29/4–3/5
      '2023-09-01', '2023-09-04', // 1/9–4/9
    ],
    workedWeekendDays: [],
  },
  2024: {
    weekdaysOff: [
      '2024-01-01',
      '2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14', // Tết 8/2–14/2
      '2024-04-18', // Giỗ Tổ
      '2024-04-29', '2024-04-30', '2024-05-01', // 27/4–1/5
      '2024-09-02', '2024-09-03', // 31/8–3/9
    ],
    workedWeekendDays: ['2024-05-04'],
  },
  2025: {
    weekdaysOff: [
      '2025-01-01',
      '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', // Tết 25/1–2/2
      '2025-04-07', // Giỗ Tổ
      '2025-04-30', '2025-05-01', '2025-05-02', // 30/4–4/5
      '2025-09-01', '2025-09-02', // 30/8–2/9
    ],
    workedWeekendDays: ['2025-04-26'],
  },
};

describe('WorkingCalendar (default Vietnamese civil-service calendar)', () => {
  describe.each([2023, 2024, 2025])('official schedule %i', (year) => {
    const { weekdaysOff, workedWeekendDays } = OFFICIAL[year];

    it.each(weekdaysOff)('%s is a day off', (date) => {
      expect(calendar.isWorkingDay(date)).toBe(false);
    });

    it.each(workedWeekendDays.length ? workedWeekendDays : ['(none)'])('%s is a make-up working day', (date) => {
      if (date === '(none)') return;
      expect(CalendarDate.isWeekend(date)).toBe(true);
      expect(calendar.isWorkingDay(date)).toBe(true);
    });

    it('matches the schedule on every other day of the year', () => {
      const exceptions: string[] = [];
      for (const date of CalendarDate.range(`${year}-01-01`, `${year}-12-31`)) {
        const expected = CalendarDate.isWeekend(date) ? workedWeekendDays.includes(date) : !weekdaysOff.includes(date);
        if (calendar.isWorkingDay(date) !== expected) exceptions.push(date);
      }
      expect(exceptions).toEqual([]);
      expect(calendar.makeUpWorkDaysOf(year)).toEqual(workedWeekendDays);
    });
  });

  it('treats ordinary weekends as days off and ordinary weekdays as working days', () => {
    expect(calendar.isWorkingDay('2024-03-09')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2024-03-10')).toBe(false); // Sunday
    expect(calendar.isWorkingDay('2024-03-11')).toBe(true);
    expect(calendar.isWorkingDay('2025-05-03')).toBe(false); // weekend inside the 30/4 break
  });

  it('falls back to the statutory rules for years without a decision', () => {
    expect(calendar.isWorkingDay('2026-02-16')).toBe(false);
    expect(calendar.isWorkingDay('2026-02-20')).toBe(false);
    expect(calendar.isWorkingDay('2026-02-23')).toBe(true);
    expect(calendar.isWorkingDay('2026-04-27')).toBe(false); // nghỉ bù for Giỗ Tổ on Sunday
    expect(calendar.isWorkingDay('2022-09-01')).toBe(false);
  });

  describe('addWorkingDays', () => {
    it.each([
      ['2024-02-07', 1, '2024-02-15'], // across Tết Giáp Thìn
      ['2024-02-15', -1, '2024-02-07'],
      ['2024-02-06', 2, '2024-02-15'],
      ['2025-04-29', 1, '2025-05-05'], // across 30/4–4/5 2025
      ['2025-05-05', -1, '2025-04-29'],
      ['2025-04-25', 1, '2025-04-26'], // Friday → make-up Saturday
      ['2025-04-28', -1, '2025-04-26'],
      ['2024-08-30', 1, '2024-09-04'], // across Quốc khánh 2024
      ['2024-09-04', -1, '2024-08-30'],
      ['2024-04-26', 1, '2024-05-02'], // across 27/4–1/5 2024
      ['2024-05-03', 1, '2024-05-04'], // make-up Saturday
      ['2024-03-08', 1, '2024-03-11'], // Friday → Monday
      ['2024-03-11', -1, '2024-03-08'],
      ['2024-03-09', 1, '2024-03-11'], // Saturday → Monday
      ['2024-03-09', -1, '2024-03-08'], // Saturday → Friday
      ['2024-03-04', 5, '2024-03-11'],
      ['2024-03-04', 10, '2024-03-18'],
      ['2023-12-29', 1, '2024-01-02'], // across New Year
      ['2025-01-24', 1, '2025-02-03'], // across 9-day Tết Ất Tỵ
    ])('%s %+d → %s', (from, n, expected) => {
      expect(calendar.addWorkingDays(from, n)).toBe(expected);
    });

    it('returns the date unchanged for n = 0, even on a day off', () => {
      expect(calendar.addWorkingDays('2024-03-11', 0)).toBe('2024-03-11');
      expect(calendar.addWorkingDays('2024-02-10', 0)).toBe('2024-02-10');
      expect(calendar.workingDayOnOrAfter('2024-02-10')).toBe('2024-02-15');
      expect(calendar.workingDayOnOrAfter('2024-03-11')).toBe('2024-03-11');
    });

    it('always lands on a working day and inverts workingDaysBetween', () => {
      for (const from of CalendarDate.range('2024-01-20', '2024-03-01')) {
        for (let n = -25; n <= 25; n++) {
          const to = calendar.addWorkingDays(from, n);
          if (n !== 0) expect(calendar.isWorkingDay(to)).toBe(true);
          if (n >= 0 || calendar.isWorkingDay(from)) expect(calendar.workingDaysBetween(from, to)).toBe(n);
        }
      }
    });

    it('rejects a non-integer count', () => {
      expect(() => calendar.addWorkingDays('2024-03-11', 1.5)).toThrow(RangeError);
      expect(() => calendar.addWorkingDays('2024-03-11', Number.NaN)).toThrow(RangeError);
    });
  });

  describe('workingDaysBetween', () => {
    it.each([
      ['2024-01-31', '2024-02-29', 16], // February 2024: 21 weekdays, 5 Tết days off
      ['2024-08-31', '2024-09-30', 19], // September 2024: 21 weekdays, 2/9 and 3/9 off
      ['2025-03-31', '2025-04-30', 21], // April 2025: 22 weekdays − 7/4 − 30/4 + Saturday 26/4
      ['2025-04-30', '2025-05-31', 20], // May 2025: 22 weekdays − 1/5 − 2/5
      ['2023-12-31', '2024-12-31', 251], // 2024: 262 weekdays − 12 + 1
      ['2022-12-31', '2023-12-31', 249], // 2023: 260 weekdays − 11
      ['2024-12-31', '2025-12-31', 250], // 2025: 261 weekdays − 12 + 1
      ['2024-02-07', '2024-02-15', 1],
      ['2024-02-08', '2024-02-14', 0],
      ['2024-03-11', '2024-03-11', 0],
    ])('(%s, %s] has %i working days', (a, b, expected) => {
      expect(calendar.workingDaysBetween(a, b)).toBe(expected);
      expect(calendar.workingDaysBetween(b, a)).toBe(0 - expected); // +0, never -0
    });

    it('is additive', () => {
      const [a, b, c] = ['2024-02-03', '2024-02-10', '2024-05-04'];
      expect(calendar.workingDaysBetween(a, b) + calendar.workingDaysBetween(b, c)).toBe(calendar.workingDaysBetween(a, c));
    });

    it('measures "3 working days overdue" across a holiday', () => {
      // Due Friday 26/4/2024; the break 27/4–1/5 does not count, make-up Saturday 4/5 does.
      expect(calendar.workingDaysBetween('2024-04-26', '2024-05-02')).toBe(1);
      expect(calendar.workingDaysBetween('2024-04-26', '2024-05-04')).toBe(3);
    });
  });

  it('steps to the next and previous working day', () => {
    expect(calendar.nextWorkingDay('2024-02-07')).toBe('2024-02-15');
    expect(calendar.nextWorkingDay('2024-02-10')).toBe('2024-02-15');
    expect(calendar.previousWorkingDay('2024-02-15')).toBe('2024-02-07');
  });

  describe('holidaysOf', () => {
    it('names every day off of 2024 in Vietnamese', () => {
      expect(calendar.holidaysOf(2024).map((h) => `${h.date} ${h.name} (${h.kind})`)).toEqual([
        '2024-01-01 Tết Dương lịch (public-holiday)',
        '2024-02-08 Tết Nguyên đán (day-off)',
        '2024-02-09 Tết Nguyên đán (public-holiday)',
        '2024-02-10 Tết Nguyên đán (public-holiday)',
        '2024-02-11 Tết Nguyên đán (public-holiday)',
        '2024-02-12 Tết Nguyên đán (public-holiday)',
        '2024-02-13 Tết Nguyên đán (public-holiday)',
        '2024-02-14 Tết Nguyên đán (day-off)',
        '2024-04-18 Giỗ Tổ Hùng Vương (public-holiday)',
        '2024-04-29 Ngày Chiến thắng (day-off)',
        '2024-04-30 Ngày Chiến thắng (public-holiday)',
        '2024-05-01 Quốc tế Lao động (public-holiday)',
        '2024-09-02 Quốc khánh (public-holiday)',
        '2024-09-03 Quốc khánh (public-holiday)',
      ]);
    });

    it('attributes nghỉ bù to the holiday that caused it', () => {
      const byDate = new Map(calendar.holidaysOf(2023).map((h) => [h.date, h]));
      expect(byDate.get('2023-04-29')).toMatchObject({ name: 'Giỗ Tổ Hùng Vương', kind: 'public-holiday' });
      expect(byDate.get('2023-05-02')).toMatchObject({ name: 'Giỗ Tổ Hùng Vương', kind: 'day-off' });
      expect(byDate.get('2023-05-03')).toMatchObject({ name: 'Ngày Chiến thắng', kind: 'day-off' });
      expect(byDate.get('2023-09-04')).toMatchObject({ name: 'Quốc khánh', kind: 'day-off' });
    });

    it.each([2023, 2024, 2025, 2026])('covers all six holidays in %i and every weekday off', (year) => {
      const holidays = calendar.holidaysOf(year);
      expect(new Set(holidays.map((h) => h.name))).toEqual(new Set(Object.values(HOLIDAY_NAMES)));
      const weekdaysOff = CalendarDate.range(`${year}-01-01`, `${year}-12-31`).filter(
        (d) => !CalendarDate.isWeekend(d) && !calendar.isWorkingDay(d),
      );
      expect(holidays.filter((h) => !CalendarDate.isWeekend(h.date)).map((h) => h.date)).toEqual(weekdaysOff);
    });
  });

  it('rejects invalid dates with a clear error', () => {
    expect(() => calendar.isWorkingDay('2024-02-30')).toThrow(InvalidCalendarDateError);
    expect(() => calendar.isWorkingDay('2024-02-30')).toThrow('Invalid calendar date "2024-02-30"');
    expect(() => calendar.addWorkingDays('2024/02/01', 1)).toThrow(InvalidCalendarDateError);
    expect(() => calendar.addWorkingDays('2024/02/01', 0)).toThrow(InvalidCalendarDateError);
    expect(() => calendar.workingDaysBetween('2024-02-01', '24-02-05')).toThrow(InvalidCalendarDateError);
    expect(() => calendar.nextWorkingDay('')).toThrow(InvalidCalendarDateError);
    expect(() => calendar.isWorkingDay(new Date() as unknown as string)).toThrow(/expected a string/);
  });

  it('refuses years with neither a decision nor rules', () => {
    expect(() => calendar.isWorkingDay('2012-06-02')).toThrow(RangeError); // a Saturday, still refused
    expect(() => calendar.isWorkingDay('2200-01-06')).toThrow(RangeError);
  });
});

describe('WorkingCalendar configuration', () => {
  const override2026: YearOverrides = {
    year: 2026,
    offDays: ['2026-01-01', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'],
    makeUpWorkDays: [],
    note: 'test: deliberately incomplete',
  };

  it('lets a year override replace the rules for that year entirely', () => {
    const custom = new WorkingCalendar({ overrides: [override2026] });
    expect(custom.isWorkingDay('2026-02-16')).toBe(false);
    expect(custom.isWorkingDay('2026-04-30')).toBe(true); // not listed, so worked
    expect(custom.isWorkingDay('2027-04-30')).toBe(false); // 2027 still follows the rules
  });

  it('applies organization days on top of everything', () => {
    const custom = defaultVietnamCalendar({ extraOffDays: ['2024-03-08'], extraWorkDays: ['2024-02-14', '2024-03-09'] });
    expect(custom.isWorkingDay('2024-03-08')).toBe(false);
    expect(custom.isWorkingDay('2024-02-14')).toBe(true);
    expect(custom.isWorkingDay('2024-03-09')).toBe(true);
    expect(custom.addWorkingDays('2024-02-07', 1)).toBe('2024-02-14');
    expect(custom.makeUpWorkDaysOf(2024)).toEqual(['2024-03-09', '2024-05-04']);
    expect(custom.holidaysOf(2024).find((h) => h.date === '2024-03-08')).toEqual({
      date: '2024-03-08',
      source: 'organization',
      name: 'Ngày nghỉ theo quyết định của cơ quan',
      kind: 'day-off',
    });
    expect(custom.holidaysOf(2024).some((h) => h.date === '2024-02-14')).toBe(false);
  });

  it('names an announced day off that belongs to no holiday after the government, and hands out copies', () => {
    const custom = new WorkingCalendar({ overrides: [{ ...override2026, offDays: [...override2026.offDays, '2026-07-15'] }] });
    expect(custom.holidaysOf(2026).find((h) => h.date === '2026-07-15')).toMatchObject({
      source: 'government',
      name: 'Ngày nghỉ theo thông báo của Chính phủ',
    });
    custom.holidaysOf(2026)[0].name = 'edited';
    expect(custom.holidaysOf(2026)[0].name).toBe('Tết Dương lịch');
  });

  it('survives a JSON round trip (Postgres, workflow arguments) and hands out copies', () => {
    const config = defaultVietnamCalendarConfig();
    const revived = WorkingCalendar.fromJSON(JSON.parse(JSON.stringify(calendar.toJSON())));
    expect(revived.toJSON()).toEqual(config);
    for (const date of CalendarDate.range('2023-01-01', '2026-12-31')) {
      if (revived.isWorkingDay(date) !== calendar.isWorkingDay(date)) throw new Error(`differs on ${date}`);
    }
    const copy = calendar.toJSON();
    copy.overrides[1].makeUpWorkDays.push('2024-05-11');
    config.overrides.pop();
    expect(calendar.isWorkingDay('2024-05-11')).toBe(false);
    expect(defaultVietnamCalendarConfig().overrides).toHaveLength(4);
  });

  it.each([
    ['not an object', null, 'expected an object'],
    ['missing overrides', {}, 'overrides must be an array'],
    ['bad date', { overrides: [{ ...override2026, offDays: ['2026-02-30'] }] }, 'overrides[0].offDays[0]: Invalid calendar date "2026-02-30"'],
    ['date far from its year', { overrides: [{ ...override2026, offDays: ['2025-02-17'] }] }, 'too far outside year 2026'],
    ['weekday make-up day', { overrides: [{ ...override2026, makeUpWorkDays: ['2026-05-04'] }] }, 'is not a Saturday or Sunday'],
    ['duplicate year', { overrides: [override2026, override2026] }, 'more than one override for year 2026'],
    ['missing note', { overrides: [{ ...override2026, note: undefined }] }, 'overrides[0].note must be a string'],
    ['off and make-up at once', { overrides: [{ ...override2026, offDays: ['2026-05-09'], makeUpWorkDays: ['2026-05-09'] }] }, 'both as off-day and as make-up'],
    ['extra off and work at once', { overrides: [], extraOffDays: ['2026-05-08'], extraWorkDays: ['2026-05-08'] }, 'in both extraOffDays and extraWorkDays'],
    ['extra days not a list', { overrides: [], extraOffDays: '2026-05-08' }, 'extraOffDays must be an array'],
  ])('rejects %s', (_label, config, message) => {
    expect(() => WorkingCalendar.fromJSON(config)).toThrow(WorkingCalendarConfigError);
    expect(() => WorkingCalendar.fromJSON(config)).toThrow(message);
  });
});

describe('calendar module purity', () => {
  it('imports nothing but its own files, so Temporal workflow code can use it', () => {
    const dir = __dirname;
    const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));
    for (const file of sources) {
      const text = readFileSync(join(dir, file), 'utf8');
      const specifiers = [...text.matchAll(/\bfrom\s+'([^']+)'/g)].map((m) => m[1]);
      expect({ file, outside: specifiers.filter((s) => !s.startsWith('./')) }).toEqual({ file, outside: [] });
      expect({ file, clock: /Date\.now\(|new Date\(\)|Math\.random/.test(text) }).toEqual({ file, clock: false });
    }
  });
});

describe('workingDueOf (the day-off rule, BLDS 2015 art. 148(5))', () => {
  const cal = defaultVietnamCalendar();
  it('moves a deadline on a day off to the next working day, keeps a working day, and keeps the date with the rule off', () => {
    expect(workingDueOf(cal, '2025-03-29', true)).toBe('2025-03-31'); // Saturday → Monday
    expect(workingDueOf(cal, '2025-04-30', true)).toBe('2025-05-05'); // 30/4, 1/5, 2/5 (swapped) and the weekend
    expect(workingDueOf(cal, '2026-02-17', true)).toBe('2026-02-23'); // inside Tết Bính Ngọ (16–20/2 off)
    expect(workingDueOf(cal, '2025-03-28', true)).toBe('2025-03-28');
    expect(workingDueOf(cal, '2025-03-29', false)).toBe('2025-03-29');
    expect(workingDueOf(cal, null, true)).toBeNull();
  });
  it('keeps a date of a year the calendar cannot count (refused at validation) instead of throwing', () => {
    expect(cal.supportsYear(2300)).toBe(false);
    expect(workingDueOf(cal, '2300-01-06', true)).toBe('2300-01-06');
  });
});
