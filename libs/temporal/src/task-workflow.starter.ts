import { Client, WorkflowExecutionAlreadyStartedError, WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/client';
import type { TaskLifecycleInput } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { TASK_LIFECYCLE_WORKFLOW } from '@app/workflows/task-lifecycle/task-lifecycle.contract';

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

  async start(workflowId: string, input: TaskLifecycleInput): Promise<{ workflowId: string; closedBefore: boolean }> {
    try {
      await this.client.workflow.start(TASK_LIFECYCLE_WORKFLOW, {
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
