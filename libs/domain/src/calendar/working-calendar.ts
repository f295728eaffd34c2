/**
 * Working-day arithmetic for deadlines, reminders and escalation (WORKFLOW.md, "Deadlines,
 * reminders, escalation"). Pure and deterministic: built from a plain-JSON config that is stored
 * per organization and year and handed to Temporal workflows, so replaying a workflow always sees
 * the calendar it started with.
 *
 * Which rule decides whether a date is a working day, first match wins:
 *   1. config.extraWorkDays   → working   (the organization works that day)
 *   2. config.extraOffDays    → off       (the organization's own day off)
 *   3. an override's makeUpWorkDays → working (làm bù)
 *   4. an override's offDays  → off
 *   5. Saturday / Sunday      → off
 *   6. the date's year has an override → working (the decision replaces the rules for that year)
 *   7. otherwise the statutory rules with nghỉ bù (vn-holidays.ts) → off if listed, else working
 */
import * as CalendarDate from './calendar-date';
import type { IsoDate } from './calendar-date';
import {
  GOVERNMENT_DAY_OFF_NAME,
  ORGANIZATION_DAY_OFF_NAME,
  assertStatutoryYear,
  statutoryHolidays,
  type Holiday,
  type YearOverrides,
} from './vn-holidays';
import { VN_CIVIL_SERVICE_OVERRIDES } from './vn-year-overrides.data';
import {
  NATIONAL_CALENDAR_YEARS,
  NATIONAL_HOLIDAY_RULES,
  type HolidayRule,
  type NationalCalendarDay,
  type NationalCalendarYear,
} from './national-calendar.data';

export interface WorkingCalendarConfig {
  overrides: YearOverrides[];
  extraOffDays?: IsoDate[];
  extraWorkDays?: IsoDate[];
  /** The statutory holiday rules (national_holiday_rules); absent: the Labour Code 2019 rules of the bundle. */
  holidayRules?: HolidayRule[];
}

type NormalizedConfig = Required<Omit<WorkingCalendarConfig, 'holidayRules'>> & Pick<WorkingCalendarConfig, 'holidayRules'>;

export class WorkingCalendarConfigError extends Error {
  constructor(message: string) {
    super(`Invalid working calendar config: ${message}`);
    this.name = 'WorkingCalendarConfigError';
  }
}

// Overrides may reach into the neighbouring year (a swap across New Year), but not further:
// anything beyond this is a typo in the year.
const OVERRIDE_SPILL_DAYS = 31;
// Far more consecutive days off than any real schedule; reaching it means a broken config.
const MAX_CONSECUTIVE_DAYS_OFF = 366;
// Off-days further than this from every statutory holiday are not named after one.
const HOLIDAY_NAMING_RADIUS_DAYS = 10;

interface StatutoryYear {
  off: Set<number>;
  byDay: Map<number, Holiday>;
  publicHolidays: Array<{ day: number; holiday: Holiday }>;
}

export class WorkingCalendar {
  private readonly config: NormalizedConfig;
  private readonly dayNames = new Map<number, NationalCalendarDay>();
  private readonly overrideYears = new Set<number>();
  private readonly overrideOff = new Set<number>();
  private readonly overrideWork = new Set<number>();
  private readonly extraOff = new Set<number>();
  private readonly extraWork = new Set<number>();
  private readonly statutoryCache = new Map<number, StatutoryYear>();

