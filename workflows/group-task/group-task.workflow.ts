import {
  condition,
  ParentClosePolicy,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
  ChildWorkflowHandle,
  allHandlersFinished,
  patched,
} from '@temporalio/workflow';
import { SA_DUE, SA_ORG, SA_PLAN, SA_STATE } from '../common/search-attributes';
import { EventRecorder } from '../common/event-recorder';
import { legacyBundleCalendar, WorkingCalendar, WorkingCalendarConfig, workingDueOf } from '../../libs/domain/src/calendar/working-calendar';
import { refuseInvalidText } from '../common/input-text';
import { validateWith } from '../common/refusals';
import { workflowNowMs } from '../common/workflow-clock';
import {
  Actor,
  cancelUpdate,
  CancelInput,
  getAvailableActionsQuery,
  getSnapshotQuery,
  GroupTaskInput,
  GroupTaskResult,
  LifecycleState,
  calendarChangedSignal,
  LifecycleSettings,
  settingsChangedSignal,
  parentCancelledSignal,
  parentTriggerSignal,
  recordTriggerUpdate,
  RecordTriggerInput,
  REFUSAL,
  TaskReadModelPatch,
  TaskSnapshot,
} from '../task-lifecycle/task-lifecycle.contract';
import { taskLifecycle } from '../task-lifecycle/task-lifecycle.workflow';
import { ACTIONS } from '../task-lifecycle/actions';
import type { EventPayloads, TaskEventType } from '../task-lifecycle/events';
import { actsAsDirector, checkCaller, checkEventFields, checkExpectedVersion, eventOf, Refusal } from '../task-lifecycle/task-machine';


/** Units' tasks start with the organization's calendar and settings of the day, and hear later changes through the row. */
export const GROUP_CONFIG_PATCH = 'group-forwards-config-v1';

interface ChildState {
  unitCode: string;
  unitId: string;
  workflowId: string;
  state: LifecycleState;
  dueOn: string | null;
  completedOn: string | null;
  late: boolean;
  /** The unit's task closed as "Không phát sinh" (its event never came by the plan end). */
  notArisen?: boolean;
}

/**
 * A group-led row (WORKFLOW.md: "Group lead … one child workflow per unit; the parent completes
 * when all children complete"). The parent starts one `taskLifecycle` per unit, waits for each,
 * records every child's outcome on the row's own task, and ends reporting which units were late.
 * Leadership cancels the whole row here; the monitor records the row's trigger here once and
 * every waiting unit starts.
 */
