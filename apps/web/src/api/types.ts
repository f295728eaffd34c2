/**
 * The API's answers as the web app reads them (README "API overview"; the DTOs in apps/api/src).
 * Written by hand: the DTO classes carry Nest decorators the browser bundle must not import.
 */

export type Role = 'officer' | 'unitHead' | 'monitor' | 'deputyDirector' | 'director' | 'admin';
export type TaskState = 'PENDING_TRIGGER' | 'DRAFTING' | 'IN_REVIEW' | 'AWAITING_APPROVAL' | 'COMPLETED' | 'CANCELLED';
export type StatusWord = 'OPEN_ON_TIME' | 'OPEN_OVERDUE' | 'DONE_ON_TIME' | 'DONE_LATE' | 'WAITING' | 'CANCELLED';

export interface UnitRef {
  id: string;
  code: string;
  name: string;
}

export interface UserProfile {
  id: string;
  username: string;
  fullName: string;
  title: string;
  email?: string | null;
  roles: Role[];
  organization: { id: string; code: string; name: string };
  unit: UnitRef | null;
  portfolioUnits: UnitRef[];
}

export interface Me extends UserProfile {
  actingOnBehalfOf: { userId: string; fullName: string } | null;
}

/** Somebody the person may sign for ("KT. Giám đốc"): `GET /me/delegations`. */
export interface Delegation {
  userId: string;
  username: string;
  fullName: string;
  title: string;
  grantId: string;
  startsOn: string;
  endsOn: string;
  inForce: boolean;
  unitCodes: string[] | null;
  actions: string[] | null;
}

/** A director's grant of "KT." (GET/POST/DELETE /delegations). */
export interface DelegationGrant {
  id: string;
  principal: { userId: string; username: string; fullName: string; title: string };
  deputy: { userId: string; username: string; fullName: string; title: string };
  startsOn: string;
  endsOn: string;
  units: Array<{ id: string; code: string }> | null;
  actions: string[] | null;
  note: string | null;
  createdAt: string;
  revokedAt: string | null;
  inForce: boolean;
}

export interface AuthSession {
  tokenType: 'Bearer';
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: string;
  user: UserProfile;
}

export interface WaitingOn {
  kind: 'lead_unit' | 'reviewers' | 'approver' | 'monitor' | 'extension_decision' | 'nobody';
  unitIds: string[];
  text: string;
}

