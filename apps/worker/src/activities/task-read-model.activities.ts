import { Injectable } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { CalendarDate, statusWordOf, TaskState } from '@app/domain';
import { decidersOf, refreshUnitMonthlyRatings, refreshUnitMonthlyRatingsOfTask, TaskNotifier } from '@app/persistence';
import type { RecordEventInput, TaskActivities, TaskReadModelPatch } from '@app/workflows/task-lifecycle/task-lifecycle.contract';

/**
 * Today in Asia/Ho_Chi_Minh as an ISO calendar date, for the status word: the later of the clock and
 * the event's own time (the workflow's clock; on Temporal's time-skipping server it runs ahead).
 */
function todayInVietnam(occurredAt?: string): string {
  const now = Date.now();
  const at = occurredAt ? Date.parse(occurredAt) : NaN;
  return CalendarDate.fromInstant(Number.isFinite(at) ? Math.max(now, at) : now);
}

/**
 * When a milestone was completed, as an instant: the one already stored for that day, else this
 * event's time when the event happened on that day (it is the approval that completed it), else
 * the start of that day in Vietnam (the completing event was overtaken by a newer one).
 */
function milestoneCompletedAt(completedOn: string | null, stored: Date | null, occurredAt: string): Date | null {
  if (!completedOn) return null;
  if (stored && CalendarDate.fromInstant(stored) === completedOn) return stored;
  const occurred = new Date(occurredAt);
  if (CalendarDate.fromInstant(occurred) === completedOn) return occurred;
  return new Date(CalendarDate.startOfDayInstant(completedOn));
}

/**
 * A Postgres refusal of the data itself (SQLSTATE class 22: a NUL or a lone surrogate in JSON,
 * an invalid byte sequence, a value too long or out of range) fails the same way on every retry:
 * it is a non-retryable READ_MODEL_DATA_REJECTED, which the workflow answers by writing the event
 * scrubbed (workflows/common/read-model-activities.ts) instead of retrying forever. Anything else
 * (an outage, a deadlock, a serialization failure) is thrown as it is and retried.
 */
export function dataRejection(err: unknown, input: Pick<RecordEventInput, 'eventKey' | 'version'>): ApplicationFailure | null {
  const sqlState = err instanceof QueryFailedError ? (err.driverError as { code?: unknown })?.code : undefined;
  if (typeof sqlState !== 'string' || !sqlState.startsWith('22')) return null;
  return ApplicationFailure.create({
    type: 'READ_MODEL_DATA_REJECTED',
    message: `the read model refuses event ${input.eventKey} (version ${input.version}): ${err instanceof Error ? err.message : String(err)}`,
    nonRetryable: true,
    details: [{ sqlState, eventKey: input.eventKey, version: input.version }],
  });
}

/**
 * Writes the workflow's transitions into the read model. Idempotent by construction: the event
 * insert is keyed by (task, event_key) and the task row only moves forward in `version`, so an
 * activity retried after a crash changes nothing the second time, and an event delivered after a
 * newer one adds its line to the audit trail without moving the row back.
 */
