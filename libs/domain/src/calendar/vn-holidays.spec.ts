import * as CalendarDate from './calendar-date';
import { lunarToSolar } from './lunar';
import { HOLIDAY_NAMES, statutoryHolidays, statutoryYearOverrides } from './vn-holidays';
import { VN_CIVIL_SERVICE_OVERRIDES } from './vn-year-overrides.data';

const compact = (year: number) => statutoryHolidays(year).map((h) => `${h.date} ${h.kind} ${h.source}`);

describe('statutory holiday rules', () => {
  it('forecasts a year with no decision: 2026', () => {
    expect(compact(2026)).toEqual([
      '2026-01-01 public-holiday new-year',
      // Last day of Ất Tỵ (29 Chạp) + mùng 1–4 Bính Ngọ, all weekdays.
      '2026-02-16 public-holiday lunar-new-year',
      '2026-02-17 public-holiday lunar-new-year',
      '2026-02-18 public-holiday lunar-new-year',
      '2026-02-19 public-holiday lunar-new-year',
      '2026-02-20 public-holiday lunar-new-year',
      '2026-04-26 public-holiday hung-kings', // Sunday
      '2026-04-27 day-off hung-kings', // nghỉ bù
      '2026-04-30 public-holiday reunification-day',
      '2026-05-01 public-holiday labour-day',
      '2026-09-01 public-holiday national-day', // 2/9 is a Wednesday: 1/9 is a guess
      '2026-09-02 public-holiday national-day',
    ]);
  });

  it('moves every weekend holiday to the next free working day, after the whole Tết block', () => {
    // Tết Đinh Mùi: mùng 1 on Saturday 2027-02-06.
    expect(compact(2027).filter((h) => h.startsWith('2027-02'))).toEqual([
      '2027-02-05 public-holiday lunar-new-year',
      '2027-02-06 public-holiday lunar-new-year',
      '2027-02-07 public-holiday lunar-new-year',
      '2027-02-08 public-holiday lunar-new-year',
      '2027-02-09 public-holiday lunar-new-year',
      '2027-02-10 day-off lunar-new-year',
      '2027-02-11 day-off lunar-new-year',
    ]);
    // 2023: Giỗ Tổ on Saturday 29/4 and 30/4 on Sunday, 1/5 Monday → bù on 2/5 and 3/5.
    expect(compact(2023).filter((h) => h.startsWith('2023-05'))).toEqual([
      '2023-05-01 public-holiday labour-day',
      '2023-05-02 day-off hung-kings',
      '2023-05-03 day-off reunification-day',
    ]);
  });

  it('picks the Quốc khánh extra day that joins the weekend, as every decision since 2021 did', () => {
    const extra = (year: number) =>
      statutoryHolidays(year).filter((h) => h.source === 'national-day' && h.date !== `${year}-09-02`)[0]?.date;
    expect(extra(2021)).toBe('2021-09-03');
    expect(extra(2022)).toBe('2022-09-01');
    expect(extra(2023)).toBe('2023-09-01');
    expect(extra(2024)).toBe('2024-09-03');
    expect(extra(2025)).toBe('2025-09-01');
    // Before Labour Code 2019, Quốc khánh was one day.
    expect(statutoryHolidays(2019).filter((h) => h.source === 'national-day').map((h) => h.date)).toEqual(['2019-09-02']);
  });

  it('gives the 11 statutory days every year, plus one nghỉ bù per weekend holiday', () => {
    for (let year = 2021; year <= 2199; year++) {
      const holidays = statutoryHolidays(year);
      const statutory = holidays.filter((h) => h.kind === 'public-holiday');
      expect(new Set(statutory.map((h) => h.date)).size).toBe(11);
      expect(holidays.filter((h) => h.kind === 'day-off')).toHaveLength(
        statutory.filter((h) => CalendarDate.isWeekend(h.date)).length,
      );
      for (const dayOff of holidays.filter((h) => h.kind === 'day-off')) {
        expect(CalendarDate.isWeekend(dayOff.date)).toBe(false);
        expect(CalendarDate.yearOf(dayOff.date)).toBe(year);
      }
    }
  });

  it('never has Giỗ Tổ on 30/4 (the rules rely on holidays not coinciding)', () => {
    for (let year = 2013; year <= 2199; year++) expect(lunarToSolar(10, 3, year)).not.toBe(`${year}-04-30`);
  });

  it('refuses years it has no rules for', () => {
    expect(() => statutoryHolidays(2012)).toThrow(RangeError);
    expect(() => statutoryHolidays(2200)).toThrow('supply a YearOverrides entry');
  });

  it('drafts a YearOverrides from the rules for an administrator to edit', () => {
    const draft = statutoryYearOverrides(2026);
    expect(draft.year).toBe(2026);
    expect(draft.offDays).toContain('2026-04-27');
    expect(draft.makeUpWorkDays).toEqual([]);
    expect(JSON.parse(JSON.stringify(draft))).toEqual(draft);
  });

  it('names holidays in Vietnamese', () => {
    expect(Object.values(HOLIDAY_NAMES).sort()).toEqual(
      ['Giỗ Tổ Hùng Vương', 'Ngày Chiến thắng', 'Quốc khánh', 'Quốc tế Lao động', 'Tết Dương lịch', 'Tết Nguyên đán'].sort(),
    );
  });
});

describe('shipped government schedules', () => {
  it.each(VN_CIVIL_SERVICE_OVERRIDES.map((o) => [o.year, o] as const))('%i is consistent with the law', (year, data) => {
    const weekdaysOff = data.offDays.filter((d) => !CalendarDate.isWeekend(d));
    // A swap moves a day off and nghỉ bù replaces a lost one, so net of make-up days the
    // weekdays off are exactly the 11 statutory days.
    expect(weekdaysOff.length - data.makeUpWorkDays.length).toBe(11);
    // Every fixed statutory day is off, whatever the decision.
    for (const date of [`${year}-01-01`, lunarToSolar(10, 3, year), `${year}-04-30`, `${year}-05-01`, `${year}-09-02`]) {
      expect(data.offDays).toContain(date);
    }
    // Mùng 1–3 Tết are off in every schedule ever published.
    for (const day of [1, 2, 3]) expect(data.offDays).toContain(lunarToSolar(day, 1, year));
    expect(data.makeUpWorkDays.every((d) => CalendarDate.isWeekend(d))).toBe(true);
    expect(data.note).toMatch(/VPCP/);
  });
});
