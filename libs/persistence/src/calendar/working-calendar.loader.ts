import { DataSource, EntityManager } from 'typeorm';
import { defaultVietnamCalendarConfig, type WorkingCalendarConfig } from '@app/domain';
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

/** The national calendar with an organization's days as its extraOffDays / extraWorkDays. */
export function workingCalendarConfigOf(days: readonly StoredCalendarDay[]): WorkingCalendarConfig {
  const sorted = [...days].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  return {
    ...defaultVietnamCalendarConfig(),
    extraOffDays: sorted.filter((d) => d.kind === 'off').map((d) => d.day),
    extraWorkDays: sorted.filter((d) => d.kind === 'work').map((d) => d.day),
  };
}

/**
 * The working-day calendar of an organization as plain JSON: the national default (statutory
 * holidays and the government's yearly decisions) plus the organization's own days, sorted, so the
 * same database state always gives the same config (it becomes a workflow argument, and replay
 * needs the same bytes).
 */
export async function loadWorkingCalendarConfig(db: DataSource | EntityManager, organizationId: string): Promise<WorkingCalendarConfig> {
  return workingCalendarConfigOf(await loadOrganizationCalendarDays(db, organizationId));
}
