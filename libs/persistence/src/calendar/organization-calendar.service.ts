import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  CalendarDate,
  DomainError,
  ORGANIZATION_DAY_OFF_NAME,
  STATUTORY_RULES_FIRST_YEAR,
  STATUTORY_RULES_LAST_YEAR,
  statutoryHolidays,
  WorkingCalendar,
  WorkingCalendarConfigError,
  type HolidayId,
  type IsoDate,
  type WorkingCalendarConfig,
} from '@app/domain';
import type { CalendarDayKind } from '../entities/organization-calendar-day.entity';
import { loadNationalCalendarConfig, loadOrganizationCalendarDays, workingCalendarConfigOf, type StoredCalendarDay } from './working-calendar.loader';

/** Error codes of calendar edits (mapped to HTTP in apps/api/src/common/error-codes.ts). */
export const CALENDAR_ERROR = {
  /** Not a date, not a kind, a name too long, a day outside the year being replaced, a day twice. */
  DAY_INVALID: 'CALENDAR_DAY_INVALID',
  /** A year the holiday rules do not cover. */
  YEAR_UNSUPPORTED: 'CALENDAR_YEAR_UNSUPPORTED',
  /** A day off that is off already, or a working day that is working already. */
  DAY_POINTLESS: 'CALENDAR_DAY_POINTLESS',
  /** The year would come out with an implausible number of working days, or the calendar refuses it. */
  YEAR_ABSURD: 'CALENDAR_YEAR_ABSURD',
  DAY_NOT_FOUND: 'CALENDAR_DAY_NOT_FOUND',
  ORGANIZATION_NOT_FOUND: 'ORGANIZATION_NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
} as const;

export const ORGANIZATION_WORK_DAY_NAME = 'Ngày làm việc theo quyết định của cơ quan';
export const GOVERNMENT_MAKE_UP_DAY_NAME = 'Làm bù theo thông báo của Chính phủ';

/**
 * A year has about 250 working days (365 − 104 weekend days − 11 holidays ± swaps). Outside these
 * bounds the entries are a data-entry mistake (a range pasted into the wrong year, every Saturday
 * marked as work), not a real decision: refused rather than silently moving every deadline.
 */
export const MIN_WORKING_DAYS_PER_YEAR = 200;
export const MAX_WORKING_DAYS_PER_YEAR = 300;
const MAX_NAME_LENGTH = 200;
const MAX_NOTE_LENGTH = 2000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CalendarDayInput {
  day: string;
  kind: CalendarDayKind;
  /** Defaults to the generic name of the kind. */
  name?: string | null;
  note?: string | null;
}

