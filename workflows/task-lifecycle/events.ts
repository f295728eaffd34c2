import type { Attachment, AttachmentFacts, LifecycleState, ReviewOpinion, ReviewOpinionView, UnitRef } from './task-lifecycle.contract';

/**
 * Every event the task workflows record (task machine, its timers, the group parent), as one
 * discriminated union keyed by `type`. Labels (`event-labels.ts`), recipients (`EVENT_RULES` in
 * `actions/index.ts`) and the notification wording (`libs/persistence/src/notifications/notification-text.ts`)
 * are `Record<TaskEventType, …>`: a new event type without a label, a recipient rule or a wording
 * does not typecheck. Pure types: safe in the workflow sandbox.
 */

/** How a leader signed (`signature()` of the machine). */
export interface Signature {
  signedAs?: string | null;
  signerUserId?: string;
  signerName?: string | null;
  onBehalfOfUserId?: string;
  onBehalfOfName?: string | null;
}

/** What the ladders (deadline, review, approval) put in their events. */
interface LadderPayload {
  dueOn: string | null;
  workingDays: number;
  /** Recipients as the workflow named them (role words); the declared rule when absent. */
  notify?: readonly NotifyRole[];
  ownerUnitId: string | null;
}

export interface EventPayloads {
  CREATED: { title: string; mode?: 'single' | 'recurring'; dueOn?: string | null; milestones?: number; rounds?: number; group?: string[] };
  DRAFT_SAVED: { textLength: number; attachments: Attachment[]; progressPercent: number };
  /** An officer's draft reached 100 %: the hand-off to the unit head, who submits it. */
  DRAFT_READY: { textLength: number; progressPercent: number };
  COORDINATING_UNITS_NAMED: { before: string[]; after: string[] };
  SUBMITTED_FOR_REVIEW: { round: number; reviewers: string[]; windowEndsOn: string; note?: string };
  SUBMITTED_FOR_APPROVAL: { note?: string };
  SUBMITTED_OVERRIDING_REVIEW: { justification: string | null; lastReview: unknown; silentUnits: string[]; note?: string };
  REVIEW_GIVEN: { round: number; unitCode: string; opinion: ReviewOpinion; comment: string | null };
  REVIEW_SILENT_AGREED: { round: number; units: string[]; windowEndsOn: string; rule: string };
  REVIEW_REMINDER: LadderPayload & { round: number; windowEndsOn: string; units: string[]; unitIds: string[] };
  REVIEW_ESCALATED: { round: number; units: string[]; unitIds: string[]; windowEndsOn: string; ownerUnitId: string | null; notify?: readonly NotifyRole[] };
  REVIEW_ESCALATED_TO_DIRECTOR: LadderPayload & { round: number; windowEndsOn: string; units: string[]; unitIds: string[] };
  REVIEW_COMPLETED: { round: number; opinions: ReviewOpinionView[] };
  REVIEW_RETURNED: { round: number; opinions: ReviewOpinionView[] };
  APPROVAL_REMINDER: LadderPayload & { since: string };
  APPROVAL_ESCALATED: LadderPayload & { since: string };
  APPROVED: Signature & { comment: string | null; milestone: number; milestoneLabel: string; dueOn: string | null; completedOn: string; onTime: boolean };
  MILESTONE_APPROVED: Signature & { comment: string | null; milestone: number; milestoneLabel: string; dueOn: string | null; nextMilestone: number; nextDueOn: string | null };
  RETURNED: Signature & { comment: string };
  REJECTED: Signature & { reason: string };
  CANCELLED: Signature & { reason: string; byParent?: boolean };
  GROUP_CANCEL_REQUESTED: { reason: string };
  EXTENSION_REQUESTED: { currentDueOn: string | null; requestedDueOn: string; reason: string };
  EXTENSION_GRANTED: Signature & { requestedDueOn: string; previousDueOn: string | null; newDueOn: string; otherDate: boolean; comment: string | null };
  EXTENSION_REFUSED: Signature & { requestedDueOn: string; comment: string | null };
  REASSIGNED: Signature & { from: { unitId: string | null; unitCode: string | null }; to: UnitRef; reason: string; newDueOn: string | null };
  BLOCKER_RAISED: { blockerId: string; text: string; notify?: readonly NotifyRole[] };
  BLOCKER_RESOLVED: { blockerId: string; resolution: string | null };
  TRIGGER_RECORDED: { eventDate: string; description: string; windowWorkingDays?: number; dueOn?: string };
  COMMENTED: { text: string };
  ROUND_OPENED: { roundKey: string; label?: string; dueOn: string; eventDate?: string; description?: string };
  REPORT_SUBMITTED: { roundKey: string; label: string; dueOn: string; late: boolean; attachments: Attachment[] };
  REPORT_ACKNOWLEDGED: { roundKey: string; label: string; comment: string | null };
  UNIT_TASK_FINISHED: { unitCode: string; state: LifecycleState; [k: string]: unknown };
  COMPLETED: { rounds?: number; lateRounds?: string[]; [k: string]: unknown };
  /** The plan ended and the event the row waited for never came: closed as "Không phát sinh". */
  NOT_ARISEN: { planEndsOn: string; trigger: string | null; notify?: readonly NotifyRole[] };
  DEADLINE_REMINDER: LadderPayload & { workingDaysLeft?: number; rounds?: string[] };
  DEADLINE_PASSED: LadderPayload & { rounds?: string[] };
  ESCALATED_TO_DEPUTY: LadderPayload & { rounds?: string[] };
  ESCALATED_TO_DIRECTOR: LadderPayload & { rounds?: string[] };
  /** Đôn đốc: the monitor or leadership urged whoever the task waits on. */
  REMINDED: { message: string | null; day: string; waitingKind: string; signedAs?: string | null };
  /** Giao cho cán bộ: the task is given to a named officer of the lead unit (the previous one, if any). */
  ASSIGNED: { assigneeUserId: string; assigneeName: string; previousAssigneeUserId: string | null; note: string | null; signedAs?: string | null };
  /** Tải tệp lên: a file became part of the task (name, type, size, SHA-256, uploader). */
  ATTACHMENT_UPLOADED: AttachmentFacts & { uploaderName: string | null };
  /** Gỡ tệp: its uploader took the file back (no longer downloadable); a saved draft no longer lists it. */
  ATTACHMENT_REMOVED: AttachmentFacts & { removedFromDraft: boolean };
}

