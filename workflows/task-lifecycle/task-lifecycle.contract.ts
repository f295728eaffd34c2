import type { UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { WorkingCalendarConfig } from '../../libs/domain/src/calendar/working-calendar';
import { DEFAULT_ORGANIZATION_SETTINGS, OrganizationSettings } from '../../libs/domain/src/org/organization-settings';
import type { Actor } from '../../libs/domain/src/task/actor';
import type { TaskState } from '../../libs/domain/src/task/task-state';

/**
 * The one contract of the task workflows: inputs, messages and the activities they call.
 * The API (client side), the worker and the workflows all import this module; it holds types and
 * message definitions only, nothing that does I/O.
 */

export const TASK_LIFECYCLE_WORKFLOW = 'taskLifecycle';
export const GROUP_TASK_WORKFLOW = 'groupTask';

/** The task states (declared once in libs/domain: TASK_STATES). */
export type LifecycleState = TaskState;
export const CLOSED_STATES: readonly LifecycleState[] = ['COMPLETED', 'CANCELLED'];

export type MilestoneKind = 'deadline' | 'ongoing' | 'event' | 'external' | 'recurring';
export type Recurrence = 'reporting-calendar' | 'weekly' | 'monthly' | 'quarterly' | 'half-yearly' | 'yearly' | 'on-event';

/** A milestone as the plan states it (the parsed "Thời gian thực hiện" column). */
export interface MilestoneSpec {
  label: string;
  kind: MilestoneKind;
  due: string | null;
  start: string | null;
  until: string | null;
  trigger: string | null;
  recurrence: Recurrence | null;
  /**
   * The day of the month a round falls due when the plan fixes it ("Trước ngày 10 hằng tháng" → 10,
   * "Trước ngày 20 tháng cuối quý" → 20 of the quarter's last month); absent: the reporting calendar
   * (monthly rounds on the 14th, NĐ 09/2019 art. 12). Read by executions with `round-days-v1`.
   */
  roundDay?: number | null;
}

export interface UnitRef {
  unitId: string;
  unitCode: string;
}

/**
 * Organization rules the workflow needs, copied at start: the organization's settings (declared,
 * with their defaults, once in libs/domain: OrganizationSettings) and the workflow's own.
 */
export interface LifecycleSettings extends OrganizationSettings {
  /** Reporting calendar for continuous rows: month-day deadlines of Q1, H1, Q3 and the year. */
  reportingDeadlines: { q1: string; h1: string; q3: string; year: string };
  /** A recurring task continues as new once its history holds this many events (Temporal's own hint also counts). */
  continueAsNewAfterHistoryEvents: number;
}

export const DEFAULT_LIFECYCLE_SETTINGS: LifecycleSettings = {
  ...DEFAULT_ORGANIZATION_SETTINGS,
  // Seed 004: "quý I: trước ngày 14/3; 6 tháng: 14/6; quý III: 14/9; năm: 14/12".
  reportingDeadlines: { q1: '03-14', h1: '06-14', q3: '09-14', year: '12-14' },
  continueAsNewAfterHistoryEvents: 4000,
};

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
  // ---- full lifecycle (absent in the foundation slice's histories) ----
  ownerUnitId?: string | null;
  coordinatingUnits?: UnitRef[];
  /** The plan said "các đơn vị liên quan": the lead unit names them before submitting. */
  coordinatingToBeNamed?: boolean;
  milestones?: MilestoneSpec[];
  settings?: Partial<LifecycleSettings>;
  /** Last day of the plan (recurring rows run until then). */
  planEndsOn?: string | null;
  /** Set by a group parent for its children. */
  parentWorkflowId?: string | null;
  /**
   * The organization's working-day calendar (national rules, the government's yearly decisions and
   * the organization's own days) as it stood when the task started; later edits arrive through
   * `calendarChangedSignal`. Absent in older histories: they count on the calendar of the bundle.
   */
  calendar?: WorkingCalendarConfig;
  /** Set by continueAsNew: the whole model carried over (idempotency keys included). */
  carried?: unknown;
}

/** Who acts (declared once in libs/domain; re-exported for the workflows' users). */
export type { Actor };

export interface Attachment {
  fileId: string;
  name: string;
  sha256?: string;
  size?: number;
}

export type ReviewOpinion = 'agree' | 'agree_with_comments' | 'disagree';