@Injectable()
export class TaskReadModelActivities implements TaskActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifier: TaskNotifier = new TaskNotifier(),
  ) {}

  async recordTaskEvent(input: RecordEventInput): Promise<{ applied: boolean }> {
    try {
      return await this.write(input);
    } catch (err) {
      throw dataRejection(err, input) ?? err;
    }
  }

  private write(input: RecordEventInput): Promise<{ applied: boolean }> {
    return this.dataSource.transaction(async (tx) => {
      const inserted: Array<{ id: string }> = await tx.query(
        `INSERT INTO task_events (organization_id, task_id, workflow_id, event_key, type, actor_user_id, actor_unit_id,
                                  actor_role, on_behalf_of_user_id, from_state, to_state, payload, occurred_at, version)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)
         ON CONFLICT (task_id, event_key) DO NOTHING
         RETURNING id`,
        [
          input.organizationId,
          input.taskId,
          input.workflowId,
          input.eventKey,
          input.type,
          input.actor?.userId ?? null,
          input.actor?.unitId ?? null,
          input.actor?.roles?.join(',') ?? null,
          input.actor?.onBehalfOfUserId ?? null,
          input.fromState,
          input.toState,
          JSON.stringify(input.payload ?? {}),
          input.occurredAt,
          input.version,
        ],
      );
      // The ratings' (unit, month) advisory lock is shared by every task of that unit and month: it is
      // taken last, just before the commit, so concurrent events of one unit wait on it the least.
      let refreshRatings: (() => Promise<void>) | null = null;
      if (input.task) {
        refreshRatings = await this.applyTaskPatch(tx, input, input.task);
      } else if (input.toState) {
        // Events of the foundation slice (recorded histories replay through here): state only.
        const statusWord = statusWordOf({ state: input.toState as TaskState, dueOn: input.dueOn, today: todayInVietnam(input.occurredAt) });
        await tx.query(
          `UPDATE tasks SET state = $2, status_word = $3, version = $4, last_activity_at = $5, updated_at = now()
           WHERE id = $1 AND version < $4`,
          [input.taskId, input.toState, statusWord, input.version, input.occurredAt],
        );
        await refreshUnitMonthlyRatingsOfTask(tx, input.taskId);
      }
      // The people the event names (payload.notify) are told once: only when it was inserted just now.
      await this.notifier.onEventRecorded(tx, input, inserted[0]?.id);
      if (refreshRatings) await refreshRatings();
      return { applied: inserted.length > 0 };
    });
  }

  /** The task row, its units and its milestones as the workflow saw them after this event. */
  /** Returns the ratings refresh the change needs (run by the caller last in the transaction), if any. */
  private async applyTaskPatch(tx: EntityManager, input: RecordEventInput, task: TaskReadModelPatch): Promise<(() => Promise<void>) | null> {
    // The row lock serializes two events of one task delivered at once, so the version test below
    // and the unit/milestone sync that follows it see the same row.
    const [row]: Array<{
      version: number;
      due_on: string | null;
      extended_due_on: string | null;
      working_due_on: string | null;
      owner_unit_id: string | null;
      state: string;
      status_word: string;
      completed_on: string | null;
      deciding_user_ids: string[];
      approver_user_ids: string[];
    }> = await tx.query(
      `SELECT version, to_char(due_on, 'YYYY-MM-DD') AS due_on, to_char(extended_due_on, 'YYYY-MM-DD') AS extended_due_on,
              to_char(working_due_on, 'YYYY-MM-DD') AS working_due_on, owner_unit_id,
              state, status_word, to_char(completed_on, 'YYYY-MM-DD') AS completed_on, deciding_user_ids, approver_user_ids
       FROM tasks WHERE id = $1 FOR UPDATE`,
      [input.taskId],
    );
    if (!row || row.version >= input.version) return null; // a retry, or overtaken by a newer event

    // due_on is the plan's date of the current step (milestone, report round, event date + window);
    // an extension shows in extended_due_on. When the workflow has none left, the last one stays.
    const dueOn = task.dueOn ?? row.due_on;
    // The working end of the deadline in force (the workflow's workingDueOf, by the organization's
    // day-off rule): what "overdue" and "on time" are judged by; kept, like due_on, when the
    // workflow has no deadline left. Without one (a group row's patch): null, the SQL falls back
    // to the deadline as written (workingDueSql).
    const workingDueOn = task.workingDueOn === undefined ? null : (task.workingDueOn ?? row.working_due_on);
    const statusWord = statusWordOf({
      state: task.state as TaskState,
      dueOn: workingDueOn ?? task.extendedDueOn ?? dueOn,
      today: todayInVietnam(input.occurredAt),
      completedOn: task.completedOn,
      notArisen: task.notArisen,
    });
    // Who decides (the registry's DECIDERS, resolved to people): again whenever the lead unit changes.
    const deciders =
      row.version === 0 || task.ownerUnitId !== row.owner_unit_id || !row.deciding_user_ids?.length
        ? await decidersOf(tx, input.organizationId, task.ownerUnitId)
        : { decidingUserIds: row.deciding_user_ids, approverUserIds: row.approver_user_ids };
    await tx.query(
      `UPDATE tasks SET state = $2, status_word = $3, version = $4, last_activity_at = $5, due_on = $6, extended_due_on = $7,
              owner_unit_id = $8, completed_on = $9,
              completed_at = CASE WHEN $2 = 'COMPLETED' THEN COALESCE(completed_at, $5) ELSE NULL END,
              progress_percent = $10, pending_review_unit_ids = $11::uuid[], waiting_on = $12, detail = $13,
              current_milestone = $14, awaiting_kind = $15, deciding_user_ids = $16::uuid[], approver_user_ids = $17::uuid[],
              assignee_user_id = $18::uuid, working_due_on = $19::date, updated_at = now()
       WHERE id = $1 AND version < $4`,
      [
        input.taskId,
        task.state,
        statusWord,
        input.version,
        input.occurredAt,
        dueOn,
        task.extendedDueOn,
        task.ownerUnitId,
        task.completedOn,
        task.progressPercent ?? 0,
        task.pendingReviewUnitIds ?? [],
        JSON.stringify(task.waitingOn ?? {}),
        JSON.stringify(task.detail ?? {}),
        task.detail?.currentMilestone ?? 0,
        task.waitingOn?.kind ?? 'nobody',
        deciders.decidingUserIds,
        deciders.approverUserIds,
        task.assigneeUserId ?? null,
        workingDueOn,
      ],
    );
    // Unit ratings of the (lead unit, due month) the task left and the one it is in now; only when
    // what they count moved (the first event counts the task in): a comment or a saved draft does
    // not take the (unit, month) lock that every task of that unit and month shares.
    const counted = (r: { unit: string | null; due: string | null; working: string | null; state: string; word: string; done: string | null }) =>
      `${r.unit}|${r.due}|${r.working}|${r.state}|${r.word}|${r.done}`;
    const before = counted({
      unit: row.owner_unit_id,
      due: row.extended_due_on ?? row.due_on,
      working: row.working_due_on,
      state: row.state,
      word: row.status_word,
      done: row.completed_on,
    });
    const after = counted({ unit: task.ownerUnitId, due: task.extendedDueOn ?? dueOn, working: workingDueOn, state: task.state, word: statusWord, done: task.completedOn });
    await this.syncTaskUnits(tx, input.taskId, row.owner_unit_id, task);
    await this.syncMilestones(tx, input, task);
    if (row.version !== 0 && before === after) return null;
    return () =>
      refreshUnitMonthlyRatings(
        tx,
        input.organizationId,
        [row.owner_unit_id, task.ownerUnitId],
        [row.extended_due_on ?? row.due_on, task.extendedDueOn ?? dueOn],
      );
  }

  private async syncTaskUnits(tx: EntityManager, taskId: string, previousOwner: string | null, task: TaskReadModelPatch): Promise<void> {
    // Coordinating units as the workflow has them now; a unit that stays keeps its via_group.
    const coordinating = task.coordinatingUnitIds ?? [];
    await tx.query(`DELETE FROM task_units WHERE task_id = $1 AND role = 'coordinating' AND NOT (unit_id = ANY($2::uuid[]))`, [
      taskId,
      coordinating,
    ]);
    await tx.query(
      `INSERT INTO task_units (task_id, unit_id, role) SELECT $1, u, 'coordinating' FROM unnest($2::uuid[]) AS u ON CONFLICT DO NOTHING`,
      [taskId, coordinating],
    );

    // Reassigned: the new owner becomes the lead. A group-led parent keeps its lead units (one per child).
    if (!task.ownerUnitId || task.ownerUnitId === previousOwner) return;
    const [{ children }] = await tx.query(`SELECT count(*)::int AS children FROM tasks WHERE parent_task_id = $1`, [taskId]);
    if (children > 0) return;
    await tx.query(`DELETE FROM task_units WHERE task_id = $1 AND role = 'lead' AND unit_id <> $2`, [taskId, task.ownerUnitId]);
    await tx.query(`INSERT INTO task_units (task_id, unit_id, role) VALUES ($1, $2, 'lead') ON CONFLICT DO NOTHING`, [taskId, task.ownerUnitId]);
  }

  /** Milestone rows were stored by the importer; their state and dates follow the workflow, by position. */
  private async syncMilestones(tx: EntityManager, input: RecordEventInput, task: TaskReadModelPatch): Promise<void> {
    if (!task.milestones?.length) return;
    const stored: Array<{ position: number; completed_at: Date | null }> = await tx.query(
      `SELECT position, completed_at FROM milestones WHERE task_id = $1`,
      [input.taskId],
    );
    const completedAtByPosition = new Map(stored.map((m) => [m.position, m.completed_at]));
    for (const m of task.milestones) {
      if (!completedAtByPosition.has(m.position)) continue;
      await tx.query(`UPDATE milestones SET state = $3, due_on = $4, completed_at = $5 WHERE task_id = $1 AND position = $2`, [
        input.taskId,
        m.position,
        m.state,
        m.dueOn,
        milestoneCompletedAt(m.completedOn, completedAtByPosition.get(m.position) ?? null, input.occurredAt),
      ]);
    }
  }
}
