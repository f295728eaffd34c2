import { Client, WorkflowExecutionAlreadyStartedError, WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/client';
import type { GroupTaskInput, TaskLifecycleInput } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { GROUP_TASK_WORKFLOW, TASK_LIFECYCLE_WORKFLOW } from '@app/workflows/task-lifecycle/task-lifecycle.contract';

/**
 * Starts task workflows idempotently. A running workflow with the same business id is reused
 * (USE_EXISTING); a closed one is never started again (REJECT_DUPLICATE), so a completed task
 * stays completed when a plan is re-imported.
 */
export class TaskWorkflowStarter {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
  ) {}

  /** One task: an appendix row led by one unit, or an ad-hoc task. */
  start(workflowId: string, input: TaskLifecycleInput): Promise<{ workflowId: string; closedBefore: boolean }> {
    return this.startIdempotently(TASK_LIFECYCLE_WORKFLOW, workflowId, input);
  }

  /** A group-led row: the parent starts one child task workflow per unit itself. */
  startGroup(workflowId: string, input: GroupTaskInput): Promise<{ workflowId: string; closedBefore: boolean }> {
    return this.startIdempotently(GROUP_TASK_WORKFLOW, workflowId, input);
  }

  private async startIdempotently(
    workflowType: string,
    workflowId: string,
    input: TaskLifecycleInput | GroupTaskInput,
  ): Promise<{ workflowId: string; closedBefore: boolean }> {
    try {
      await this.client.workflow.start(workflowType, {
        workflowId,
        taskQueue: this.taskQueue,
        args: [input],
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
      return { workflowId, closedBefore: false };
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return { workflowId, closedBefore: true };
      throw err;
    }
  }
}
