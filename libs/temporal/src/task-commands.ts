import { ApplicationFailure, Client, isGrpcServiceError, ServiceError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { DomainError } from '@app/domain';
import type {
  Actor,
  AvailableAction,
  HistoryEntry,
  RefusalCode,
  TaskAction,
  TaskSnapshot,
  WaitingOn,
} from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import {
  getHistoryQuery,
  getAvailableActionsQuery,
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

/** gRPC status codes (@grpc/grpc-js `status`). */
const GrpcStatus = { RESOURCE_EXHAUSTED: 8, UNAVAILABLE: 14 } as const;

/**
 * An update the server gave up on before it was accepted, which the same update id may be sent for
 * again: "workflow update was aborted" (the workflow's update registry was cleared, e.g. its
 * context reloaded) or too many updates in flight on one workflow (RESOURCE_EXHAUSTED). The SDK's
 * gRPC layer has retried the call already; this is the second line, for bursts on one task.
 */
export function isAbortedUpdate(err: unknown): boolean {
  const cause = err instanceof ServiceError ? err.cause : err;
  if (!isGrpcServiceError(cause)) return false;
  if (cause.code === GrpcStatus.RESOURCE_EXHAUSTED) return true;
  return cause.code === GrpcStatus.UNAVAILABLE && /update was aborted/i.test(cause.details ?? cause.message);
}

/** Our own retries of an aborted update (after the SDK's), with these pauses between them. */
export const ABORTED_UPDATE_RETRY_MS: readonly number[] = [200, 500, 1_000, 2_000, 4_000];

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Human actions and reads of a task, through its workflow (the source of truth). Every action is
 * a Workflow Update, so the caller gets the task's new snapshot, or the workflow's refusal as a
 * `DomainError` with its Vietnamese message. Outages (Temporal unreachable) are rethrown as they
 * are: the API answers those with 503.
 */
export class TaskCommands {
  private readonly observers: TaskCommandObserver[] = [];
  /** Per workflow id, the tail of the updates this process sends it, one after the other. */
  private readonly lanes = new Map<string, Promise<unknown>>();

  constructor(
    private readonly client: Client,
    private readonly retryPauses: readonly number[] = ABORTED_UPDATE_RETRY_MS,
  ) {}

  /** Called after every executed action (metrics); an observer that throws is ignored. */
  onExecuted(observer: TaskCommandObserver): void {
    this.observers.push(observer);
  }

  async execute(workflowId: string, action: TaskAction, input: object): Promise<TaskSnapshot> {
    if (!TASK_ACTIONS.includes(action)) throw new DomainError('INVALID_INPUT', 'Thao tác không hợp lệ.', { action });
    const handle = this.client.workflow.getHandle(workflowId);
    // The update id is the workflow's own idempotency key: a retry (ours, or a client's with the
    // same Idempotency-Key) is the same update to the server, which answers it once.
    const key = (input as { idempotencyKey?: unknown }).idempotencyKey;
    const options = { args: [input] as [object], ...(typeof key === 'string' && key ? { updateId: `${action}:${key}` } : {}) };
    const started = performance.now();
    let outcome: TaskCommandOutcome = 'error';
    try {
      const snapshot = await this.inLane(workflowId, () => this.retryingAborted(() => handle.executeUpdate<TaskSnapshot, [object]>(action, options)));
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

  /**
   * Runs the updates of one workflow one after the other in this process. The workflow applies
   * them one at a time anyway; a burst of them in flight at once (ten people commenting on one
   * task) only makes the server abort some. Across API processes the order is the server's: each
   * process keeps at most one of a task's updates in flight (so N processes, N), under the
   * server's in-flight limit per workflow, and sends an aborted one again under the same update
   * id (README "Fault suite", "Several API processes"; test/faults/two-processes.fault-spec.ts).
   */
  private inLane<T>(workflowId: string, run: () => Promise<T>): Promise<T> {
    const result = (this.lanes.get(workflowId) ?? Promise.resolve()).then(run);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.lanes.set(workflowId, tail);
    void tail.then(() => {
      if (this.lanes.get(workflowId) === tail) this.lanes.delete(workflowId);
    });
    return result;
  }

  private async retryingAborted<T>(run: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await run();
      } catch (err) {
        if (attempt >= this.retryPauses.length || !isAbortedUpdate(err)) throw err;
        await sleep(this.retryPauses[attempt] * (0.8 + Math.random() * 0.4));
      }
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

  /** The actions `actor` may take on the task now, by the workflow's own registry checks. */
  availableActions(workflowId: string, actor: Actor): Promise<AvailableAction[]> {
    return this.query(workflowId, () => this.client.workflow.getHandle(workflowId).query(getAvailableActionsQuery, actor));
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
