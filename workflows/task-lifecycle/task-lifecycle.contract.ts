import { defineQuery, defineUpdate } from '@temporalio/workflow';

/**
 * The one contract of the task workflow: its input, messages and the activities it calls.
 * The API (client side) and the workflow both import this module; it holds types and message
 * definitions only, nothing that does I/O.
 */

export const TASK_LIFECYCLE_WORKFLOW = 'taskLifecycle';

export type LifecycleState = 'PENDING_TRIGGER' | 'DRAFTING' | 'IN_REVIEW' | 'AWAITING_APPROVAL' | 'COMPLETED' | 'CANCELLED';

export interface TaskLifecycleInput {
  taskId: string;
  organizationId: string;
  organizationCode: string;
  planId: string | null;
  ownerUnitCode: string | null;
  title: string;
  /** ISO calendar date (Asia/Ho_Chi_Minh), null when the task waits for an event. */
  dueOn: string | null;
  initialState: 'DRAFTING' | 'PENDING_TRIGGER';
}

/** Who acts, as authenticated by the API; the workflow decides what they may do. */
export interface Actor {
  userId: string;
  unitId: string | null;
  roles: string[];
  onBehalfOfUserId?: string | null;
}

export interface TaskSnapshot {
  taskId: string;
  state: LifecycleState;
  version: number;
  dueOn: string | null;
  commentCount: number;
}

export interface CommentInput {
  actor: Actor;
  /** The same key twice applies once. */
  idempotencyKey: string;
  text: string;
}

export interface CancelInput {
  actor: Actor;
  idempotencyKey: string;
  reason: string;
}

export const getSnapshotQuery = defineQuery<TaskSnapshot>('getSnapshot');
export const commentUpdate = defineUpdate<TaskSnapshot, [CommentInput]>('comment');
/** Leadership cancels an open task (WORKFLOW.md: "CANCELLED from any open state, by leadership"). */
export const cancelUpdate = defineUpdate<TaskSnapshot, [CancelInput]>('cancel');

export const LEADERSHIP_ROLES = ['deputyDirector', 'director'];

/** A transition or event written to the read model; `eventKey` is unique per task. */
export interface RecordEventInput {
  taskId: string;
  organizationId: string;
  workflowId: string;
  eventKey: string;
  type: string;
  actor: Actor | null;
  fromState: LifecycleState | null;
  toState: LifecycleState | null;
  version: number;
  dueOn: string | null;
  occurredAt: string;
  payload: Record<string, unknown>;
}

/** Activities the workflow calls; implemented by the worker's Nest providers. */
export interface TaskActivities {
  recordTaskEvent(input: RecordEventInput): Promise<{ applied: boolean }>;
}

/** Refusal codes the validators use (ApplicationFailure type), mapped to HTTP by the API. */
export const REFUSAL = {
  INVALID_INPUT: 'INVALID_INPUT',
  TASK_CLOSED: 'TASK_CLOSED',
  FORBIDDEN: 'FORBIDDEN',
} as const;