export interface TaskSummary {
  id: string;
  workflowId: string;
  planId: string | null;
  sectionId: string | null;
  sectionCode: string | null;
  parentTaskId: string | null;
  rowKey: string | null;
  title: string;
  isGroup: boolean;
  ownerUnitId: string | null;
  ownerUnitCode: string | null;
  ownerUnitName: string | null;
  state: TaskState;
  stateLabel: string;
  statusWord: StatusWord;
  statusLabel: string;
  dueOn: string | null;
  extendedDueOn: string | null;
  effectiveDueOn: string | null;
  completedOn: string | null;
  progressPercent: number;
  waitingOn: WaitingOn;
  version: number;
  lastActivityAt: string;
  /** Back with the lead unit: returned by leadership with an instruction, or a coordinating unit disagreed. */
  sentBack?: 'returned' | 'disagreed' | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PersonRef {
  id: string;
  fullName: string;
  title: string;
  unitCode: string | null;
}

export interface TaskEvent {
  version: number;
  type: string;
  label: string;
  fromState: string | null;
  toState: string | null;
  actor: PersonRef | null;
  onBehalfOf: PersonRef | null;
  actorLabel: string;
  occurredAt: string;
  payload: Record<string, unknown>;
}

export interface TaskComment {
  version: number;
  authorLabel: string;
  text: string;
  at: string;
}

export interface TaskUnit {
  id: string;
  code: string;
  name: string;
  role: 'lead' | 'coordinating';
  viaGroup: string | null;
}

export interface Milestone {
  position: number;
  label: string;
  kind: string;
  dueOn: string | null;
  state: 'WAITING' | 'OPEN' | 'DONE';
  completedOn: string | null;
  current: boolean;
}

export interface Attachment {
  fileId: string;
  name: string;
  sha256?: string;
  size?: number;
}

export type ReviewOpinion = 'agree' | 'agree_with_comments' | 'disagree';

export interface ReviewOpinionView {
  unitId: string;
  unitCode: string;
  opinion: ReviewOpinion | null;
  comment: string | null;
  byUserId: string | null;
  at: string | null;
  silent: boolean;
}

export interface BlockerView {
  id: string;
  text: string;
  raisedBy: string;
  raisedAt: string;
  resolution: string | null;
  resolvedAt: string | null;
}

export interface RoundView {
  key: string;
  label: string;
  opensOn: string;
  dueOn: string;
  state: 'UPCOMING' | 'OPEN' | 'SUBMITTED' | 'ACKNOWLEDGED';
  submittedOn: string | null;
  text: string | null;
}

/** The workflow's snapshot as the detail carries it (`workflow`); every part may be missing on old tasks. */
export interface WorkflowSnapshot {
  mode?: 'single' | 'recurring';
  coordinatingToBeNamed?: boolean;
  draft?: { text: string; attachments: Attachment[]; progressPercent: number; updatedBy: string | null; updatedAt: string | null };
  review?: { round: number; startedOn: string; windowEndsOn: string; opinions: ReviewOpinionView[]; escalated: boolean } | null;
  lastReview?: { outcome: 'agreed' | 'disagreed' | 'silent'; comments: ReviewOpinionView[] } | null;
  submission?: { overrideReview: boolean; justification: string | null; byUserId: string; note?: string | null } | null;
  extensions?: { granted: number; max: number; pending: { requestedDueOn: string; reason: string; byUserId: string } | null };
  blockers?: BlockerView[];
  rounds?: RoundView[];
  trigger?: { description: string; eventDate: string } | null;
}

export interface TaskDetail extends TaskSummary {
  leadRaw: string;
  coordinatingRaw: string;
  timelineRaw: string;
  note: string;
  planTitle: string | null;
  sectionTitle: string | null;
  units: TaskUnit[];
  pendingReviewUnitCodes: string[];
  currentStep: { state: string; label: string; milestone: Milestone | null };
  milestones: Milestone[];
  workflow: WorkflowSnapshot;
  children: Array<{ id: string; unitCode: string; state: string; statusWord: StatusWord; statusLabel: string; effectiveDueOn: string | null; completedOn: string | null }>;
  comments: TaskComment[];
  history: TaskEvent[];
  historyNextCursor: string | null;
  /** What the caller may do now, by the workflow's own checks: the page shows these buttons only. */
  availableActions: AvailableAction[];
  /** Leadership's latest instruction when the task was returned (until the next submission). */
  instruction: Instruction | null;
  /** The officer of the lead unit the task is given to (giao cho cán bộ). */
  assignee: { id: string; fullName: string; username: string; title: string } | null;
}

export interface AvailableAction {
  action: string;
  route: string;
  label: string;
  needs: string[];
  /** Only when signing "KT.": the usernames the caller would sign for. */
  onBehalfOf?: string[];
}

export interface Instruction {
  kind: 'returned';
  by: { id: string; fullName: string; title: string; unitCode: string | null } | null;
  onBehalfOf: { id: string; fullName: string; title: string; unitCode: string | null } | null;
  signedAs: string | null;
  at: string;
  text: string;
}

export interface ActionResult {
  action: string;
  version: number;
  task: TaskDetail | null;
}

export interface InboxCounts {
  draft: number;
  review: number;
  approve: number;
  /** Extension requests waiting for my decision. */
  extensions: number;
  escalated: number;
  overdue: number;
  waiting: number;
  notifications: number;
}

export interface Notification {
  id: string;
  taskId: string;
  type: string;
  title: string;
  body: string;
  link: string;
  readAt: string | null;
  createdAt: string;
  task: TaskSummary | null;
}

export interface NotificationPage extends Page<Notification> {
  unread: number;
}

export interface AttachmentInfo {
  id: string;
  taskId: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  createdAt: string;
  downloadUrl: string;
}

export type StatusCounts = Record<StatusWord, number>;

export interface Progress {
  total: number;
  byStatus: StatusCounts;
}

export interface PlanSummary {
  id: string;
  title: string;
  number: string | null;
  issuer: string | null;
  issuedOn: string | null;
  startYear: number;
  endYear: number;
  createdAt: string;
  progress: Progress;
}

export interface PlanDetail extends PlanSummary {
  sections: Array<Progress & { code: string; title: string }>;
  units: Array<Progress & { unitId: string; code: string; name: string }>;
}

export interface UnitRating {
  month: string;
  unitId: string;
  unitCode: string;
  unitName: string;
  tasksDue: number;
  completedOnTime: number;
  completedLate: number;
  overdueOpen: number;
  openInTime: number;
  cancelled: number;
  waitingForEvent: number;
  onTimeRate: number | null;
}

export interface DirectoryUnit {
  id: string;
  code: string;
  name: string;
  kind: string;
  aliases: string[];
}

// ---- plan import ---------------------------------------------------------------------------

export interface ParsedUnitRef {
  raw: string;
  unit?: string;
  group?: string;
}

export interface ParsedMilestone {
  label: string;
  kind: string;
  due: string | null;
  start: string | null;
  until: string | null;
  trigger: string | null;
  source: string;
}

export interface ParsedTask {
  section: string;
  ordinal: string;
  title: string;
  lead: ParsedUnitRef[];
  coordinating: ParsedUnitRef[];
  timeline: string;
  milestones: ParsedMilestone[];
  note: string;
}

export interface ParseIssue {
  code: string;
  message: string;
  section?: string;
  ordinal?: string;
  cell?: string;
  raw?: string;
  source?: { line?: number; row?: number; sheet?: string; table?: number };
}

export interface PlanParse {
  header: { title: string | null; number: string | null; symbol: string | null; issuer: string | null; place: string | null; year: number | null; signer: string | null };
  planYear: number | null;
  planEndYear: number | null;
  sections: Array<{ code: string; title: string }>;
  tasks: ParsedTask[];
  declaredTotal: number | null;
  warnings: ParseIssue[];
  errors: ParseIssue[];
}

export interface PlanDiff {
  planId: string;
  planTitle: string;
  unchanged: string[];
  added: Array<{ rowKey: string; title: string; importable: boolean }>;
  removed: Array<{ rowKey: string; title: string }>;
  changed: Array<{ rowKey: string; title: string; changes: Array<{ field: string; before: string; after: string }> }>;
  moved: Array<{ from: string; to: string; title: string }>;
}

export interface PlanImportConfirmation {
  planId: string;
  tasksCreated: number;
  childTasksCreated: number;
  tasksExisting: number;
  planTasks: number;
  notImported: Array<{ rowKey: string; title: string; reason: string }>;
  summary: string;
}

export interface PlanImport {
  id: string;
  status: 'previewed' | 'confirmed' | 'discarded';
  fileName: string;
  size: number;
  createdAt: string;
  parse: PlanParse;
  candidates: Array<{ title: string; leadText: string | null; due: string | null; timelineText: string | null; sourceSentence: string; sourceLine: number }>;
  importable: boolean;
  diff: PlanDiff | null;
  planId: string | null;
  confirmation: PlanImportConfirmation | null;
  /** Units the monitor chose for names the directory does not know; `parse` is the file read with them. */
  unitMappings: UnitMapping[];
}

export interface UnitMapping {
  name: string;
  unitCode: string;
}
