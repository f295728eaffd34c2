import type { ActionInputs, Actor, AvailableAction, TaskAction } from '../task-lifecycle.contract';
import type { EventRule, TaskEventType } from '../events';
import { MachineContext, Refusal, TaskModel } from '../task-machine';
import type { ActionModule } from './action';
import { acknowledgeReport } from './acknowledge-report';
import { approve } from './approve';
import { assign } from './assign';
import { cancel } from './cancel';
import { comment } from './comment';
import { decideExtension } from './decide-extension';
import { nameCoordinatingUnits } from './name-coordinating-units';
import { raiseBlocker } from './raise-blocker';
import { reassign } from './reassign';
import { recordAttachment } from './record-attachment';
import { recordTrigger } from './record-trigger';
import { reject } from './reject';
import { remind } from './remind';
import { removeAttachment } from './remove-attachment';
import { requestExtension } from './request-extension';
import { resolveBlocker } from './resolve-blocker';
import { returnAction } from './return';
import { review } from './review';
import { saveDraft } from './save-draft';
import { submit } from './submit';
import { submitReport } from './submit-report';
import { TIMER_EVENTS, SYSTEM_EVENTS } from './timer-events';

export type { ActionModule } from './action';

/**
 * The registry: every human step of a task, one module each (`actions/<step>.ts`). The workflow's
 * Updates and validators, the API routes, `availableActions` of the task detail and the
 * notification recipients are derived from it; `TASK_ACTIONS` (the contract) must list the same
 * names (`satisfies` below fails the typecheck otherwise).
 */
export const ACTIONS = {
  saveDraft,
  nameCoordinatingUnits,
  submit,
  review,
  approve,
  return: returnAction,
  reject,
  cancel,
  requestExtension,
  decideExtension,
  reassign,
  raiseBlocker,
  resolveBlocker,
  recordTrigger,
  comment,
  submitReport,
  acknowledgeReport,
  remind,
  assign,
  recordAttachment,
  removeAttachment,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
} as const satisfies { [N in TaskAction]: ActionModule<N, ActionInputs[N], any> };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAction = ActionModule<TaskAction, any, TaskEventType>;

/**
 * Who each event tells, for every event type: the human steps' own events, the timers' and the
 * system's (`timer-events.ts`). Exhaustive: an event type without a rule fails the typecheck.
 */
export const EVENT_RULES = {
  ...saveDraft.events,
  ...nameCoordinatingUnits.events,
  ...submit.events,
  ...review.events,
  ...approve.events,
  ...returnAction.events,
  ...reject.events,
  ...cancel.events,
  ...requestExtension.events,
  ...decideExtension.events,
  ...reassign.events,
  ...raiseBlocker.events,
  ...resolveBlocker.events,
  ...recordTrigger.events,
  ...comment.events,
  ...submitReport.events,
  ...acknowledgeReport.events,
  ...remind.events,
  ...assign.events,
  ...recordAttachment.events,
  ...removeAttachment.events,
  ...TIMER_EVENTS,
  ...SYSTEM_EVENTS,
} as const satisfies Record<TaskEventType, EventRule>;

export type { AvailableAction };

/**
 * The steps `actor` may take on the task now, by the registry's own checks (the shared ones of
 * `checkAction` first: organization, "KT.", closed task). The task page shows exactly these.
 */
export function availableActionsOf(m: TaskModel, actor: Actor, ctx: MachineContext): AvailableAction[] {
  if (actor.organizationId !== m.organizationId) return [];
  if (actor.onBehalfOfUserId && !actor.roles.includes('deputyDirector')) return [];
  if (m.state === 'COMPLETED' || m.state === 'CANCELLED') return [];
  const out: AvailableAction[] = [];
  for (const mod of Object.values(ACTIONS) as AnyAction[]) {
    try {
      mod.allowed(m, actor, ctx);
      out.push({ action: mod.name, label: mod.label, needs: mod.needs });
    } catch (err) {
      if (!(err instanceof Refusal)) throw err;
    }
  }
  return out;
}

/** `POST /tasks/:id/<route>` of each action. */
export const ACTION_ROUTES = Object.fromEntries((Object.values(ACTIONS) as AnyAction[]).map((a) => [a.name, a.route])) as Record<TaskAction, string>;
