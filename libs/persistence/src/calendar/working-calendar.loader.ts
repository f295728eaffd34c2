import { DataSource, EntityManager } from 'typeorm';
import {
  defaultVietnamCalendarConfig,
  nationalCalendarConfig,
  type HolidayRule,
  type NationalCalendarYear,
  type WorkingCalendarConfig,
  workflowCalendarConfig,
} from '@app/domain';
import type { CalendarDayKind } from '../entities/organization-calendar-day.entity';

export interface StoredCalendarDay {
  day: string;
  kind: CalendarDayKind;
}

/** The organization's own days, sorted by day (the unique index makes each day appear once). */
export async function loadOrganizationCalendarDays(db: DataSource | EntityManager, organizationId: string): Promise<StoredCalendarDay[]> {
  return db.query(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, kind FROM organization_calendar_days WHERE organization_id = $1 ORDER BY day`,
    [organizationId],
  );
}

/**
 * The national calendar as stored (national_holiday_rules, national_calendar_years,
 * national_calendar_days), as a config with no organization days. Sorted, so the same database
 * state always gives the same bytes.
 */
export async function loadNationalCalendarConfig(db: DataSource | EntityManager): Promise<WorkingCalendarConfig> {
  const rules: Array<Omit<HolidayRule, 'id'> & { holidayId: string }> = await db.query(
    `SELECT holiday_id AS "holidayId", name, calendar, month, day, "offset", length, from_year AS "fromYear", to_year AS "toYear", source
     FROM national_holiday_rules ORDER BY position`,
  );
  const years: Array<{ year: number; note: string }> = await db.query(`SELECT year, note FROM national_calendar_years ORDER BY year`);
  const days: Array<{ date: string; year: number; kind: 'off' | 'work'; name: string; source: string; verified: boolean }> = await db.query(
    `SELECT to_char(day, 'YYYY-MM-DD') AS date, year, kind, name, source, verified FROM national_calendar_days ORDER BY day`,
  );
  const national: NationalCalendarYear[] = years.map((y) => ({
    year: y.year,
    note: y.note,
    days: days.filter((d) => d.year === y.year).map((d) => ({ date: d.date, kind: d.kind, name: d.name, source: d.source, verified: d.verified })),
  }));
  return nationalCalendarConfig(
    national,
    rules.map(({ holidayId, ...r }) => ({ id: holidayId, ...r })),
  );
}

/** A national calendar with an organization's days as its extraOffDays / extraWorkDays. */
export function workingCalendarConfigOf(
  days: readonly StoredCalendarDay[],
  national: WorkingCalendarConfig = defaultVietnamCalendarConfig(),
): WorkingCalendarConfig {
  const sorted = [...days].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  return {
    ...national,
    extraOffDays: sorted.filter((d) => d.kind === 'off').map((d) => d.day),
    extraWorkDays: sorted.filter((d) => d.kind === 'work').map((d) => d.day),
  };
}

/**
 * The working-day calendar of an organization as plain JSON: the national calendar as stored
 * (holiday rules and the government's yearly decisions) plus the organization's own days, sorted,
 * so the same database state always gives the same config (it becomes a workflow argument, and
 * replay needs the same bytes). Without the days' names and sources (workflowCalendarConfig).
 */
export async function loadWorkingCalendarConfig(db: DataSource | EntityManager, organizationId: string): Promise<WorkingCalendarConfig> {
  return workflowCalendarConfig(workingCalendarConfigOf(await loadOrganizationCalendarDays(db, organizationId), await loadNationalCalendarConfig(db)));
}
