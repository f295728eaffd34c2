import { decodeCursor, encodeCursor, foldForSearch, isTimeAndId } from '@app/domain';
import { SqlParams } from './sql-params';

/**
 * The pieces of every task listing (GET /tasks, the inboxes): the summary columns, the filters,
 * the sort orders with their keyset cursors. Pure string building over {@link SqlParams}, so the
 * statements are unit-tested without a database and every value travels as a parameter. The
 * statements themselves run in task-query.repository.ts (and the inboxes', reports', metrics').
 */

/** Open states that have a deadline running (PENDING_TRIGGER has none until its event). */
export const ACTIVE_STATES = ['DRAFTING', 'IN_REVIEW', 'AWAITING_APPROVAL'] as const;
const ACTIVE_SQL = `('DRAFTING','IN_REVIEW','AWAITING_APPROVAL')`;

/** The deadline in force: the extended date when an extension was granted, else the plan's. */
export function effectiveDueSql(t = 't'): string {
  return `coalesce(${t}.extended_due_on, ${t}.due_on)`;
}

/**
 * The working end of the deadline in force (BLDS 2015 art. 148(5), the organization's day-off
 * rule: a deadline on a day off ends at the end of the next working day), as the workflow's
 * ladder counts it; a row not yet written by its workflow counts on the deadline as written.
 */
export function workingDueSql(t = 't'): string {
  return `coalesce(${t}.working_due_on, ${t}.extended_due_on, ${t}.due_on)`;
}

/**
 * The status word as of `today`: the stored word, except that an open task whose deadline has
 * passed (its working end: {@link workingDueSql}) is overdue even before the workflow's
 * DEADLINE_PASSED event reached the read model (the worker away, a task without the ladder). The
 * overdue inbox and the status filter use the same.
 */
export function liveStatusWordSql(today: string, t = 't'): string {
  return `(CASE WHEN ${t}.state IN ${ACTIVE_SQL} AND ${workingDueSql(t)} < ${today}::date THEN 'OPEN_OVERDUE' ELSE ${t}.status_word END)`;
}

/** Open with a deadline in force whose working end is over. Served by the partial index ix_tasks_open_working_due. */
export function overdueSql(today: string, t = 't'): string {
  return `${t}.state IN ${ACTIVE_SQL} AND ${workingDueSql(t)} < ${today}::date`;
}

/**
 * The live status word ({@link liveStatusWordSql}) is `word`, written so that indexes serve it: an
 * open task past its deadline is overdue whatever word is stored (ix_tasks_open_effective_due),
 * any other task has the stored word (ix_tasks_org_status_word). `IS NOT TRUE`: a task without a
 * deadline is not overdue.
 */
export function statusWordFilterSql(word: string, p: SqlParams, today: string, t = 't'): string {
  const w = p.add(word);
  return word === 'OPEN_OVERDUE' ? `(${overdueSql(today, t)} OR ${t}.status_word = ${w})` : `(${t}.status_word = ${w} AND (${overdueSql(today, t)}) IS NOT TRUE)`;
}

/**
 * Why a task is back with its lead unit, from the workflow's last snapshot (`tasks.detail`), as the
 * task page's banner reads it: 'returned' (leadership sent it back with an instruction, until the
 * next submission), 'disagreed' (a coordinating unit disagreed in the last round), else NULL.
 */
export function sentBackSql(t = 't'): string {
  return `(CASE WHEN ${t}.state <> 'DRAFTING' THEN NULL
                WHEN jsonb_typeof(${t}.detail->'instruction') = 'object' THEN 'returned'
                WHEN ${t}.detail->'lastReview'->>'outcome' = 'disagreed' THEN 'disagreed' END)`;
}

/** The summary columns of `tasks t` (with extra columns and joins for the detail page). */
export function summarySelectSql(today: string, extra: { columns?: string; joins?: string } = {}): string {
  return `
  SELECT t.id, t.workflow_id, t.plan_id, t.section_id, s.code AS section_code, t.parent_task_id, t.row_key, t.title,
         t.owner_unit_id, u.code AS owner_unit_code, u.name AS owner_unit_name, t.state,
         ${liveStatusWordSql(today)} AS status_word,
         to_char(t.due_on, 'YYYY-MM-DD') AS due_on, to_char(t.extended_due_on, 'YYYY-MM-DD') AS extended_due_on,
         to_char(${workingDueSql()}, 'YYYY-MM-DD') AS working_due_on,
         to_char(t.completed_on, 'YYYY-MM-DD') AS completed_on, t.progress_percent, t.version, t.last_activity_at, t.waiting_on,
         -- A scalar subquery, probed through ix_tasks_parent for the rows of the page: as EXISTS the
         -- planner may hash it instead, one sequential scan of every task (inbox-explain.int-spec.ts).
         (t.owner_unit_id IS NULL AND coalesce((SELECT true FROM tasks c WHERE c.parent_task_id = t.id LIMIT 1), false)) AS is_group,
         ${sentBackSql('t')} AS sent_back,
         -- keyset cursors: microsecond precision (a JS Date would round it and the next page would repeat rows)
         to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_key,
         to_char(t.last_activity_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS activity_key,
         to_char(coalesce(${effectiveDueSql()}, DATE '9999-12-31'), 'YYYY-MM-DD') AS due_key
         ${extra.columns ? `, ${extra.columns}` : ''}
  FROM tasks t
  LEFT JOIN units u ON u.id = t.owner_unit_id
  LEFT JOIN plan_sections s ON s.id = t.section_id
  ${extra.joins ?? ''}`;
}

