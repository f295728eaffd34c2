import { Logger, LoggerService } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { CalendarDate, statusWordOf, TaskState } from '@app/domain';
import {
  decidersOf,
  refreshUnitMonthlyRatings,
  refreshUnitMonthlyRatingsOfTask,
  TaskEventsRepository,
  TaskNotifier,
  TaskReadModelRepository,
  type StoredTaskEvent,
} from '@app/persistence';
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
 * An event whose (task, event_key) is stored already with another type or version: not a retry
 * (a retry carries the same event) but a second event under one key, which the read model does
 * not store (its version is a gap in the audit trail). Reported, never thrown: the write stays a no-op.
 */
export interface EventKeyConflict {
  taskId: string;
  eventKey: string;
  stored: { type: string; version: number };
  received: { type: string; version: number };
}

export function eventKeyConflictOf(input: RecordEventInput, stored: StoredTaskEvent | undefined): EventKeyConflict | null {
  if (!stored || (stored.type === input.type && stored.version === input.version)) return null;
  return {
    taskId: input.taskId,
    eventKey: input.eventKey,
    stored: { type: stored.type, version: stored.version },
    received: { type: input.type, version: input.version },
  };
}

/**
 * Writes the workflow's transitions into the read model. Idempotent by construction: the event
 * insert is keyed by (task, event_key) and the task row only moves forward in `version`, so an
 * activity retried after a crash changes nothing the second time, and an event delivered after a
 * newer one adds its line to the audit trail without moving the row back. The statements are the
 * persistence repositories' (task_events, tasks with their units and milestones, ratings), all in
 * one transaction.
 *
 * Provided by a factory (worker.module.ts): the logger is an interface Nest cannot inject by type.
 */