interface ActionBase {
  actor: Actor;
  /** The same key twice applies once. */
  idempotencyKey: string;
  /** Optimistic concurrency: the version the client saw; a different current version is refused. */
  expectedVersion?: number;
}

export interface SaveDraftInput extends ActionBase {
  text?: string;
  attachments?: Attachment[];
  progressPercent?: number;
}
export interface NameCoordinatingUnitsInput extends ActionBase {
  units: UnitRef[];
}
export interface SubmitInput extends ActionBase {
  /** Submit to approval although reviewers disagreed or stayed silent; needs a justification. */
  overrideReview?: boolean;
  justification?: string;
  /** A note for the reviewers and the approver (at most 2,000 characters): shown in the detail and in their notification. */
  note?: string;
}
export interface ReviewInput extends ActionBase {
  opinion: ReviewOpinion;
  comment?: string;
}
export interface ApproveInput extends ActionBase {
  comment?: string;
}
export interface ReturnInput extends ActionBase {
  comment: string;
}
export interface RejectInput extends ActionBase {
  reason: string;
}
export interface CancelInput extends ActionBase {
  reason: string;
}
export interface RequestExtensionInput extends ActionBase {
  reason: string;
  newDueOn: string;
}
export interface DecideExtensionInput extends ActionBase {
  decision: 'grant' | 'grant_other_date' | 'refuse';
  /** Required with grant_other_date. */
  newDueOn?: string;
  comment?: string;
}
export interface ReassignInput extends ActionBase {
  unit: UnitRef;
  reason: string;
  newDueOn?: string;
}
export interface RaiseBlockerInput extends ActionBase {
  text: string;
}
export interface ResolveBlockerInput extends ActionBase {
  blockerId: string;
  resolution: string;
}
export interface RecordTriggerInput extends ActionBase {
  /** ISO date the event happened (e.g. the date UBND tỉnh issued the decision). */
  eventDate: string;
  description: string;
}
export interface CommentInput extends ActionBase {
  text: string;
}
export interface SubmitReportInput extends ActionBase {
  roundKey: string;
  text: string;
  attachments?: Attachment[];
}
export interface AcknowledgeReportInput extends ActionBase {
  roundKey: string;
  comment?: string;
}

export interface ReviewOpinionView {
  unitId: string;
  unitCode: string;
  opinion: ReviewOpinion | null;
  comment: string | null;
  byUserId: string | null;
  at: string | null;
  /** Counted as agree because the unit stayed silent past the window. */
  silent: boolean;
}

export interface RoundView {
  key: string;
  label: string;
  opensOn: string;
  dueOn: string;
  state: 'UPCOMING' | 'OPEN' | 'SUBMITTED' | 'ACKNOWLEDGED';
  submittedAt: string | null;
  submittedOn: string | null;
  text: string | null;
}

export interface MilestoneView {
  position: number;
  label: string;
  kind: MilestoneKind;
  dueOn: string | null;
  state: 'WAITING' | 'OPEN' | 'DONE';
  completedOn: string | null;
}

export interface BlockerView {
  id: string;
  text: string;
  raisedBy: string;
  raisedAt: string;
  resolution: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
}

/** Who the task waits on now (inboxes and the "đang chờ" line of the detail page). */
export interface WaitingOn {
  kind: 'lead_unit' | 'reviewers' | 'approver' | 'monitor' | 'extension_decision' | 'nobody';
  unitIds: string[];
  /** Human text, Vietnamese. */
  text: string;
}

export interface TaskSnapshot {
  taskId: string;
  state: LifecycleState;
  version: number;
  /** Effective due date (extended if an extension was granted). */
  dueOn: string | null;
  originalDueOn: string | null;
  commentCount: number;
  // ---- full lifecycle ----
  mode?: 'single' | 'recurring';
  ownerUnitId?: string | null;
  ownerUnitCode?: string | null;
  coordinatingUnits?: UnitRef[];
  coordinatingToBeNamed?: boolean;
  currentMilestone?: number;
  milestones?: MilestoneView[];
  draft?: { text: string; attachments: Attachment[]; progressPercent: number; updatedBy: string | null; updatedAt: string | null };
  review?: { round: number; startedOn: string; windowEndsOn: string; opinions: ReviewOpinionView[]; escalated: boolean } | null;
  lastReview?: { outcome: 'agreed' | 'disagreed' | 'silent'; comments: ReviewOpinionView[] } | null;
  submission?: { overrideReview: boolean; justification: string | null; byUserId: string; note?: string | null } | null;
  extensions?: { granted: number; max: number; pending: { requestedDueOn: string; reason: string; byUserId: string } | null };
  blockers?: BlockerView[];
  rounds?: RoundView[];
  trigger?: { description: string; eventDate: string } | null;
  completedOn?: string | null;
  /**
   * How a COMPLETED task closed when it was not done: 'not-arisen' ("Không phát sinh"), an event
   * row whose event never came by the plan end. Absent or null: done.
   */
  outcome?: 'not-arisen' | null;
  waitingOn?: WaitingOn;
  /** Leadership's latest instruction on returning the draft (who, when, what), until the next submission. */
  instruction?: Instruction | null;
  /** The officer of the lead unit the task is given to (giao cho cán bộ); cleared when another unit takes the task. */
  assignee?: (AssigneeRef & { assignedBy: string; note: string | null }) | null;
}

