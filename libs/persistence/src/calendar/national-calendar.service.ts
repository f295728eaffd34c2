import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  CalendarDate,
  DomainError,
  STATUTORY_RULES_FIRST_YEAR,
  STATUTORY_RULES_LAST_YEAR,
  statutoryHolidays,
  WorkingCalendar,
  type IsoDate,
  type WorkingCalendarConfig,
} from '@app/domain';
import { CALENDAR_ERROR, MAX_WORKING_DAYS_PER_YEAR, MIN_WORKING_DAYS_PER_YEAR } from './organization-calendar.service';
import { loadNationalCalendarConfig, loadOrganizationCalendarDays, workingCalendarConfigOf } from './working-calendar.loader';

/** One line of `calendar YEAR --org CODE`: a day, what it is called, and where it comes from. */
export interface CalendarReportDay {
  date: IsoDate;
  name: string;
  source: string;
}

/**
 * A year as an organization counts it: every weekday not worked and every holiday (a holiday on a
 * weekend included), and every weekend day worked.
 */
export interface CalendarYearReport {
  year: number;
  organizationCode: string;
  /** Working days of the year. */
  workingDays: number;
  /** Whether an official schedule is recorded for the year (else: the rules, a forecast). */
  official: boolean;
  daysOff: CalendarReportDay[];
  workingWeekendDays: CalendarReportDay[];
}

export interface NationalDayInput {
  day: string;
  kind: 'off' | 'work';
  name: string;
  /** Document number and date, e.g. "Công văn 12729/VPCP-KGVX ngày 25/12/2025". */
  source: string;
  /** false when the document text could not be checked. Defaults to true. */
  verified?: boolean;
}

const ORGANIZATION_SOURCE = 'Lịch riêng của cơ quan';
const MAX_NAME_LENGTH = 200;
const MAX_SOURCE_LENGTH = 500;

