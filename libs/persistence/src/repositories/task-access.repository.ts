import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { SqlParams } from './sql-params';

type Db = DataSource | EntityManager;

/**
 * Who may read which task (WORKFLOW.md "People and what they may do"; scenario 10), as one
 * definition that the task list, the detail, the inboxes and the actions share.
 *
 * A person sees a task of their own organization when
 *  - they watch the whole plan: the monitor, the director, a deputy signing "KT. Giám đốc" (who
 *    sees what the director sees);
 *  - their unit leads or coordinates it (staff: officer or unit head of that unit);
 *  - they are a deputy director and a lead or coordinating unit is in their portfolio.
 * The administrator manages the directory (organizations, units, users, calendars) and makes no
 * task decisions; holding no unit and no portfolio, they see no task either: least privilege.
 *
 * A task of another organization does not exist for the caller (404); a task of their own that
 * they may not see is refused (403 TASK_ACCESS_DENIED).
 */
export interface TaskVisibility {
  organizationId: string;
  /** Every task of the organization. */
  all: boolean;
  /** Units whose tasks (as lead or coordinating unit) are visible; empty when `all`. */
  unitIds: string[];
}

export const STAFF_ROLES = ['officer', 'unitHead'];

/** Roles the actor acts with: their own, plus the director's when signing "KT.". */
export function effectiveRoles(actor: Actor): string[] {
  const own = actor.roles ?? [];
  return actor.onBehalfOfUserId ? [...new Set([...own, ...(actor.onBehalfOfRoles ?? [])])] : own;
}

export function visibilityOf(actor: Actor): TaskVisibility {
  // loadActor always sets it; a missing one must never widen a query to every organization.
  if (!actor.organizationId) throw new Error('actor without organization');
  const roles = effectiveRoles(actor);
  if (roles.includes('monitor') || roles.includes('director')) return { organizationId: actor.organizationId, all: true, unitIds: [] };
  const units = new Set<string>();
  if (actor.unitId && roles.some((r) => STAFF_ROLES.includes(r))) units.add(actor.unitId);
  if (roles.includes('deputyDirector')) for (const u of actor.portfolioUnitIds ?? []) units.add(u);
  return { organizationId: actor.organizationId, all: false, unitIds: [...units].sort() };
}

/** The task belongs to the caller's organization (alias `t` for tasks). */
export function organizationSql(v: TaskVisibility, p: SqlParams, t = 't'): string {
  return `${t}.organization_id = ${p.add(v.organizationId)}::uuid`;
}

/**
 * The caller may see the task, once it is known to be of their organization: the lead unit on the
 * row (ad-hoc tasks have no task_units row for it) or any lead/coordinating unit in task_units.
 */
export function accessSql(v: TaskVisibility, p: SqlParams, t = 't'): string {
  if (v.all) return 'TRUE';
  if (!v.unitIds.length) return 'FALSE';
  const units = p.add(v.unitIds);
  // A semi-join on the tasks of these units (ix_task_units_unit, ix_tasks_owner_unit_state), so a
  // listing is driven by the units' tasks rather than by a scan of the organization's.
  return `${t}.id IN (SELECT tu.task_id FROM task_units tu WHERE tu.unit_id = ANY(${units}::uuid[])
                     UNION ALL SELECT ot.id FROM tasks ot WHERE ot.owner_unit_id = ANY(${units}::uuid[]))`;
}

/**
 * The same rule as {@link accessSql}, checked task by task (the lead unit on the row, or a probe of
 * the task's task_units): for a statement already driven by a few task ids, where the semi-join on
 * every visible task would cost more than the rows it keeps (the escalated inbox box).
 */
export function accessProbeSql(v: TaskVisibility, p: SqlParams, t = 't'): string {
  if (v.all) return 'TRUE';
  if (!v.unitIds.length) return 'FALSE';
  const units = p.add(v.unitIds);
  return `(${t}.owner_unit_id = ANY(${units}::uuid[]) OR EXISTS (SELECT 1 FROM task_units tu WHERE tu.task_id = ${t}.id AND tu.unit_id = ANY(${units}::uuid[])))`;
}

/** Organization and access together: the filter of every list. */
export function visibleTaskSql(v: TaskVisibility, p: SqlParams, t = 't'): string {
  return `${organizationSql(v, p, t)} AND ${accessSql(v, p, t)}`;
}

/** A task of the caller's organization, with whether the caller may see it ({@link findAccessibleTask}). */
export interface AccessibleTaskRow {
  id: string;
  workflowId: string;
  version: number;
  /** A group-led row's parent (workflow groupTask): no lead unit of its own, child rows. */
  isGroup: boolean;
  /** The read rule ({@link accessSql}) holds for the caller. */
  visible: boolean;
}

/**
 * The task if it belongs to the caller's organization (null: missing or another organization's,
 * which the API answers alike), with whether the caller may see it.
 */
export async function findAccessibleTask(db: Db, v: TaskVisibility, id: string): Promise<AccessibleTaskRow | null> {
  const p = new SqlParams();
  const [row]: Array<{ id: string; workflow_id: string; version: number; is_group: boolean; visible: boolean }> = await db.query(
    `SELECT t.id, t.workflow_id, t.version,
            (t.owner_unit_id IS NULL AND EXISTS (SELECT 1 FROM tasks c WHERE c.parent_task_id = t.id)) AS is_group,
            ${accessSql(v, p)} AS visible
     FROM tasks t WHERE t.id = ${p.add(id)}::uuid AND ${organizationSql(v, p)}`,
    p.values,
  );
  if (!row) return null;
  return { id: row.id, workflowId: row.workflow_id, version: row.version, isGroup: row.is_group === true, visible: row.visible === true };
}

/** The lead unit on the task's row (null: none, or no such task). */
export async function findTaskOwnerUnitId(db: Db, taskId: string): Promise<string | null> {
  const [task]: Array<{ owner_unit_id: string | null }> = await db.query(`SELECT owner_unit_id FROM tasks WHERE id = $1`, [taskId]);
  return task?.owner_unit_id ?? null;
}

/** The task's state in the read model (undefined: no such task). */
export async function findTaskState(db: Db, taskId: string): Promise<string | undefined> {
  const [row]: Array<{ state: string }> = await db.query(`SELECT state FROM tasks WHERE id = $1`, [taskId]);
  return row?.state;
}

/** An active officer of the task's lead unit, both of the organization (whom `assign` may name). */
export interface LeadUnitOfficerRow {
  id: string;
  unit_id: string;
  full_name: string;
}

export async function findLeadUnitOfficer(db: Db, organizationId: string, taskId: string, userId: string): Promise<LeadUnitOfficerRow | null> {
  const [row]: LeadUnitOfficerRow[] = await db.query(
    `SELECT u.id, u.unit_id, u.full_name FROM users u JOIN tasks t ON t.id = $3 AND t.owner_unit_id = u.unit_id
     WHERE u.id = $1 AND u.organization_id = $2 AND t.organization_id = $2 AND u.is_active AND 'officer' = ANY(u.roles)`,
    [userId, organizationId, taskId],
  );
  return row ?? null;
}