  /** Validates the config (it usually comes from the database) and copies it. */
  constructor(config: WorkingCalendarConfig) {
    this.config = normalizeConfig(config);
    for (const override of this.config.overrides) {
      this.overrideYears.add(override.year);
      override.offDays.forEach((d) => this.overrideOff.add(CalendarDate.toDayNumber(d)));
      override.makeUpWorkDays.forEach((d) => this.overrideWork.add(CalendarDate.toDayNumber(d)));
      override.days?.forEach((d) => this.dayNames.set(CalendarDate.toDayNumber(d.date), d));
    }
    this.config.extraOffDays.forEach((d) => this.extraOff.add(CalendarDate.toDayNumber(d)));
    this.config.extraWorkDays.forEach((d) => this.extraWork.add(CalendarDate.toDayNumber(d)));
    const offAndWork = [...this.overrideOff].filter((d) => this.overrideWork.has(d));
    if (offAndWork.length > 0) {
      throw new WorkingCalendarConfigError(
        `${offAndWork.map((d) => CalendarDate.fromDayNumber(d)).join(', ')} ` +
          'listed both as off-day and as make-up work day',
      );
    }
  }

  static fromJSON(json: unknown): WorkingCalendar {
    return new WorkingCalendar(json as WorkingCalendarConfig);
  }

  /** The config as plain JSON, for storage or a workflow argument. */
  toJSON(): WorkingCalendarConfig {
    return copyConfig(this.config);
  }

  /** Whether the calendar can count days of this year (an official schedule, or the rules cover it). */
  supportsYear(year: number): boolean {
    if (this.overrideYears.has(year)) return true;
    try {
      this.statutoryYear(year);
      return true;
    } catch (error) {
      if (error instanceof RangeError) return false;
      throw error;
    }
  }

  /**
   * The working end of a time limit (BLDS 2015 art. 148(5)): a limit whose last day is a day off
   * ends at the end of the next working day. A working day is its own working end.
   */
  workingDue(date: IsoDate): IsoDate {
    return this.workingDayOnOrAfter(date);
  }

  /** The official entry (name, source) of a national day, when the year's schedule has one. */
  nationalDayOf(date: IsoDate): NationalCalendarDay | undefined {
    const found = this.dayNames.get(CalendarDate.toDayNumber(date));
    return found && { ...found };
  }

  /** The statutory rule that makes a date a holiday (or its nghỉ bù), if any. */
  statutoryHolidayOf(date: IsoDate): Holiday | undefined {
    const year = CalendarDate.yearOf(date);
    const found = this.statutoryNamesFor(year)?.byDay.get(CalendarDate.toDayNumber(date));
    return found && { ...found };
  }

  /** The holiday rules the calendar counts with. */
  holidayRules(): HolidayRule[] {
    return (this.config.holidayRules ?? NATIONAL_HOLIDAY_RULES).map((r) => ({ ...r }));
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.isWorkingDayNumber(CalendarDate.toDayNumber(date));
  }

