import pLimit from 'p-limit';
import type { ParsedTask, WorkingCalendarConfig } from '@app/domain';
import type {
  GroupChildSpec,
  LifecycleSettings,
  TaskLifecycleInput,
  UnitRef as WorkflowUnitRef,
} from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { milestoneSpecOf } from './lifecycle-input';
import type { TaskWorkflowStarter } from './task-workflow.starter';

/**
 * Workflow starts in flight at once. Each start is one gRPC call the server answers after a write
 * to its persistence; the dev server (SQLite, one writer) gains nothing beyond a few in flight,
 * and a cluster takes more: measured with `npm run bench -- import-throughput` (README "Performance").
 */
export const IMPORT_START_CONCURRENCY = 16;

/** What every task of one stored plan starts with. */
export interface PlanStartContext {
  organizationId: string;
  organizationCode: string;
  planId: string;
  settings: Partial<LifecycleSettings>;
  calendar: WorkingCalendarConfig;
  /** Last day of the plan's last year, null when the plan's years are unknown. */
  planEndsOn: string | null;
}

/** One row of a stored plan, as its workflow starts. */
export interface StoredPlanRowTask {
  taskId: string;
  workflowId: string;
  row: ParsedTask;
  ownerUnitId: string | null;
  ownerUnitCode: string | null;
  coordinatingUnits: WorkflowUnitRef[];
  coordinatingToBeNamed: boolean;
  dueOn: string | null;
  initialState: 'DRAFTING' | 'PENDING_TRIGGER';
  /** Set for a group-led row: one task per lead unit, started by the row's workflow. */
  children: GroupChildSpec[] | null;
}

/** The workflow input of a row's task. */
export function planRowLifecycleInput(plan: PlanStartContext, t: StoredPlanRowTask): TaskLifecycleInput {
  return {
    taskId: t.taskId,
    organizationId: plan.organizationId,
    organizationCode: plan.organizationCode,
    planId: plan.planId,
    ownerUnitCode: t.ownerUnitCode,
    title: t.row.title,
    dueOn: t.dueOn,
    initialState: t.initialState,
    ownerUnitId: t.ownerUnitId,
    coordinatingUnits: t.coordinatingUnits,
    coordinatingToBeNamed: t.coordinatingToBeNamed,
    milestones: t.row.milestones.map(milestoneSpecOf),
    settings: plan.settings,
    calendar: plan.calendar,
    planEndsOn: plan.planEndsOn,
  };
}

/**
 * Starts (or finds: starts are idempotent) each row's workflow, `concurrency` at a time (p-limit):
 * `groupTask` for a group-led row (it starts its units' tasks), `taskLifecycle` otherwise.
 * `onProgress` hears each start done, with the number of rows.
 */
export async function startPlanTasks(
  starter: TaskWorkflowStarter,
  plan: PlanStartContext,
  tasks: readonly StoredPlanRowTask[],
  options: { concurrency?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<void> {
  let done = 0;
  const limit = pLimit(options.concurrency ?? IMPORT_START_CONCURRENCY);
  const startOne = async (t: StoredPlanRowTask) => {
    const lifecycle = planRowLifecycleInput(plan, t);
    if (t.children) await starter.startGroup(t.workflowId, { base: { ...lifecycle, ownerUnitId: null, ownerUnitCode: null }, children: t.children });
    else await starter.start(t.workflowId, lifecycle);
    done += 1;
    options.onProgress?.(done, tasks.length);
  };
  await Promise.all(tasks.map((t) => limit(() => startOne(t))));
}