export interface Instruction {
  kind: 'returned';
  byUserId: string;
  byName: string | null;
  /** "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC" when a deputy signed for the director. */
  signedAs: string | null;
  onBehalfOfUserId: string | null;
  at: string;
  text: string;
}

/** A short line of the task's history, as the query returns it (the full trail is in Postgres). */
export interface HistoryEntry {
  version: number;
  type: string;
  at: string;
  actorUserId: string | null;
  onBehalfOfUserId: string | null;
  fromState: LifecycleState | null;
  toState: LifecycleState | null;
  summary: string;
}

export const getSnapshotQuery = defineQuery<TaskSnapshot>('getSnapshot');
export const getHistoryQuery = defineQuery<HistoryEntry[]>('getHistory');
export const getWaitingOnQuery = defineQuery<WaitingOn>('getWaitingOn');

/** One button of the task page: an action the caller may take now (the registry's checks), and what it asks for. */
export interface AvailableAction {
  action: TaskAction;
  label: string;
  needs: readonly string[];
}
/** The actions `actor` may take on the task now (`availableActions` of GET /tasks/:id). */
export const getAvailableActionsQuery = defineQuery<AvailableAction[], [Actor]>('getAvailableActions');

/** Whoever the task waits on is urged by the monitor or leadership (đôn đốc). */
export interface RemindInput extends ActionBase {
  message?: string;
}

/** The officer a task is given to: the API resolved the user in Postgres (active, an officer of the lead unit). */
export interface AssigneeRef {
  userId: string;
  unitId: string;
  fullName: string;
}

/** Giao cho cán bộ: the lead unit's head (or leadership) gives the task to a named officer of the unit. */
export interface AssignInput extends ActionBase {
  assignee: AssigneeRef;
  note?: string;
}

/**
 * A file stored for the task (the API's attachments row: it computed size and SHA-256 from the
 * bytes, and knows who uploaded it). What the history records of an upload and of a removal.
 */
export interface AttachmentFacts {
  fileId: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  /** Who uploaded it (the attachments row's uploaded_by). */
  uploadedBy: string | null;
}

/** Tải tệp lên: the bytes are stored (not yet listed); the workflow decides whether the file belongs to the task now. */
export interface RecordAttachmentInput extends ActionBase {
  /** The uploader is the actor. */
  attachment: Omit<AttachmentFacts, 'uploadedBy'>;
}

/** Gỡ tệp: the uploader takes back a file no submitted draft or report references. */
export interface RemoveAttachmentInput extends ActionBase {
  attachment: AttachmentFacts;
  /**
   * The audit trail (Postgres) shows the file in a submitted draft or report: recorded before the
   * workflow kept its own list (`submittedFileIds`), so the API looks it up and the workflow decides.
   */
  referencedBySubmission?: boolean;
}

/** The input of each human step, by Update name. */
export interface ActionInputs {
  saveDraft: SaveDraftInput;
  nameCoordinatingUnits: NameCoordinatingUnitsInput;
  submit: SubmitInput;
  review: ReviewInput;
  approve: ApproveInput;
  return: ReturnInput;
  reject: RejectInput;
  cancel: CancelInput;
  requestExtension: RequestExtensionInput;
  decideExtension: DecideExtensionInput;
  reassign: ReassignInput;
  raiseBlocker: RaiseBlockerInput;
  resolveBlocker: ResolveBlockerInput;
  recordTrigger: RecordTriggerInput;
  comment: CommentInput;
  submitReport: SubmitReportInput;
  acknowledgeReport: AcknowledgeReportInput;
  remind: RemindInput;
  assign: AssignInput;
  recordAttachment: RecordAttachmentInput;
  removeAttachment: RemoveAttachmentInput;
}