export interface TaskFilters {
  state?: string;
  planId?: string;
  sectionId?: string;
  /** The lead unit (the owner, or one of the lead units of a group-led row). */
  unitId?: string;
  statusWord?: string;
  /** Deadline in force on or before / on or after (ISO dates). */
  dueBefore?: string;
  dueAfter?: string;
  /** Words of the title, any case, with or without diacritics. */
  q?: string;
}

/** Escapes LIKE's wildcards so "50%" is searched as written. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Folded words of a search ("Cải  cách" → ["cai", "cach"]); at most 8 words. */
export function searchTokens(q: string | undefined): string[] {
  if (!q) return [];
  return [...new Set(foldForSearch(q).split(' ').filter(Boolean))].slice(0, 8);
}

export function filterSql(f: TaskFilters, p: SqlParams, today: string, t = 't'): string[] {
  const where: string[] = [];
  if (f.state) where.push(`${t}.state = ${p.add(f.state)}`);
  if (f.planId) where.push(`${t}.plan_id = ${p.add(f.planId)}::uuid`);
  if (f.sectionId) where.push(`${t}.section_id = ${p.add(f.sectionId)}::uuid`);
  if (f.unitId) {
    const unit = p.add(f.unitId);
    where.push(`(${t}.owner_unit_id = ${unit}::uuid
                 OR EXISTS (SELECT 1 FROM task_units lu WHERE lu.task_id = ${t}.id AND lu.unit_id = ${unit}::uuid AND lu.role = 'lead'))`);
  }
  if (f.statusWord) where.push(statusWordFilterSql(f.statusWord, p, today, t));
  if (f.dueBefore) where.push(`${effectiveDueSql(t)} <= ${p.add(f.dueBefore)}::date`);
  if (f.dueAfter) where.push(`${effectiveDueSql(t)} >= ${p.add(f.dueAfter)}::date`);
  // Each word anywhere in the folded title (tasks.search_text): the trigram index serves LIKE '%…%'.
  for (const token of searchTokens(f.q)) where.push(`${t}.search_text LIKE ${p.add(`%${likeLiteral(token)}%`)}`);
  return where;
}

export const TASK_SORTS = ['created', 'dueOn', 'lastActivity'] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

interface SortSpec {
  /** Expression sorted on, and the same as the cursor key column of the summary. */
  expr: string;
  keyColumn: 'created_key' | 'activity_key' | 'due_key';
  cast: 'timestamptz' | 'date';
  direction: 'ASC' | 'DESC';
}

const SORTS: Record<TaskSort, SortSpec> = {
  created: { expr: 't.created_at', keyColumn: 'created_key', cast: 'timestamptz', direction: 'ASC' },
  // Nearest deadline first; tasks without one last.
  dueOn: { expr: `coalesce(${effectiveDueSql()}, DATE '9999-12-31')`, keyColumn: 'due_key', cast: 'date', direction: 'ASC' },
  // Most recently active first.
  lastActivity: { expr: 't.last_activity_at', keyColumn: 'activity_key', cast: 'timestamptz', direction: 'DESC' },
};

/** What an opaque cursor holds: the sort it belongs to, the last row's key and id. */
interface Cursor {
  s: TaskSort;
  k: string;
  id: string;
}

/** The cursor of another sort, or anything not made here, is refused: 400 INVALID_CURSOR. */
export function decodeTaskCursor(raw: string, sort: TaskSort): Cursor {
  return decodeCursor<Cursor>(raw, (c) => c.s === sort && isTimeAndId(c, 'k'));
}

/** ORDER BY and the keyset condition after the cursor's row. */
export function pageSql(sort: TaskSort, cursor: string | undefined, p: SqlParams): { where: string[]; orderBy: string } {
  const spec = SORTS[sort];
  const where: string[] = [];
  if (cursor) {
    const c = decodeTaskCursor(cursor, sort);
    const op = spec.direction === 'ASC' ? '>' : '<';
    where.push(`(${spec.expr}, t.id) ${op} (${p.add(c.k)}::${spec.cast}, ${p.add(c.id)}::uuid)`);
  }
  return { where, orderBy: `${spec.expr} ${spec.direction}, t.id ${spec.direction}` };
}

/** The cursor keys of a listed row (a {@link TaskSummaryRow}). */
export type TaskCursorKeys = Partial<Record<'id' | 'created_key' | 'activity_key' | 'due_key', unknown>>;

export function nextCursorOf(sort: TaskSort, last: TaskCursorKeys | undefined, more: boolean): string | null {
  if (!more || !last) return null;
  return encodeCursor({ s: sort, k: last[SORTS[sort].keyColumn] as string, id: last.id as string });
}

/** Where a task stands, as the listings and the progress report read it. */
export interface TaskStandingColumns {
  state: string;
  /** The live status word as of the statement's today ({@link liveStatusWordSql}). */
  status_word: string;
  /** ISO dates. */
  due_on: string | null;
  extended_due_on: string | null;
  working_due_on: string | null;
  completed_on: string | null;
  progress_percent: number | string | null;
}

/** A row of {@link summarySelectSql}: what a task listing shows of each task (and its cursor keys). */
export interface TaskSummaryRow extends TaskStandingColumns {
  id: string;
  workflow_id: string;
  plan_id: string | null;
  section_id: string | null;
  section_code: string | null;
  parent_task_id: string | null;
  row_key: string | null;
  title: string;
  owner_unit_id: string | null;
  owner_unit_code: string | null;
  owner_unit_name: string | null;
  version: number;
  last_activity_at: Date | string;
  waiting_on: { kind?: string; unitIds?: string[]; text?: string } | null;
  is_group: boolean;
  /** 'returned', 'disagreed' or null ({@link sentBackSql}). */
  sent_back: string | null;
  created_key: string;
  activity_key: string;
  due_key: string;
}