function vnDate(day: IsoDate): string {
  const { year, month, day: d } = CalendarDate.parse(day);
  return `${String(d).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}

export function assertCalendarYear(year: number): number {
  if (!Number.isInteger(year) || year < STATUTORY_RULES_FIRST_YEAR || year > STATUTORY_RULES_LAST_YEAR) {
    throw new DomainError(
      CALENDAR_ERROR.YEAR_UNSUPPORTED,
      `Lịch làm việc không tính được năm ${year}: chỉ hỗ trợ các năm từ ${STATUTORY_RULES_FIRST_YEAR} đến ${STATUTORY_RULES_LAST_YEAR}.`,
      { year },
    );
  }
  return year;
}

/**
 * The year report of a calendar config. Names and sources: the organization's own entry, else the
 * official schedule's entry, else the holiday rule (name and article of law).
 */
export function calendarYearReport(
  config: WorkingCalendarConfig,
  year: number,
  organizationCode: string,
  ownNames: ReadonlyMap<IsoDate, { name: string; note: string }> = new Map(),
): CalendarYearReport {
  assertCalendarYear(year);
  const calendar = new WorkingCalendar(config);
  const rules = calendar.holidayRules();
  const ruleSource = new Map(rules.map((r) => [r.id, r.source]));
  const official = config.overrides.some((o) => o.year === year);
  const byRule = new Map(statutoryHolidays(year, rules).map((h) => [h.date, h]));
  const describe = (date: IsoDate, fallbackName: string): CalendarReportDay => {
    const own = ownNames.get(date);
    if (own) return { date, name: own.name, source: own.note ? `${ORGANIZATION_SOURCE}: ${own.note}` : ORGANIZATION_SOURCE };
    const entry = calendar.nationalDayOf(date);
    if (entry) return { date, name: entry.name, source: entry.verified ? entry.source : `${entry.source} [chưa đối chiếu văn bản]` };
    const rule = byRule.get(date);
    if (rule && !official) return { date, name: rule.name, source: `${ruleSource.get(rule.source) ?? rule.source}${rule.kind === 'day-off' ? '; Bộ luật Lao động 45/2019/QH14, Điều 111 khoản 3 (nghỉ bù)' : ''}` };
    return { date, name: fallbackName, source: 'Thông báo của Chính phủ (không rõ văn bản)' };
  };
  const daysOff: CalendarReportDay[] = [];
  const workingWeekendDays: CalendarReportDay[] = [];
  for (const date of CalendarDate.range(CalendarDate.format(year, 1, 1), CalendarDate.format(year, 12, 31))) {
    const working = calendar.isWorkingDay(date);
    const weekend = CalendarDate.isWeekend(date);
    if (weekend && working) workingWeekendDays.push(describe(date, 'Ngày làm việc'));
    else if (!working && (!weekend || isHolidayDay(calendar, date, official, byRule))) daysOff.push(describe(date, 'Ngày nghỉ'));
  }
  return {
    year,
    organizationCode,
    workingDays: calendar.workingDaysBetween(CalendarDate.format(year - 1, 12, 31), CalendarDate.format(year, 12, 31)),
    official,
    daysOff,
    workingWeekendDays,
  };
}

/** A weekend day off that is also a holiday: listed (a holiday on a Sunday is still the holiday). */
function isHolidayDay(calendar: WorkingCalendar, date: IsoDate, official: boolean, byRule: Map<IsoDate, { kind: string }>): boolean {
  if (calendar.nationalDayOf(date)?.kind === 'off') return true;
  return !official && byRule.get(date)?.kind === 'public-holiday';
}

/**
 * The platform operator's edits of the national calendar: a government decision recorded without a
 * release. Every edit is one transaction, serialized, checked against the whole year before
 * anything is written. A year without an official schedule is first filled from the holiday rules
 * (each day sourced to its article), so adding one decision never drops the statutory holidays.
 */
@Injectable()
export class NationalCalendarService {
  constructor(private readonly dataSource: DataSource) {}

  /** The year report as an organization counts it. */
  async report(organizationCode: string, year: number): Promise<CalendarYearReport> {
    assertCalendarYear(year);
    const db = this.dataSource;
    const [org] = await db.query(`SELECT id, code FROM organizations WHERE code = $1`, [organizationCode.trim().toUpperCase()]);
    if (!org) throw new DomainError(CALENDAR_ERROR.ORGANIZATION_NOT_FOUND, `Không tìm thấy tổ chức "${organizationCode}".`, { organizationCode });
    const own: Array<{ day: string; name: string; note: string }> = await db.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, name, note FROM organization_calendar_days WHERE organization_id = $1 ORDER BY day`,
      [org.id],
    );
    const config = workingCalendarConfigOf(await loadOrganizationCalendarDays(db, org.id), await loadNationalCalendarConfig(db));
    return calendarYearReport(config, year, org.code, new Map(own.map((o) => [o.day, { name: o.name, note: o.note }])));
  }

  /** Adds or changes one day of the national calendar. */
  async setDay(input: NationalDayInput, actorUserId: string | null = null): Promise<{ day: IsoDate; kind: 'off' | 'work'; name: string; source: string; verified: boolean; createdYear: boolean }> {
    const day = validNationalDay(input);
    const year = assertCalendarYear(CalendarDate.yearOf(day.day));
    return this.dataSource.transaction(async (tx) => {
      await lockNationalCalendar(tx);
      const national = await loadNationalCalendarConfig(tx);
      const createdYear = !national.overrides.some((o) => o.year === year);
      if (createdYear) await seedYearFromRules(tx, year, national);
      const after = await loadNationalCalendarConfig(tx);
      const others = after.overrides.map((o) =>
        o.year !== year
          ? o
          : {
              ...o,
              offDays: o.offDays.filter((d) => d !== day.day).concat(day.kind === 'off' ? [day.day] : []).sort(),
              makeUpWorkDays: o.makeUpWorkDays.filter((d) => d !== day.day).concat(day.kind === 'work' ? [day.day] : []).sort(),
              days: undefined,
            },
      );
      assertPlausible({ ...after, overrides: others }, year);
      await tx.query(
        `INSERT INTO national_calendar_days (day, year, kind, name, source, verified, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (day) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, source = EXCLUDED.source,
           verified = EXCLUDED.verified, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [day.day, year, day.kind, day.name, day.source, day.verified, actorUserId],
      );
      await tx.query(`UPDATE national_calendar_years SET updated_at = now() WHERE year = $1`, [year]);
      return { ...day, createdYear };
    });
  }

  /** Removes one day of a year's official schedule (the day is then an ordinary day of that year). */
  async removeDay(dayInput: string): Promise<void> {
    const day = validDate(dayInput);
    await this.dataSource.transaction(async (tx) => {
      await lockNationalCalendar(tx);
      const [{ deleted }]: Array<{ deleted: number }> = await tx.query(
        `WITH d AS (DELETE FROM national_calendar_days WHERE day = $1 RETURNING 1) SELECT count(*)::int AS deleted FROM d`,
        [day],
      );
      if (deleted === 0) {
        throw new DomainError(CALENDAR_ERROR.DAY_NOT_FOUND, `Ngày ${vnDate(day)} không có trong lịch quốc gia.`, { day });
      }
    });
  }
}

function validDate(input: unknown): IsoDate {
  if (!CalendarDate.isValid(input)) {
    throw new DomainError(CALENDAR_ERROR.DAY_INVALID, `Ngày "${String(input)}" không hợp lệ: cần một ngày có thật, viết theo dạng YYYY-MM-DD.`, { day: input });
  }
  return input;
}

function validNationalDay(input: NationalDayInput): Required<NationalDayInput> {
  const day = validDate(input?.day);
  if (input.kind !== 'off' && input.kind !== 'work') {
    throw new DomainError(CALENDAR_ERROR.DAY_INVALID, 'Loại ngày phải là "off" (ngày nghỉ) hoặc "work" (ngày làm bù).', { day, kind: input.kind });
  }
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  const source = typeof input.source === 'string' ? input.source.trim() : '';
  if (!name || !source || name.length > MAX_NAME_LENGTH || source.length > MAX_SOURCE_LENGTH) {
    throw new DomainError(
      CALENDAR_ERROR.DAY_INVALID,
      `Ngày của lịch quốc gia cần tên (tối đa ${MAX_NAME_LENGTH} ký tự) và nguồn: số và ngày của văn bản (tối đa ${MAX_SOURCE_LENGTH} ký tự).`,
      { day },
    );
  }
  if (input.kind === 'work' && !CalendarDate.isWeekend(day)) {
    throw new DomainError(CALENDAR_ERROR.DAY_POINTLESS, `Ngày ${vnDate(day)} không phải thứ Bảy hoặc Chủ nhật: không cần khai báo làm bù.`, { day });
  }
  return { day, kind: input.kind, name, source, verified: input.verified !== false };
}

async function lockNationalCalendar(tx: EntityManager): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('national-calendar', 0))`);
}

/** A year gets an official schedule: its statutory days first, each sourced to its article. */
async function seedYearFromRules(tx: EntityManager, year: number, national: WorkingCalendarConfig): Promise<void> {
  const calendar = new WorkingCalendar(national);
  const rules = calendar.holidayRules();
  const source = new Map(rules.map((r) => [r.id, r.source]));
  const days = new Map<IsoDate, { name: string; source: string }>();
  for (const h of statutoryHolidays(year, rules)) {
    if (days.has(h.date)) continue;
    const article = source.get(h.source) ?? h.source;
    days.set(h.date, { name: h.name, source: h.kind === 'day-off' ? `${article}; Bộ luật Lao động 45/2019/QH14, Điều 111 khoản 3 (nghỉ bù)` : article });
  }
  await tx.query(`INSERT INTO national_calendar_years (year, note) VALUES ($1, $2)`, [
    year,
    `Lịch năm ${year}: các ngày lễ theo Bộ luật Lao động, bổ sung theo quyết định do nhà vận hành ghi nhận.`,
  ]);
  const entries = [...days.entries()];
  await tx.query(
    `INSERT INTO national_calendar_days (day, year, kind, name, source, verified)
     SELECT d.day, $1, 'off', d.name, d.source, true FROM unnest($2::date[], $3::text[], $4::text[]) AS d(day, name, source)`,
    [year, entries.map(([d]) => d), entries.map(([, v]) => v.name), entries.map(([, v]) => v.source)],
  );
}

function assertPlausible(config: WorkingCalendarConfig, year: number): void {
  let workingDays: number;
  try {
    workingDays = new WorkingCalendar(config).workingDaysBetween(CalendarDate.format(year - 1, 12, 31), CalendarDate.format(year, 12, 31));
  } catch (error) {
    throw new DomainError(CALENDAR_ERROR.YEAR_ABSURD, `Lịch quốc gia năm ${year} sau khi điều chỉnh không hợp lệ: ${(error as Error).message}`, { year });
  }
  if (workingDays < MIN_WORKING_DAYS_PER_YEAR || workingDays > MAX_WORKING_DAYS_PER_YEAR) {
    throw new DomainError(
      CALENDAR_ERROR.YEAR_ABSURD,
      `Lịch quốc gia năm ${year} sau khi điều chỉnh có ${workingDays} ngày làm việc (hợp lý từ ${MIN_WORKING_DAYS_PER_YEAR} đến ${MAX_WORKING_DAYS_PER_YEAR}).`,
      { year, workingDays },
    );
  }
}