  /**
   * The n-th working day after `date` (n > 0) or before it (n < 0), never counting `date` itself;
   * so the result is always a working day, and Friday + 1 is the next working Monday. A non-working
   * start counts from where it is: Saturday + 1 is Monday, Saturday − 1 is Friday.
   * n = 0 returns `date` unchanged, even when it is not a working day (use workingDayOnOrAfter
   * to roll a date forward).
   * Round trip: workingDaysBetween(d, addWorkingDays(d, n)) === n for every n ≥ 0, and for n < 0
   * when d is a working day.
   */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    if (!Number.isSafeInteger(n)) throw new RangeError(`Number of working days must be an integer, got ${n}`);
    let day = CalendarDate.toDayNumber(date);
    if (n === 0) return date;
    const step = n > 0 ? 1 : -1;
    let remaining = Math.abs(n);
    let daysOff = 0;
    while (remaining > 0) {
      day += step;
      if (this.isWorkingDayNumber(day)) {
        remaining--;
        daysOff = 0;
      } else if (++daysOff > MAX_CONSECUTIVE_DAYS_OFF) {
        const around = CalendarDate.fromDayNumber(day);
        throw new RangeError(`No working day within ${MAX_CONSECUTIVE_DAYS_OFF} days of ${around}`);
      }
    }
    return CalendarDate.fromDayNumber(day);
  }

  /**
   * Working days after `a` up to and including `b`; when b < a, minus the working days after `b`
   * up to and including `a`. Equals W(b) − W(a) where W counts working days up to a date, so it is
   * antisymmetric and additive: between(a, b) + between(b, c) === between(a, c).
   * "3 working days overdue" is workingDaysBetween(dueDate, today) >= 3.
   */
  workingDaysBetween(a: IsoDate, b: IsoDate): number {
    const from = CalendarDate.toDayNumber(a);
    const to = CalendarDate.toDayNumber(b);
    const [low, high] = from <= to ? [from, to] : [to, from];
    let count = 0;
    for (let day = low + 1; day <= high; day++) if (this.isWorkingDayNumber(day)) count++;
    return from <= to ? count : 0 - count; // not -count: -0 would leak into comparisons with Object.is
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: IsoDate): IsoDate {
    return this.addWorkingDays(date, 1);
  }

  /** The last working day strictly before `date`. */
  previousWorkingDay(date: IsoDate): IsoDate {
    return this.addWorkingDays(date, -1);
  }

  /** `date` itself when it is a working day, else the next one: a deadline on a holiday moves on. */
  workingDayOnOrAfter(date: IsoDate): IsoDate {
    return this.isWorkingDay(date) ? date : this.nextWorkingDay(date);
  }

  /**
   * Holiday off-days of a year, sorted: every statutory holiday (even on a weekend) and every
   * weekday off, each named after the holiday whose break it belongs to. Weekend days inside a
   * break are not listed; make-up days are in makeUpWorkDaysOf.
   */
  holidaysOf(year: number): Holiday[] {
    const statutory = this.statutoryNamesFor(year);
    const holidays: Holiday[] = [];
    const first = CalendarDate.toDayNumber(CalendarDate.format(year, 1, 1));
    const last = CalendarDate.toDayNumber(CalendarDate.format(year, 12, 31));
    for (let day = first; day <= last; day++) {
      if (this.isWorkingDayNumber(day)) continue;
      const statutoryHoliday = statutory?.byDay.get(day);
      // Copies, so a caller editing the result cannot corrupt the cache.
      if (statutoryHoliday?.kind === 'public-holiday') {
        holidays.push({ ...statutoryHoliday });
        continue;
      }
      if (isWeekendDay(day)) continue;
      const date = CalendarDate.fromDayNumber(day);
      const official = this.dayNames.get(day);
      if (this.extraOff.has(day)) {
        holidays.push({ date, source: 'organization', name: ORGANIZATION_DAY_OFF_NAME, kind: 'day-off' });
      } else if (official?.kind === 'off' && !statutoryHoliday) {
        const nearest = statutory ? nearestPublicHoliday(statutory, day) : undefined;
        holidays.push({ date, source: nearest?.source ?? 'government', name: official.name, kind: 'day-off' });
      } else if (statutoryHoliday) {
        holidays.push({ ...statutoryHoliday });
      } else {
        const nearest = statutory ? nearestPublicHoliday(statutory, day) : undefined;
        holidays.push(
          nearest
            ? { date, source: nearest.source, name: nearest.name, kind: 'day-off' }
            : { date, source: 'government', name: GOVERNMENT_DAY_OFF_NAME, kind: 'day-off' },
        );
      }
    }
    return holidays;
  }

  /** Weekend days of a year that are working days (làm bù, or the organization's extra work days). */
  makeUpWorkDaysOf(year: number): IsoDate[] {
    const first = CalendarDate.toDayNumber(CalendarDate.format(year, 1, 1));
    const last = CalendarDate.toDayNumber(CalendarDate.format(year, 12, 31));
    const days: IsoDate[] = [];
    for (let day = first; day <= last; day++) {
      if (isWeekendDay(day) && this.isWorkingDayNumber(day)) days.push(CalendarDate.fromDayNumber(day));
    }
    return days;
  }

  private isWorkingDayNumber(day: number): boolean {
    if (this.extraWork.has(day)) return true;
    if (this.extraOff.has(day)) return false;
    if (this.overrideWork.has(day)) return true;
    if (this.overrideOff.has(day)) return false;
    const year = CalendarDate.yearOfDayNumber(day);
    // Checked before the weekend test so an unsupported year fails loudly on any date, not only
    // on weekdays.
    const statutory = this.overrideYears.has(year) ? undefined : this.statutoryYear(year);
    if (isWeekendDay(day)) return false;
    return !statutory?.off.has(day);
  }

  private statutoryYear(year: number): StatutoryYear {
    let cached = this.statutoryCache.get(year);
    if (!cached) {
      assertStatutoryYear(year);
      const holidays = statutoryHolidays(year, this.config.holidayRules ?? NATIONAL_HOLIDAY_RULES);
      const byDay = new Map<number, Holiday>();
      const publicHolidays: StatutoryYear['publicHolidays'] = [];
      for (const holiday of holidays) {
        const day = CalendarDate.toDayNumber(holiday.date);
        byDay.set(day, holiday);
        if (holiday.kind === 'public-holiday') publicHolidays.push({ day, holiday });
      }
      cached = { off: new Set(byDay.keys()), byDay, publicHolidays };
      this.statutoryCache.set(year, cached);
    }
    return cached;
  }

  /** Statutory holidays used only to name days; absent for years the rules do not cover. */
  private statutoryNamesFor(year: number): StatutoryYear | undefined {
    try {
      return this.statutoryYear(year);
    } catch (error) {
      if (error instanceof RangeError && this.overrideYears.has(year)) return undefined;
      throw error;
    }
  }
}

