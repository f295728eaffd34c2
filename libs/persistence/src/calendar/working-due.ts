import { DataSource, EntityManager } from 'typeorm';
import { CalendarDate, resolveOrganizationSettings, WorkingCalendar, workingDueOf, type IsoDate, type WorkingCalendarConfig } from '@app/domain';
import { recomputeOrganizationRatings } from '../ratings/unit-monthly-ratings';
import { TaskWorkingDueRepository } from '../repositories/task-working-due.repository';
import { loadWorkingCalendarConfig } from './working-calendar.loader';

export interface WorkingDueRefresh {
  /** Task rows whose working end (and so possibly their status word) changed. */
  updated: number;
  /** Distinct deadlines counted. */
  deadlines: number;
}

/**
 * Recomputes `tasks.working_due_on` of an organization's tasks (the working end of the deadline in
 * force by the organization's calendar and day-off rule: workingDueOf, the workflow's own
 * function) and the stored status word of the rows it moves, then the monthly ratings when a row
 * moved. Called when the calendar or the rule changes (the broadcasts that hand the change to
 * open tasks: only open tasks then, their workflows write the same with their next event) and by
 * the migration that introduced the column (every task: closed ones are judged again as on time or
 * late by the rule). Set-based: one statement over the distinct deadlines, whatever the number of tasks.
 */
export async function refreshWorkingDue(
  db: DataSource | EntityManager,
  organizationId: string,
  opts: { calendar?: WorkingCalendarConfig; dayOffRule?: boolean; scope?: 'open' | 'all'; today?: IsoDate } = {},
): Promise<WorkingDueRefresh> {
  const config = opts.calendar ?? (await loadWorkingCalendarConfig(db, organizationId));
  let rule = opts.dayOffRule;
  if (rule === undefined) {
    const [org]: Array<{ settings: Record<string, unknown> | null }> = await db.query(`SELECT settings FROM organizations WHERE id = $1`, [organizationId]);
    rule = resolveOrganizationSettings(org?.settings).dayOffRule;
  }
  const calendar = new WorkingCalendar(config);
  const scope = opts.scope === 'all' ? 'all' : 'open';
  const tasks = new TaskWorkingDueRepository(db);
  const due = await tasks.distinctDeadlines(organizationId, scope);
  if (!due.length) return { updated: 0, deadlines: 0 };
  const today = opts.today ?? CalendarDate.fromInstant(Date.now());
  const moved = await tasks.applyWorkingEnds(
    organizationId,
    due.map((d) => ({ due: d, working: workingDueOf(calendar, d, rule) })),
    today,
    scope,
  );
  if (moved.length) await recomputeOrganizationRatings(db, organizationId, { today });
  return { updated: moved.length, deadlines: due.length };
}
