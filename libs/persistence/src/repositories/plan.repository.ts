import { DataSource, EntityManager } from 'typeorm';

/**
 * Reads of plans (`plans`, `plan_sections`) and of their rows' tasks: the plan an import lands on,
 * the stored rows a re-import is compared with, the plan listing and a plan's progress. A plan's
 * rows are its tasks without a parent (a group-led row's unit tasks are not rows).
 */

type Db = DataSource | EntityManager;

/**
 * The status word of a task as of a day, as SQL over the alias `t`: the caller's expression
 * (the API's live status word, overdue counted from the working end), with `today` the SQL text of
 * the day's parameter (`$2`).
 */
export type LiveStatusWordSql = (today: string) => string;

/** The plan of the organization with this business key (`planKeyOf`), if it was imported before. */
export async function findPlanByKey(db: Db, organizationId: string, planKey: string): Promise<{ id: string; title: string } | undefined> {
  const [plan]: Array<{ id: string; title: string }> = await db.query(`SELECT id, title FROM plans WHERE organization_id = $1 AND plan_key = $2`, [
    organizationId,
    planKey,
  ]);
  return plan;
}

/** How many rows the plan has (its tasks without a parent). */
export async function countPlanRows(db: Db, planId: string): Promise<number> {
  const [{ n }]: Array<{ n: number }> = await db.query(`SELECT count(*)::int AS n FROM tasks WHERE plan_id = $1 AND parent_task_id IS NULL`, [planId]);
  return n;
}

/** A stored row of a plan as the import compares it with a file's row. */
export interface StoredPlanRowRecord {
  id: string;
  row_key: string;
  title: string;
  lead_raw: string;
  coordinating_raw: string;
  timeline_raw: string;
  state: string;
  status_word: string;
}

/** The plan's rows in the order they were stored. */
export async function listPlanRows(db: Db, planId: string): Promise<StoredPlanRowRecord[]> {
  return db.query(
    `SELECT id, row_key, title, lead_raw, coordinating_raw, timeline_raw, state, status_word
     FROM tasks WHERE plan_id = $1 AND parent_task_id IS NULL ORDER BY created_at, id`,
    [planId],
  );
}

/** A plan's header as its document states it (what every plan read returns). */
export interface PlanHeaderColumns {
  id: string;
  title: string;
  number: string | null;
  issuer: string | null;
  place: string | null;
  /** YYYY-MM-DD. */
  issued_on: string | null;
  start_year: number;
  end_year: number;
}

/** A plan as the listing and the detail show it. */
export interface PlanSummaryRecord extends PlanHeaderColumns {
  signer_name: string | null;
  signed_on_behalf: boolean;
  source_file_name: string | null;
  created_at: Date;
  /** `created_at` to the microsecond (a JS Date rounds it), for the keyset cursor. */
  created_cursor: string;
}

const SELECT_PLAN = `
  SELECT p.id, p.title, p.number, p.issuer, p.place, to_char(p.issued_on, 'YYYY-MM-DD') AS issued_on, p.start_year, p.end_year,
         p.signer_name, p.signed_on_behalf, p.source_file_name, p.created_at,
         to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_cursor
  FROM plans p`;

/** The organization's plans, newest first, after the cursor (`created_cursor` and id of the last one seen); at most `limit`. */
export async function listPlans(
  db: Db,
  organizationId: string,
  page: { after?: { t: string; id: string }; limit: number },
): Promise<PlanSummaryRecord[]> {
  const params: unknown[] = [organizationId];
  const where = ['p.organization_id = $1'];
  if (page.after) {
    params.push(page.after.t, page.after.id);
    // Newest first.
    where.push(`(p.created_at, p.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(page.limit);
  return db.query(`${SELECT_PLAN} WHERE ${where.join(' AND ')} ORDER BY p.created_at DESC, p.id DESC LIMIT $${params.length}`, params);
}

/** The plan `id` of the organization, if it has it. */
export async function findPlan(db: Db, organizationId: string, id: string): Promise<PlanSummaryRecord | undefined> {
  const [plan]: PlanSummaryRecord[] = await db.query(`${SELECT_PLAN} WHERE p.id = $1 AND p.organization_id = $2`, [id, organizationId]);
  return plan;
}

/** Rows of each plan by status word as of `today`. */
export async function planRowStatusCounts(
  db: Db,
  planIds: readonly string[],
  today: string,
  liveStatusWord: LiveStatusWordSql,
): Promise<Array<{ plan_id: string; status_word: string; n: number }>> {
  return db.query(
    `SELECT t.plan_id, ${liveStatusWord('$2')} AS status_word, count(*)::int AS n FROM tasks t
     WHERE t.plan_id = ANY($1::uuid[]) AND t.parent_task_id IS NULL GROUP BY 1, 2`,
    [planIds, today],
  );
}

/**
 * The plan's sections in order, with their rows by status word as of `today` (a group-led row
 * once, by the row's own status word); a section without rows has one line with a null word and 0.
 */
export async function planSectionStatusCounts(
  db: Db,
  planId: string,
  today: string,
  liveStatusWord: LiveStatusWordSql,
): Promise<Array<{ id: string; code: string; title: string; position: number; status_word: string | null; n: number }>> {
  return db.query(
    `SELECT s.id, s.code, s.title, s.position, ${liveStatusWord('$2')} AS status_word, count(t.id)::int AS n
     FROM plan_sections s LEFT JOIN tasks t ON t.section_id = s.id AND t.parent_task_id IS NULL
     WHERE s.plan_id = $1
     GROUP BY s.id, s.code, s.title, s.position, 5
     ORDER BY s.position, 5`,
    [planId, today],
  );
}

/**
 * What each unit answers for in the plan, by status word as of `today`: the rows it leads alone,
 * and its own task of every group-led row (the row itself has no single owner and is left out).
 */
export async function planUnitStatusCounts(
  db: Db,
  planId: string,
  today: string,
  liveStatusWord: LiveStatusWordSql,
): Promise<Array<{ id: string; code: string; name: string; status_word: string; n: number }>> {
  return db.query(
    `SELECT u.id, u.code, u.name, ${liveStatusWord('$2')} AS status_word, count(*)::int AS n
     FROM tasks t JOIN units u ON u.id = t.owner_unit_id
     WHERE t.plan_id = $1
     GROUP BY u.id, u.code, u.name, 4
     ORDER BY u.code, 4`,
    [planId, today],
  );
}
