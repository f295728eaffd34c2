import { Client, WorkflowNotFoundError } from '@temporalio/client';
import pLimit from 'p-limit';
import { DataSource, EntityManager } from 'typeorm';
import { listOpenTaskWorkflows, loadWorkingCalendarConfig, refreshWorkingDue } from '@app/persistence';
import { calendarChangedSignal } from '@app/workflows/task-lifecycle/task-lifecycle.contract';

export interface CalendarBroadcastReport {
  /** Open tasks of the organization that were told. */
  signalled: number;
  /** Tasks that had closed in the meantime (nothing to move). */
  closed: number;
  /**
   * Units' tasks of a group-led row whose workflow the row has not started yet: they start with the
   * calendar and settings the row holds then, and the row (told too) passes later changes on.
   */
  notStartedYet: number;
  /** Workflow ids that could not be reached (Temporal down…): run the broadcast again. */
  failed: string[];
}

/**
 * Hands one signal to every open task of an organization, a few in flight at a time: the one loop
 * behind every broadcast (calendar, settings). What is sent is whole, so running it twice, or
 * after a partial failure, converges.
 */
export async function signalOpenTasks(
  db: DataSource | EntityManager,
  organizationId: string,
  send: (workflowId: string) => Promise<void>,
  opts: { concurrency?: number } = {},
): Promise<CalendarBroadcastReport> {
  const rows = await listOpenTaskWorkflows(db, organizationId);
  const report: CalendarBroadcastReport = { signalled: 0, closed: 0, notStartedYet: 0, failed: [] };
  const one = async (workflowId: string, ofGroup: boolean) => {
    try {
      await send(workflowId);
      report.signalled += 1;
    } catch (err) {
      // A unit's task of a group-led row may not be started yet (its row starts it); any other task
      // not found closed since the read model was read: nothing of it is left to move.
      if (err instanceof WorkflowNotFoundError && ofGroup) report.notStartedYet += 1;
      else if (err instanceof WorkflowNotFoundError) report.closed += 1;
      else report.failed.push(workflowId);
    }
  };
  // Signals are small and the server answers each after one write: a few in flight keep it busy
  // without queueing thousands of calls in the client at once.
  const limit = pLimit(opts.concurrency ?? 16);
  await Promise.all(rows.map((r) => limit(() => one(r.workflowId, r.parentTaskId !== null))));
  return report;
}

/**
 * After an edit of an organization's working calendar (organization_calendar_days), hands the new
 * calendar to every open task of that organization: the read model's working ends of their
 * deadlines are recomputed (refreshWorkingDue), and each workflow recomputes the timers still to
 * come (reminders, escalations, review and approval ladders).
 */
export async function broadcastOrganizationCalendar(
  db: DataSource | EntityManager,
  client: Client,
  organizationId: string,
  opts: { concurrency?: number } = {},
): Promise<CalendarBroadcastReport> {
  const calendar = await loadWorkingCalendarConfig(db, organizationId);
  // The read model first (status words, the overdue box, ratings: the working end of each open
  // task's deadline on the new calendar), then the workflows (their timers).
  await refreshWorkingDue(db, organizationId, { calendar });
  return signalOpenTasks(db, organizationId, (id) => client.workflow.getHandle(id).signal(calendarChangedSignal, { calendar }), opts);
}
