import {
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { legacyBundleCalendar, WorkingCalendar, WorkingCalendarConfig } from '../../libs/domain/src/calendar/working-calendar';
import { legacyTaskLifecycleV0 } from '../legacy/task-lifecycle-v0.workflow';
import { SA_DUE, SA_ORG, SA_PLAN, SA_STATE, SA_UNIT } from '../common/search-attributes';
import { EventRecorder } from '../common/event-recorder';
import { refuseInvalidText } from '../common/input-text';
import { validateWith } from '../common/refusals';
import { workflowNowMs } from '../common/workflow-clock';
import {
  calendarChangedSignal,
  CLOSED_STATES,
  getAvailableActionsQuery,
  settingsChangedSignal,
  getHistoryQuery,
  getSnapshotQuery,
  getWaitingOnQuery,
  parentCancelledSignal,
  parentTriggerSignal,
  TASK_ACTIONS,
  TASK_UPDATES,
  TaskLifecycleInput,
  TaskSnapshot,
} from './task-lifecycle.contract';
import { availableActionsOf } from './actions';
import {
  applyAction,
  applyParentCancel,
  applyParentTrigger,
  applyTimers,
  checkAction,
  endOfDayMs,
  EventDraft,
  historyEntryOf,
  initModel,
  MachineContext,
  nextWakeMs,
  pushHistory,
  readModelPatchOf,
  snapshotOf,
  TaskModel,
} from './task-machine';


/** Marks executions that run the full lifecycle; older histories replay the foundation slice. */
export const FULL_LIFECYCLE_PATCH = 'full-lifecycle-v1';
/** Marks executions that run the deadline ladder (reminders, overdue, escalation timers). */
export const DEADLINE_LADDER_PATCH = 'deadline-ladder-v1';
/** Marks executions that run the shorter ladders of a waiting review and a waiting approval. */
export const WAIT_LADDERS_PATCH = 'wait-ladders-v1';
/** Marks executions whose ladder counts from the working end of a deadline on a day off (BLDS 2015 art. 148(5)). */
export const DAY_OFF_RULE_PATCH = 'day-off-rule-v1';
/** Marks executions that take the organization's new settings (`settingsChanged`); before it the signal was not handled. */
export const SETTINGS_SIGNAL_PATCH = 'settings-changed-v1';
/**
 * Marks executions that recorded a file step (`recordAttachment`, `removeAttachment`, issue 17).
 * Those are new Updates: no running history holds them, so nothing older changes; the marker lets
 * a later change to the file steps tell these executions apart.
 */
export const ATTACHMENT_EVENTS_PATCH = 'attachment-events-v1';
const FILE_STEPS: readonly string[] = ['recordAttachment', 'removeAttachment'];
/** Marks executions whose report rounds fall due on their round day (the plan's own, else monthly on the 14th, NĐ 09/2019 art. 12). */
export const ROUND_DAYS_PATCH = 'round-days-v1';
/** Marks executions whose row, still waiting for its event when the plan ends, closes as "Không phát sinh". */
export const NOT_ARISEN_PATCH = 'not-arisen-v1';
/** Marks executions in which an officer's draft reaching 100 % tells the lead unit head (DRAFT_READY). */
export const DRAFT_READY_PATCH = 'draft-ready-v1';
/** DRAFT_READY once per drafting round (a redraft after a return tells the head again). */
export const DRAFT_READY_EACH_ROUND_PATCH = 'draft-ready-each-round-v1';
/** Marks executions whose ladder follows a later change of the organization's day-off rule (`settingsChanged`). */
export const DAY_OFF_RULE_SETTING_PATCH = 'day-off-rule-setting-v1';


/** The shortest sleep of the timer loop, so a clock edge can never make it spin. */
const MIN_SLEEP_MS = 1000;

/**
 * One appendix row, alive as long as the task (WORKFLOW.md). All rules live in `task-machine.ts`
 * (pure); this function wires them to Temporal: every human action is an Update whose validator
 * is the machine's check (the caller gets the new snapshot or a precise refusal), every change is
 * written to the read model by an idempotent activity in version order, and the machine's timers
 * (review window, report rounds, plan end) are durable workflow timers.
 */
export async function taskLifecycle(input: TaskLifecycleInput): Promise<TaskSnapshot> {
  if (!input.carried && !patched(FULL_LIFECYCLE_PATCH)) return legacyTaskLifecycleV0(input);

  const carried = input.carried as TaskModel | undefined;
  // The calendar the task counts on: carried over, else the organization's as the task started,
  // else (histories older than that input) the national calendar of the bundle.
  let calendar = calendarOf(carried ? carried.calendar : input.calendar) ?? legacyBundleCalendar();
  const ctx = (): MachineContext => ({ nowMs: workflowNowMs(), calendar });
  const workflowId = workflowInfo().workflowId;
  // Rounds on their round day (the plan's "trước ngày N", else monthly on the 14th): new executions.
  const model: TaskModel = carried ?? initModel(input, ctx(), { roundDays: patched(ROUND_DAYS_PATCH) });
  // Executions started before a ladder existed keep running without it (their histories hold
  // no marker); a continued run inherits what its predecessor had.
  if (!carried) {
    model.ladder = patched(DEADLINE_LADDER_PATCH);
    if (input.calendar) model.calendar = input.calendar;
    model.waitLadders = patched(WAIT_LADDERS_PATCH);
    const dayOffRule = patched(DAY_OFF_RULE_PATCH);
    model.dayOffRule = dayOffRule && model.settings.dayOffRule !== false;
    model.dayOffRulePatch = dayOffRule;
    // Only for a row that runs while its plan does: a row imported after its plan ended (old plans
    // entered for the record) may still have its past event recorded, and waits as before.
    const notArisen = patched(NOT_ARISEN_PATCH);
    model.notArisenRule = notArisen && !(model.planEndsOn && workflowNowMs() >= endOfDayMs(model.planEndsOn));
    model.draftReadyNotice = patched(DRAFT_READY_PATCH);
    model.draftReadyEachRound = patched(DRAFT_READY_EACH_ROUND_PATCH);
  }

  // Read-model writes go out one at a time, in version order (the recorder groupTask shares).
  const recorder = new EventRecorder({
    taskId: model.taskId,
    organizationId: model.organizationId,
    workflowId,
    nextVersion: () => (model.version += 1),
    numbered: (e, version, occurredAt) => pushHistory(model, historyEntryOf(version, e, occurredAt)),
    rowAfter: () => ({ dueOn: model.dueOn, task: readModelPatchOf(model, calendar) }),
  });
  const record = (events: EventDraft[]): Promise<unknown> => {
    for (const e of events) void recorder.record(e);
    syncSearchAttributes();
    return recorder.writes;
  };

  let shown = { state: '', due: '', unit: '' };
  const syncSearchAttributes = () => {
    const now = { state: model.state, due: model.dueOn ?? '', unit: model.ownerUnitCode ?? '' };
    if (now.state === shown.state && now.due === shown.due && now.unit === shown.unit) return;
    upsertSearchAttributes([
      { key: SA_ORG, value: model.organizationCode },
      { key: SA_STATE, value: model.state },
      ...(model.planId ? [{ key: SA_PLAN, value: model.planId }] : []),
      ...(model.ownerUnitCode ? [{ key: SA_UNIT, value: model.ownerUnitCode }] : []),
      ...(model.dueOn ? [{ key: SA_DUE, value: new Date(`${model.dueOn}T23:59:59+07:00`) }] : []),
    ]);
    shown = now;
  };
  syncSearchAttributes();

  // CREATED takes version 1 before any handler exists: an update delivered with the start is
  // applied after it, never ahead of it. A continued run carries on from its predecessor.
  if (!input.carried) {
    void record([
      {
        key: 'created',
        type: 'CREATED',
        actor: null,
        fromState: null,
        toState: model.state,
        payload: { title: model.title, mode: model.mode, dueOn: model.dueOn, milestones: model.milestones.length, rounds: model.rounds.length },
      },
    ]);
  }

  setHandler(getSnapshotQuery, () => snapshotOf(model));
  setHandler(getHistoryQuery, () => model.history);
  setHandler(getWaitingOnQuery, () => snapshotOf(model).waitingOn!);

  // Answers from the model as it stands; adds no command to the history.
  setHandler(getAvailableActionsQuery, (actor) => availableActionsOf(model, actor, ctx()));

  for (const action of TASK_ACTIONS) {
    setHandler(
      TASK_UPDATES[action] as (typeof TASK_UPDATES)['comment'],
      async (actionInput: unknown) => {
        const key = `${action}:${(actionInput as { idempotencyKey: string }).idempotencyKey}`;
        // A retry of an applied action (same idempotency key) answers with the current snapshot.
        if (!model.appliedKeys.includes(key)) {
          if (FILE_STEPS.includes(action)) patched(ATTACHMENT_EVENTS_PATCH);
          await record(applyAction(model, action, actionInput, ctx()));
        }
        await recorder.writes;
        return snapshotOf(model);
      },
      {
        validator: (actionInput: unknown) =>
          validateWith(() => {
            refuseInvalidText(actionInput);
            checkAction(model, action, actionInput, ctx());
          }),
      },
    );
  }

  setHandler(parentCancelledSignal, ({ reason, actor }) => {
    void record(applyParentCancel(model, reason, actor, ctx()));
  });
  setHandler(parentTriggerSignal, ({ eventDate, description, actor }) => {
    void record(applyParentTrigger(model, { eventDate, description }, actor, ctx()));
  });
  // A new calendar moves every timer still to come; a config the library refuses changes nothing
  // (a signal cannot be refused, and a broken calendar must not stop the task).
  let calendarEdits = 0;
  setHandler(calendarChangedSignal, ({ calendar: config }) => {
    const next = calendarOf(config);
    if (!next) return;
    calendar = next;
    model.calendar = config;
    calendarEdits += 1;
  });
  // New organization rules apply from now on: timers still to come are recomputed like after a
  // calendar edit. Only known rules of the same type are taken (a signal cannot be refused).
  setHandler(settingsChangedSignal, ({ settings }) => {
    if (!patched(SETTINGS_SIGNAL_PATCH)) return;
    const current = model.settings as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(settings ?? {})) {
      if (key in current && typeof value === typeof current[key] && Array.isArray(value) === Array.isArray(current[key])) current[key] = value;
    }
    // The day-off rule turned on or off: the ladder of an execution that runs the rule follows it
    // (the read model already judges by the organization's rule: readModelPatchOf).
    const rule = model.settings.dayOffRule !== false;
    if ((model.dayOffRulePatch ?? model.dayOffRule) && model.dayOffRule !== rule && patched(DAY_OFF_RULE_SETTING_PATCH)) model.dayOffRule = rule;
    calendarEdits += 1;
  });

  const closed = () => CLOSED_STATES.includes(model.state);
  const historyIsLong = () => {
    const info = workflowInfo();
    return info.continueAsNewSuggested || info.historyLength > model.settings.continueAsNewAfterHistoryEvents;
  };

  while (!closed()) {
    const fired = applyTimers(model, ctx());
    if (fired.length) {
      await record(fired);
      continue;
    }
    if (historyIsLong()) {
      // Nothing half-done crosses into the next run: finish running handlers and writes first.
      await condition(allHandlersFinished);
      await recorder.writes;
      if (!closed()) await continueAsNew<typeof taskLifecycle>({ ...input, carried: model });
      break;
    }
    const seen = { version: model.version, calendarEdits };
    const wake = nextWakeMs(model, calendar);
    const changed = () => model.version !== seen.version || calendarEdits !== seen.calendarEdits || closed();
    if (wake === null) await condition(changed);
    else await condition(changed, Math.max(wake - workflowNowMs(), MIN_SLEEP_MS));
  }

  await condition(allHandlersFinished);
  await recorder.writes;
  return snapshotOf(model);
}

/** The working calendar of a stored config, or null when there is none or the library refuses it. */
function calendarOf(config: WorkingCalendarConfig | undefined): WorkingCalendar | null {
  if (!config) return null;
  try {
    return new WorkingCalendar(config);
  } catch {
    return null;
  }
}