export class TaskReadModelActivities implements TaskActivities {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifier: TaskNotifier = new TaskNotifier(),
    private readonly logger: LoggerService = new Logger(TaskReadModelActivities.name),
  ) {}

  async recordTaskEvent(input: RecordEventInput): Promise<{ applied: boolean }> {
    let written: { applied: boolean; conflict: EventKeyConflict | null };
    try {
      written = await this.write(input);
    } catch (err) {
      throw dataRejection(err, input) ?? err;
    }
    if (written.conflict) this.reportConflict(written.conflict);
    return { applied: written.applied };
  }

  private reportConflict(c: EventKeyConflict): void {
    this.logger.error(
      `read model: event key ${c.eventKey} of task ${c.taskId} is stored as ${c.stored.type} version ${c.stored.version}, ` +
        `received as ${c.received.type} version ${c.received.version}: not a retry, the second event is not stored (a version gap)`,
    );
  }

  private write(input: RecordEventInput): Promise<{ applied: boolean; conflict: EventKeyConflict | null }> {
    return this.dataSource.transaction(async (tx) => {
      const events = new TaskEventsRepository(tx);
      const tasks = new TaskReadModelRepository(tx);
      const eventId = await events.insertOnce({
        organizationId: input.organizationId,
        taskId: input.taskId,
        workflowId: input.workflowId,
        eventKey: input.eventKey,
        type: input.type,
        actorUserId: input.actor?.userId ?? null,
        actorUnitId: input.actor?.unitId ?? null,
        actorRole: input.actor?.roles?.join(',') ?? null,
        onBehalfOfUserId: input.actor?.onBehalfOfUserId ?? null,
        fromState: input.fromState,
        toState: input.toState,
        payload: input.payload ?? {},
        occurredAt: input.occurredAt,
        version: input.version,
      });
      // Already stored: a retry when it is the same event, else a second event under one key.
      const conflict = eventId === undefined ? eventKeyConflictOf(input, await events.findByKey(input.taskId, input.eventKey)) : null;
      // The ratings' (unit, month) advisory lock is shared by every task of that unit and month: it is
      // taken last, just before the commit, so concurrent events of one unit wait on it the least.
      let refreshRatings: (() => Promise<void>) | null = null;
      if (input.task) {
        refreshRatings = await this.applyTaskPatch(tx, tasks, input, input.task);
      } else if (input.toState) {
        // Events of the foundation slice (recorded histories replay through here): state only.
        const statusWord = statusWordOf({ state: input.toState as TaskState, dueOn: input.dueOn, today: todayInVietnam(input.occurredAt) });
        await tasks.applyStateChange(input.taskId, { state: input.toState, statusWord, version: input.version, occurredAt: input.occurredAt });
        await refreshUnitMonthlyRatingsOfTask(tx, input.taskId);
      }
      // The people the event names (payload.notify) are told once: only when it was inserted just now.
      await this.notifier.onEventRecorded(tx, input, eventId);
      if (refreshRatings) await refreshRatings();
      return { applied: eventId !== undefined, conflict };
    });
  }

  /** The task row, its units and its milestones as the workflow saw them after this event. */
  /** Returns the ratings refresh the change needs (run by the caller last in the transaction), if any. */
  private async applyTaskPatch(
    tx: EntityManager,
    tasks: TaskReadModelRepository,
    input: RecordEventInput,
    task: TaskReadModelPatch,
  ): Promise<(() => Promise<void>) | null> {
    // The row lock serializes two events of one task delivered at once, so the version test below
    // and the unit/milestone sync that follows it see the same row.
    const row = await tasks.lockForPatch(input.taskId);
    if (!row || row.version >= input.version) return null; // a retry, or overtaken by a newer event

    // due_on is the plan's date of the current step (milestone, report round, event date + window);
    // an extension shows in extended_due_on. When the workflow has none left, the last one stays.
    const dueOn = task.dueOn ?? row.dueOn;
    // The working end of the deadline in force (the workflow's workingDueOf, by the organization's
    // day-off rule): what "overdue" and "on time" are judged by; kept, like due_on, when the
    // workflow has no deadline left. Without one (a group row's patch): null, the SQL falls back
    // to the deadline as written (workingDueSql).
    const workingDueOn = task.workingDueOn === undefined ? null : (task.workingDueOn ?? row.workingDueOn);
    const statusWord = statusWordOf({
      state: task.state as TaskState,
      dueOn: workingDueOn ?? task.extendedDueOn ?? dueOn,
      today: todayInVietnam(input.occurredAt),
      completedOn: task.completedOn,
      notArisen: task.notArisen,
    });
    // Who decides (the registry's DECIDERS, resolved to people): again whenever the lead unit changes.
    const deciders =
      row.version === 0 || task.ownerUnitId !== row.ownerUnitId || !row.decidingUserIds?.length
        ? await decidersOf(tx, input.organizationId, task.ownerUnitId)
        : { decidingUserIds: row.decidingUserIds, approverUserIds: row.approverUserIds };
    await tasks.applyPatch(input.taskId, {
      state: task.state,
      statusWord,
      version: input.version,
      occurredAt: input.occurredAt,
      dueOn,
      extendedDueOn: task.extendedDueOn,
      ownerUnitId: task.ownerUnitId,
      completedOn: task.completedOn,
      progressPercent: task.progressPercent ?? 0,
      pendingReviewUnitIds: task.pendingReviewUnitIds ?? [],
      waitingOn: task.waitingOn ?? {},
      detail: task.detail ?? {},
      currentMilestone: task.detail?.currentMilestone ?? 0,
      awaitingKind: task.waitingOn?.kind ?? 'nobody',
      decidingUserIds: deciders.decidingUserIds,
      approverUserIds: deciders.approverUserIds,
      assigneeUserId: task.assigneeUserId ?? null,
      workingDueOn,
    });
    // Unit ratings of the (lead unit, due month) the task left and the one it is in now; only when
    // what they count moved (the first event counts the task in): a comment or a saved draft does
    // not take the (unit, month) lock that every task of that unit and month shares.
    const counted = (r: { unit: string | null; due: string | null; working: string | null; state: string; word: string; done: string | null }) =>
      `${r.unit}|${r.due}|${r.working}|${r.state}|${r.word}|${r.done}`;
    const before = counted({
      unit: row.ownerUnitId,
      due: row.extendedDueOn ?? row.dueOn,
      working: row.workingDueOn,
      state: row.state,
      word: row.statusWord,
      done: row.completedOn,
    });
    const after = counted({ unit: task.ownerUnitId, due: task.extendedDueOn ?? dueOn, working: workingDueOn, state: task.state, word: statusWord, done: task.completedOn });
    await this.syncTaskUnits(tasks, input.taskId, row.ownerUnitId, task);
    await this.syncMilestones(tasks, input, task);
    if (row.version !== 0 && before === after) return null;
    return () =>
      refreshUnitMonthlyRatings(
        tx,
        input.organizationId,
        [row.ownerUnitId, task.ownerUnitId],
        [row.extendedDueOn ?? row.dueOn, task.extendedDueOn ?? dueOn],
      );
  }

  private async syncTaskUnits(tasks: TaskReadModelRepository, taskId: string, previousOwner: string | null, task: TaskReadModelPatch): Promise<void> {
    // Coordinating units as the workflow has them now; a unit that stays keeps its via_group.
    await tasks.setCoordinatingUnits(taskId, task.coordinatingUnitIds ?? []);

    // Reassigned: the new owner becomes the lead. A group-led parent keeps its lead units (one per child).
    if (!task.ownerUnitId || task.ownerUnitId === previousOwner) return;
    if ((await tasks.childCount(taskId)) > 0) return;
    await tasks.setLeadUnit(taskId, task.ownerUnitId);
  }

  /** Milestone rows were stored by the importer; their state and dates follow the workflow, by position. */
  private async syncMilestones(tasks: TaskReadModelRepository, input: RecordEventInput, task: TaskReadModelPatch): Promise<void> {
    if (!task.milestones?.length) return;
    const stored = await tasks.milestoneCompletions(input.taskId);
    const completedAtByPosition = new Map(stored.map((m) => [m.position, m.completedAt]));
    for (const m of task.milestones) {
      if (!completedAtByPosition.has(m.position)) continue;
      await tasks.updateMilestone(input.taskId, m.position, {
        state: m.state,
        dueOn: m.dueOn,
        completedAt: milestoneCompletedAt(m.completedOn, completedAtByPosition.get(m.position) ?? null, input.occurredAt),
      });
    }
  }
}
