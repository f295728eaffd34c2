import * as CalendarDate from '../../libs/domain/src/calendar/calendar-date';
import { workingDueOf, type WorkingCalendar, type WorkingCalendarConfig } from '../../libs/domain/src/calendar/working-calendar';
import { ACTIONS, AnyAction } from './actions';
import { MAX_TEXT } from './actions/fields';
import { TIMER_EVENTS } from './actions/timer-events';
import { EVENT_LABELS } from './event-labels';
import type { EventPayloads, TaskEvent, TaskEventType } from './events';
import {
  Actor,
  Attachment,
  BlockerView,
  CLOSED_STATES,
  DEFAULT_LIFECYCLE_SETTINGS,
  HistoryEntry,
  Instruction,
  LifecycleSettings,
  LifecycleState,
  MilestoneKind,
  MilestoneSpec,
  MilestoneView,
  RecordTriggerInput,
  REFUSAL,
  RefusalCode,
  ReviewOpinionView,
  RoundView,
  TaskAction,
  TaskLifecycleInput,
  TaskReadModelPatch,
  TaskSnapshot,
  UnitRef,
  AssigneeRef,
  WaitingOn,
} from './task-lifecycle.contract';

/**
 * The task's rules as pure functions over a plain model: who may do what in which state
 * (WORKFLOW.md), what each action changes, and which timers are due. No Temporal, no I/O, no
 * clock: the workflow passes "now" from its deterministic clock. Validators call `checkAction`,
 * handlers call `applyAction`; both see the same model, so what a validator accepted the
 * handler applies.
 */

export class Refusal extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'Refusal';
  }
}

export interface MachineContext {
  nowMs: number;
  calendar: WorkingCalendar;
}

interface MilestoneModel extends MilestoneSpec {
  position: number;
  /** Effective deadline of this milestone (extended, or set when its trigger was recorded). */
  dueOn: string | null;
  state: 'WAITING' | 'OPEN' | 'DONE';
  completedOn: string | null;
}

interface ReviewModel {
  round: number;
  startedOn: string;
  windowEndsOn: string;
  opinions: ReviewOpinionView[];
  escalated: boolean;
}

interface RoundModel extends RoundView {
  acknowledgedBy: string | null;
}

/** Everything the workflow knows; carried whole through continueAsNew. */
export interface TaskModel {
  schema: 1;
  taskId: string;
  organizationId: string;
  organizationCode: string;
  planId: string | null;
  title: string;
  mode: 'single' | 'recurring';
  state: LifecycleState;
  version: number;
  commentCount: number;
  ownerUnitId: string | null;
  ownerUnitCode: string | null;
  coordinating: UnitRef[];
  coordinatingToBeNamed: boolean;
  milestones: MilestoneModel[];
  current: number;
  dueOn: string | null;
  originalDueOn: string | null;
  draft: { text: string; attachments: Attachment[]; progressPercent: number; updatedBy: string | null; updatedAt: string | null };
  review: ReviewModel | null;
  reviewRounds: number;
  lastReview: { outcome: 'agreed' | 'disagreed' | 'silent'; comments: ReviewOpinionView[] } | null;
  submission: { overrideReview: boolean; justification: string | null; byUserId: string; note?: string | null } | null;
  /** The officer of the lead unit the task is given to (`assign`); absent in older histories. */
  assignee?: (AssigneeRef & { assignedBy: string; note: string | null }) | null;
  extensions: { granted: number; pending: { requestedDueOn: string; reason: string; byUserId: string } | null };
  blockers: BlockerView[];
  recurrence: MilestoneSpec['recurrence'];
  rounds: RoundModel[];
  eventRounds: number;
  trigger: { description: string; eventDate: string } | null;
  completedOn: string | null;
  settings: LifecycleSettings;
  planEndsOn: string | null;
  parentWorkflowId: string | null;
  /** The deadline ladder runs (executions that took the `deadline-ladder-v1` patch). */
  ladder?: boolean;
  /** Ladder steps already fired, keyed by step and due date, so each fires once per deadline. */
  firedSteps?: string[];
  /**
   * The day-off rule applies (executions that took the `day-off-rule-v1` patch, in an organization
   * that keeps the rule on): the ladder counts from the working end of the due date.
   */
  dayOffRule?: boolean;
  /** Rounds fall due on their round day (`round-days-v1`: the plan's own, else monthly on the 14th). */
  roundDays?: boolean;
  /**
   * A row still waiting for its event when the plan ends closes as "Không phát sinh" instead of
   * waiting for ever (single event rows) or completing (on-event rows without a round): executions
   * that took the `not-arisen-v1` patch.
   */
  notArisenRule?: boolean;
  /** An officer's draft reaching 100 % tells the unit head (DRAFT_READY): new executions (draft-ready-v1). */
  draftReadyNotice?: boolean;
  /**
   * DRAFT_READY once per drafting round (executions with `draft-ready-each-round-v1`): a return to
   * drafting (leadership's return, a disagreeing review, a reassignment) starts a new round, so the
   * officer's redraft at 100 % tells the head again even if the progress never went below 100.
   */
  draftReadyEachRound?: boolean;
  /** This drafting round's draft was announced ready (or the head brought it to 100 % himself). */
  draftReadyAnnounced?: boolean;
  /** How the task closed when it was not done ('not-arisen'); absent: done, or still open. */
  outcome?: 'not-arisen' | null;
  /**
   * The execution took the `day-off-rule-v1` patch (whatever the setting was then): a later
   * settings change turns the rule on or off for its ladder (`day-off-rule-setting-v1`). Absent in
   * executions started before; `dayOffRule` true there means the patch was taken.
   */
  dayOffRulePatch?: boolean;
  /**
   * The shorter ladders of a review waiting on a unit and of an approval waiting on leadership run
   * (executions that took the `wait-ladders-v1` patch).
   */
  waitLadders?: boolean;
  /** The current wait for approval: numbered, so each wait has its own reminder and escalation. */
  approvalWait?: { seq: number; since: string } | null;
  /** How many times the task has waited for approval (numbers `approvalWait`). */
  approvalWaits?: number;
  /** The working-day calendar the task counts on (absent: the national calendar of the bundle). */
  calendar?: WorkingCalendarConfig;
  /** Reminders sent (đôn đốc), as `<user>:<day>`: one per sender and day (bounded). */
  reminders?: string[];
  /** Leadership's latest instruction (a return), shown outside the history until the next submission. */
  instruction?: Instruction | null;
  /**
   * Files a submission carried (the draft's at `submit`, a report's at `submitReport`): their
   * uploader may no longer remove them. Absent before attachment events existed (the API then
   * reads the audit trail: `RemoveAttachmentInput.referencedBySubmission`).
   */
  submittedFileIds?: string[];
  /** Idempotency keys already applied, oldest first (bounded). */
  appliedKeys: string[];
  history: HistoryEntry[];
}