/** A group parent cancels its children when leadership cancels the whole row. */
export const parentCancelledSignal = defineSignal<[{ reason: string; actor: Actor }]>('parentCancelled');
/** The organization's calendar changed (an admin edited it, or a new government decision): timers are recomputed. */
export const calendarChangedSignal = defineSignal<[{ calendar: WorkingCalendarConfig }]>('calendarChanged');
/**
 * The organization's rules changed (an administrator saved its settings): the task counts with the
 * new review window, ladder days and extension cap from now on (`settings-changed-v1`).
 */
export const settingsChangedSignal = defineSignal<[{ settings: Partial<LifecycleSettings> }]>('settingsChanged');
/** A group parent forwards the row's recorded event to every unit's task that waits for it. */
export const parentTriggerSignal = defineSignal<[{ eventDate: string; description: string; actor: Actor }]>('parentTrigger');

/** Every action, by update name: the API maps `POST /tasks/:id/<action>` 1:1 onto these (ActionInputs' keys). */
export const TASK_ACTIONS = [
  'saveDraft',
  'nameCoordinatingUnits',
  'submit',
  'review',
  'approve',
  'return',
  'reject',
  'cancel',
  'requestExtension',
  'decideExtension',
  'reassign',
  'raiseBlocker',
  'resolveBlocker',
  'recordTrigger',
  'comment',
  'submitReport',
  'acknowledgeReport',
  'remind',
  'assign',
  'recordAttachment',
  'removeAttachment',
] as const satisfies ReadonlyArray<keyof ActionInputs>;
export type TaskAction = keyof ActionInputs;
// A step with an input but missing from TASK_ACTIONS fails here.
export const TASK_ACTIONS_COMPLETE: Exclude<TaskAction, (typeof TASK_ACTIONS)[number]> extends never ? true : never = true;

/**
 * One Workflow Update per human step, named like the step, derived from TASK_ACTIONS (the action
 * registry in `actions/` implements each one: check, apply, who, events and recipients).
 */
export const TASK_UPDATES = Object.fromEntries(TASK_ACTIONS.map((a) => [a, defineUpdate<TaskSnapshot, [ActionInputs[typeof a]]>(a)])) as {
  [A in TaskAction]: UpdateDefinition<TaskSnapshot, [ActionInputs[A]], A>;
};
export const commentUpdate: UpdateDefinition<TaskSnapshot, [CommentInput], 'comment'> = TASK_UPDATES.comment;
/** Leadership cancels an open task (WORKFLOW.md: "CANCELLED from any open state, by leadership"). */
export const cancelUpdate: UpdateDefinition<TaskSnapshot, [CancelInput], 'cancel'> = TASK_UPDATES.cancel;
/** The group parent takes the row's event (and forwards it to its children). */
export const recordTriggerUpdate: UpdateDefinition<TaskSnapshot, [RecordTriggerInput], 'recordTrigger'> = TASK_UPDATES.recordTrigger;
export const saveDraftUpdate = TASK_UPDATES.saveDraft;
export const nameCoordinatingUnitsUpdate = TASK_UPDATES.nameCoordinatingUnits;
export const submitUpdate = TASK_UPDATES.submit;
export const reviewUpdate = TASK_UPDATES.review;
export const approveUpdate = TASK_UPDATES.approve;
export const returnUpdate = TASK_UPDATES.return;
export const rejectUpdate = TASK_UPDATES.reject;
export const requestExtensionUpdate = TASK_UPDATES.requestExtension;
export const decideExtensionUpdate = TASK_UPDATES.decideExtension;
export const reassignUpdate = TASK_UPDATES.reassign;
export const raiseBlockerUpdate = TASK_UPDATES.raiseBlocker;
export const resolveBlockerUpdate = TASK_UPDATES.resolveBlocker;
export const submitReportUpdate = TASK_UPDATES.submitReport;
export const acknowledgeReportUpdate = TASK_UPDATES.acknowledgeReport;
export const remindUpdate = TASK_UPDATES.remind;
export const assignUpdate = TASK_UPDATES.assign;
export const recordAttachmentUpdate = TASK_UPDATES.recordAttachment;
export const removeAttachmentUpdate = TASK_UPDATES.removeAttachment;


export const LEADERSHIP_ROLES = ['deputyDirector', 'director'];

