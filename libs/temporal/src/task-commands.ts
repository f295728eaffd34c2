import { ApplicationFailure, Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { DomainError } from '@app/domain';
import type {
  HistoryEntry,
  RefusalCode,
  TaskAction,
  TaskSnapshot,
  WaitingOn,
} from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import {
  getHistoryQuery,
  getSnapshotQuery,
  getWaitingOnQuery,
  REFUSAL,
  TASK_ACTIONS,
} from '@app/workflows/task-lifecycle/task-lifecycle.contract';

const REFUSAL_CODES: ReadonlySet<string> = new Set<RefusalCode>(Object.values(REFUSAL));

function taskNotFound(workflowId: string): DomainError {
  return new DomainError('TASK_NOT_FOUND', 'Không tìm thấy nhiệm vụ.', { workflowId });
}

/**
 * A validator's (or handler's) refusal as the product shows it: the workflow throws
 * `ApplicationFailure(message, type = REFUSAL code, details)`, the client wraps it in
 * `WorkflowUpdateFailedError`. Anything else is not a refusal (null).
 */
export function refusalOf(err: unknown): DomainError | null {
  if (!(err instanceof WorkflowUpdateFailedError)) return null;
  const failure = err.cause;
  if (!(failure instanceof ApplicationFailure) || !failure.type || !REFUSAL_CODES.has(failure.type)) return null;
  const [first] = failure.details ?? [];
  const details = first && typeof first === 'object' && !Array.isArray(first) ? (first as Record<string, unknown>) : undefined;
  return new DomainError(failure.type, failure.message, details);
}

/** 'refused': the workflow's validator said no (a DomainError with its code); 'error': anything else. */
export type TaskCommandOutcome = 'ok' | 'refused' | 'error';

export interface TaskCommandEvent {
  action: TaskAction;
  outcome: TaskCommandOutcome;
  /** Wall time of the Workflow Update round trip. */
  seconds: number;
}

export type TaskCommandObserver = (event: TaskCommandEvent) => void;

/**
 * Human actions and reads of a task, through its workflow (the source of truth). Every action is
 * a Workflow Update, so the caller gets the task's new snapshot, or the workflow's refusal as a
 * `DomainError` with its Vietnamese message. Outages (Temporal unreachable) are rethrown as they
 * are: the API answers those with 503.
 */
export class TaskCommands {
  private readonly observers: TaskCommandObserver[] = [];

  constructor(private readonly client: Client) {}

  /** Called after every executed action (metrics); an observer that throws is ignored. */
  onExecuted(observer: TaskCommandObserver): void {
    this.observers.push(observer);
  }

  async execute(workflowId: string, action: TaskAction, input: object): Promise<TaskSnapshot> {
    if (!TASK_ACTIONS.includes(action)) throw new DomainError('INVALID_INPUT', 'Thao tác không hợp lệ.', { action });
    const handle = this.client.workflow.getHandle(workflowId);
    const started = performance.now();
    let outcome: TaskCommandOutcome = 'error';
    try {
      const snapshot = await handle.executeUpdate<TaskSnapshot, [object]>(action, { args: [input] });
      outcome = 'ok';
      return snapshot;
    } catch (err) {
      const refusal = refusalOf(err);
      if (refusal) {
        outcome = 'refused';
        throw refusal;
      }
      if (err instanceof WorkflowNotFoundError) throw await this.notFoundOrClosed(workflowId, err);
      throw err;
    } finally {
      this.notify({ action, outcome, seconds: (performance.now() - started) / 1000 });
    }
  }

  private notify(event: TaskCommandEvent): void {
    for (const observer of this.observers) {
      try {
        observer(event);
      } catch {
        // Metrics must never fail an action that the workflow has already applied.
      }
    }
  }

  snapshot(workflowId: string): Promise<TaskSnapshot> {
    return this.query(workflowId, () => this.client.workflow.getHandle(workflowId).query(getSnapshotQuery));
  }

  history(workflowId: string): Promise<HistoryEntry[]> {
    return this.query(workflowId, () => this.client.workflow.getHandle(workflowId).query(getHistoryQuery));
  }

  waitingOn(workflowId: string): Promise<WaitingOn> {
    return this.query(workflowId, () => this.client.workflow.getHandle(workflowId).query(getWaitingOnQuery));
  }

  /** Queries answer for closed workflows too, so "not found" is only ever an unknown task. */
  private async query<T>(workflowId: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw taskNotFound(workflowId);
      throw err;
    }
  }

  /**
   * Temporal answers NOT_FOUND both for an unknown workflow and for an update sent to a closed one
   * ("workflow execution already completed"); describe() tells the two apart.
   */
  private async notFoundOrClosed(workflowId: string, original: WorkflowNotFoundError): Promise<unknown> {
    try {
      const description = await this.client.workflow.getHandle(workflowId).describe();
      if (description.status.name === 'RUNNING') return original; // a new run raced the update: not ours to guess
      return new DomainError(REFUSAL.TASK_CLOSED, 'Nhiệm vụ đã kết thúc, không thể thực hiện thao tác này.', {
        workflowId,
        status: description.status.name,
      });
    } catch (err) {
      return err instanceof WorkflowNotFoundError ? taskNotFound(workflowId) : err;
    }
  }
}
