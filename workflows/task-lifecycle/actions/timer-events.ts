import type { EventRule, TaskEventType } from '../events';

/**
 * Recipients of the events nobody's action records: the deadline ladder, the review window, the
 * waits for a review and an approval, report rounds and the plan's end (the timers of
 * `task-machine.ts` put these lists in the events' `notify`), and the workflows' own records.
 */
export const TIMER_EVENTS = {
  DEADLINE_REMINDER: { recipients: ['leadUnitOfficer', 'leadUnitHead'] },
  DEADLINE_PASSED: { recipients: ['leadUnitHead', 'monitor'] },
  ESCALATED_TO_DEPUTY: { recipients: ['deputyInCharge'] },
  ESCALATED_TO_DIRECTOR: { recipients: ['director'] },
  REVIEW_REMINDER: { recipients: ['reviewUnitHead'] },
  // Executions older than the wait ladders name only the first two in the event's `notify`.
  REVIEW_ESCALATED: { recipients: ['deputyInCharge', 'monitor', 'reviewUnitHead'] },
  REVIEW_ESCALATED_TO_DIRECTOR: { recipients: ['director'] },
  REVIEW_SILENT_AGREED: { recipients: ['leadUnitHead'] },
  APPROVAL_REMINDER: { recipients: ['approver'] },
  APPROVAL_ESCALATED: { recipients: ['director', 'monitor'] },
  ROUND_OPENED: { recipients: ['leadUnitHead', 'leadUnitOfficer'] },
  COMPLETED: { recipients: ['leadUnitHead', 'monitor'] },
  NOT_ARISEN: { recipients: ['leadUnitHead', 'monitor'] },
} as const satisfies Partial<Record<TaskEventType, EventRule>>;

/** Events of the workflows themselves (creation, the group parent's bookkeeping). */
export const SYSTEM_EVENTS = {
  CREATED: { recipients: [] },
  // The group's children each record (and notify) their own cancellation.
  GROUP_CANCEL_REQUESTED: { recipients: [] },
  UNIT_TASK_FINISHED: { recipients: [] },
} as const satisfies Partial<Record<TaskEventType, EventRule>>;