/** An event the workflow records (the workflow numbers it and writes it to the read model). */
export type EventDraft = TaskEvent & {
  key: string;
  actor: Actor | null;
  fromState: LifecycleState | null;
  toState: LifecycleState | null;
};

/** An event of type `type` with that type's payload (the one place the union is built). */
export function eventOf<K extends TaskEventType>(
  key: string,
  type: K,
  actor: Actor | null,
  states: { fromState: LifecycleState | null; toState: LifecycleState | null },
  payload: EventPayloads[K],
): EventDraft {
  return { key, type, actor, ...states, payload } as EventDraft;
}

const MAX_APPLIED_KEYS = 2000;
const MAX_HISTORY = 200;
/** The longest text of an input (declared with the fields of the registry). */
export { MAX_TEXT };

// ---------------------------------------------------------------------------------------------
// dates

export function todayOf(ctx: MachineContext): string {
  return CalendarDate.fromInstant(ctx.nowMs);
}

/** The instant a calendar day ends in Asia/Ho_Chi_Minh: a deadline is the whole of its day. */
export function endOfDayMs(date: string): number {
  return CalendarDate.startOfDayInstant(CalendarDate.addDays(date, 1));
}

export function isoInstant(ctx: MachineContext): string {
  return new Date(ctx.nowMs).toISOString();
}

// ---------------------------------------------------------------------------------------------
// construction

export function resolveSettings(partial: Partial<LifecycleSettings> | undefined): LifecycleSettings {
  return {
    ...DEFAULT_LIFECYCLE_SETTINGS,
    ...(partial ?? {}),
    reportingDeadlines: { ...DEFAULT_LIFECYCLE_SETTINGS.reportingDeadlines, ...(partial?.reportingDeadlines ?? {}) },
  };
}

const WAITS_FOR_EVENT: MilestoneKind[] = ['event', 'external'];

export function initModel(input: TaskLifecycleInput, ctx: MachineContext, opts: { roundDays?: boolean } = {}): TaskModel {
  const specs = (input.milestones ?? []).filter(Boolean);
  const recurring = specs.find((m) => m.kind === 'recurring');
  const settings = resolveSettings(input.settings);
  const base: TaskModel = {
    schema: 1,
    taskId: input.taskId,
    organizationId: input.organizationId,
    organizationCode: input.organizationCode,
    planId: input.planId,
    title: input.title,
    mode: recurring ? 'recurring' : 'single',
    state: input.initialState,
    version: 0,
    commentCount: 0,
    ownerUnitId: input.ownerUnitId ?? null,
    ownerUnitCode: input.ownerUnitCode,
    coordinating: (input.coordinatingUnits ?? []).filter((u) => u.unitId !== input.ownerUnitId),
    coordinatingToBeNamed: !!input.coordinatingToBeNamed,
    milestones: [],
    current: 0,
    dueOn: null,
    originalDueOn: null,
    draft: { text: '', attachments: [], progressPercent: 0, updatedBy: null, updatedAt: null },
    review: null,
    reviewRounds: 0,
    lastReview: null,
    submission: null,
    extensions: { granted: 0, pending: null },
    blockers: [],
    recurrence: recurring?.recurrence ?? null,
    rounds: [],
    eventRounds: 0,
    trigger: null,
    completedOn: null,
    settings,
    planEndsOn: input.planEndsOn ?? null,
    parentWorkflowId: input.parentWorkflowId ?? null,
    appliedKeys: [],
    history: [],
  };
  if (recurring) {
    base.state = 'DRAFTING';
    const start = recurring.start ?? (input.planEndsOn ? `${input.planEndsOn.slice(0, 4)}-01-01` : todayOf(ctx));
    const until = recurring.until ?? input.planEndsOn ?? `${start.slice(0, 4)}-12-31`;
    base.planEndsOn = until;
    if (opts.roundDays) base.roundDays = true;
    base.rounds = generateRounds(recurring.recurrence, start, until, settings, { roundDays: !!opts.roundDays, roundDay: recurring.roundDay }).map((r) => ({
      ...r,
      state: 'UPCOMING',
      submittedAt: null,
      submittedOn: null,
      text: null,
      acknowledgedBy: null,
    }));
    recomputeRecurringDue(base);
    return base;
  }
  const milestones: MilestoneSpec[] = specs.length
    ? specs
    : [{ label: '', kind: input.initialState === 'PENDING_TRIGGER' ? 'event' : 'deadline', due: input.dueOn, start: null, until: null, trigger: null, recurrence: null }];
  base.milestones = milestones.map((m, position) => ({
    ...m,
    position,
    dueOn: m.kind === 'ongoing' ? (m.due ?? m.until) : m.due,
    state: 'WAITING',
    completedOn: null,
  }));
  openMilestone(base, 0, input.dueOn);
  return base;
}

