export * as CalendarDate from './calendar-date';
export { InvalidCalendarDateError, VIETNAM_UTC_OFFSET_HOURS } from './calendar-date';
export type { IsoDate, DateParts, DayOfWeek } from './calendar-date';
export {
  InvalidLunarDateError,
  LUNAR_MAX_YEAR,
  LUNAR_MIN_YEAR,
  leapMonthOf,
  lunarMonthLength,
  lunarToSolar,
  solarToLunar,
} from './lunar';
export type { LunarDate } from './lunar';
export {
  GOVERNMENT_DAY_OFF_NAME,
  HOLIDAY_NAMES,
  ORGANIZATION_DAY_OFF_NAME,
  STATUTORY_RULES_FIRST_YEAR,
  STATUTORY_RULES_LAST_YEAR,
  statutoryHolidays,
  statutoryYearOverrides,
} from './vn-holidays';
export type { Holiday, HolidayId, HolidayKind, HolidaySource, StatutoryHolidayId, YearOverrides } from './vn-holidays';
export { NATIONAL_CALENDAR_YEARS, NATIONAL_HOLIDAY_RULES } from './national-calendar.data';
export type { HolidayRule, NationalCalendarDay, NationalCalendarYear } from './national-calendar.data';
export { VN_CIVIL_SERVICE_OVERRIDES } from './vn-year-overrides.data';
export {
  WorkingCalendar,
  WorkingCalendarConfigError,
  defaultVietnamCalendar,
  defaultVietnamCalendarConfig,
  legacyBundleCalendar,
  nationalCalendarConfig,
  workflowCalendarConfig,
  workingDueOf,
} from './working-calendar';
export type { WorkingCalendarConfig } from './working-calendar';