/**
 * The working end of a deadline as the organization counts it, the one function behind the
 * workflow's deadline ladder, the read model's `tasks.working_due_on` (status words, the overdue
 * box and counts, plan progress, monthly ratings, exports) and the parse preview's `workingDue`:
 * with the day-off rule on (BLDS 2015 art. 148(5)) a deadline whose day is a day off ends at the end
 * of the next working day; with it off, or for a year the calendar cannot count (such dates are
 * refused before any workflow sees them), the date as written.
 */
export function workingDueOf(calendar: WorkingCalendar, date: IsoDate, dayOffRule: boolean): IsoDate;
export function workingDueOf(calendar: WorkingCalendar, date: IsoDate | null, dayOffRule: boolean): IsoDate | null;
export function workingDueOf(calendar: WorkingCalendar, date: IsoDate | null, dayOffRule: boolean): IsoDate | null {
  if (!date || !dayOffRule || !calendar.supportsYear(CalendarDate.yearOf(date))) return date;
  return calendar.workingDue(date);
}

/** A national calendar (official years and holiday rules, as stored in the national tables) as a config. */
export function nationalCalendarConfig(
  years: readonly NationalCalendarYear[],
  rules: readonly HolidayRule[],
): NormalizedConfig & { holidayRules: HolidayRule[] } {
  const overrides = [...years]
    .sort((a, b) => a.year - b.year)
    .map((y): YearOverrides => {
      const days = [...y.days].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)).map((d) => ({ ...d }));
      return {
        year: y.year,
        offDays: days.filter((d) => d.kind === 'off').map((d) => d.date),
        makeUpWorkDays: days.filter((d) => d.kind === 'work').map((d) => d.date),
        note: y.note,
        days,
      };
    });
  return { overrides, extraOffDays: [], extraWorkDays: [], holidayRules: rules.map((r) => ({ ...r })) };
}

/** The shipped national calendar (national-calendar.data.ts, 2023–2026) as a fresh, editable config. */
export function defaultVietnamCalendarConfig(): NormalizedConfig & { holidayRules: HolidayRule[] } {
  return nationalCalendarConfig(NATIONAL_CALENDAR_YEARS, NATIONAL_HOLIDAY_RULES);
}

/**
 * A config as a workflow argument: the days' names and sources (`days`) are left out, since
 * workflows count days and never name them; the input stays small (about 4 KB instead of 16).
 */
