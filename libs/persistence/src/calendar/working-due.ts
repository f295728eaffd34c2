import { DataSource, EntityManager } from 'typeorm';
import { CalendarDate, resolveOrganizationSettings, WorkingCalendar, workingDueOf, type IsoDate, type WorkingCalendarConfig } from '@app/domain';
import { recomputeOrganizationRatings } from '../ratings/unit-monthly-ratings';
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
  const open = opts.scope !== 'all';
  const scope = open ? `AND state NOT IN ('COMPLETED', 'CANCELLED')` : '';
  const dates: Array<{ due: string }> = await db.query(
    `SELECT DISTINCT to_char(coalesce(extended_due_on, due_on), 'YYYY-MM-DD') AS due FROM tasks
     WHERE organization_id = $1 AND coalesce(extended_due_on, due_on) IS NOT NULL ${scope}`,
    [organizationId],
  );
  if (!dates.length) return { updated: 0, deadlines: 0 };
  const due = dates.map((d) => d.due);
  const working = due.map((d) => workingDueOf(calendar, d, rule));
  const today = opts.today ?? CalendarDate.fromInstant(Date.now());
  // The status word as statusWordOf gives it against the working end (stored words of other
  // states do not depend on a deadline, nor does "Không phát sinh": a row closed without its event).
  const moved: Array<{ id: string }> = await db.query(
    `UPDATE tasks t SET working_due_on = w.working,
            status_word = CASE
              WHEN t.state IN ('DRAFTING', 'IN_REVIEW', 'AWAITING_APPROVAL') THEN CASE WHEN w.working < $4::date THEN 'OPEN_OVERDUE' ELSE 'OPEN_ON_TIME' END
              WHEN t.state = 'COMPLETED' AND t.status_word <> 'NOT_ARISEN' THEN CASE WHEN t.completed_on IS NULL OR t.completed_on <= w.working THEN 'DONE_ON_TIME' ELSE 'DONE_LATE' END
              ELSE t.status_word END
     FROM unnest($2::date[], $3::date[]) AS w(due, working)
     WHERE t.organization_id = $1 AND coalesce(t.extended_due_on, t.due_on) = w.due AND t.working_due_on IS DISTINCT FROM w.working
       ${open ? `AND t.state NOT IN ('COMPLETED', 'CANCELLED')` : ''}
     RETURNING t.id`,
    [organizationId, due, working, today],
  );
  if (moved.length) await recomputeOrganizationRatings(db, organizationId, { today });
  return { updated: moved.length, deadlines: due.length };
}