/** One of the organization's own rows. */
export interface OrganizationCalendarEntry {
  day: IsoDate;
  kind: CalendarDayKind;
  name: string;
  note: string;
  createdBy: string | null;
  updatedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Where a day's status comes from: the Labour Code's rules (the holiday itself and its nghỉ bù),
 * the government's decision for that year (Tết placement, swapped days, make-up Saturdays), or
 * the organization's own entry.
 */
export type CalendarDaySource = 'statutory' | 'government' | 'organization';

export interface CalendarYearDay {
  day: IsoDate;
  name: string;
  source: CalendarDaySource;
  /** The statutory holiday the day belongs to, when it belongs to one. */
  holiday: HolidayId | null;
}

export interface OrganizationCalendarYear {
  organizationId: string;
  year: number;
  /** Working days of the year for this organization. */
  workingDays: number;
  /** Every day off other than an ordinary Saturday or Sunday (a holiday on a weekend is listed), sorted. */
  daysOff: CalendarYearDay[];
  /** Days worked that would otherwise be off: make-up weekends, and holidays the organization works. */
  workDays: CalendarYearDay[];
  /** The organization's own rows for the year, sorted. */
  entries: OrganizationCalendarEntry[];
}

interface EntryRow {
  day: string;
  kind: CalendarDayKind;
  name: string;
  note: string;
  created_by: string | null;
  updated_by: string | null;
  created_at: Date;
  updated_at: Date;
}

const ENTRY_COLUMNS = `to_char(day, 'YYYY-MM-DD') AS day, kind, name, note, created_by, updated_by, created_at, updated_at`;

function toEntry(r: EntryRow): OrganizationCalendarEntry {
  return {
    day: r.day,
    kind: r.kind,
    name: r.name,
    note: r.note,
    createdBy: r.created_by,
    updatedBy: r.updated_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** 05/09/2024: how dates read in Vietnamese messages. */
function vnDate(day: IsoDate): string {
  const { year, month, day: d } = CalendarDate.parse(day);
  return `${String(d).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}

function yearBounds(year: number): { first: IsoDate; last: IsoDate } {
  return { first: CalendarDate.format(year, 1, 1), last: CalendarDate.format(year, 12, 31) };
}

/**
 * Edits an organization's working-day calendar: its own days off and extra working days on top of
 * the national calendar. Every edit runs in one transaction, serialized per organization, and is
 * checked against the whole calendar before anything is written, so a refused edit stores nothing.
 * A plain class over a DataSource: Nest injects it, scripts construct it.
 */
@Injectable()
export class OrganizationCalendarService {
  constructor(private readonly dataSource: DataSource) {}

  /** The year as the organization lives it: days off and extra working days with names and sources. */
  async listYear(organizationId: string, year: number): Promise<OrganizationCalendarYear> {
    const checkedYear = assertSupportedYear(year);
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      await assertOrganization(tx, organizationId);
      return yearView(tx, organizationId, checkedYear);
    });
  }

  /** Adds or changes one day (upsert on the organization and day). */
  async setDay(organizationId: string, input: CalendarDayInput, actorUserId: string | null = null): Promise<OrganizationCalendarEntry> {
    const day = validDay(input);
    const year = assertSupportedYear(CalendarDate.yearOf(day.day));
    return this.dataSource.transaction(async (tx) => {
      await lockOrganizationCalendar(tx, organizationId);
      await assertActor(tx, organizationId, actorUserId);
      const national = await loadNationalCalendarConfig(tx);
      const others = (await loadOrganizationCalendarDays(tx, organizationId)).filter((d) => d.day !== day.day);
      assertMeaningful(calendarOf(others, national), [day]);
      assertPlausibleYear([...others, day], year, national);
      const [row] = await upsertDays(tx, organizationId, [day], actorUserId);
      return toEntry(row);
    });
  }

  /**
   * Removes one of the organization's days; the national calendar decides that day again. Not
   * checked for plausibility: a removal only moves the year back towards the national calendar.
   */
  async removeDay(organizationId: string, day: string): Promise<void> {
    const date = validDate(day);
    await this.dataSource.transaction(async (tx) => {
      await lockOrganizationCalendar(tx, organizationId);
      // A DELETE through TypeORM answers [rows, count]; wrapped in a SELECT it answers rows.
      const [{ deleted }]: Array<{ deleted: number }> = await tx.query(
        `WITH d AS (DELETE FROM organization_calendar_days WHERE organization_id = $1 AND day = $2 RETURNING 1)
         SELECT count(*)::int AS deleted FROM d`,
        [organizationId, date],
      );
      if (deleted === 0) {
        throw new DomainError(CALENDAR_ERROR.DAY_NOT_FOUND, `Ngày ${vnDate(date)} không có trong lịch riêng của cơ quan.`, { day: date });
      }
    });
  }

  /**
   * The organization's days of a year become exactly `days` (an administrator's yearly edit, or the
   * import of the year's decision): days not listed are removed, listed days are added or updated
   * (keeping who created them).
   */
  async replaceYear(
    organizationId: string,
    year: number,
    days: readonly CalendarDayInput[],
    actorUserId: string | null = null,
  ): Promise<OrganizationCalendarEntry[]> {
    const checkedYear = assertSupportedYear(year);
    const { first, last } = yearBounds(checkedYear);
    const wanted = days.map(validDay);
    const seen = new Set<string>();
    for (const d of wanted) {
      if (d.day < first || d.day > last) {
        throw new DomainError(CALENDAR_ERROR.DAY_INVALID, `Ngày ${vnDate(d.day)} không thuộc năm ${checkedYear}.`, { day: d.day, year: checkedYear });
      }
      if (seen.has(d.day)) {
        throw new DomainError(CALENDAR_ERROR.DAY_INVALID, `Ngày ${vnDate(d.day)} được khai báo nhiều lần.`, { day: d.day });
      }
      seen.add(d.day);
    }
    return this.dataSource.transaction(async (tx) => {
      await lockOrganizationCalendar(tx, organizationId);
      await assertActor(tx, organizationId, actorUserId);
      const national = await loadNationalCalendarConfig(tx);
      const others = (await loadOrganizationCalendarDays(tx, organizationId)).filter((d) => d.day < first || d.day > last);
      // A day's status depends only on its own entry, so each is judged against the calendar
      // without this year's entries.
      assertMeaningful(calendarOf(others, national), wanted);
      assertPlausibleYear([...others, ...wanted], checkedYear, national);
      await tx.query(
        `DELETE FROM organization_calendar_days
         WHERE organization_id = $1 AND day BETWEEN $2 AND $3 AND NOT (day = ANY($4::date[]))`,
        [organizationId, first, last, wanted.map((d) => d.day)],
      );
      const rows = await upsertDays(tx, organizationId, wanted, actorUserId);
      return rows.map(toEntry).sort((a, b) => (a.day < b.day ? -1 : 1));
    });
  }
}

interface ValidDay {
  day: IsoDate;
  kind: CalendarDayKind;
  name: string;
  note: string;
}

function validDate(input: unknown): IsoDate {
  if (!CalendarDate.isValid(input)) {
    throw new DomainError(
      CALENDAR_ERROR.DAY_INVALID,
      `Ngày "${String(input)}" không hợp lệ: cần một ngày có thật, viết theo dạng YYYY-MM-DD.`,
      { day: input },
    );
  }
  return input;
}

function validDay(input: CalendarDayInput): ValidDay {
  const day = validDate(input?.day);
  const kind = input.kind;
  if (kind !== 'off' && kind !== 'work') {
    throw new DomainError(CALENDAR_ERROR.DAY_INVALID, 'Loại ngày phải là "off" (ngày nghỉ) hoặc "work" (ngày làm việc).', { day, kind });
  }
  if ((input.name != null && typeof input.name !== 'string') || (input.note != null && typeof input.note !== 'string')) {
    throw new DomainError(CALENDAR_ERROR.DAY_INVALID, 'Tên và ghi chú của ngày phải là văn bản.', { day });
  }
  const name = input.name?.trim() || (kind === 'off' ? ORGANIZATION_DAY_OFF_NAME : ORGANIZATION_WORK_DAY_NAME);
  const note = input.note?.trim() ?? '';
  if (name.length > MAX_NAME_LENGTH || note.length > MAX_NOTE_LENGTH) {
    throw new DomainError(
      CALENDAR_ERROR.DAY_INVALID,
      `Tên ngày không được dài quá ${MAX_NAME_LENGTH} ký tự, ghi chú không quá ${MAX_NOTE_LENGTH} ký tự.`,
      { day },
    );
  }
  return { day, kind, name, note };
}

function assertSupportedYear(year: number): number {
  if (!Number.isInteger(year) || year < STATUTORY_RULES_FIRST_YEAR || year > STATUTORY_RULES_LAST_YEAR) {
    throw new DomainError(
      CALENDAR_ERROR.YEAR_UNSUPPORTED,
      `Lịch làm việc chỉ hỗ trợ các năm từ ${STATUTORY_RULES_FIRST_YEAR} đến ${STATUTORY_RULES_LAST_YEAR}.`,
      { year },
    );
  }
  return year;
}

function calendarOf(days: readonly StoredCalendarDay[], national: WorkingCalendarConfig): WorkingCalendar {
  return new WorkingCalendar(workingCalendarConfigOf(days, national));
}

/** A day off that is off anyway, or a working day that works anyway, changes nothing: refused. */
function assertMeaningful(base: WorkingCalendar, days: readonly ValidDay[]): void {
  for (const d of days) {
    const working = base.isWorkingDay(d.day);
    if (d.kind === 'off' && !working) {
      throw new DomainError(CALENDAR_ERROR.DAY_POINTLESS, `Ngày ${vnDate(d.day)} đã là ngày nghỉ, không cần khai báo thêm.`, {
        day: d.day,
        kind: d.kind,
      });
    }
    if (d.kind === 'work' && working) {
      throw new DomainError(CALENDAR_ERROR.DAY_POINTLESS, `Ngày ${vnDate(d.day)} đã là ngày làm việc, không cần khai báo làm bù.`, {
        day: d.day,
        kind: d.kind,
      });
    }
  }
}

/** The calendar must accept the days and leave the year a plausible number of working days. */
function assertPlausibleYear(days: readonly StoredCalendarDay[], year: number, national: WorkingCalendarConfig): void {
  const { first, last } = yearBounds(year);
  let workingDays: number;
  try {
    workingDays = calendarOf(days, national).workingDaysBetween(CalendarDate.addDays(first, -1), last);
  } catch (error) {
    if (error instanceof WorkingCalendarConfigError || error instanceof RangeError) {
      throw new DomainError(CALENDAR_ERROR.YEAR_ABSURD, `Lịch năm ${year} sau khi điều chỉnh không hợp lệ; vui lòng kiểm tra lại các ngày đã khai báo.`, {
        year,
        reason: error.message,
      });
    }
    throw error;
  }
  if (workingDays < MIN_WORKING_DAYS_PER_YEAR || workingDays > MAX_WORKING_DAYS_PER_YEAR) {
    throw new DomainError(
      CALENDAR_ERROR.YEAR_ABSURD,
      `Lịch năm ${year} sau khi điều chỉnh có ${workingDays} ngày làm việc (hợp lý từ ${MIN_WORKING_DAYS_PER_YEAR} đến ` +
        `${MAX_WORKING_DAYS_PER_YEAR}); vui lòng kiểm tra lại các ngày đã khai báo.`,
      { year, workingDays },
    );
  }
}

async function assertOrganization(db: EntityManager, organizationId: string): Promise<void> {
  const found = UUID.test(organizationId) && (await db.query(`SELECT 1 FROM organizations WHERE id = $1`, [organizationId])).length > 0;
  if (!found) throw new DomainError(CALENDAR_ERROR.ORGANIZATION_NOT_FOUND, 'Không tìm thấy tổ chức.', { organizationId });
}

/**
 * Edits of one organization's calendar run one at a time, so each is checked against the state it
 * writes over. An advisory lock, not a row lock on the organization: FOR UPDATE there would also
 * block every insert that references the organization.
 */
async function lockOrganizationCalendar(tx: EntityManager, organizationId: string): Promise<void> {
  await assertOrganization(tx, organizationId);
  await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('organization-calendar:' || $1, 0))`, [organizationId]);
}

async function assertActor(tx: EntityManager, organizationId: string, actorUserId: string | null): Promise<void> {
  if (actorUserId === null) return;
  const found =
    UUID.test(actorUserId) &&
    (await tx.query(`SELECT 1 FROM users WHERE id = $1 AND organization_id = $2`, [actorUserId, organizationId])).length > 0;
  if (!found) throw new DomainError(CALENDAR_ERROR.FORBIDDEN, 'Người dùng không thuộc tổ chức này.', { actorUserId });
}

async function upsertDays(tx: EntityManager, organizationId: string, days: readonly ValidDay[], actorUserId: string | null): Promise<EntryRow[]> {
  if (!days.length) return [];
  return tx.query(
    `INSERT INTO organization_calendar_days (organization_id, day, kind, name, note, created_by, updated_by)
     SELECT $1, d.day, d.kind, d.name, d.note, $6, $6
     FROM unnest($2::date[], $3::text[], $4::text[], $5::text[]) AS d(day, kind, name, note)
     ON CONFLICT (organization_id, day) DO UPDATE
       SET kind = EXCLUDED.kind, name = EXCLUDED.name, note = EXCLUDED.note, updated_by = EXCLUDED.updated_by, updated_at = now()
     RETURNING ${ENTRY_COLUMNS}`,
    [organizationId, days.map((d) => d.day), days.map((d) => d.kind), days.map((d) => d.name), days.map((d) => d.note), actorUserId],
  );
}

async function yearView(tx: EntityManager, organizationId: string, year: number): Promise<OrganizationCalendarYear> {
  const { first, last } = yearBounds(year);
  const calendar = calendarOf(await loadOrganizationCalendarDays(tx, organizationId), await loadNationalCalendarConfig(tx));
  const rows: EntryRow[] = await tx.query(
    `SELECT ${ENTRY_COLUMNS} FROM organization_calendar_days WHERE organization_id = $1 AND day BETWEEN $2 AND $3 ORDER BY day`,
    [organizationId, first, last],
  );
  const entries = rows.map(toEntry);
  const own = new Map(entries.map((e) => [e.day, e]));
  const byLaw = new Set(statutoryHolidays(year, calendar.holidayRules()).map((h) => h.date));
  const organizationDay = (e: OrganizationCalendarEntry): CalendarYearDay => ({ day: e.day, name: e.name, source: 'organization', holiday: null });

  const daysOff = new Map<IsoDate, CalendarYearDay>();
  for (const h of calendar.holidaysOf(year)) {
    const entry = own.get(h.date);
    daysOff.set(
      h.date,
      entry?.kind === 'off'
        ? organizationDay(entry)
        : {
            day: h.date,
            name: h.name,
            source: byLaw.has(h.date) ? 'statutory' : 'government',
            holiday: h.source === 'government' || h.source === 'organization' ? null : h.source,
          },
    );
  }
  // holidaysOf skips weekend days: an organization's day off on a make-up Saturday is added here.
  for (const e of entries) if (e.kind === 'off' && !daysOff.has(e.day)) daysOff.set(e.day, organizationDay(e));

  const workDays = new Map<IsoDate, CalendarYearDay>();
  for (const day of calendar.makeUpWorkDaysOf(year)) {
    const entry = own.get(day);
    workDays.set(day, entry?.kind === 'work' ? organizationDay(entry) : { day, name: GOVERNMENT_MAKE_UP_DAY_NAME, source: 'government', holiday: null });
  }
  // Weekdays the organization works although the nation is off (a holiday it keeps open).
  for (const e of entries) if (e.kind === 'work' && !workDays.has(e.day)) workDays.set(e.day, organizationDay(e));

  const sorted = (m: Map<IsoDate, CalendarYearDay>) => [...m.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
  return {
    organizationId,
    year,
    workingDays: calendar.workingDaysBetween(CalendarDate.addDays(first, -1), last),
    daysOff: sorted(daysOff),
    workDays: sorted(workDays),
    entries,
  };
}