export function workflowCalendarConfig(config: WorkingCalendarConfig): WorkingCalendarConfig {
  return { ...config, overrides: config.overrides.map(({ days: _days, ...o }) => o) };
}

/**
 * The calendar the workflow bundle counted on before tasks carried their own (2023–2025 only):
 * frozen, so histories recorded without a calendar in their input replay with the timers they had.
 */
export function legacyBundleCalendar(): WorkingCalendar {
  return new WorkingCalendar({ overrides: VN_CIVIL_SERVICE_OVERRIDES.map((o) => ({ ...o })), extraOffDays: [], extraWorkDays: [] });
}

/**
 * The national civil-service calendar: official schedules where shipped, the statutory rules
 * elsewhere. `extra` carries an organization's own days off or extra working days.
 */
export function defaultVietnamCalendar(extra: Omit<WorkingCalendarConfig, 'overrides'> = {}): WorkingCalendar {
  return new WorkingCalendar({ ...defaultVietnamCalendarConfig(), ...extra });
}

function nearestPublicHoliday(statutory: StatutoryYear, day: number): Holiday | undefined {
  let best: { distance: number; holiday: Holiday } | undefined;
  for (const candidate of statutory.publicHolidays) {
    const distance = Math.abs(candidate.day - day);
    if (distance <= HOLIDAY_NAMING_RADIUS_DAYS && (!best || distance < best.distance)) {
      best = { distance, holiday: candidate.holiday };
    }
  }
  return best?.holiday;
}

function isWeekendDay(dayNumber: number): boolean {
  const dow = CalendarDate.dayOfWeekOfDayNumber(dayNumber);
  return dow === 0 || dow === 6;
}

function copyConfig(config: NormalizedConfig): NormalizedConfig {
  return {
    overrides: config.overrides.map((o) => ({
      year: o.year,
      offDays: [...o.offDays],
      makeUpWorkDays: [...o.makeUpWorkDays],
      note: o.note,
      ...(o.days ? { days: o.days.map((d) => ({ ...d })) } : {}),
    })),
    extraOffDays: [...config.extraOffDays],
    extraWorkDays: [...config.extraWorkDays],
    ...(config.holidayRules ? { holidayRules: config.holidayRules.map((r) => ({ ...r })) } : {}),
  };
}

function normalizeConfig(input: unknown): NormalizedConfig {
  if (!isRecord(input)) throw new WorkingCalendarConfigError('expected an object');
  if (!Array.isArray(input.overrides)) throw new WorkingCalendarConfigError('overrides must be an array');
  const years = new Set<number>();
  const overrides = input.overrides.map((raw, i): YearOverrides => {
    const path = `overrides[${i}]`;
    if (!isRecord(raw)) throw new WorkingCalendarConfigError(`${path} must be an object`);
    const { year, note } = raw;
    if (typeof year !== 'number' || !Number.isInteger(year) || year < 1000 || year > 9999) {
      throw new WorkingCalendarConfigError(`${path}.year must be a four-digit integer`);
    }
    if (years.has(year)) throw new WorkingCalendarConfigError(`more than one override for year ${year}`);
    years.add(year);
    if (typeof note !== 'string') throw new WorkingCalendarConfigError(`${path}.note must be a string`);
    const offDays = dateList(raw.offDays, `${path}.offDays`, year);
    const makeUpWorkDays = dateList(raw.makeUpWorkDays, `${path}.makeUpWorkDays`, year);
    for (const day of makeUpWorkDays) {
      // A make-up day on a weekday would change nothing, which means the date is mistyped.
      if (!CalendarDate.isWeekend(day)) {
        throw new WorkingCalendarConfigError(`${path}.makeUpWorkDays: ${day} is not a Saturday or Sunday`);
      }
    }
    const days = raw.days === undefined ? undefined : dayEntries(raw.days, `${path}.days`);
    return { year, offDays, makeUpWorkDays, note, ...(days ? { days } : {}) };
  });
  const holidayRules = input.holidayRules === undefined ? undefined : ruleList(input.holidayRules);
  const extraOffDays = input.extraOffDays === undefined ? [] : dateList(input.extraOffDays, 'extraOffDays');
  const extraWorkDays = input.extraWorkDays === undefined ? [] : dateList(input.extraWorkDays, 'extraWorkDays');
  const both = extraOffDays.filter((d) => extraWorkDays.includes(d));
  if (both.length > 0) {
    throw new WorkingCalendarConfigError(`${both.join(', ')} listed in both extraOffDays and extraWorkDays`);
  }
  return { overrides, extraOffDays, extraWorkDays, ...(holidayRules ? { holidayRules } : {}) };
}

