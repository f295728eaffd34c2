/**
 * Vietnamese public holidays as the law states them, before the government's yearly decisions.
 *
 * Labour Code 2019 (Bộ luật Lao động 45/2019/QH14), art. 112: Tết Dương lịch 1/1; Tết Âm lịch
 * 5 days; Giỗ Tổ Hùng Vương 10/3 lunar; 30/4; 1/5; Quốc khánh 2/9 plus one day before or after.
 * Art. 112(3) leaves the exact Tết days and the extra Quốc khánh day to the Prime Minister each
 * year, and art. 111(3) moves a holiday that falls on the weekly rest day to the next working day
 * (nghỉ bù). The rules below are therefore a forecast for years without a decision; the decisions
 * themselves are data (YearOverrides, see vn-year-overrides.data.ts) and win over these rules.
 */
import * as CalendarDate from './calendar-date';
import type { IsoDate } from './calendar-date';
import { lunarToSolar } from './lunar';
import { NATIONAL_HOLIDAY_RULES, type HolidayRule, type NationalCalendarDay } from './national-calendar.data';

/** The holidays of the Labour Code 2019; a holiday added later as a rule row has its own id. */
export type StatutoryHolidayId =
  | 'new-year'
  | 'lunar-new-year'
  | 'hung-kings'
  | 'reunification-day'
  | 'labour-day'
  | 'national-day';
export type HolidayId = StatutoryHolidayId | (string & {});

/** The names users see on screens and in reports. */
export const HOLIDAY_NAMES: Readonly<Record<StatutoryHolidayId, string>> = {
  'new-year': 'Tết Dương lịch',
  'lunar-new-year': 'Tết Nguyên đán',
  'hung-kings': 'Giỗ Tổ Hùng Vương',
  'reunification-day': 'Ngày Chiến thắng',
  'labour-day': 'Quốc tế Lao động',
  'national-day': 'Quốc khánh',
};

/** Off-days that belong to no statutory holiday. */
export const GOVERNMENT_DAY_OFF_NAME = 'Ngày nghỉ theo thông báo của Chính phủ';
export const ORGANIZATION_DAY_OFF_NAME = 'Ngày nghỉ theo quyết định của cơ quan';

export type HolidaySource = HolidayId | 'government' | 'organization';

/**
 * - `public-holiday`: the statutory day itself (listed even when it falls on a weekend);
 * - `day-off`: a weekday off that belongs to a holiday break without being the statutory day:
 *   nghỉ bù, a swapped day (hoán đổi), or a Tết day the government placed differently.
 */
export type HolidayKind = 'public-holiday' | 'day-off';

export interface Holiday {
  date: IsoDate;
  source: HolidaySource;
  name: string;
  kind: HolidayKind;
}

/**
 * One year's official schedule for civil servants (công chức, viên chức), as announced by the
 * government. Authoritative for its year: when present, the statutory rules are not applied to
 * that year at all, so `offDays` must list every holiday off-day of the year (weekend dates may
 * be listed too, to mirror the announced "from … to …" ranges). `makeUpWorkDays` are the weekend
 * days worked in exchange for a swapped day off (làm bù). Dates may spill a few days into the
 * neighbouring year, because a swap can cross New Year. Plain JSON: stored per organization and
 * year in Postgres and passed to workflows.
 */
export interface YearOverrides {
  year: number;
  offDays: IsoDate[];
  makeUpWorkDays: IsoDate[];
  /** Which decision or notice the dates come from, and anything uncertain about them. */
  note: string;
  /**
   * The same days with their names and sources (national_calendar_days); absent in configs
   * older than issue 16. Only names days: offDays and makeUpWorkDays decide.
   */
  days?: NationalCalendarDay[];
}

/** Labour Code 2012 (in force 2013-05-01) brought Tết to 5 days; earlier years had other rules. */
export const STATUTORY_RULES_FIRST_YEAR = 2013;
/** The lunar conversion is validated up to here. */
export const STATUTORY_RULES_LAST_YEAR = 2199;