/** Columns of the task row the read model keeps in step with the workflow. */
export interface TaskReadModelPatch {
  state: LifecycleState;
  dueOn: string | null;
  /** Set when an extension moved the due date; the original stays in `due_on`. */
  extendedDueOn: string | null;
  /**
   * The working end of the deadline in force (BLDS 2015 art. 148(5), the organization's day-off
   * rule): what status words, the overdue box and the ratings judge by (`tasks.working_due_on`).
   * Absent from writers older than it (the read model falls back to the deadline as written).
   */
  workingDueOn?: string | null;
  /** Closed at the plan end without its event ("Không phát sinh"): the status word NOT_ARISEN, counted apart. */
  notArisen?: boolean;
  ownerUnitId: string | null;
  coordinatingUnitIds: string[];
  pendingReviewUnitIds: string[];
  /** The officer the task is given to (tasks.assignee_user_id). */
  assigneeUserId?: string | null;
  completedOn: string | null;
  progressPercent: number;
  milestones: MilestoneView[];
  waitingOn: WaitingOn;
  detail: TaskSnapshot;
}

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
  /** The task row after this event (absent in the foundation slice's histories). */
  task?: TaskReadModelPatch;
}

/** Activities the workflow calls; implemented by the worker's Nest providers. */
export interface TaskActivities {
  recordTaskEvent(input: RecordEventInput): Promise<{ applied: boolean }>;
}

/** Refusal codes the validators use (ApplicationFailure type), mapped to HTTP by the API. */
/**
 * What kind of refusal each code is, stated once with the code: `forbidden` (not this person:
 * 403), `notFound` (the thing named does not exist: 404), `conflict` (not in this state, retry after
 * a refresh may work: 409), `unacceptable` (the request itself cannot be accepted: 422). The API's
 * statuses come from the kind, so a new code is this one line.
 */
export const REFUSAL_KINDS = {
  INVALID_INPUT: 'unacceptable',
  TASK_CLOSED: 'conflict',
  FORBIDDEN: 'forbidden',
  INVALID_STATE: 'conflict',
  STALE_VERSION: 'conflict',
  DRAFT_EMPTY: 'unacceptable',
  COORDINATING_UNITS_REQUIRED: 'unacceptable',
  NOT_A_REVIEWER: 'forbidden',
  REVIEW_ALREADY_GIVEN: 'conflict',
  OVERRIDE_NOT_ALLOWED: 'unacceptable',
  EXTENSION_LIMIT_REACHED: 'unacceptable',
  EXTENSION_PENDING: 'conflict',
  NO_PENDING_EXTENSION: 'conflict',
  BLOCKER_NOT_FOUND: 'notFound',
  ROUND_NOT_FOUND: 'notFound',
  ALREADY_REMINDED: 'conflict',
  ASSIGNEE_INVALID: 'unacceptable',
  UPLOAD_NOT_ALLOWED: 'forbidden',
  ATTACHMENT_NOT_YOURS: 'forbidden',
  ATTACHMENT_IN_USE: 'conflict',
} as const satisfies Record<string, 'forbidden' | 'notFound' | 'conflict' | 'unacceptable'>;
export type RefusalKind = (typeof REFUSAL_KINDS)[keyof typeof REFUSAL_KINDS];

/** The refusal codes (`REFUSAL.TASK_CLOSED === 'TASK_CLOSED'`), from REFUSAL_KINDS. */
export const REFUSAL = Object.fromEntries(Object.keys(REFUSAL_KINDS).map((code) => [code, code])) as { readonly [C in keyof typeof REFUSAL_KINDS]: C };
export type RefusalCode = (typeof REFUSAL)[keyof typeof REFUSAL];

/** One unit's share of a group-led row ("Các đơn vị thuộc, trực thuộc Sở" as chủ trì). */
export interface GroupChildSpec {
  taskId: string;
  workflowId: string;
  unit: UnitRef;
}

/**
 * A group-led row: the parent task of the row plus one child `taskLifecycle` per unit. The base
 * input describes the row (title, milestones, coordinating units); each child gets it with its
 * own task id and owner unit.
 */
export interface GroupTaskInput {
  base: TaskLifecycleInput;
  children: GroupChildSpec[];
}

export interface GroupTaskResult {
  taskId: string;
  state: 'COMPLETED' | 'CANCELLED';
  children: Array<{ unitCode: string; state: LifecycleState; dueOn: string | null; completedOn: string | null; late: boolean }>;
  lateUnitCodes: string[];
}
