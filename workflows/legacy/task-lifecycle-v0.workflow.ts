import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { SA_DUE, SA_ORG, SA_PLAN, SA_STATE, SA_UNIT } from '../common/search-attributes';
import { workflowNowIso } from '../common/workflow-clock';
import {
  Actor,
  cancelUpdate,
  CancelInput,
  commentUpdate,
  CommentInput,
  getSnapshotQuery,
  LEADERSHIP_ROLES,
  LifecycleState,
  RecordEventInput,
  REFUSAL,
  TaskActivities,
  TaskLifecycleInput,
  TaskSnapshot,
} from '../task-lifecycle/task-lifecycle.contract';

const { recordTaskEvent } = proxyActivities<TaskActivities>({
  startToCloseTimeout: '30 seconds',
  // The read model must eventually see every transition: retry for as long as it takes (Postgres
  // down for an hour is an outage, not a reason to lose an audit event).
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * The foundation slice of the task workflow, kept verbatim so that executions started before the
 * full lifecycle (histories without the `full-lifecycle-v1` patch marker) replay and finish on the
 * code they started with. Do not change its commands; delete it once no such execution is open
 * (see `deprecatePatch` in Temporal's versioning guide).
 */
export async function legacyTaskLifecycleV0(input: TaskLifecycleInput): Promise<TaskSnapshot> {
  const workflowId = workflowInfo().workflowId;
  let state = input.initialState as LifecycleState;
  let version = 0;
  let commentCount = 0;
  const appliedKeys = new Set<string>();

  const snapshot = (): TaskSnapshot => ({ taskId: input.taskId, state, version, dueOn: input.dueOn, originalDueOn: input.dueOn, commentCount });

  // Read-model writes go out one at a time, in version order: an update arriving while the
  // CREATED event is still being written must not overtake it in the audit trail.
  let writes: Promise<unknown> = Promise.resolve();
  const record = (
    e: Pick<RecordEventInput, 'eventKey' | 'type' | 'fromState' | 'toState' | 'payload'> & { actor: Actor | null },
  ): Promise<unknown> => {
    version += 1;
    const event: RecordEventInput = {
      ...e,
      taskId: input.taskId,
      organizationId: input.organizationId,
      workflowId,
      version,
      dueOn: input.dueOn,
      occurredAt: workflowNowIso(),
    };
    writes = writes.then(() => recordTaskEvent(event));
    return writes;
  };

  upsertSearchAttributes([
    { key: SA_ORG, value: input.organizationCode },
    { key: SA_STATE, value: state },
    ...(input.planId ? [{ key: SA_PLAN, value: input.planId }] : []),
    ...(input.ownerUnitCode ? [{ key: SA_UNIT, value: input.ownerUnitCode }] : []),
    ...(input.dueOn ? [{ key: SA_DUE, value: new Date(`${input.dueOn}T23:59:59+07:00`) }] : []),
  ]);

  // CREATED takes version 1 before any handler exists: an update delivered with the start is
  // applied after it, never ahead of it.
  const created = record({ eventKey: 'created', type: 'CREATED', actor: null, fromState: null, toState: state, payload: { title: input.title } });

  setHandler(getSnapshotQuery, snapshot);

  setHandler(
    commentUpdate,
    async ({ actor, idempotencyKey, text }: CommentInput) => {
      if (appliedKeys.has(idempotencyKey)) return snapshot();
      appliedKeys.add(idempotencyKey);
      commentCount += 1;
      await record({ eventKey: `comment:${idempotencyKey}`, type: 'COMMENTED', actor, fromState: state, toState: state, payload: { text } });
      return snapshot();
    },
    {
      validator: ({ idempotencyKey, text }: CommentInput) => {
        if (appliedKeys.has(idempotencyKey)) return; // a retry of an applied action answers with the snapshot
        if (!idempotencyKey) throw ApplicationFailure.nonRetryable('Thiếu khóa chống lặp (Idempotency-Key).', REFUSAL.INVALID_INPUT);
        if (!text || !text.trim()) throw ApplicationFailure.nonRetryable('Nội dung ý kiến không được để trống.', REFUSAL.INVALID_INPUT);
        if (state === 'COMPLETED' || state === 'CANCELLED') {
          throw ApplicationFailure.nonRetryable('Nhiệm vụ đã kết thúc, không thể thêm ý kiến.', REFUSAL.TASK_CLOSED);
        }
      },
    },
  );

  setHandler(
    cancelUpdate,
    async ({ actor, idempotencyKey, reason }: CancelInput) => {
      if (appliedKeys.has(idempotencyKey)) return snapshot();
      appliedKeys.add(idempotencyKey);
      const from = state;
      state = 'CANCELLED';
      upsertSearchAttributes([{ key: SA_STATE, value: state }]);
      await record({ eventKey: `cancel:${idempotencyKey}`, type: 'CANCELLED', actor, fromState: from, toState: state, payload: { reason } });
      return snapshot();
    },
    {
      validator: ({ actor, idempotencyKey, reason }: CancelInput) => {
        if (appliedKeys.has(idempotencyKey)) return;
        if (!idempotencyKey) throw ApplicationFailure.nonRetryable('Thiếu khóa chống lặp (Idempotency-Key).', REFUSAL.INVALID_INPUT);
        if (!actor?.roles?.some((r) => LEADERSHIP_ROLES.includes(r))) {
          throw ApplicationFailure.nonRetryable('Chỉ lãnh đạo Sở được hủy nhiệm vụ.', REFUSAL.FORBIDDEN);
        }
        if (!reason || !reason.trim()) throw ApplicationFailure.nonRetryable('Cần nêu lý do hủy nhiệm vụ.', REFUSAL.INVALID_INPUT);
        if (state === 'COMPLETED' || state === 'CANCELLED') {
          throw ApplicationFailure.nonRetryable('Nhiệm vụ đã kết thúc.', REFUSAL.TASK_CLOSED);
        }
      },
    },
  );


  await created;
  await condition(() => state === 'COMPLETED' || state === 'CANCELLED');
  await condition(allHandlersFinished);
  return snapshot();
}
