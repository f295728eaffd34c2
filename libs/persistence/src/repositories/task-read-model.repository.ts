import { DataSource, EntityManager } from 'typeorm';

type Db = DataSource | EntityManager;

/** The task row as the read-model activity reads it under its row lock (dates 'YYYY-MM-DD'). */
export interface LockedTaskRow {
  version: number;
  dueOn: string | null;
  extendedDueOn: string | null;
  workingDueOn: string | null;
  ownerUnitId: string | null;
  state: string;
  statusWord: string;
  completedOn: string | null;
  decidingUserIds: string[];
  approverUserIds: string[];
}

/** A state change of the foundation slice's events (no task patch). */
export interface TaskStateChange {
  state: string;
  statusWord: string;
  version: number;
  /** ISO instant of the event. */
  occurredAt: string;
}

/** The task row as the workflow saw it after an event. */
export interface TaskRowPatch extends TaskStateChange {
  dueOn: string | null;
  extendedDueOn: string | null;
  ownerUnitId: string | null;
  completedOn: string | null;
  progressPercent: number;
  pendingReviewUnitIds: string[];
  waitingOn: unknown;
  detail: unknown;
  currentMilestone: number;
  awaitingKind: string;
  decidingUserIds: string[];
  approverUserIds: string[];
  assigneeUserId: string | null;
  workingDueOn: string | null;
}

/** A milestone's state as the workflow has it, by position. */
export interface MilestoneUpdate {
  state: string;
  dueOn: string | null;
  completedAt: Date | null;
}

/** The task as a notification describes it (after the event's patch). */
export interface NotifiableTaskRow {
  organizationId: string;
  title: string;
  ownerUnitId: string | null;
  /** The deadline in force, 'YYYY-MM-DD'. */
  dueOn: string | null;
  statusWord: string | null;
  planTitle: string | null;
  waitingKind: string | null;
  pendingReviewUnitIds: string[] | null;
  approverUserIds: string[] | null;
}

/**
 * The read model's task rows, their units and milestones as the workflows write them (the worker's
 * read-model activity, inside its transaction). Every write moves a row only forward in `version`.
 */
export class TaskReadModelRepository {
  constructor(private readonly db: Db) {}

  /**
   * The task row, locked until the transaction ends: two events of one task delivered at once are
   * serialized, so the version test and the unit/milestone sync that follows see the same row.
   */
  async lockForPatch(taskId: string): Promise<LockedTaskRow | undefined> {
    const [row]: LockedTaskRow[] = await this.db.query(
      `SELECT version, to_char(due_on, 'YYYY-MM-DD') AS "dueOn", to_char(extended_due_on, 'YYYY-MM-DD') AS "extendedDueOn",
              to_char(working_due_on, 'YYYY-MM-DD') AS "workingDueOn", owner_unit_id AS "ownerUnitId",
              state, status_word AS "statusWord", to_char(completed_on, 'YYYY-MM-DD') AS "completedOn",
              deciding_user_ids AS "decidingUserIds", approver_user_ids AS "approverUserIds"
       FROM tasks WHERE id = $1 FOR UPDATE`,
      [taskId],
    );
    return row;
  }

  /** State, status word and version only (the foundation slice's events); only forward in version. */
  async applyStateChange(taskId: string, c: TaskStateChange): Promise<void> {
    await this.db.query(
      `UPDATE tasks SET state = $2, status_word = $3, version = $4, last_activity_at = $5, updated_at = now()
       WHERE id = $1 AND version < $4`,
      [taskId, c.state, c.statusWord, c.version, c.occurredAt],
    );
  }