/** Makes milestone `index` current: it waits for its event, or is open for drafting. */
export function openMilestone(model: TaskModel, index: number, fallbackDue: string | null = null): void {
  const m = model.milestones[index];
  model.current = index;
  if (WAITS_FOR_EVENT.includes(m.kind) && !m.dueOn) {
    m.state = 'WAITING';
    model.state = 'PENDING_TRIGGER';
    model.dueOn = null;
  } else {
    m.state = 'OPEN';
    if (!m.dueOn) m.dueOn = fallbackDue;
    model.state = 'DRAFTING';
    model.dueOn = m.dueOn;
    model.originalDueOn = m.dueOn;
  }
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/** NĐ 09/2019/NĐ-CP art. 12: a monthly report's period ends on the 14th of its month. */
export const MONTHLY_ROUND_DAY = 14;

/**
 * Report rounds of a continuous row on the reporting calendar (seed 004's dates by default). With
 * `roundDays` (executions with the `round-days-v1` patch, and the parse preview) a round falls due
 * on its round day: the plan's own (`roundDay`: "trước ngày 10 hằng tháng", "trước ngày 20 tháng
 * cuối quý", in the period's last month, the month's last day when it is shorter), else monthly
 * rounds on the 14th (NĐ 09/2019 art. 12); before it, monthly rounds fell due on the month's last day.
 */
export function generateRounds(
  recurrence: MilestoneSpec['recurrence'],
  start: string,
  until: string,
  settings: LifecycleSettings,
  opts: { roundDays?: boolean; roundDay?: number | null } = {},
): Array<Pick<RoundView, 'key' | 'label' | 'opensOn' | 'dueOn'>> {
  const out: Array<Pick<RoundView, 'key' | 'label' | 'opensOn' | 'dueOn'>> = [];
  if (recurrence === 'on-event') return out;
  const d = settings.reportingDeadlines;
  const firstYear = Number(start.slice(0, 4));
  const lastYear = Number(until.slice(0, 4));
  const own = opts.roundDays && opts.roundDay && opts.roundDay >= 1 && opts.roundDay <= 31 ? opts.roundDay : null;
  let opensOn = `${firstYear}-01-01`;
  for (let y = firstYear; y <= lastYear; y++) {
    // The round day of a month (capped at its last day), or the reporting calendar's month-day.
    const onDay = (month: number, day: number) => CalendarDate.format(y, month, Math.min(day, CalendarDate.daysInMonth(y, month)));
    const at = (md: string) => (own ? onDay(Number(md.slice(0, 2)), own) : `${y}-${md}`);
    const yearStart = `${y}-01-01`;
    let rounds: Array<{ key: string; label: string; dueOn: string }>;
    switch (recurrence) {
      case 'monthly':
        rounds = Array.from({ length: 12 }, (_, i) => {
          const month = i + 1;
          return {
            key: `${y}-M${String(month).padStart(2, '0')}`,
            label: `Báo cáo tháng ${month}/${y}`,
            dueOn: opts.roundDays ? onDay(month, own ?? MONTHLY_ROUND_DAY) : CalendarDate.format(y, month, CalendarDate.daysInMonth(y, month)),
          };
        });
        break;
      case 'quarterly':
        rounds = [d.q1, d.h1, d.q3, d.year].map((md, i) => ({ key: `${y}-Q${i + 1}`, label: `Báo cáo quý ${ROMAN[i]} năm ${y}`, dueOn: at(md) }));
        break;
      case 'half-yearly':
        rounds = [
          { key: `${y}-H1`, label: `Báo cáo 6 tháng năm ${y}`, dueOn: at(d.h1) },
          { key: `${y}-Y`, label: `Báo cáo năm ${y}`, dueOn: at(d.year) },
        ];
        break;
      case 'yearly':
        rounds = [{ key: `${y}-Y`, label: `Báo cáo năm ${y}`, dueOn: at(d.year) }];
        break;
      case 'weekly': {
        rounds = [];
        // Weekly rounds end on Fridays.
        for (let day = yearStart; day.slice(0, 4) === String(y); day = CalendarDate.addDays(day, 1)) {
          if (CalendarDate.dayOfWeek(day) === 5) rounds.push({ key: `${y}-W${day.slice(5)}`, label: `Báo cáo tuần đến ${day}`, dueOn: day });
        }
        break;
      }
      default:
        // 'reporting-calendar', 'ongoing' rows without a cadence: quarter I, six months, quarter III, year.
        rounds = [
          { key: `${y}-Q1`, label: `Báo cáo quý I năm ${y}`, dueOn: at(d.q1) },
          { key: `${y}-H1`, label: `Báo cáo 6 tháng năm ${y}`, dueOn: at(d.h1) },
          { key: `${y}-Q3`, label: `Báo cáo quý III năm ${y}`, dueOn: at(d.q3) },
          { key: `${y}-Y`, label: `Báo cáo năm ${y}`, dueOn: at(d.year) },
        ];
    }
    for (const r of rounds) {
      if (r.dueOn >= start && r.dueOn <= until) out.push({ ...r, opensOn: opensOn < start ? start : opensOn });
      opensOn = CalendarDate.addDays(r.dueOn, 1);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// who is who

export function rolesOf(actor: Actor): string[] {
  const own = actor.roles ?? [];
  return actor.onBehalfOfUserId ? [...own, ...(actor.onBehalfOfRoles ?? [])] : own;
}

export function isOwnerMember(m: TaskModel, a: Actor): boolean {
  return !!a.unitId && a.unitId === m.ownerUnitId && (a.roles.includes('officer') || a.roles.includes('unitHead'));
}

export function isOwnerHead(m: TaskModel, a: Actor): boolean {
  return !!a.unitId && a.unitId === m.ownerUnitId && a.roles.includes('unitHead');
}

/** The director, a deputy whose portfolio holds the owner unit, or a deputy signing "KT. Giám đốc". */
export function isLeaderFor(m: TaskModel, a: Actor): boolean {
  if (actsAsDirector(a)) return true;
  return a.roles.includes('deputyDirector') && !!m.ownerUnitId && (a.portfolioUnitIds ?? []).includes(m.ownerUnitId);
}

export function isMonitor(a: Actor): boolean {
  return a.roles.includes('monitor');
}

/** Anybody whose unit or portfolio the task touches (WORKFLOW.md), or who watches the plan. */
export function isInvolved(m: TaskModel, a: Actor): boolean {
  if (isOwnerMember(m, a) || isLeaderFor(m, a) || isMonitor(a)) return true;
  if (a.unitId && m.coordinating.some((u) => u.unitId === a.unitId)) return true;
  return a.roles.includes('deputyDirector') && m.coordinating.some((u) => (a.portfolioUnitIds ?? []).includes(u.unitId));
}

// ---------------------------------------------------------------------------------------------
// checks

export const STATE_LABEL: Record<LifecycleState, string> = {
  PENDING_TRIGGER: 'chờ sự kiện',
  DRAFTING: 'đang dự thảo',
  IN_REVIEW: 'đang lấy ý kiến phối hợp',
  AWAITING_APPROVAL: 'chờ lãnh đạo phê duyệt',
  COMPLETED: 'đã hoàn thành',
  CANCELLED: 'đã hủy',
};

export function refuse(code: RefusalCode, message: string): never {
  throw new Refusal(code, message);
}

export function requireText(value: unknown, message: string, max = MAX_TEXT): string {
  if (typeof value !== 'string' || !value.trim()) refuse(REFUSAL.INVALID_INPUT, message);
  if (value.length > max) refuse(REFUSAL.INVALID_INPUT, `Nội dung quá dài (tối đa ${max} ký tự).`);
  return value.trim();
}

export function requireDate(value: unknown, what: string): string {
  if (!CalendarDate.isValid(value)) refuse(REFUSAL.INVALID_INPUT, `${what} không hợp lệ (định dạng YYYY-MM-DD).`);
  return value as string;
}

export function requireState(m: TaskModel, allowed: LifecycleState[], doing: string): void {
  if (!allowed.includes(m.state)) {
    refuse(REFUSAL.INVALID_STATE, `Không thể ${doing} khi nhiệm vụ ${STATE_LABEL[m.state]}.`);
  }
}

export function permit(ok: boolean, message: string): void {
  if (!ok) refuse(REFUSAL.FORBIDDEN, message);
}

export function requireSingle(m: TaskModel, doing: string): void {
  if (m.mode !== 'single') refuse(REFUSAL.INVALID_STATE, `Nhiệm vụ thường xuyên báo cáo theo kỳ; không thể ${doing}.`);
}

export function validUnits(units: unknown): UnitRef[] {
  if (!Array.isArray(units)) refuse(REFUSAL.INVALID_INPUT, 'Danh sách đơn vị phối hợp không hợp lệ.');
  for (const u of units as UnitRef[]) {
    if (!u || typeof u.unitId !== 'string' || !u.unitId || typeof u.unitCode !== 'string' || !u.unitCode) {
      refuse(REFUSAL.INVALID_INPUT, 'Mỗi đơn vị phối hợp cần mã và định danh.');
    }
  }
  return units as UnitRef[];
}

export function validAttachments(list: unknown): Attachment[] {
  if (list === undefined) return [];
  if (!Array.isArray(list) || list.length > 50) refuse(REFUSAL.INVALID_INPUT, 'Danh sách tệp đính kèm không hợp lệ (tối đa 50 tệp).');
  for (const f of list as Attachment[]) {
    if (!f || typeof f.fileId !== 'string' || !f.fileId || typeof f.name !== 'string' || !f.name) {
      refuse(REFUSAL.INVALID_INPUT, 'Tệp đính kèm cần định danh tệp đã lưu và tên tệp.');
    }
  }
  return list as Attachment[];
}

/** Remembers the files a submission carried (bounded like the applied keys). */
export function rememberSubmittedFiles(m: TaskModel, files: readonly Attachment[] | undefined): void {
  if (!files?.length) return;
  const ids = new Set(m.submittedFileIds ?? []);
  for (const f of files) ids.add(f.fileId);
  m.submittedFileIds = [...ids].slice(-MAX_APPLIED_KEYS);
}

/** A file a submitted draft or report references: the one the lead unit submitted, or still under review or approval. */
/** A unit's opinion this review round still waits for: not given, or counted as agreeing by silence (it may still answer). */
export function opinionAwaited(o: { opinion: unknown; silent?: boolean }): boolean {
  return !o.opinion || !!o.silent;
}

export function fileInUse(m: TaskModel, fileId: string): boolean {
  if ((m.submittedFileIds ?? []).includes(fileId)) return true;
  return (m.state === 'IN_REVIEW' || m.state === 'AWAITING_APPROVAL') && m.draft.attachments.some((a) => a.fileId === fileId);
}

export type CheckResult = 'apply' | 'duplicate';

export interface AnyInput {
  actor: Actor;
  idempotencyKey: string;
  expectedVersion?: number;
  [k: string]: unknown;
}

/**
 * The checks every action of every task workflow shares: input shape, idempotency key, actor and
 * organization. Returns 'duplicate' when the key was applied before; a retry answers with the
 * snapshot, but only to somebody of the task's organization.
 */
export function checkCaller(organizationId: string, appliedKeys: readonly string[], action: string, raw: unknown): CheckResult {
  const input = raw as AnyInput;
  if (!input || typeof input !== 'object') refuse(REFUSAL.INVALID_INPUT, 'Thiếu dữ liệu của thao tác.');
  if (typeof input.idempotencyKey !== 'string' || !input.idempotencyKey || input.idempotencyKey.length > 200) {
    refuse(REFUSAL.INVALID_INPUT, 'Thiếu khóa chống lặp (Idempotency-Key).');
  }
  const a = input.actor;
  if (!a || typeof a.userId !== 'string' || !a.userId || !Array.isArray(a.roles) || typeof a.organizationId !== 'string') {
    refuse(REFUSAL.INVALID_INPUT, 'Thiếu thông tin người thực hiện.');
  }
  if (a.organizationId !== organizationId) refuse(REFUSAL.FORBIDDEN, 'Nhiệm vụ không thuộc cơ quan của bạn.');
  return appliedKeys.includes(`${action}:${input.idempotencyKey}`) ? 'duplicate' : 'apply';
}

/** Optimistic concurrency, for every task workflow: the version the client saw must be the current one. */
export function checkExpectedVersion(version: number, raw: unknown): void {
  const expected = (raw as AnyInput).expectedVersion;
  if (expected !== undefined && expected !== null && expected !== version) {
    refuse(
      REFUSAL.STALE_VERSION,
      `Nhiệm vụ vừa được cập nhật bởi người khác (phiên bản ${version}, bạn đang xem phiên bản ${expected}). Vui lòng tải lại trước khi thao tác.`,
    );
  }
}

/** The recorded event of an event-triggered row: a date not in the future, and what happened. */
export function checkEventFields(raw: unknown, ctx: MachineContext): void {
  const i = raw as RecordTriggerInput;
  const date = requireDate(i.eventDate, 'Ngày của sự kiện');
  if (date > todayOf(ctx)) refuse(REFUSAL.INVALID_INPUT, 'Ngày của sự kiện không được ở tương lai.');
  requireText(i.description, 'Cần mô tả sự kiện (ví dụ: "UBND tỉnh ban hành Quy chế …").');
}

/** The director, or a deputy signing for the director ("KT."): decisions on a whole group row. */
export function actsAsDirector(a: Actor): boolean {
  return rolesOf(a).includes('director');
}

/**
 * Throws a Refusal when `action` may not be applied now by this actor; returns 'duplicate' when
 * the idempotency key was applied before (the caller answers with the current snapshot).
 */
export function checkAction(m: TaskModel, action: TaskAction, raw: unknown, ctx: MachineContext): CheckResult {
  if (checkCaller(m.organizationId, m.appliedKeys, action, raw) === 'duplicate') return 'duplicate';
  const input = raw as AnyInput;
  const a = input.actor;
  if (a.onBehalfOfUserId && !a.roles.includes('deputyDirector')) refuse(REFUSAL.FORBIDDEN, 'Chỉ Phó Giám đốc được ký thay (KT.) Giám đốc.');
  checkExpectedVersion(m.version, input);
  if (CLOSED_STATES.includes(m.state)) refuse(REFUSAL.TASK_CLOSED, `Nhiệm vụ ${STATE_LABEL[m.state]}, không thể thao tác thêm.`);
  (ACTIONS[action] as AnyAction).check(m, input, ctx);
  return 'apply';
}

// ---------------------------------------------------------------------------------------------
// apply

export function signature(a: Actor): Record<string, unknown> {
  if (!a.onBehalfOfUserId) return { signedAs: a.roles.includes('director') ? 'GIÁM ĐỐC' : a.roles.includes('deputyDirector') ? 'PHÓ GIÁM ĐỐC' : null };
  return {
    signedAs: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC',
    signerUserId: a.userId,
    signerName: a.displayName ?? null,
    onBehalfOfUserId: a.onBehalfOfUserId,
    onBehalfOfName: a.onBehalfOfName ?? null,
  };
}

export function rememberKey(m: TaskModel, key: string): void {
  m.appliedKeys.push(key);
  if (m.appliedKeys.length > MAX_APPLIED_KEYS) m.appliedKeys.splice(0, m.appliedKeys.length - MAX_APPLIED_KEYS);
}

export function transition(m: TaskModel, to: LifecycleState): { fromState: LifecycleState; toState: LifecycleState } {
  const from = m.state;
  m.state = to;
  // Back to drafting: a new drafting round, whose draft the head has not been told of yet.
  if (to === 'DRAFTING' && from !== 'DRAFTING') m.draftReadyAnnounced = false;
  return { fromState: from, toState: to };
}

export function stay(m: TaskModel): { fromState: LifecycleState; toState: LifecycleState } {
  return { fromState: m.state, toState: m.state };
}

export function setDue(m: TaskModel, date: string | null): void {
  m.dueOn = date;
  if (m.mode === 'single' && m.milestones[m.current]) m.milestones[m.current].dueOn = date;
}

export function startReview(m: TaskModel, ctx: MachineContext): void {
  const today = todayOf(ctx);
  m.reviewRounds += 1;
  m.review = {
    round: m.reviewRounds,
    startedOn: today,
    windowEndsOn: ctx.calendar.addWorkingDays(today, m.settings.reviewWindowWorkingDays),
    opinions: m.coordinating.map((u) => ({ unitId: u.unitId, unitCode: u.unitCode, opinion: null, comment: null, byUserId: null, at: null, silent: false })),
    escalated: false,
  };
}

/** All opinions are in (or counted): on to approval, or back to drafting on a disagreement. */
export function concludeReview(m: TaskModel, events: EventDraft[], key: string): void {
  const review = m.review!;
  const disagreed = review.opinions.filter((o) => o.opinion === 'disagree');
  const silent = review.opinions.some((o) => o.silent);
  const comments = review.opinions.filter((o) => o.comment || o.silent);
  m.review = null;
  if (disagreed.length) {
    m.lastReview = { outcome: 'disagreed', comments };
    m.submission = null;
    events.push({ key: `${key}:review-returned`, type: 'REVIEW_RETURNED', actor: null, ...transition(m, 'DRAFTING'), payload: { round: review.round, opinions: review.opinions } });
  } else {
    m.lastReview = { outcome: silent ? 'silent' : 'agreed', comments };
    events.push({ key: `${key}:review-completed`, type: 'REVIEW_COMPLETED', actor: null, ...transition(m, 'AWAITING_APPROVAL'), payload: { round: review.round, opinions: review.opinions } });
  }
}

export function recomputeRecurringDue(m: TaskModel): void {
  const pending = m.rounds.filter((r) => r.state === 'OPEN' || r.state === 'UPCOMING').sort((a, b) => (a.dueOn < b.dueOn ? -1 : 1));
  m.dueOn = pending[0]?.dueOn ?? null;
  m.originalDueOn = m.dueOn;
}

/** Waits for an event that may still never come before the plan ends (a single event row, an on-event row without a round). */
function waitsForAnEvent(m: TaskModel): boolean {
  if (CLOSED_STATES.includes(m.state)) return false;
  return m.mode === 'single' ? m.state === 'PENDING_TRIGGER' : m.recurrence === 'on-event' && m.rounds.length === 0;
}

/**
 * No phantom completion (issue 16 item 7): a row whose event never came by the end of the plan's
 * last day closes as "Không phát sinh" (COMPLETED with outcome 'not-arisen', status word
 * NOT_ARISEN, counted apart), never as done on time. Returns whether it closed.
 */
export function closeIfNotArisen(m: TaskModel, ctx: MachineContext, events: EventDraft[]): boolean {
  if (!m.notArisenRule || !m.planEndsOn || ctx.nowMs < endOfDayMs(m.planEndsOn) || !waitsForAnEvent(m)) return false;
  const trigger = m.mode === 'single' ? (m.milestones[m.current]?.trigger ?? null) : null;
  m.outcome = 'not-arisen';
  m.completedOn = todayOf(ctx);
  events.push(
    eventOf('plan-end:not-arisen', 'NOT_ARISEN', null, transition(m, 'COMPLETED'), { planEndsOn: m.planEndsOn, trigger, notify: TIMER_EVENTS.NOT_ARISEN.recipients }),
  );
  return true;
}

export function maybeCompleteRecurring(m: TaskModel, ctx: MachineContext, events: EventDraft[], key: string): void {
  if (m.mode !== 'recurring' || m.state === 'COMPLETED' || m.state === 'CANCELLED') return;
  if (!m.planEndsOn || ctx.nowMs < endOfDayMs(m.planEndsOn)) return;
  if (closeIfNotArisen(m, ctx, events)) return;
  if (m.rounds.some((r) => r.state !== 'ACKNOWLEDGED')) return;
  m.completedOn = todayOf(ctx);
  const late = m.rounds.filter((r) => r.submittedOn && r.submittedOn > r.dueOn).map((r) => r.key);
  events.push({ key: `${key}:completed`, type: 'COMPLETED', actor: null, ...transition(m, 'COMPLETED'), payload: { rounds: m.rounds.length, lateRounds: late } });
}

/** Applies an action the check accepted; returns the events to record, in order. */
export function applyAction(m: TaskModel, action: TaskAction, raw: unknown, ctx: MachineContext): EventDraft[] {
  const input = raw as AnyInput;
  const key = `${action}:${input.idempotencyKey}`;
  rememberKey(m, key);
  const events: EventDraft[] = [];
  // Each event its own key (the read model writes an event key once): the step's first event has the
  // step's key, a further one (saveDraft's DRAFT_READY) the key and its type.
  let emitted = 0;
  const emit = <K extends TaskEventType>(type: K, states: { fromState: LifecycleState; toState: LifecycleState }, payload: EventPayloads[K]) =>
    events.push(eventOf(emitted++ === 0 ? key : `${key}:${type}`, type, input.actor, states, payload));
  (ACTIONS[action] as AnyAction).apply(m, input, ctx, emit as never, events);
  trackApprovalWait(m, ctx);
  return events;
}

/** A parent of a group-led row cancelled the whole row. */
export function applyParentCancel(m: TaskModel, reason: string, actor: Actor, ctx: MachineContext): EventDraft[] {
  if (CLOSED_STATES.includes(m.state)) return [];
  m.review = null;
  m.extensions.pending = null;
  m.approvalWait = null;
  return [{ key: `parent-cancel:${ctx.nowMs}`, type: 'CANCELLED', actor, ...transition(m, 'CANCELLED'), payload: { reason, byParent: true } }];
}

/** A group parent forwards its row's event: a unit task that still waits for it starts. */
export function applyParentTrigger(m: TaskModel, e: { eventDate: string; description: string }, actor: Actor, ctx: MachineContext): EventDraft[] {
  if (m.mode !== 'single' || m.state !== 'PENDING_TRIGGER' || !CalendarDate.isValid(e.eventDate)) return [];
  return applyAction(m, 'recordTrigger', { actor, idempotencyKey: `parent:${e.eventDate}:${e.description}`, ...e }, ctx);
}

// ---------------------------------------------------------------------------------------------
// timers

/** The next instant something is due to happen by itself, or null when nothing is scheduled. */
export function nextWakeMs(m: TaskModel, calendar?: WorkingCalendar): number | null {
  if (CLOSED_STATES.includes(m.state)) return null;
  const candidates: number[] = [];
  if (calendar) for (const step of [...ladderSteps(m, calendar), ...waitSteps(m, calendar)]) if (!m.firedSteps?.includes(step.key)) candidates.push(step.atMs);
  if (m.state === 'IN_REVIEW' && m.review && !m.review.escalated) candidates.push(endOfDayMs(m.review.windowEndsOn));
  if (m.notArisenRule && m.planEndsOn && m.mode === 'single' && waitsForAnEvent(m)) candidates.push(endOfDayMs(m.planEndsOn));
  if (m.mode === 'recurring') {
    for (const r of m.rounds) if (r.state === 'UPCOMING') candidates.push(CalendarDate.startOfDayInstant(r.opensOn));
    if (m.planEndsOn && m.rounds.every((r) => r.state === 'ACKNOWLEDGED')) candidates.push(endOfDayMs(m.planEndsOn));
  }
  return candidates.length ? Math.min(...candidates) : null;
}

/** Fires every timer due at `ctx.nowMs`; each fires once because it changes what `nextWakeMs` sees. */
export function applyTimers(m: TaskModel, ctx: MachineContext): EventDraft[] {
  const events: EventDraft[] = [];
  if (CLOSED_STATES.includes(m.state)) return events;
  events.push(...fireWaitSteps(m, ctx));
  if (m.state === 'IN_REVIEW' && m.review && !m.review.escalated && ctx.nowMs >= endOfDayMs(m.review.windowEndsOn)) {
    const review = m.review;
    const silent = review.opinions.filter((o) => !o.opinion);
    const key = `review-${review.round}-window`;
    if (m.settings.silentReviewer === 'agree') {
      for (const o of silent) Object.assign(o, { opinion: 'agree', silent: true, at: isoInstant(ctx) });
      events.push({
        key: `${key}:silent-agreed`,
        type: 'REVIEW_SILENT_AGREED',
        actor: null,
        ...stay(m),
        payload: { round: review.round, units: silent.map((o) => o.unitCode), windowEndsOn: review.windowEndsOn, rule: 'Quá thời hạn không có ý kiến coi như đồng ý' },
      });
      concludeReview(m, events, key);
    } else {
      review.escalated = true;
      events.push({
        key: `${key}:escalated`,
        type: 'REVIEW_ESCALATED',
        actor: null,
        ...stay(m),
        payload: {
          round: review.round,
          units: silent.map((o) => o.unitCode),
          unitIds: silent.map((o) => o.unitId),
          windowEndsOn: review.windowEndsOn,
          ownerUnitId: m.ownerUnitId,
          notify: m.waitLadders ? ['deputyInCharge', 'monitor', 'reviewUnitHead'] : ['deputyInCharge', 'monitor'],
        },
      });
    }
  }
  events.push(...fireLadder(m, ctx));
  if (m.mode === 'recurring') {
    for (const r of m.rounds) {
      if (r.state === 'UPCOMING' && ctx.nowMs >= CalendarDate.startOfDayInstant(r.opensOn)) {
        r.state = 'OPEN';
        events.push({ key: `round-${r.key}:opened`, type: 'ROUND_OPENED', actor: null, ...stay(m), payload: { roundKey: r.key, label: r.label, dueOn: r.dueOn } });
      }
    }
    recomputeRecurringDue(m);
    maybeCompleteRecurring(m, ctx, events, 'plan-end');
  } else {
    closeIfNotArisen(m, ctx, events);
  }
  trackApprovalWait(m, ctx);
  return events;
}

// ---------------------------------------------------------------------------------------------
// the deadline ladder (WORKFLOW.md "Deadlines, reminders, escalation")

interface LadderStep {
  key: string;
  kind: 'reminder' | 'overdue' | 'deputy' | 'director';
  atMs: number;
  workingDays: number;
}

/** Working hours start at 07:30 in Vietnam: reminders and escalations are sent then, not at midnight. */
const WORKDAY_START_MS = 30 * 60 * 1000 * 15;

/**
 * The steps of the current deadline: reminders N working days before, overdue when the due day is
 * over, the deputy in charge after 3 working days overdue, the director after 10 (per
 * organization). Keyed by the due date: an extension starts a fresh ladder for the new date.
 */
export function ladderSteps(m: TaskModel, calendar: WorkingCalendar): LadderStep[] {
  if (!m.ladder || !m.dueOn || CLOSED_STATES.includes(m.state) || m.state === 'PENDING_TRIGGER') return [];
  if (m.mode === 'recurring' && !m.rounds.some((r) => r.state === 'OPEN' && r.dueOn === m.dueOn)) return [];
  // Keys name the due date as written (one ladder per deadline); the moments count from its
  // working end when the day-off rule applies.
  const due = m.dueOn;
  const end = ladderDueOf(m, calendar)!;
  const s = m.settings;
  return [
    ...s.reminderWorkingDaysBefore.map((n) => ({ key: `remind:${n}:${due}`, kind: 'reminder' as const, atMs: morningOf(calendar.addWorkingDays(end, -n)), workingDays: n })),
    { key: `overdue:${due}`, kind: 'overdue' as const, atMs: endOfDayMs(end), workingDays: 0 },
    { key: `deputy:${due}`, kind: 'deputy' as const, atMs: morningOf(calendar.addWorkingDays(end, s.escalateToDeputyAfterWorkingDays)), workingDays: s.escalateToDeputyAfterWorkingDays },
    { key: `director:${due}`, kind: 'director' as const, atMs: morningOf(calendar.addWorkingDays(end, s.escalateToDirectorAfterWorkingDays)), workingDays: s.escalateToDirectorAfterWorkingDays },
  ];
}

/**
 * The date the ladder counts from: the due date as written, or its working end (BLDS 2015 art.
 * 148(5)) when the day-off rule applies to this execution.
 */
export function ladderDueOf(m: TaskModel, calendar: WorkingCalendar): string | null {
  return workingDueOf(calendar, m.dueOn, !!m.dayOffRule);
}

const LADDER_EVENT = { reminder: 'DEADLINE_REMINDER', overdue: 'DEADLINE_PASSED', deputy: 'ESCALATED_TO_DEPUTY', director: 'ESCALATED_TO_DIRECTOR' } as const;
/** Recipients of each step, as the registry declares them (`actions/timer-events.ts`). */
const LADDER_NOTIFY = {
  reminder: TIMER_EVENTS.DEADLINE_REMINDER.recipients,
  overdue: TIMER_EVENTS.DEADLINE_PASSED.recipients,
  deputy: TIMER_EVENTS.ESCALATED_TO_DEPUTY.recipients,
  director: TIMER_EVENTS.ESCALATED_TO_DIRECTOR.recipients,
} as const;

/**
 * Fires the ladder steps that are due, each once. A reminder whose moment passed together with a
 * later one (a deadline set close, or already past) is marked as fired without being sent: only
 * the most urgent reminder goes out, and none once the deadline itself has passed.
 */
function fireLadder(m: TaskModel, ctx: MachineContext): EventDraft[] {
  const steps = ladderSteps(m, ctx.calendar).filter((x) => !m.firedSteps?.includes(x.key) && ctx.nowMs >= x.atMs);
  if (!steps.length) return [];
  m.firedSteps ??= [];
  const end = ladderDueOf(m, ctx.calendar)!;
  const overduePassed = ctx.nowMs >= endOfDayMs(end);
  const reminders = steps.filter((x) => x.kind === 'reminder').sort((a, b) => a.workingDays - b.workingDays);
  const events: EventDraft[] = [];
  // Working days left: a reminder more than a day late (the deadline was set or moved closer than
  // its N days) would announce a wrong count, so it is skipped, and the next one goes out.
  const left = ctx.calendar.workingDaysBetween(todayOf(ctx), end);
  for (const step of steps) {
    m.firedSteps.push(step.key);
    if (step.kind === 'reminder' && (overduePassed || step !== reminders[0] || left < step.workingDays - 1)) continue;
    events.push({
      key: `ladder:${step.key}`,
      type: LADDER_EVENT[step.kind],
      actor: null,
      ...stay(m),
      payload: {
        dueOn: m.dueOn,
        ...(m.dayOffRule ? { workingDueOn: end } : {}),
        workingDays: step.workingDays,
        // What the reminder announces: the working days really left (0 on the due day itself).
        ...(step.kind === 'reminder' ? { workingDaysLeft: Math.max(0, left) } : {}),
        notify: LADDER_NOTIFY[step.kind],
        ownerUnitId: m.ownerUnitId,
        ...(m.mode === 'recurring' ? { rounds: m.rounds.filter((r) => r.state === 'OPEN' && r.dueOn === m.dueOn).map((r) => r.key) } : {}),
      },
    });
  }
  if (m.firedSteps.length > MAX_APPLIED_KEYS) m.firedSteps.splice(0, m.firedSteps.length - MAX_APPLIED_KEYS);
  return events;
}

// ---------------------------------------------------------------------------------------------
// the shorter ladders of a task waiting on somebody (WORKFLOW.md: "a task must never sit silently
// in anybody's inbox"): a review waiting on a coordinating unit, an approval waiting on leadership

interface WaitStep {
  key: string;
  type: 'REVIEW_REMINDER' | 'REVIEW_ESCALATED_TO_DIRECTOR' | 'APPROVAL_REMINDER' | 'APPROVAL_ESCALATED';
  atMs: number;
  /** Sent only while this holds at the moment it fires (else it is marked fired, silently). */
  stillUseful: (nowMs: number) => boolean;
  payload: Record<string, unknown>;
}

const morningOf = (date: string) => CalendarDate.startOfDayInstant(date) + WORKDAY_START_MS;

/**
 * The steps of the current wait, keyed by review round or approval wait:
 *  - review: the units whose opinion is missing are reminded N working days (default 1) before the
 *    window ends; the window's end itself is the review rule (silent agrees, or escalates to the
 *    deputy in charge and the monitor); an escalated review still silent reaches the director K
 *    working days (default 3) later;
 *  - approval: the leadership it waits on is reminded after R working days (default 2); after E
 *    (default 5) it is escalated to the director and the monitor.
 */
export function waitSteps(m: TaskModel, calendar: WorkingCalendar): WaitStep[] {
  if (!m.waitLadders || CLOSED_STATES.includes(m.state)) return [];
  const s = m.settings;
  const steps: WaitStep[] = [];
  const review = m.review;
  if (m.state === 'IN_REVIEW' && review) {
    const silent = review.opinions.filter((o) => !o.opinion);
    const units = { units: silent.map((o) => o.unitCode), unitIds: silent.map((o) => o.unitId) };
    const windowOver = endOfDayMs(review.windowEndsOn);
    const remindOn = calendar.addWorkingDays(review.windowEndsOn, -s.reviewReminderWorkingDaysBefore);
    // A window shorter than the reminder's lead has no reminder: the units were just asked.
    if (silent.length && s.reviewReminderWorkingDaysBefore > 0 && remindOn > review.startedOn) {
      steps.push({
        key: `review-remind:${review.round}`,
        type: 'REVIEW_REMINDER',
        atMs: morningOf(remindOn),
        stillUseful: (now) => now < windowOver,
        payload: { round: review.round, windowEndsOn: review.windowEndsOn, ...units, workingDays: s.reviewReminderWorkingDaysBefore, notify: ['reviewUnitHead'] },
      });
    }
    if (silent.length && review.escalated) {
      steps.push({
        key: `review-director:${review.round}`,
        type: 'REVIEW_ESCALATED_TO_DIRECTOR',
        atMs: morningOf(calendar.addWorkingDays(review.windowEndsOn, s.reviewEscalateToDirectorAfterWorkingDays)),
        stillUseful: () => true,
        payload: { round: review.round, windowEndsOn: review.windowEndsOn, ...units, workingDays: s.reviewEscalateToDirectorAfterWorkingDays, notify: ['director'] },
      });
    }
  }
  const wait = m.approvalWait;
  if (m.state === 'AWAITING_APPROVAL' && wait) {
    const escalateAt = morningOf(calendar.addWorkingDays(wait.since, s.approvalEscalateAfterWorkingDays));
    if (s.approvalReminderAfterWorkingDays < s.approvalEscalateAfterWorkingDays) {
      steps.push({
        key: `approval-remind:${wait.seq}`,
        type: 'APPROVAL_REMINDER',
        atMs: morningOf(calendar.addWorkingDays(wait.since, s.approvalReminderAfterWorkingDays)),
        // Overtaken by the escalation (the worker was away): the escalation says it all.
        stillUseful: (now) => now < escalateAt,
        payload: { since: wait.since, workingDays: s.approvalReminderAfterWorkingDays, notify: ['approver'] },
      });
    }
    steps.push({
      key: `approval-escalate:${wait.seq}`,
      type: 'APPROVAL_ESCALATED',
      atMs: escalateAt,
      stillUseful: () => true,
      payload: { since: wait.since, workingDays: s.approvalEscalateAfterWorkingDays, notify: ['director', 'monitor'] },
    });
  }
  return steps;
}

/** Fires the wait steps that are due, each once (the same bookkeeping as the deadline ladder). */
function fireWaitSteps(m: TaskModel, ctx: MachineContext): EventDraft[] {
  const due = waitSteps(m, ctx.calendar).filter((x) => !m.firedSteps?.includes(x.key) && ctx.nowMs >= x.atMs);
  if (!due.length) return [];
  m.firedSteps ??= [];
  const events: EventDraft[] = [];
  for (const step of due) {
    m.firedSteps.push(step.key);
    if (!step.stillUseful(ctx.nowMs)) continue;
    events.push(eventOf(`ladder:${step.key}`, step.type, null, stay(m), { ...step.payload, dueOn: m.dueOn, ownerUnitId: m.ownerUnitId } as EventPayloads[typeof step.type]));
  }
  if (m.firedSteps.length > MAX_APPLIED_KEYS) m.firedSteps.splice(0, m.firedSteps.length - MAX_APPLIED_KEYS);
  return events;
}

/** Opens a numbered approval wait when the task reaches AWAITING_APPROVAL, and closes it when it leaves. */
export function trackApprovalWait(m: TaskModel, ctx: MachineContext): void {
  if (!m.waitLadders) return;
  if (m.state === 'AWAITING_APPROVAL') {
    if (!m.approvalWait) {
      m.approvalWaits = (m.approvalWaits ?? 0) + 1;
      m.approvalWait = { seq: m.approvalWaits, since: todayOf(ctx) };
    }
  } else if (m.approvalWait) {
    m.approvalWait = null;
  }
}

// ---------------------------------------------------------------------------------------------
// views

export function waitingOnOf(m: TaskModel): WaitingOn {
  const lead = m.ownerUnitId ? [m.ownerUnitId] : [];
  switch (m.state) {
    case 'PENDING_TRIGGER':
      return { kind: 'monitor', unitIds: [], text: `Chờ sự kiện: ${m.milestones[m.current]?.trigger ?? 'sự kiện khởi động'}` };
    case 'DRAFTING':
      if (m.extensions.pending) return { kind: 'extension_decision', unitIds: [], text: 'Chờ lãnh đạo quyết định gia hạn' };
      if (m.mode === 'recurring') {
        const open = m.rounds.filter((r) => r.state === 'OPEN');
        const submitted = m.rounds.filter((r) => r.state === 'SUBMITTED');
        if (open.length) return { kind: 'lead_unit', unitIds: lead, text: `Đơn vị chủ trì nộp ${open.map((r) => r.label).join(', ')}` };
        if (submitted.length) return { kind: 'monitor', unitIds: [], text: `Chờ xác nhận ${submitted.map((r) => r.label).join(', ')}` };
        return { kind: 'nobody', unitIds: [], text: 'Chưa đến kỳ báo cáo' };
      }
      return { kind: 'lead_unit', unitIds: lead, text: `${m.ownerUnitCode ?? 'Đơn vị chủ trì'} dự thảo, hoàn thiện hồ sơ` };
    case 'IN_REVIEW': {
      const pending = m.review?.opinions.filter((o) => !o.opinion) ?? [];
      return { kind: 'reviewers', unitIds: pending.map((o) => o.unitId), text: `Chờ ý kiến phối hợp của ${pending.map((o) => o.unitCode).join(', ')}` };
    }
    case 'AWAITING_APPROVAL':
      return { kind: 'approver', unitIds: lead, text: 'Chờ lãnh đạo Sở phụ trách phê duyệt' };
    default:
      return { kind: 'nobody', unitIds: [], text: m.state === 'COMPLETED' ? 'Đã hoàn thành' : 'Đã hủy' };
  }
}

function milestoneViews(m: TaskModel): MilestoneView[] {
  return m.milestones.map((x) => ({ position: x.position, label: x.label, kind: x.kind, dueOn: x.dueOn, state: x.state, completedOn: x.completedOn }));
}

export function snapshotOf(m: TaskModel): TaskSnapshot {
  return {
    taskId: m.taskId,
    state: m.state,
    version: m.version,
    dueOn: m.dueOn,
    originalDueOn: m.originalDueOn,
    commentCount: m.commentCount,
    mode: m.mode,
    ownerUnitId: m.ownerUnitId,
    ownerUnitCode: m.ownerUnitCode,
    coordinatingUnits: m.coordinating.map((u) => ({ ...u })),
    coordinatingToBeNamed: m.coordinatingToBeNamed,
    currentMilestone: m.current,
    milestones: milestoneViews(m),
    draft: { ...m.draft, attachments: [...m.draft.attachments] },
    review: m.review ? { ...m.review, opinions: m.review.opinions.map((o) => ({ ...o })) } : null,
    lastReview: m.lastReview,
    submission: m.submission,
    extensions: { granted: m.extensions.granted, max: m.settings.maxExtensionsPerTask, pending: m.extensions.pending },
    blockers: m.blockers.map((b) => ({ ...b })),
    rounds: m.rounds.map(({ acknowledgedBy: _ack, ...r }) => ({ ...r })),
    trigger: m.trigger,
    completedOn: m.completedOn,
    ...(m.outcome ? { outcome: m.outcome } : {}),
    waitingOn: waitingOnOf(m),
    instruction: m.instruction ?? null,
    assignee: m.assignee ?? null,
  };
}

/**
 * The task row as the read model stores it. With the calendar the task counts on, `workingDueOn`
 * is the working end of the deadline in force by the organization's day-off rule (workingDueOf,
 * the ladder's own function: the same date the ladder counts from, for executions that run the rule).
 */
export function readModelPatchOf(m: TaskModel, calendar?: WorkingCalendar): TaskReadModelPatch {
  const snapshot = snapshotOf(m);
  return {
    state: m.state,
    dueOn: m.originalDueOn,
    extendedDueOn: m.dueOn !== m.originalDueOn ? m.dueOn : null,
    ...(calendar ? { workingDueOn: workingDueOf(calendar, m.dueOn, m.settings.dayOffRule !== false) } : {}),
    ...(m.outcome === 'not-arisen' ? { notArisen: true } : {}),
    ownerUnitId: m.ownerUnitId,
    coordinatingUnitIds: m.coordinating.map((u) => u.unitId),
    pendingReviewUnitIds: m.review?.opinions.filter((o) => !o.opinion).map((o) => o.unitId) ?? [],
    assigneeUserId: m.assignee?.userId ?? null,
    completedOn: m.completedOn,
    progressPercent: m.draft.progressPercent,
    milestones: snapshot.milestones ?? [],
    waitingOn: snapshot.waitingOn!,
    detail: snapshot,
  };
}


export function historyEntryOf(version: number, e: EventDraft, at: string): HistoryEntry {
  return {
    version,
    type: e.type,
    at,
    actorUserId: e.actor?.userId ?? null,
    onBehalfOfUserId: e.actor?.onBehalfOfUserId ?? null,
    fromState: e.fromState,
    toState: e.toState,
    summary: EVENT_LABELS[e.type],
  };
}

export function pushHistory(m: TaskModel, entry: HistoryEntry): void {
  m.history.push(entry);
  if (m.history.length > MAX_HISTORY) m.history.splice(0, m.history.length - MAX_HISTORY);
}
