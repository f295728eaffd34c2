import { DataSource, EntityManager } from 'typeorm';

type Db = DataSource | EntityManager;

/** Which tasks a recount of working ends covers: the open ones, or all of them. */
export type WorkingDueScope = 'open' | 'all';

/** A deadline as written ('YYYY-MM-DD') and its working end by the organization's calendar and rule. */
export interface WorkingEnd {
  due: string;
  working: string;
}

/**
 * The working end of the tasks' deadlines (`tasks.working_due_on`) and the stored status word that
 * depends on it, set-based over the distinct deadlines (calendar/working-due.ts computes the ends).
 */
export class TaskWorkingDueRepository {
  constructor(private readonly db: Db) {}

  /** The distinct deadlines in force ('YYYY-MM-DD') of an organization's tasks in scope. */
  async distinctDeadlines(organizationId: string, scope: WorkingDueScope): Promise<string[]> {
    const rows: Array<{ due: string }> = await this.db.query(
      `SELECT DISTINCT to_char(coalesce(extended_due_on, due_on), 'YYYY-MM-DD') AS due FROM tasks
       WHERE organization_id = $1 AND coalesce(extended_due_on, due_on) IS NOT NULL ${scope === 'open' ? `AND state NOT IN ('COMPLETED', 'CANCELLED')` : ''}`,
      [organizationId],
    );
    return rows.map((r) => r.due);
  }

  /**
   * Sets the working end of each deadline on the tasks in scope whose end differs, with the status
   * word as statusWordOf gives it against that end as of `today` (stored words of other states do
   * not depend on a deadline, nor does "Không phát sinh": a row closed without its event).
   * Returns the ids of the rows it moved.
   */
  async applyWorkingEnds(organizationId: string, ends: readonly WorkingEnd[], today: string, scope: WorkingDueScope): Promise<string[]> {
    // In a CTE so the statement is a SELECT (TypeORM answers an UPDATE with [rows, count]).
    const moved: Array<{ id: string }> = await this.db.query(
      `WITH moved AS (
         UPDATE tasks t SET working_due_on = w.working,
                status_word = CASE
                  WHEN t.state IN ('DRAFTING', 'IN_REVIEW', 'AWAITING_APPROVAL') THEN CASE WHEN w.working < $4::date THEN 'OPEN_OVERDUE' ELSE 'OPEN_ON_TIME' END
                  WHEN t.state = 'COMPLETED' AND t.status_word <> 'NOT_ARISEN' THEN CASE WHEN t.completed_on IS NULL OR t.completed_on <= w.working THEN 'DONE_ON_TIME' ELSE 'DONE_LATE' END
                  ELSE t.status_word END
         FROM unnest($2::date[], $3::date[]) AS w(due, working)
         WHERE t.organization_id = $1 AND coalesce(t.extended_due_on, t.due_on) = w.due AND t.working_due_on IS DISTINCT FROM w.working
           ${scope === 'open' ? `AND t.state NOT IN ('COMPLETED', 'CANCELLED')` : ''}
         RETURNING t.id
       )
       SELECT id FROM moved`,
      [organizationId, ends.map((e) => e.due), ends.map((e) => e.working), today],
    );
    return moved.map((m) => m.id);
  }
}
