import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, encodeCursor, isIntAndBigintId } from '@app/domain';
import { SqlParams, SqlStatement } from './sql-params';
import { organizationSql, TaskVisibility, visibleTaskSql } from './task-access.repository';
import { filterSql, liveStatusWordSql, nextCursorOf, pageSql, summarySelectSql, TaskFilters, TaskSort, TaskSummaryRow } from './task-search.sql';

/**
 * What the API reads of tasks from the Postgres read model (never from Temporal visibility, which
 * lags): listings and counts through one visibility rule (task-access.repository.ts), the task
 * page's row, its units, milestones, group children, audit trail and discussion. Every statement
 * on `tasks`, `task_events`, `task_units` and `milestones` the task pages run is here; the API
 * maps the typed rows to its DTOs and answers 404/403.
 */

type Db = DataSource | EntityManager;

/** A listing: the caller's visible tasks, the conditions of an inbox, the filters, one keyset page. */
export interface TaskPageRequest {
  /** Conditions of an inbox on `tasks t`, built on the same parameters. */
  where?: (p: SqlParams, today: string) => string[];
  filters: TaskFilters;
  sort: TaskSort;
  limit: number;
  cursor?: string;
  /**
   * `where` holds only for tasks the caller may see (task-inbox.repository.ts `boxImpliesAccess`):
   * the access condition is left out, so the plan is driven by the box rather than by every visible task.
   */
  accessImplied?: boolean;
}

/** Conditions of a count on `tasks t` (an inbox box), built on the statement's parameters. */
export type TaskConditions = (p: SqlParams, today: string) => string[];

