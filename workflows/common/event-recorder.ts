import type { Actor, LifecycleState, RecordEventInput, TaskReadModelPatch } from '../task-lifecycle/task-lifecycle.contract';
import type { TaskEvent } from '../task-lifecycle/events';
import { readModelWriter, recordEventSafely } from './read-model-activities';
import { workflowNowIso } from './workflow-clock';

/** An event as a workflow hands it to the recorder (the task machine's EventDraft). */
export type RecordableEvent = TaskEvent & { key: string; actor: Actor | null; fromState: LifecycleState | null; toState: LifecycleState | null };

export interface EventRecorderOptions {
  taskId: string;
  organizationId: string;
  workflowId: string;
  /** Numbers the next event (the task's version moves by one per event). */
  nextVersion(): number;
  /** The task row after the event, and its deadline in force. */
  rowAfter(): { dueOn: string | null; task: TaskReadModelPatch };
  /** Called with each numbered event before its write is queued (the workflow's own history line). */
  numbered?(e: RecordableEvent, version: number, occurredAt: string): void;
}

/**
 * The one event recorder of the task workflows (taskLifecycle and groupTask): numbers each event,
 * builds the read-model write and queues it behind the previous one, so writes reach Postgres one
 * at a time in version order (an update arriving while an earlier event is still being written
 * must not overtake it in the audit trail). `writes` resolves once every queued event is written.
 */
export class EventRecorder {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly o: EventRecorderOptions) {}

  get writes(): Promise<unknown> {
    return this.queue;
  }

  record(e: RecordableEvent): Promise<unknown> {
    const version = this.o.nextVersion();
    const occurredAt = workflowNowIso();
    this.o.numbered?.(e, version, occurredAt);
    const { dueOn, task } = this.o.rowAfter();
    const event: RecordEventInput = {
      taskId: this.o.taskId,
      organizationId: this.o.organizationId,
      workflowId: this.o.workflowId,
      eventKey: e.key,
      type: e.type,
      actor: e.actor,
      fromState: e.fromState,
      toState: e.toState,
      version,
      dueOn,
      occurredAt,
      payload: e.payload,
      task,
    };
    // A refused write (data Postgres cannot hold) is written scrubbed instead of wedging the queue.
    const write = readModelWriter();
    this.queue = this.queue.then(() => recordEventSafely(event, write));
    return this.queue;
  }
}
