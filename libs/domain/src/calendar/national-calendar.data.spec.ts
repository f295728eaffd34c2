import * as CalendarDate from './calendar-date';
import { NATIONAL_CALENDAR_YEARS, NATIONAL_HOLIDAY_RULES, type HolidayRule } from './national-calendar.data';
import { statutoryHolidays } from './vn-holidays';
import { VN_CIVIL_SERVICE_OVERRIDES } from './vn-year-overrides.data';
import { defaultVietnamCalendar, defaultVietnamCalendarConfig, legacyBundleCalendar, WorkingCalendar } from './working-calendar';

describe('the national calendar as data', () => {
  const calendar = defaultVietnamCalendar();

  it('ships 2023–2026, every day named and sourced to a document or an article of law', () => {
    expect(NATIONAL_CALENDAR_YEARS.map((y) => y.year)).toEqual([2023, 2024, 2025, 2026]);
    for (const y of NATIONAL_CALENDAR_YEARS) {
      expect(y.note.length).toBeGreaterThan(20);
      for (const d of y.days) {
        expect(CalendarDate.yearOf(d.date)).toBe(y.year);
        expect(d.name.trim()).not.toBe('');
        expect(d.source).toMatch(/(\d+\/(VPCP-KGVX|TB-BNV)) ngày \d{2}\/\d{2}\/\d{4}|Bộ luật Lao động 45\/2019\/QH14, Điều 11[12]/);
      }
      const dates = y.days.map((d) => d.date);
      expect(new Set(dates).size).toBe(dates.length);
    }
  });

  it('2023–2025 count exactly as the schedules shipped before (no past deadline moves)', () => {
    const legacy = legacyBundleCalendar();
    for (const year of [2023, 2024, 2025]) {
      const shipped = NATIONAL_CALENDAR_YEARS.find((y) => y.year === year)!;
      const old = VN_CIVIL_SERVICE_OVERRIDES.find((o) => o.year === year)!;
      expect(shipped.days.filter((d) => d.kind === 'off').map((d) => d.date).sort()).toEqual([...old.offDays].sort());
      expect(shipped.days.filter((d) => d.kind === 'work').map((d) => d.date)).toEqual(old.makeUpWorkDays);
      for (const date of CalendarDate.range(`${year}-01-01`, `${year}-12-31`)) expect([date, calendar.isWorkingDay(date)]).toEqual([date, legacy.isWorkingDay(date)]);
    }
  });

  it('2026 as officially decided: 1–4/1 with Fri 2/1 ↔ Sat 10/1 (CV 12729/VPCP-KGVX), Tết 14–22/2 (TB 9441/TB-BNV), 27/4 nghỉ bù, 30/4–1/5', () => {
    const offs = ['2026-01-01', '2026-01-02', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-04-27', '2026-04-30', '2026-05-01', '2026-09-02'];
    for (const d of offs) expect([d, calendar.isWorkingDay(d)]).toEqual([d, false]);
    for (const d of ['2026-01-05', '2026-01-10', '2026-02-23', '2026-04-28', '2026-05-04', '2026-09-03']) expect([d, calendar.isWorkingDay(d)]).toEqual([d, true]);
    expect(calendar.nationalDayOf('2026-01-02')).toMatchObject({ source: expect.stringContaining('12729/VPCP-KGVX ngày 25/12/2025'), verified: true });
    expect(calendar.nationalDayOf('2026-01-10')).toMatchObject({ kind: 'work', source: expect.stringContaining('12729/VPCP-KGVX') });
    expect(calendar.nationalDayOf('2026-02-16')).toMatchObject({ name: 'Tết Nguyên đán', source: expect.stringContaining('9441/TB-BNV ngày 16/10/2025') });
    // What the rules alone (main before issue 16) got wrong.
    const rulesOnly = new WorkingCalendar({ overrides: [] });
    expect([rulesOnly.isWorkingDay('2026-01-02'), rulesOnly.isWorkingDay('2026-01-10')]).toEqual([true, false]);
  });

  it('Quốc khánh 2026: Mon 31/8 off, worked on Sat 22/8, and Tue 1/9 the adjacent day, all from TB 9441/TB-BNV', () => {
    expect(calendar.isWorkingDay('2026-08-31')).toBe(false);
    expect(calendar.isWorkingDay('2026-09-01')).toBe(false);
    expect(calendar.isWorkingDay('2026-08-22')).toBe(true);
    expect(calendar.nationalDayOf('2026-08-31')).toMatchObject({ source: 'Thông báo 9441/TB-BNV ngày 16/10/2025 của Bộ Nội vụ', verified: true });
    expect(calendar.nationalDayOf('2026-08-22')).toMatchObject({ kind: 'work', source: expect.stringContaining('9441/TB-BNV'), verified: true });
    // Every shipped day of 2026 is now checked against its source.
    expect(NATIONAL_CALENDAR_YEARS.find((y) => y.year === 2026)!.days.filter((d) => !d.verified)).toEqual([]);
  });

  it('2026 has 365 − 104 weekend days − 13 weekdays off + 2 make-up Saturdays = 250 working days', () => {
    const working = calendar.workingDaysBetween('2025-12-31', '2026-12-31');
    const weekdaysOff = NATIONAL_CALENDAR_YEARS.find((y) => y.year === 2026)!.days.filter((d) => d.kind === 'off' && !CalendarDate.isWeekend(d.date)).length;
    expect(working).toBe(365 - 104 - weekdaysOff + 2);
    expect(weekdaysOff).toBe(13);
    expect(working).toBe(250);
  });

  it('holiday rules are data: a new statutory holiday is a row (24/11 Ngày Văn hóa Việt Nam, if enacted)', () => {
    const culture: HolidayRule = { id: 'culture-day', name: 'Ngày Văn hóa Việt Nam', calendar: 'solar', month: 11, day: 24, offset: 0, length: 1, fromYear: 2027, toYear: null, source: 'Bộ luật Lao động sửa đổi (giả định cho kiểm thử)' };
    const rules = [...NATIONAL_HOLIDAY_RULES, culture];
    expect(statutoryHolidays(2027, rules)).toEqual(expect.arrayContaining([expect.objectContaining({ date: '2027-11-24', source: 'culture-day', name: 'Ngày Văn hóa Việt Nam', kind: 'public-holiday' })]));
    expect(statutoryHolidays(2026, rules).some((h) => h.date === '2026-11-24')).toBe(false);
    const withRule = new WorkingCalendar({ ...defaultVietnamCalendarConfig(), holidayRules: rules });
    expect(withRule.isWorkingDay('2027-11-24')).toBe(false); // Wednesday
    // 24/11/2029 is a Saturday: nghỉ bù on Monday 26/11.
    expect(withRule.isWorkingDay('2029-11-26')).toBe(false);
    expect(defaultVietnamCalendar().isWorkingDay('2027-11-24')).toBe(true);
    // The rules survive the JSON round trip a workflow argument takes.
    expect(WorkingCalendar.fromJSON(JSON.parse(JSON.stringify(withRule.toJSON()))).isWorkingDay('2027-11-24')).toBe(false);
  });

  it('the default rules give the Labour Code holidays and their nghỉ bù (2027, a year without a decision)', () => {
    expect(statutoryHolidays(2027).map((h) => `${h.date} ${h.source} ${h.kind}`)).toEqual([
      '2027-01-01 new-year public-holiday',
      '2027-02-05 lunar-new-year public-holiday',
      '2027-02-06 lunar-new-year public-holiday',
      '2027-02-07 lunar-new-year public-holiday',
      '2027-02-08 lunar-new-year public-holiday',
      '2027-02-09 lunar-new-year public-holiday',
      '2027-02-10 lunar-new-year day-off',
      '2027-02-11 lunar-new-year day-off',
      '2027-04-16 hung-kings public-holiday',
      '2027-04-30 reunification-day public-holiday',
      '2027-05-01 labour-day public-holiday',
      '2027-05-03 labour-day day-off',
      '2027-09-02 national-day public-holiday',
      '2027-09-03 national-day public-holiday',
    ]);
  });

  it('the working end of a time limit (BLDS 2015 art. 148(5)): Saturday → Monday, inside Tết 2026 → Monday 23/2', () => {
    expect(calendar.workingDue('2026-03-14')).toBe('2026-03-16');
    expect(calendar.workingDue('2026-02-18')).toBe('2026-02-23');
    expect(calendar.workingDue('2026-04-26')).toBe('2026-04-28');
    expect(calendar.workingDue('2026-01-10')).toBe('2026-01-10'); // the make-up Saturday is a working day
    expect(calendar.workingDue('2026-03-13')).toBe('2026-03-13');
  });

  it('knows which years it can count', () => {
    expect([2012, 2013, 2026, 2199, 2200, 2999].map((y) => calendar.supportsYear(y))).toEqual([false, true, true, true, false, false]);
  });
});