function dayEntries(value: unknown, path: string): NationalCalendarDay[] {
  if (!Array.isArray(value)) throw new WorkingCalendarConfigError(`${path} must be an array`);
  return value.map((raw, i) => {
    if (!isRecord(raw) || !CalendarDate.isValid(raw.date) || (raw.kind !== 'off' && raw.kind !== 'work') || typeof raw.name !== 'string' || typeof raw.source !== 'string') {
      throw new WorkingCalendarConfigError(`${path}[${i}] must be {date, kind: off|work, name, source}`);
    }
    return { date: raw.date, kind: raw.kind, name: raw.name, source: raw.source, verified: raw.verified !== false };
  });
}

function ruleList(value: unknown): HolidayRule[] {
  if (!Array.isArray(value)) throw new WorkingCalendarConfigError('holidayRules must be an array');
  return value.map((raw, i) => {
    const path = `holidayRules[${i}]`;
    if (!isRecord(raw) || typeof raw.id !== 'string' || typeof raw.name !== 'string' || typeof raw.source !== 'string') {
      throw new WorkingCalendarConfigError(`${path} must have an id, a name and a source`);
    }
    if (raw.calendar !== 'solar' && raw.calendar !== 'lunar' && raw.calendar !== 'adjacent') {
      throw new WorkingCalendarConfigError(`${path}.calendar must be solar, lunar or adjacent`);
    }
    const int = (v: unknown, min: number, max: number) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
    if (!int(raw.month, 1, 12) || !int(raw.day, 1, 31) || !int(raw.offset, -10, 10) || !int(raw.length, 1, 10) || !int(raw.fromYear, 1000, 9999)) {
      throw new WorkingCalendarConfigError(`${path}: month, day, offset, length or fromYear out of range`);
    }
    if (raw.toYear !== null && !int(raw.toYear, 1000, 9999)) throw new WorkingCalendarConfigError(`${path}.toYear must be a year or null`);
    return {
      id: raw.id,
      name: raw.name,
      calendar: raw.calendar,
      month: raw.month as number,
      day: raw.day as number,
      offset: raw.offset as number,
      length: raw.length as number,
      fromYear: raw.fromYear as number,
      toYear: raw.toYear as number | null,
      source: raw.source,
    };
  });
}

function dateList(value: unknown, path: string, year?: number): IsoDate[] {
  if (!Array.isArray(value)) throw new WorkingCalendarConfigError(`${path} must be an array of 'YYYY-MM-DD' strings`);
  const dates = value.map((item, i) => {
    try {
      return CalendarDate.assertValid(item);
    } catch (error) {
      throw new WorkingCalendarConfigError(`${path}[${i}]: ${(error as Error).message}`);
    }
  });
  if (year !== undefined) {
    const first = CalendarDate.toDayNumber(CalendarDate.format(year, 1, 1)) - OVERRIDE_SPILL_DAYS;
    const last = CalendarDate.toDayNumber(CalendarDate.format(year, 12, 31)) + OVERRIDE_SPILL_DAYS;
    for (const date of dates) {
      const day = CalendarDate.toDayNumber(date);
      if (day < first || day > last) {
        throw new WorkingCalendarConfigError(`${path}: ${date} is too far outside year ${year}`);
      }
    }
  }
  return [...new Set(dates)].sort();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