export async function groupTask(input: GroupTaskInput): Promise<GroupTaskResult> {
  const { base } = input;
  const workflowId = workflowInfo().workflowId;
  let state: LifecycleState = base.initialState;
  let version = 0;
  const appliedKeys = new Set<string>();
  const children: ChildState[] = input.children.map((c) => ({
    unitCode: c.unit.unitCode,
    unitId: c.unit.unitId,
    workflowId: c.workflowId,
    state: base.initialState,
    dueOn: base.dueOn,
    completedOn: null,
    late: false,
  }));

  const snapshot = (): TaskSnapshot => {
    const open = children.filter((c) => c.state !== 'COMPLETED' && c.state !== 'CANCELLED');
    return {
      taskId: base.taskId,
      state,
      version,
      dueOn: base.dueOn,
      originalDueOn: base.dueOn,
      commentCount: 0,
      mode: 'single',
      ownerUnitId: null,
      ownerUnitCode: null,
      coordinatingUnits: base.coordinatingUnits ?? [],
      completedOn: null,
      waitingOn: open.length
        ? { kind: 'lead_unit', unitIds: open.map((c) => c.unitId), text: `Chờ ${open.length}/${children.length} đơn vị: ${open.map((c) => c.unitCode).join(', ')}` }
        : { kind: 'nobody', unitIds: [], text: state === 'CANCELLED' ? 'Đã hủy' : 'Đã hoàn thành' },
    };
  };

  // The row checks event dates (and gives its row's deadline a working end); its units' tasks
  // count deadlines on the calendar they carry.
  let calendar = calendarOrDefault(base.calendar);
  const patch = (): TaskReadModelPatch => {
    const s = snapshot();
    const done = children.filter((c) => c.state === 'COMPLETED').length;
    return {
      state,
      dueOn: base.dueOn,
      extendedDueOn: null,
      workingDueOn: workingDueOf(calendar, base.dueOn, base.settings?.dayOffRule !== false),
      ownerUnitId: null,
      coordinatingUnitIds: (base.coordinatingUnits ?? []).map((u) => u.unitId),
      pendingReviewUnitIds: [],
      completedOn: state === 'COMPLETED' ? (children.map((c) => c.completedOn ?? '').sort().pop() || null) : null,
      progressPercent: children.length ? Math.round((done * 100) / children.length) : 0,
      milestones: [],
      waitingOn: s.waitingOn!,
      detail: { ...s, children } as unknown as TaskSnapshot,
      // Every unit's task closed without its event: the row did not arise either (not "done on time").
      ...(state === 'COMPLETED' && children.some((c) => c.state === 'COMPLETED') && children.every((c) => c.state !== 'COMPLETED' || c.notArisen)
        ? { notArisen: true }
        : {}),
    };
  };

  // The recorder and numbering taskLifecycle uses; the row's state is the event's new state.
  const recorder = new EventRecorder({
    taskId: base.taskId,
    organizationId: base.organizationId,
    workflowId,
    nextVersion: () => (version += 1),
    rowAfter: () => ({ dueOn: base.dueOn, task: patch() }),
  });
  const record = <K extends TaskEventType>(e: { key: string; type: K; actor: Actor | null; from: LifecycleState | null; payload: EventPayloads[K] }) => {
    const written = recorder.record(eventOf(e.key, e.type, e.actor, { fromState: e.from, toState: state }, e.payload));
    upsertSearchAttributes([{ key: SA_STATE, value: state }]);
    return written;
  };

  upsertSearchAttributes([
    { key: SA_ORG, value: base.organizationCode },
    { key: SA_STATE, value: state },
    ...(base.planId ? [{ key: SA_PLAN, value: base.planId }] : []),
    ...(base.dueOn ? [{ key: SA_DUE, value: new Date(`${base.dueOn}T23:59:59+07:00`) }] : []),
  ]);
  void record({ key: 'created', type: 'CREATED', actor: null, from: null, payload: { title: base.title, group: children.map((c) => c.unitCode) } });

  const handles: ChildWorkflowHandle<typeof taskLifecycle>[] = [];
  // What the row's children must hear, also those started after it happened.
  let cancelled: { reason: string; actor: Actor } | null = null;
  let trigger: { eventDate: string; description: string; actor: Actor } | null = null;
  const ctx = () => ({ nowMs: workflowNowMs(), calendar });
  // What a unit's task starts with and hears later: the organization's calendar and settings as
  // they are when it starts, not as they were at import. A change that reaches the row before a
  // child has started (the broadcast finds no workflow for it yet) would otherwise be lost for that
  // unit; one that reaches the row after is passed on to every child already running.
  const forwardsConfig = patched(GROUP_CONFIG_PATCH);
  let calendarConfig: WorkingCalendarConfig | undefined = base.calendar;
  let settings: Partial<LifecycleSettings> | undefined = base.settings;
  const pendingForwards: Array<(h: ChildWorkflowHandle<typeof taskLifecycle>) => Promise<void>> = [];
  setHandler(calendarChangedSignal, ({ calendar: config }) => {
    calendar = calendarOrDefault(config);
    if (!forwardsConfig || !config) return;
    calendarConfig = config;
    pendingForwards.push((h) => h.signal(calendarChangedSignal, { calendar: config }));
  });
  setHandler(settingsChangedSignal, ({ settings: next }) => {
    if (!forwardsConfig) return;
    settings = { ...(settings ?? {}), ...(next ?? {}) };
    pendingForwards.push((h) => h.signal(settingsChangedSignal, { settings: next }));
  });
  /** The machine's shared checks (key, actor, organization); true when the key was applied before. */
  const callerChecked = (action: string, i: unknown): boolean => {
    const seen = checkCaller(base.organizationId, [...appliedKeys], action, i) === 'duplicate';
    if (seen) return true;
    // The version check every task action has (taskLifecycle's checkAction): no more patched in by the API.
    checkExpectedVersion(version, i);
    if (state === 'COMPLETED' || state === 'CANCELLED') throw new Refusal(REFUSAL.TASK_CLOSED, 'Nhiệm vụ đã kết thúc.');
    return false;
  };

  setHandler(getSnapshotQuery, snapshot);
  // The row's own steps, by the same checks as its validators below (its units' steps are on their tasks).
  const allowed: Record<'cancel' | 'recordTrigger', (a: Actor) => boolean> = {
    cancel: (a) => actsAsDirector(a),
    recordTrigger: (a) => state === 'PENDING_TRIGGER' && (a.roles.includes('monitor') || actsAsDirector(a)),
  };
  setHandler(getAvailableActionsQuery, (actor) => {
    if (actor.organizationId !== base.organizationId || state === 'COMPLETED' || state === 'CANCELLED') return [];
    return (['cancel', 'recordTrigger'] as const).filter((a) => allowed[a](actor)).map((a) => ({ action: a, label: ACTIONS[a].label, needs: ACTIONS[a].needs }));
  });

  setHandler(
    cancelUpdate,
    async (i: CancelInput) => {
      if (!appliedKeys.has(`cancel:${i.idempotencyKey}`)) {
        appliedKeys.add(`cancel:${i.idempotencyKey}`);
        cancelled = { reason: i.reason, actor: i.actor };
        for (const h of handles) await h.signal(parentCancelledSignal, cancelled);
        await record({ key: `cancel:${i.idempotencyKey}`, type: 'GROUP_CANCEL_REQUESTED', actor: i.actor, from: state, payload: { reason: i.reason } });
      }
      await recorder.writes;
      return snapshot();
    },
    {
      validator: (i: CancelInput) =>
        validateWith(() => {
          refuseInvalidText(i);
          if (callerChecked('cancel', i)) return;
          if (!allowed.cancel(i.actor)) throw new Refusal(REFUSAL.FORBIDDEN, 'Chỉ Giám đốc (hoặc người ký thay) được hủy nhiệm vụ giao cho nhiều đơn vị.');
          if (!i.reason?.trim()) throw new Refusal(REFUSAL.INVALID_INPUT, 'Cần nêu lý do hủy nhiệm vụ.');
        }),
    },
  );

  setHandler(
    recordTriggerUpdate,
    async (i: RecordTriggerInput) => {
      if (!appliedKeys.has(`recordTrigger:${i.idempotencyKey}`)) {
        appliedKeys.add(`recordTrigger:${i.idempotencyKey}`);
        const from = state;
        state = 'DRAFTING';
        await record({ key: `recordTrigger:${i.idempotencyKey}`, type: 'TRIGGER_RECORDED', actor: i.actor, from, payload: { eventDate: i.eventDate, description: i.description } });
        // Every unit's task that still waits starts from the same event.
        trigger = { eventDate: i.eventDate, description: i.description, actor: i.actor };
        for (const h of handles) await h.signal(parentTriggerSignal, trigger);
      }
      await recorder.writes;
      return snapshot();
    },
    {
      validator: (i: RecordTriggerInput) =>
        validateWith(() => {
          refuseInvalidText(i);
          if (callerChecked('recordTrigger', i)) return;
          if (state !== 'PENDING_TRIGGER') throw new Refusal(REFUSAL.INVALID_STATE, 'Nhiệm vụ không chờ sự kiện.');
          if (!allowed.recordTrigger(i.actor)) {
            throw new Refusal(REFUSAL.FORBIDDEN, 'Chỉ bộ phận theo dõi hoặc Giám đốc được ghi nhận sự kiện cho nhiệm vụ giao cho nhiều đơn vị.');
          }
          checkEventFields(i, ctx());
        }),
    },
  );

  for (const c of input.children) {
    const handle = await startChild(taskLifecycle, {
        workflowId: c.workflowId,
        args: [
          {
            ...base,
            ...(forwardsConfig ? { calendar: calendarConfig, settings } : {}),
            taskId: c.taskId,
            ownerUnitId: c.unit.unitId,
            ownerUnitCode: c.unit.unitCode,
            coordinatingUnits: (base.coordinatingUnits ?? []).filter((u) => u.unitId !== c.unit.unitId),
            parentWorkflowId: workflowId,
          },
        ],
        // A unit's task outlives an operator terminating the row: its work is not thrown away.
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
    handles.push(handle);
    // Started after the row was cancelled or its event recorded: it hears it too.
    if (trigger) await handle.signal(parentTriggerSignal, trigger);
    if (cancelled) await handle.signal(parentCancelledSignal, cancelled);
  }

  // Changes the row heard are passed on to its units' tasks, one after the other, in the order heard.
  let unitsFinished = false;
  const forwarding = forwardsConfig
    ? (async () => {
        for (;;) {
          await condition(() => pendingForwards.length > 0 || unitsFinished);
          const forward = pendingForwards.shift();
          if (!forward) return;
          for (const [index, h] of handles.entries()) {
            const open = children[index].state !== 'COMPLETED' && children[index].state !== 'CANCELLED';
            // A unit's task that has closed meanwhile has nothing to move: its refusal is not an error of the row.
            if (open) await forward(h).catch(() => undefined);
          }
        }
      })()
    : Promise.resolve();

  await Promise.all(
    handles.map(async (h, index) => {
      const result = await h.result();
      const child = children[index];
      child.state = result.state;
      child.dueOn = result.dueOn;
      child.completedOn = result.completedOn ?? null;
      if (result.outcome === 'not-arisen') child.notArisen = true;
      child.late = result.state === 'COMPLETED' && !!result.dueOn && !!child.completedOn && child.completedOn > result.dueOn;
      await record({
        key: `child:${child.unitCode}:${result.state}`,
        type: 'UNIT_TASK_FINISHED',
        actor: null,
        from: state,
        payload: { unitCode: child.unitCode, state: result.state, dueOn: result.dueOn, completedOn: child.completedOn, late: child.late },
      });
    }),
  );

  unitsFinished = true;
  await forwarding;

  const from = state;
  state = !cancelled && children.some((c) => c.state === 'COMPLETED') ? 'COMPLETED' : 'CANCELLED';
  const lateUnitCodes = children.filter((c) => c.late).map((c) => c.unitCode);
  await record({
    key: 'group-finished',
    type: state === 'COMPLETED' ? 'COMPLETED' : 'CANCELLED',
    actor: null,
    from,
    payload: { lateUnitCodes, units: children.map((c) => ({ unitCode: c.unitCode, state: c.state, late: c.late })) },
  });
  await condition(allHandlersFinished);
  await recorder.writes;
  return {
    taskId: base.taskId,
    state,
    children: children.map((c) => ({ unitCode: c.unitCode, state: c.state, dueOn: c.dueOn, completedOn: c.completedOn, late: c.late })),
    lateUnitCodes,
  };
}

function calendarOrDefault(config: WorkingCalendarConfig | undefined): WorkingCalendar {
  try {
    return config ? new WorkingCalendar(config) : legacyBundleCalendar();
  } catch {
    return legacyBundleCalendar();
  }
}