export type TaskEventType = keyof EventPayloads;

/** One recorded event: its type and the payload of that type. */
export type TaskEvent = { [K in TaskEventType]: { type: K; payload: EventPayloads[K] & Record<string, unknown> } }[TaskEventType];

/** Every event type, in the order of the audit trail's labels. */
export const TASK_EVENT_TYPES = [
  'CREATED',
  'DRAFT_SAVED',
  'DRAFT_READY',
  'COORDINATING_UNITS_NAMED',
  'SUBMITTED_FOR_REVIEW',
  'SUBMITTED_FOR_APPROVAL',
  'SUBMITTED_OVERRIDING_REVIEW',
  'REVIEW_GIVEN',
  'REVIEW_SILENT_AGREED',
  'REVIEW_REMINDER',
  'REVIEW_ESCALATED',
  'REVIEW_ESCALATED_TO_DIRECTOR',
  'REVIEW_COMPLETED',
  'REVIEW_RETURNED',
  'APPROVAL_REMINDER',
  'APPROVAL_ESCALATED',
  'APPROVED',
  'MILESTONE_APPROVED',
  'RETURNED',
  'REJECTED',
  'CANCELLED',
  'GROUP_CANCEL_REQUESTED',
  'EXTENSION_REQUESTED',
  'EXTENSION_GRANTED',
  'EXTENSION_REFUSED',
  'REASSIGNED',
  'BLOCKER_RAISED',
  'BLOCKER_RESOLVED',
  'TRIGGER_RECORDED',
  'COMMENTED',
  'ROUND_OPENED',
  'REPORT_SUBMITTED',
  'REPORT_ACKNOWLEDGED',
  'UNIT_TASK_FINISHED',
  'COMPLETED',
  'NOT_ARISEN',
  'DEADLINE_REMINDER',
  'DEADLINE_PASSED',
  'ESCALATED_TO_DEPUTY',
  'ESCALATED_TO_DIRECTOR',
  'REMINDED',
  'ASSIGNED',
  'ATTACHMENT_UPLOADED',
  'ATTACHMENT_REMOVED',
] as const satisfies readonly TaskEventType[];

