import { DataSource, EntityManager } from 'typeorm';
import type { PlanHeaderColumns } from './plan.repository';
import { SqlParams } from './sql-params';
import { accessSql, TaskVisibility } from './task-access.repository';
import { liveStatusWordSql, TaskStandingColumns, workingDueSql } from './task-search.sql';

/**
 * What a plan's progress report (task by task) reads: the plan with its organization, its
 * sections, and every row of it with the live status word and whether the reader may see the
 * row's own work (draft, reports, blockers).
 */

type Db = DataSource | EntityManager;

export interface PlanReportHeaderRow extends PlanHeaderColumns {
  organization_code: string;
  organization_name: string;
}

/** The plan if it belongs to the organization (null: missing or another organization's). */
export async function findPlanReportHeader(db: Db, organizationId: string, planId: string): Promise<PlanReportHeaderRow | null> {
  const [plan]: PlanReportHeaderRow[] = await db.query(
    `SELECT p.id, p.title, p.number, p.issuer, p.place, to_char(p.issued_on, 'YYYY-MM-DD') AS issued_on, p.start_year, p.end_year,
              o.code AS organization_code, o.name AS organization_name
       FROM plans p JOIN organizations o ON o.id = p.organization_id
       WHERE p.id = $1 AND p.organization_id = $2`,
    [planId, organizationId],
  );
  return plan ?? null;
}

export interface PlanSectionRow {
  id: string;
  code: string;
  title: string;
  position: number;
}

/** The plan's sections, in order. */
export async function findPlanSections(db: Db, planId: string): Promise<PlanSectionRow[]> {
  return db.query(`SELECT id, code, title, position FROM plan_sections WHERE plan_id = $1 ORDER BY position`, [planId]);
}

/** A task of the progress report (its standing as of the report's date). */
export interface PlanProgressTaskRow extends TaskStandingColumns {
  id: string;
  parent_task_id: string | null;
  row_key: string | null;
  section_id: string | null;
  title: string;
  lead_raw: string;
  coordinating_raw: string;
  timeline_raw: string;
  note: string;
  extra: Record<string, string> | null;
  unit_code: string | null;
  unit_name: string | null;
  pending_review_count: number | string | null;
  /** The parts of the workflow's snapshot the report shows. */
  detail: Record<string, unknown> | null;
  /** The reader may see the task (task-access.repository.ts). */
  visible: boolean;
}

/** Every row of the plan (of the organization), as of `asOf`, with whether the reader may see each. */
export async function findPlanProgressTasks(db: Db, v: TaskVisibility, planId: string, asOf: string): Promise<PlanProgressTaskRow[]> {
  const p = new SqlParams();
  const plan$ = p.add(planId);
  const org$ = p.add(v.organizationId);
  const today$ = p.add(asOf);
  const visible = accessSql(v, p);
  return db.query(
    `SELECT t.id, t.parent_task_id, t.row_key, t.section_id, t.title, t.lead_raw, t.coordinating_raw, t.timeline_raw, t.note, t.extra,
              u.code AS unit_code, u.name AS unit_name, t.state, ${liveStatusWordSql(today$)} AS status_word,
              to_char(t.due_on, 'YYYY-MM-DD') AS due_on, to_char(t.extended_due_on, 'YYYY-MM-DD') AS extended_due_on,
              to_char(${workingDueSql()}, 'YYYY-MM-DD') AS working_due_on,
              to_char(t.completed_on, 'YYYY-MM-DD') AS completed_on, t.progress_percent,
              cardinality(t.pending_review_unit_ids) AS pending_review_count,
              jsonb_build_object('draft', t.detail->'draft', 'milestones', t.detail->'milestones', 'rounds', t.detail->'rounds',
                                 'trigger', t.detail->'trigger', 'extensions', t.detail->'extensions', 'blockers', t.detail->'blockers') AS detail,
              (${visible}) AS visible
       FROM tasks t LEFT JOIN units u ON u.id = t.owner_unit_id
       WHERE t.plan_id = ${plan$}::uuid AND t.organization_id = ${org$}::uuid`,
    p.values,
  );
}
