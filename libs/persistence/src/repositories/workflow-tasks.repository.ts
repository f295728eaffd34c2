import { DataSource, EntityManager } from 'typeorm';

/**
 * Task rows as the workflow side of the system needs them: the open tasks a broadcast signals, and
 * the row of a task no plan lists (nhiệm vụ phát sinh), written before its workflow starts.
 */

type Db = DataSource | EntityManager;

/** An open task of the organization that has a workflow. */
export interface OpenTaskWorkflow {
  workflowId: string;
  /** Set for one unit's task of a group-led row (its row starts its workflow). */
  parentTaskId: string | null;
}

/** The organization's open tasks (not COMPLETED nor CANCELLED) with a workflow, by workflow id. */
export async function listOpenTaskWorkflows(db: Db, organizationId: string): Promise<OpenTaskWorkflow[]> {
  const rows: Array<{ workflow_id: string; parent_task_id: string | null }> = await db.query(
    `SELECT workflow_id, parent_task_id FROM tasks
     WHERE organization_id = $1 AND workflow_id IS NOT NULL AND state NOT IN ('COMPLETED', 'CANCELLED')
     ORDER BY workflow_id`,
    [organizationId],
  );
  return rows.map((r) => ({ workflowId: r.workflow_id, parentTaskId: r.parent_task_id }));
}

/** The row of an ad-hoc task as it starts (DRAFTING, on time). */
export interface NewAdHocTaskRow {
  organizationId: string;
  workflowId: string;
  title: string;
  searchText: string;
  ownerUnitId: string;
  dueOn: string | null;
}

/**
 * Stores the ad-hoc task unless a task with its workflow id exists (then that row is kept as it
 * is) and answers the id of the task with that workflow id.
 */
export async function insertAdHocTask(db: Db, row: NewAdHocTaskRow): Promise<string> {
  await db.query(
    `INSERT INTO tasks (organization_id, title, search_text, owner_unit_id, state, status_word, due_on, workflow_id)
     VALUES ($1, $2, $3, $4, 'DRAFTING', 'OPEN_ON_TIME', $5, $6)
     ON CONFLICT (workflow_id) DO NOTHING`,
    [row.organizationId, row.title, row.searchText, row.ownerUnitId, row.dueOn, row.workflowId],
  );
  const [task]: Array<{ id: string }> = await db.query(`SELECT id FROM tasks WHERE workflow_id = $1`, [row.workflowId]);
  return task.id;
}