  /** The whole row after an event; only forward in version. */
  async applyPatch(taskId: string, p: TaskRowPatch): Promise<void> {
    await this.db.query(
      `UPDATE tasks SET state = $2, status_word = $3, version = $4, last_activity_at = $5, due_on = $6, extended_due_on = $7,
              owner_unit_id = $8, completed_on = $9,
              completed_at = CASE WHEN $2 = 'COMPLETED' THEN COALESCE(completed_at, $5) ELSE NULL END,
              progress_percent = $10, pending_review_unit_ids = $11::uuid[], waiting_on = $12, detail = $13,
              current_milestone = $14, awaiting_kind = $15, deciding_user_ids = $16::uuid[], approver_user_ids = $17::uuid[],
              assignee_user_id = $18::uuid, working_due_on = $19::date, updated_at = now()
       WHERE id = $1 AND version < $4`,
      [
        taskId,
        p.state,
        p.statusWord,
        p.version,
        p.occurredAt,
        p.dueOn,
        p.extendedDueOn,
        p.ownerUnitId,
        p.completedOn,
        p.progressPercent,
        p.pendingReviewUnitIds,
        JSON.stringify(p.waitingOn),
        JSON.stringify(p.detail),
        p.currentMilestone,
        p.awaitingKind,
        p.decidingUserIds,
        p.approverUserIds,
        p.assigneeUserId,
        p.workingDueOn,
      ],
    );
  }

  /** How many child rows (a group-led row's per-unit tasks) the task has. */
  async childCount(taskId: string): Promise<number> {
    const [{ children }]: Array<{ children: number }> = await this.db.query(`SELECT count(*)::int AS children FROM tasks WHERE parent_task_id = $1`, [
      taskId,
    ]);
    return children;
  }

  /** The coordinating units become exactly `unitIds`; a unit that stays keeps its via_group. */
  async setCoordinatingUnits(taskId: string, unitIds: readonly string[]): Promise<void> {
    await this.db.query(`DELETE FROM task_units WHERE task_id = $1 AND role = 'coordinating' AND NOT (unit_id = ANY($2::uuid[]))`, [taskId, unitIds]);
    await this.db.query(
      `INSERT INTO task_units (task_id, unit_id, role) SELECT $1, u, 'coordinating' FROM unnest($2::uuid[]) AS u ON CONFLICT DO NOTHING`,
      [taskId, unitIds],
    );
  }

  /** The lead unit becomes `unitId` alone. */
  async setLeadUnit(taskId: string, unitId: string): Promise<void> {
    await this.db.query(`DELETE FROM task_units WHERE task_id = $1 AND role = 'lead' AND unit_id <> $2`, [taskId, unitId]);
    await this.db.query(`INSERT INTO task_units (task_id, unit_id, role) VALUES ($1, $2, 'lead') ON CONFLICT DO NOTHING`, [taskId, unitId]);
  }

  /** The stored milestones of a task (the importer's rows) with their completion instants. */
  async milestoneCompletions(taskId: string): Promise<Array<{ position: number; completedAt: Date | null }>> {
    return this.db.query(`SELECT position, completed_at AS "completedAt" FROM milestones WHERE task_id = $1`, [taskId]);
  }

  async updateMilestone(taskId: string, position: number, m: MilestoneUpdate): Promise<void> {
    await this.db.query(`UPDATE milestones SET state = $3, due_on = $4, completed_at = $5 WHERE task_id = $1 AND position = $2`, [
      taskId,
      position,
      m.state,
      m.dueOn,
      m.completedAt,
    ]);
  }

  /** The task and its plan's title, for the words of a notification. */
  async notifiableTask(taskId: string): Promise<NotifiableTaskRow | undefined> {
    const [row]: NotifiableTaskRow[] = await this.db.query(
      `SELECT t.organization_id AS "organizationId", t.title, t.owner_unit_id AS "ownerUnitId",
              to_char(coalesce(t.extended_due_on, t.due_on), 'YYYY-MM-DD') AS "dueOn",
              t.status_word AS "statusWord", p.title AS "planTitle", t.awaiting_kind AS "waitingKind",
              t.pending_review_unit_ids AS "pendingReviewUnitIds", t.approver_user_ids AS "approverUserIds"
       FROM tasks t LEFT JOIN plans p ON p.id = t.plan_id WHERE t.id = $1`,
      [taskId],
    );
    return row;
  }
}
