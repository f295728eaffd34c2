import type { RecordEventInput, TaskReadModelPatch } from '@app/workflows/task-lifecycle/task-lifecycle.contract';

/**
 * An event as the task workflow hands it to the read-model activity, for tests that drive
 * `TaskReadModelActivities.recordTaskEvent` directly: system event (no actor), keyed by type and
 * version, carrying the task as it is after the event.
 */
export function readModelEvent(
  t: { taskId: string; organizationId: string; workflowId: string },
  type: string,
  version: number,
  occurredAt: string,
  task: TaskReadModelPatch,
): RecordEventInput {
  return {
    taskId: t.taskId,
    organizationId: t.organizationId,
    workflowId: t.workflowId,
    eventKey: `${type.toLowerCase()}:${version}`,
    type,
    actor: null,
    fromState: null,
    toState: task.state,
    version,
    dueOn: task.dueOn,
    occurredAt,
    payload: {},
    task,
  };
}