export interface TaskSummaryPage {
  rows: TaskSummaryRow[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** The statement {@link findTaskPage} runs (test/api/inbox-explain.int-spec.ts EXPLAINs exactly this); `today` as of when. */
export function taskPageStatement(v: TaskVisibility, r: TaskPageRequest, today: string): SqlStatement {
  const p = new SqlParams();
  const todayParam = p.add(today);
  const access = r.accessImplied ? organizationSql(v, p) : visibleTaskSql(v, p);
  const where = [access, ...(r.where?.(p, todayParam) ?? []), ...filterSql(r.filters, p, todayParam)];
  const { where: after, orderBy } = pageSql(r.sort, r.cursor, p);
  const limit = p.add(r.limit + 1);
  return { sql: `${summarySelectSql(todayParam)} WHERE ${[...where, ...after].join(' AND ')} ORDER BY ${orderBy} LIMIT ${limit}`, params: p.values };
}

/** One keyset page of the listing (`r.limit` rows at most) and the cursor of the next. */
export async function findTaskPage(db: Db, v: TaskVisibility, r: TaskPageRequest, today: string): Promise<TaskSummaryPage> {
  const { sql, params } = taskPageStatement(v, r, today);
  const rows: TaskSummaryRow[] = await db.query(sql, params);
  const page = rows.slice(0, r.limit);
  return { rows: page, nextCursor: nextCursorOf(r.sort, page[page.length - 1], rows.length > r.limit) };
}

/** The statement {@link countTasks} runs. */
export function taskCountStatement(v: TaskVisibility, where: TaskConditions, today: string, accessImplied = false): SqlStatement {
  const p = new SqlParams();
  const todayParam = p.add(today);
  const access = accessImplied ? organizationSql(v, p) : visibleTaskSql(v, p);
  return {
    // "as of" names the type of today's parameter for the boxes that do not compare with it.
    sql: `SELECT count(*)::int AS count, ${todayParam}::date AS as_of FROM tasks t
       WHERE ${[access, ...where(p, todayParam)].join(' AND ')}`,
    params: p.values,
  };
}

/** How many visible tasks meet the conditions (an inbox box's count). */
export async function countTasks(db: Db, v: TaskVisibility, where: TaskConditions, today: string, accessImplied = false): Promise<number> {
  const { sql, params } = taskCountStatement(v, where, today, accessImplied);
  const [{ count }]: Array<{ count: number }> = await db.query(sql, params);
  return count;
}

/** Summaries of the given tasks that the caller may see (the others are left out). */
export async function findTaskSummaries(db: Db, v: TaskVisibility, ids: string[], today: string): Promise<TaskSummaryRow[]> {
  if (!ids.length) return [];
  const p = new SqlParams();
  const todayParam = p.add(today);
  return db.query(
    `${summarySelectSql(todayParam)} WHERE ${visibleTaskSql(v, p)} AND t.id = ANY(${p.add([...new Set(ids)])}::uuid[])`,
    p.values,
  );
}

/** The task page's row: the summary and what only the page shows. */
export interface TaskDetailRow extends TaskSummaryRow {
  lead_raw: string | null;
  coordinating_raw: string | null;
  timeline_raw: string | null;
  note: string | null;
  /** The workflow's last snapshot as the read model stored it. */
  detail: Record<string, unknown> | null;
  current_milestone: number | string | null;
  plan_title: string | null;
  assignee_user_id: string | null;
  assignee: { id: string; fullName: string; username: string; title: string } | null;
  section_title: string | null;
  pending_review_codes: string[] | null;
}

/**
 * The task page's row, whoever asks (the caller's access is checked apart, {@link findAccessibleTask}
 * in task-access.repository.ts); null when there is no such task.
 */
export async function findTaskDetailRow(db: Db, id: string, today: string): Promise<TaskDetailRow | null> {
  const p = new SqlParams();
  const todayParam = p.add(today);
  const [row]: TaskDetailRow[] = await db.query(
    `${summarySelectSql(todayParam, {
      columns: `t.lead_raw, t.coordinating_raw, t.timeline_raw, t.note, t.detail, t.current_milestone, pl.title AS plan_title,
                  t.assignee_user_id, (SELECT json_build_object('id', au.id, 'fullName', au.full_name, 'username', au.username, 'title', coalesce(au.title, ''))
                                       FROM users au WHERE au.id = t.assignee_user_id) AS assignee,
                  s.title AS section_title,
                  ARRAY(SELECT pu.code FROM units pu WHERE pu.id = ANY(t.pending_review_unit_ids) ORDER BY pu.code) AS pending_review_codes`,
      joins: 'LEFT JOIN plans pl ON pl.id = t.plan_id',
    })}
       WHERE t.id = ${p.add(id)}::uuid`,
    p.values,
  );
  return row ?? null;
}

/** An event of the audit trail, with the people who acted (a: the actor, b: whom they signed for). */
export interface TaskEventRow {
  id: string;
  version: number;
  type: string;
  from_state: string | null;
  to_state: string | null;
  occurred_at: Date | string;
  payload: Record<string, unknown> | null;
  actor_user_id: string | null;
  on_behalf_of_user_id: string | null;
  a_id: string | null;
  a_name: string | null;
  a_title: string | null;
  a_unit: string | null;
  b_id: string | null;
  b_name: string | null;
  b_title: string | null;
  b_unit: string | null;
}

const EVENT_SELECT = `
  SELECT e.id, e.version, e.type, e.from_state, e.to_state, e.occurred_at, e.payload, e.actor_user_id, e.on_behalf_of_user_id,
         a.id AS a_id, a.full_name AS a_name, a.title AS a_title, au.code AS a_unit,
         b.id AS b_id, b.full_name AS b_name, b.title AS b_title, bu.code AS b_unit
  FROM task_events e
  LEFT JOIN users a ON a.id = e.actor_user_id
  LEFT JOIN units au ON au.id = e.actor_unit_id
  LEFT JOIN users b ON b.id = e.on_behalf_of_user_id
  LEFT JOIN units bu ON bu.id = b.unit_id`;

interface HistoryCursor {
  v: number;
  id: string;
}

/** A cursor not made here is refused: 400 INVALID_CURSOR. */
function decodeHistoryCursor(raw: string): HistoryCursor {
  return decodeCursor<HistoryCursor>(raw, (c) => isIntAndBigintId(c.v, c.id));
}

export interface TaskEventPage {
  rows: TaskEventRow[];
  nextCursor: string | null;
}

/** The audit trail, newest first, keyset-paginated on (version, id). */
export async function findTaskHistoryPage(db: Db, taskId: string, q: { limit: number; cursor?: string }): Promise<TaskEventPage> {
  const p = new SqlParams();
  const where = [`e.task_id = ${p.add(taskId)}::uuid`];
  if (q.cursor) {
    const c = decodeHistoryCursor(q.cursor);
    where.push(`(e.version, e.id) < (${p.add(c.v)}::int, ${p.add(c.id)}::bigint)`);
  }
  const rows: TaskEventRow[] = await db.query(
    `${EVENT_SELECT} WHERE ${where.join(' AND ')} ORDER BY e.version DESC, e.id DESC LIMIT ${p.add(q.limit + 1)}`,
    p.values,
  );
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return { rows: page, nextCursor: rows.length > q.limit && last ? encodeCursor({ v: last.version, id: String(last.id) }) : null };
}

/** The discussion of the task (COMMENTED events), oldest first; the latest 500. */
export async function findTaskComments(db: Db, taskId: string): Promise<TaskEventRow[]> {
  return db.query(`SELECT * FROM (${EVENT_SELECT} WHERE e.task_id = $1 AND e.type = 'COMMENTED' ORDER BY e.version DESC LIMIT 500) c ORDER BY c.version`, [
    taskId,
  ]);
}

export interface UnitRefRow {
  id: string;
  code: string;
  name: string;
}

/** A lead or coordinating unit of the task (task_units). */
export interface TaskUnitRow extends UnitRefRow {
  role: string;
  via_group: string | null;
}

/** The task's units: lead first, then by code. */
export async function findTaskUnits(db: Db, taskId: string): Promise<TaskUnitRow[]> {
  return db.query(
    `SELECT u.id, u.code, u.name, tu.role, tu.via_group FROM task_units tu JOIN units u ON u.id = tu.unit_id
       WHERE tu.task_id = $1 ORDER BY tu.role DESC, u.code`,
    [taskId],
  );
}

export async function findUnitRef(db: Db, unitId: string): Promise<UnitRefRow | null> {
  const [owner]: UnitRefRow[] = await db.query(`SELECT id, code, name FROM units WHERE id = $1`, [unitId]);
  return owner ?? null;
}

export interface MilestoneRow {
  position: number;
  label: string;
  kind: string;
  /** ISO date. */
  due_on: string | null;
  state: string;
  completed_at: Date | string | null;
}

/** The task's milestones (the read model's rows), in order. */
export async function findTaskMilestones(db: Db, taskId: string): Promise<MilestoneRow[]> {
  return db.query(
    `SELECT position, label, kind, to_char(due_on, 'YYYY-MM-DD') AS due_on, state, completed_at FROM milestones WHERE task_id = $1 ORDER BY position`,
    [taskId],
  );
}

/** A unit's row of a group-led task. */
export interface GroupChildRow {
  id: string;
  unit_code: string | null;
  state: string;
  /** The live status word as of today. */
  status_word: string;
  /** ISO dates. */
  effective_due_on: string | null;
  completed_on: string | null;
}

/** The rows of a group-led task, by unit code. */
export async function findGroupChildren(db: Db, taskId: string, today: string): Promise<GroupChildRow[]> {
  const p = new SqlParams();
  const todayParam = p.add(today);
  return db.query(
    `SELECT c.id, u.code AS unit_code, c.state, ${liveStatusWordSql(todayParam, 'c')} AS status_word,
              to_char(coalesce(c.extended_due_on, c.due_on), 'YYYY-MM-DD') AS effective_due_on, to_char(c.completed_on, 'YYYY-MM-DD') AS completed_on
       FROM tasks c LEFT JOIN units u ON u.id = c.owner_unit_id WHERE c.parent_task_id = ${p.add(taskId)}::uuid ORDER BY u.code`,
    p.values,
  );
}

export interface PersonRefRow {
  id: string;
  full_name: string;
  title: string | null;
  unit_code: string | null;
}

/** People named on a task (an instruction's author, whom they signed for), with their unit's code. */
export async function findPersonRefs(db: Db, userIds: string[]): Promise<PersonRefRow[]> {
  return db.query(`SELECT u.id, u.full_name, u.title, un.code AS unit_code FROM users u LEFT JOIN units un ON un.id = u.unit_id WHERE u.id = ANY($1::uuid[])`, [
    userIds,
  ]);
}