// A type listed in EventPayloads but missing from TASK_EVENT_TYPES fails here.
type MissingFromList = Exclude<TaskEventType, (typeof TASK_EVENT_TYPES)[number]>;
export const EVENT_TYPES_COMPLETE: MissingFromList extends never ? true : never = true;

export function isTaskEventType(type: string): type is TaskEventType {
  return (TASK_EVENT_TYPES as readonly string[]).includes(type);
}

/**
 * Who an event tells, in role words of the task's organization (WORKFLOW.md). The people behind
 * them are resolved by `libs/persistence/src/notifications/notification-recipients.ts`:
 *  - leadUnitOfficer / leadUnitHead: officers / head of the lead unit (after the event);
 *  - previousLeadUnitHead: the head of the unit a reassignment took the task from;
 *  - reviewUnitHead / reviewUnitOfficer: head / officers of the coordinating units asked (or still silent);
 *  - monitor: the plan's monitoring office; director: the director(s);
 *  - deputyInCharge: the deputy directors whose portfolio holds the lead unit, else the director;
 *  - approver: who decides the task (the same people as deputyInCharge), read from the task row;
 *  - waitedOn: whoever the task waits on now (lead unit, pending reviewers, or the approver);
 *  - assignee / previousAssignee: the officer the task is given to (payload.assigneeUserId) and
 *    the one it was given to before (payload.previousAssigneeUserId).
 */
export const NOTIFY_ROLES = [
  'leadUnitOfficer',
  'leadUnitHead',
  'previousLeadUnitHead',
  'monitor',
  'deputyInCharge',
  'director',
  'approver',
  'reviewUnitHead',
  'reviewUnitOfficer',
  'waitedOn',
  'assignee',
  'previousAssignee',
] as const;
export type NotifyRole = (typeof NOTIFY_ROLES)[number];

/** What the registry states about one event type. */
export interface EventRule {
  /** Who is told (never the actor); empty: nobody (the audit trail only). */
  recipients: readonly NotifyRole[];
}

/** Who `waitedOn` means, by what the task waits on (`waitingOnOf` of the machine). */
export const WAITED_ON_ROLES: Record<'lead_unit' | 'reviewers' | 'approver' | 'monitor' | 'extension_decision' | 'nobody', readonly NotifyRole[]> = {
  lead_unit: ['leadUnitHead', 'leadUnitOfficer'],
  reviewers: ['reviewUnitHead', 'reviewUnitOfficer'],
  approver: ['approver'],
  extension_decision: ['approver'],
  monitor: ['monitor'],
  nobody: [],
};

/**
 * Who decides a task's approval and its extension requests (the machine's `isLeaderFor`): the
 * director(s), and the deputy directors whose portfolio holds the lead unit. The read model keeps
 * them, resolved to people, in `tasks.deciding_user_ids` (the inbox's approve and extensions boxes);
 * the approver the task waits on (`approver`, `deputyInCharge`) is the deputies in charge, else the
 * director(s): `tasks.approver_user_ids`.
 */
export const DECIDERS: readonly NotifyRole[] = ['deputyInCharge', 'director'];