/**
 * The statutory holidays of a year and the nghỉ bù they generate, sorted by date.
 * Tết defaults to the last day of the old lunar year plus mùng 1–4, the traditional placement;
 * the real placement is decided each year and shipped as YearOverrides.
 */
export function statutoryHolidays(year: number, rules: readonly HolidayRule[] = NATIONAL_HOLIDAY_RULES): Holiday[] {
  assertStatutoryYear(year);
  const statutory: Array<{ day: number; id: HolidayId; name: string }> = [];
  for (const rule of rules) {
    if (year < rule.fromYear || (rule.toYear !== null && year > rule.toYear)) continue;
    let first: number;
    if (rule.calendar === 'lunar') first = CalendarDate.toDayNumber(lunarToSolar(rule.day, rule.month, year)) + rule.offset;
    else if (rule.calendar === 'adjacent') first = CalendarDate.toDayNumber(adjacentDay(year, rule.month, rule.day));
    else first = CalendarDate.toDayNumber(CalendarDate.format(year, rule.month, rule.day)) + rule.offset;
    for (let i = 0; i < rule.length; i++) statutory.push({ day: first + i, id: rule.id, name: rule.name });
  }

  statutory.sort((a, b) => a.day - b.day);
  const taken = new Set(statutory.map((s) => s.day));
  const holidays: Holiday[] = [];
  for (const { day, id, name } of statutory) {
    const date = CalendarDate.fromDayNumber(day);
    holidays.push({ date, source: id, name, kind: 'public-holiday' });
    // Giỗ Tổ comes as late as 29/4 but never on 30/4 in 2013–2199 (see spec), so holidays never
    // coincide and only the weekend generates nghỉ bù.
    if (isWeekendDay(day)) {
      let compensation = day + 1;
      while (isWeekendDay(compensation) || taken.has(compensation)) compensation++;
      taken.add(compensation);
      holidays.push({
        date: CalendarDate.fromDayNumber(compensation),
        source: id,
        name,
        kind: 'day-off',
      });
    }
  }
  return holidays.sort((a, b) => CalendarDate.compare(a.date, b.date));
}

/**
 * A draft YearOverrides for a year derived from the rules: the starting point an administrator
 * edits when the government announces that year's schedule.
 */
export function statutoryYearOverrides(year: number, rules: readonly HolidayRule[] = NATIONAL_HOLIDAY_RULES): YearOverrides {
  const offDays = [...new Set(statutoryHolidays(year, rules).map((h) => h.date))];
  return {
    year,
    offDays,
    makeUpWorkDays: [],
    note:
      `Derived from Labour Code 2019 art. 111–112 rules; ` +
      `replace with the official ${year} schedule once announced.`,
  };
}

/**
 * The Prime Minister picks 1/9 or 3/9. Until announced we pick the side that joins the weekend,
 * which matches every decision since 2021 (2021: 3/9, 2022: 1/9, 2023: 1/9, 2024: 3/9, 2025: 1/9).
 * When 2/9 is a Wednesday neither side joins a weekend; 1/9 is a guess.
 */
function adjacentDay(year: number, month: number, day: number): IsoDate {
  const date = CalendarDate.format(year, month, day);
  const dow = CalendarDate.dayOfWeek(date);
  const after = dow === 0 || dow === 1 || dow === 4; // Sun → Mon 3/9, Mon → Tue, Thu → Fri
  return CalendarDate.addDays(date, after ? 1 : -1);
}

function isWeekendDay(dayNumber: number): boolean {
  const dow = CalendarDate.dayOfWeekOfDayNumber(dayNumber);
  return dow === 0 || dow === 6;
}

export function assertStatutoryYear(year: number): void {
  if (!Number.isInteger(year) || year < STATUTORY_RULES_FIRST_YEAR || year > STATUTORY_RULES_LAST_YEAR) {
    throw new RangeError(
      `No Vietnamese holiday rules for year ${year} ` +
        `(supported ${STATUTORY_RULES_FIRST_YEAR}–${STATUTORY_RULES_LAST_YEAR}); ` +
        'supply a YearOverrides entry for it',
    );
  }
}
