import { defaultVietnamCalendar } from '../../libs/domain/src/calendar/working-calendar';
import { ACTIONS } from './actions';
import {
  Actor,
  CLOSED_STATES,
  DEFAULT_LIFECYCLE_SETTINGS,
  LifecycleSettings,
  LifecycleState,
  MilestoneKind,
  MilestoneSpec,
  REFUSAL,
  TASK_ACTIONS,
  TaskAction,
  TaskLifecycleInput,
  UnitRef,
} from './task-lifecycle.contract';
import {
  applyAction,
  applyParentCancel,
  applyParentTrigger,
  applyTimers,
  checkAction,
  EventDraft,
  generateRounds,
  initModel,
  ladderDueOf,
  MachineContext,
  nextWakeMs,
  readModelPatchOf,
  Refusal,
  snapshotOf,
  TaskModel,
  waitingOnOf,
} from './task-machine';

/**
 * The task's rules (WORKFLOW.md) as the pure machine implements them: who may do what in which
 * state, what each action changes and records, the review window and the report rounds. No
 * Temporal here: every test builds a model with `initModel` and drives it with fixed instants on
 * the Vietnamese working calendar, the way the workflow does (it bumps `model.version` once per
 * event; so does `act` below).
 *
 * The cast follows DEMO_ORG.md: the task is led by CCHC (deputy A's portfolio) with TTRA as the
 * coordinating unit; CCVC is an unrelated unit; VP is the monitor; deputy B's portfolio holds
 * neither the owner nor the coordinating unit.
 */

// ---------------------------------------------------------------------------------------------
// fixtures

const calendar = defaultVietnamCalendar();
const at = (iso: string): MachineContext => ({ nowMs: Date.parse(iso), calendar });
/** Monday 2025-03-03, 10:00 in Vietnam. */
const ctx = at('2025-03-03T03:00:00Z');
const TODAY = '2025-03-03';

const ORG = 'org-snv-bd';
const OTHER_ORG = 'org-snv-other';

const unit = (code: string): UnitRef => ({ unitId: `unit-${code.toLowerCase()}`, unitCode: code });
const VP = unit('VP');
const CCHC = unit('CCHC');
const TCBC = unit('TCBC');
const CCVC = unit('CCVC');
const TTRA = unit('TTRA');
const TTLT = unit('TTLT');
const BTG = unit('BTG');
const BTDKT = unit('BTDKT');

const person = (userId: string, u: UnitRef | null, roles: string[], extra: Partial<Actor> = {}): Actor => ({
  userId,
  unitId: u?.unitId ?? null,
  roles,
  organizationId: ORG,
  ...extra,
});

const DIRECTOR = person('gd', null, ['director'], { displayName: 'Giám đốc' });
const DEPUTY_A = person('pgd-a', null, ['deputyDirector'], { portfolioUnitIds: [VP.unitId, CCHC.unitId, TTRA.unitId, TTLT.unitId], displayName: 'PGĐ A' });
const DEPUTY_B = person('pgd-b', null, ['deputyDirector'], { portfolioUnitIds: [TCBC.unitId, CCVC.unitId, BTG.unitId, BTDKT.unitId], displayName: 'PGĐ B' });

/** Every kind of actor of the permission matrix. */
const ACTORS = {
  ownerOfficer: person('cv-cchc', CCHC, ['officer']),
  ownerHead: person('tp-cchc', CCHC, ['unitHead']),
  coordHead: person('tp-ttra', TTRA, ['unitHead']),
  coordOfficer: person('cv-ttra', TTRA, ['officer']),
  otherOfficer: person('cv-ccvc', CCVC, ['officer']),
  otherHead: person('tp-ccvc', CCVC, ['unitHead']),
  monitor: person('cv-vp', VP, ['officer', 'monitor']),
  deputyInCharge: DEPUTY_A,
  deputyNotInCharge: DEPUTY_B,
  director: DIRECTOR,
  /** Deputy B signs "KT. Giám đốc": the director's authority, whatever B's own portfolio. */
  ktDeputy: { ...DEPUTY_B, onBehalfOfUserId: DIRECTOR.userId, onBehalfOfRoles: ['director'], onBehalfOfName: 'Giám đốc' },
  admin: person('admin', null, ['admin']),
  /** The director of another organization: the strongest role, on a task that is not theirs. */
  foreignDirector: person('gd-other', null, ['director'], { organizationId: OTHER_ORG }),
} satisfies Record<string, Actor>;
type ActorKind = keyof typeof ACTORS;
const { ownerOfficer, ownerHead, coordHead, monitor, deputyInCharge, director, ktDeputy } = ACTORS;
const tcbcHead = person('tp-tcbc', TCBC, ['unitHead']);
const ccvcHead = ACTORS.otherHead;

const milestone = (kind: MilestoneKind, label: string, extra: Partial<MilestoneSpec> = {}): MilestoneSpec => ({
  label,
  kind,
  due: null,
  start: null,
  until: null,
  trigger: null,
  recurrence: null,
  ...extra,
});

const TRIGGER = 'UBND tỉnh ban hành Quy chế';

function newTask(overrides: Partial<TaskLifecycleInput> = {}, c: MachineContext = ctx): TaskModel {
  return initModel(
    {
      taskId: 'task-1',
      organizationId: ORG,
      organizationCode: 'SNV-BD',
      planId: 'plan-2025',
      ownerUnitCode: CCHC.unitCode,
      ownerUnitId: CCHC.unitId,
      title: 'Xây dựng Kế hoạch cải cách hành chính năm 2025',
      dueOn: '2025-03-31',
      initialState: 'DRAFTING',
      coordinatingUnits: [TTRA],
      ...overrides,
    },
    c,
  );
}

function eventTask(overrides: Partial<TaskLifecycleInput> = {}): TaskModel {
  return newTask({ initialState: 'PENDING_TRIGGER', dueOn: null, milestones: [milestone('event', 'Sau khi UBND tỉnh ban hành', { trigger: TRIGGER })], ...overrides });
}

function recurringTask(recurrence: MilestoneSpec['recurrence'] = 'reporting-calendar', overrides: Partial<TaskLifecycleInput> = {}, c: MachineContext = ctx): TaskModel {
  const model = newTask({ dueOn: null, planEndsOn: '2025-12-31', milestones: [milestone('recurring', 'Thường xuyên', { recurrence })], ...overrides }, c);
  applyTimers(model, c);
  return model;
}

let keys = 0;
const nextKey = () => `key-${++keys}`;

/** Checks and applies an action as the workflow does (version + 1 per event); fails on a refusal. */
function act(model: TaskModel, action: TaskAction, actor: Actor, fields: Record<string, unknown> = {}, c: MachineContext = ctx): EventDraft[] {
  const input = { actor, idempotencyKey: nextKey(), ...fields };
  expect(checkAction(model, action, input, c)).toBe('apply');
  const events = applyAction(model, action, input, c);
  model.version += events.length;
  return events;
}

/** 'ok' when the check accepts, 'duplicate', or the refusal code (anything but a Refusal is rethrown). */
function codeOf(check: () => 'apply' | 'duplicate'): string {
  try {
    const result = check();
    return result === 'apply' ? 'ok' : result;
  } catch (err) {
    if (err instanceof Refusal) return err.code;
    throw err;
  }
}

function outcomeOf(model: TaskModel, action: TaskAction, actor: Actor, fields: Record<string, unknown> = {}, c: MachineContext = ctx): string {
  return codeOf(() => checkAction(model, action, { actor, idempotencyKey: nextKey(), ...fields }, c));
}

const typesOf = (events: EventDraft[]) => events.map((e) => e.type);

// Tasks in each state, all led by CCHC with TTRA coordinating, due 2025-03-31.
const drafting = (overrides: Partial<TaskLifecycleInput> = {}) => {
  const model = newTask(overrides);
  act(model, 'saveDraft', ownerOfficer, { text: 'Dự thảo kế hoạch', progressPercent: 60 });
  return model;
};
const inReview = (overrides: Partial<TaskLifecycleInput> = {}) => {
  const model = drafting(overrides);
  act(model, 'submit', ownerHead);
  return model;
};
const awaitingApproval = (overrides: Partial<TaskLifecycleInput> = {}) => {
  const model = inReview(overrides);
  act(model, 'review', coordHead, { opinion: 'agree' });
  return model;
};
const completed = () => {
  const model = awaitingApproval();
  act(model, 'approve', deputyInCharge);
  return model;
};
const cancelled = () => {
  const model = drafting();
  act(model, 'cancel', deputyInCharge, { reason: 'Không còn phù hợp' });
  return model;
};

const IN_STATE: Record<LifecycleState, () => TaskModel> = {
  PENDING_TRIGGER: () => eventTask(),
  DRAFTING: () => drafting(),
  IN_REVIEW: () => inReview(),
  AWAITING_APPROVAL: () => awaitingApproval(),
  COMPLETED: completed,
  CANCELLED: cancelled,
};

/** A blocker with a known id (the id of a blocker is the idempotency key that raised it). */
function raiseBlocker(model: TaskModel, id = 'blocker-1'): void {
  const input = { actor: ownerHead, idempotencyKey: id, text: 'Chưa có hướng dẫn của Bộ Nội vụ' };
  expect(checkAction(model, 'raiseBlocker', input, ctx)).toBe('apply');
  model.version += applyAction(model, 'raiseBlocker', input, ctx).length;
}

/** Valid fields of every action (the situation, not the actor, decides whether it applies). */
const FIELDS: Record<TaskAction, Record<string, unknown>> = {
  saveDraft: { text: 'Dự thảo lần 2' },
  nameCoordinatingUnits: { units: [TCBC] },
  submit: {},
  review: { opinion: 'agree' },
  approve: { comment: 'Đồng ý' },
  return: { comment: 'Bổ sung số liệu quý I' },
  reject: { reason: 'Không đúng chỉ đạo' },
  cancel: { reason: 'Nhiệm vụ không còn phù hợp' },
  requestExtension: { reason: 'Chờ số liệu của các huyện', newDueOn: '2025-04-30' },
  decideExtension: { decision: 'grant' },
  reassign: { unit: CCVC, reason: 'Đúng chức năng của phòng CCVC' },
  raiseBlocker: { text: 'Thiếu biên chế' },
  resolveBlocker: { blockerId: 'blocker-1', resolution: 'Điều động thêm 01 công chức' },
  recordTrigger: { eventDate: '2025-02-28', description: TRIGGER },
  comment: { text: 'Đề nghị bổ sung phụ lục' },
  submitReport: { roundKey: '2025-Q1', text: 'Báo cáo quý I' },
  acknowledgeReport: { roundKey: '2025-Q1', comment: 'Đã nhận' },
  remind: { message: 'Đề nghị khẩn trương hoàn thành' },
  assign: { assignee: { userId: 'cv-cchc', unitId: CCHC.unitId, fullName: 'Chuyên viên CCHC' }, note: 'Đồng chí chủ động thực hiện' },
  recordAttachment: { attachment: { fileId: 'file-up', name: 'bao-cao.pdf', contentType: 'application/pdf', size: 2048, sha256: 'b'.repeat(64) } },
  // A file the lead unit's officer uploaded.
  removeAttachment: { attachment: { fileId: 'file-up', name: 'bao-cao.pdf', contentType: 'application/pdf', size: 2048, sha256: 'b'.repeat(64), uploadedBy: 'cv-cchc' } },
};

/** For each action, a task in the situation where the action is otherwise valid. */
const SITUATION: Record<TaskAction, () => TaskModel> = {
  saveDraft: () => drafting(),
  nameCoordinatingUnits: () => drafting(),
  submit: () => drafting(),
  review: () => inReview(),
  approve: () => awaitingApproval(),
  return: () => awaitingApproval(),
  reject: () => awaitingApproval(),
  cancel: () => drafting(),
  requestExtension: () => drafting(),
  decideExtension: () => {
    const model = drafting();
    act(model, 'requestExtension', ownerHead, FIELDS.requestExtension);
    return model;
  },
  reassign: () => drafting(),
  raiseBlocker: () => drafting(),
  resolveBlocker: () => {
    const model = drafting();
    raiseBlocker(model);
    return model;
  },
  recordTrigger: () => eventTask(),
  comment: () => drafting(),
  submitReport: () => recurringTask(),
  acknowledgeReport: () => {
    const model = recurringTask();
    act(model, 'submitReport', ownerHead, FIELDS.submitReport);
    return model;
  },
  remind: () => drafting(),
  assign: () => drafting(),
  recordAttachment: () => drafting(),
  removeAttachment: () => drafting(),
};

// ---------------------------------------------------------------------------------------------
// 1. permissions

describe('permission matrix (WORKFLOW.md "People and what they may do")', () => {
  const ok = 'ok';
  const F = REFUSAL.FORBIDDEN;
  const NR = REFUSAL.NOT_A_REVIEWER;
  const UN = REFUSAL.UPLOAD_NOT_ALLOWED;
  const NY = REFUSAL.ATTACHMENT_NOT_YOURS;
  const COLUMNS: ActorKind[] = [
    'ownerOfficer',
    'ownerHead',
    'coordHead',
    'coordOfficer',
    'otherOfficer',
    'otherHead',
    'monitor',
    'deputyInCharge',
    'deputyNotInCharge',
    'director',
    'ktDeputy',
    'admin',
    'foreignDirector',
  ];
  // prettier-ignore
  const MATRIX: Array<[TaskAction, ...string[]]> = [
    //                         ownerOff ownerHead coordHead coordOff otherOff otherHead monitor depIn depOut director kt    admin foreign
    ['saveDraft',              ok,      ok,       F,        F,       F,       F,        F,      F,    F,     F,       F,    F,    F],
    ['nameCoordinatingUnits',  F,       ok,       F,        F,       F,       F,        F,      ok,   F,     ok,      ok,   F,    F],
    ['submit',                 F,       ok,       F,        F,       F,       F,        F,      F,    F,     F,       F,    F,    F],
    ['review',                 NR,      NR,       ok,       F,       NR,      NR,       NR,     NR,   NR,    NR,      NR,   NR,   F],
    ['approve',                F,       F,        F,        F,       F,       F,        F,      ok,   F,     ok,      ok,   F,    F],
    ['return',                 F,       F,        F,        F,       F,       F,        F,      ok,   F,     ok,      ok,   F,    F],
    ['reject',                 F,       F,        F,        F,       F,       F,        F,      ok,   F,     ok,      ok,   F,    F],
    ['cancel',                 F,       F,        F,        F,       F,       F,        F,      ok,   F,     ok,      ok,   F,    F],
    ['requestExtension',       F,       ok,       F,        F,       F,       F,        F,      F,    F,     F,       F,    F,    F],
    ['decideExtension',        F,       F,        F,        F,       F,       F,        F,      ok,   F,     ok,      ok,   F,    F],
    ['reassign',               F,       F,        F,        F,       F,       F,        F,      ok,   F,     ok,      ok,   F,    F],
    ['raiseBlocker',           F,       ok,       F,        F,       F,       F,        F,      F,    F,     F,       F,    F,    F],
    ['resolveBlocker',         F,       F,        F,        F,       F,       F,        ok,     ok,   F,     ok,      ok,   F,    F],
    ['recordTrigger',          F,       F,        F,        F,       F,       F,        ok,     ok,   F,     ok,      ok,   F,    F],
    ['comment',                ok,      ok,       ok,       ok,      F,       F,        ok,     ok,   F,     ok,      ok,   F,    F],
    ['submitReport',           F,       ok,       F,        F,       F,       F,        F,      F,    F,     F,       F,    F,    F],
    ['acknowledgeReport',      F,       F,        F,        F,       F,       F,        ok,     ok,   F,     ok,      ok,   F,    F],
    ['remind',                 F,       F,        F,        F,       F,       F,        ok,     ok,   F,     ok,      ok,   F,    F],
    ['assign',                 F,       ok,       F,        F,       F,       F,        F,      ok,   F,     ok,      ok,   F,    F],
    ['recordAttachment',       ok,      ok,       UN,       UN,      UN,      UN,       UN,     UN,   UN,    UN,      UN,   UN,   F],
    ['removeAttachment',       ok,      NY,       NY,       NY,      F,       F,        NY,     NY,   F,     NY,      NY,   F,    F],
  ];
  const CELLS = MATRIX.flatMap(([action, ...cells]) => cells.map((expected, i) => [action, COLUMNS[i], expected] as const));

  it('has one row per action and one column per kind of actor', () => {
    expect(MATRIX.map(([action]) => action)).toEqual([...TASK_ACTIONS]);
    for (const [, ...cells] of MATRIX) expect(cells).toHaveLength(COLUMNS.length);
  });

  it.each(CELLS)('%s by %s → %s', (action, kind, expected) => {
    const model = SITUATION[action]();
    expect(outcomeOf(model, action, ACTORS[kind], FIELDS[action])).toBe(expected);
    if (expected === ok) {
      // What the check accepted, the handler applies.
      const events = applyAction(model, action, { actor: ACTORS[kind], idempotencyKey: nextKey(), ...FIELDS[action] }, ctx);
      expect(events.length).toBeGreaterThan(0);
    }
  });

  it('a deputy whose portfolio holds a coordinating unit may comment, but not decide', () => {
    const model = drafting({ coordinatingUnits: [TTRA, TCBC] });
    expect(outcomeOf(model, 'comment', DEPUTY_B, FIELDS.comment)).toBe('ok');
    expect(outcomeOf(model, 'cancel', DEPUTY_B, FIELDS.cancel)).toBe(REFUSAL.FORBIDDEN);
    expect(outcomeOf(model, 'reassign', DEPUTY_B, FIELDS.reassign)).toBe(REFUSAL.FORBIDDEN);
  });

  it('only a deputy director may sign on behalf of somebody ("KT.")', () => {
    const model = awaitingApproval();
    const headPretendingKt = { ...ownerHead, onBehalfOfUserId: DIRECTOR.userId, onBehalfOfRoles: ['director'] };
    expect(outcomeOf(model, 'approve', headPretendingKt)).toBe(REFUSAL.FORBIDDEN);
  });

  it('a deputy signing on behalf of somebody who is not the director keeps only their own portfolio', () => {
    const model = awaitingApproval();
    const forAnotherDeputy = { ...DEPUTY_B, onBehalfOfUserId: DEPUTY_A.userId, onBehalfOfRoles: ['deputyDirector'] };
    expect(outcomeOf(model, 'approve', forAnotherDeputy)).toBe(REFUSAL.FORBIDDEN);
  });
});

// ---------------------------------------------------------------------------------------------
// 2. state rules

describe('state rules', () => {
  const ok = 'ok';
  const IS = REFUSAL.INVALID_STATE;
  const TC = REFUSAL.TASK_CLOSED;
  const NP = REFUSAL.NO_PENDING_EXTENSION;
  const UN = REFUSAL.UPLOAD_NOT_ALLOWED;
  const STATES: LifecycleState[] = ['PENDING_TRIGGER', 'DRAFTING', 'IN_REVIEW', 'AWAITING_APPROVAL', 'COMPLETED', 'CANCELLED'];
  /** Prepares what the action needs besides the state (a pending request, an open blocker). */
  const PREPARE: Partial<Record<TaskAction, (m: TaskModel) => void>> = {
    decideExtension: (m) => {
      if (outcomeOf(m, 'requestExtension', ownerHead, FIELDS.requestExtension) === ok) act(m, 'requestExtension', ownerHead, FIELDS.requestExtension);
    },
    resolveBlocker: (m) => {
      if (outcomeOf(m, 'raiseBlocker', ownerHead, FIELDS.raiseBlocker) === ok) raiseBlocker(m);
    },
  };
  // prettier-ignore
  const TABLE: Array<[TaskAction, ActorKind, ...string[]]> = [
    //                                                PENDING_TRIGGER DRAFTING IN_REVIEW AWAITING_APPROVAL COMPLETED CANCELLED
    ['saveDraft',             'ownerOfficer',         IS,             ok,      IS,       IS,               TC,       TC],
    ['nameCoordinatingUnits', 'ownerHead',            IS,             ok,      IS,       IS,               TC,       TC],
    ['nameCoordinatingUnits', 'deputyInCharge',       ok,             ok,      IS,       ok,               TC,       TC],
    ['submit',                'ownerHead',            IS,             ok,      IS,       IS,               TC,       TC],
    ['review',                'coordHead',            IS,             IS,      ok,       IS,               TC,       TC],
    ['approve',               'deputyInCharge',       IS,             IS,      IS,       ok,               TC,       TC],
    ['return',                'deputyInCharge',       IS,             IS,      IS,       ok,               TC,       TC],
    ['reject',                'deputyInCharge',       IS,             IS,      IS,       ok,               TC,       TC],
    ['cancel',                'deputyInCharge',       ok,             ok,      ok,       ok,               TC,       TC],
    ['requestExtension',      'ownerHead',            IS,             ok,      ok,       ok,               TC,       TC],
    ['decideExtension',       'deputyInCharge',       NP,             ok,      ok,       ok,               TC,       TC],
    ['reassign',              'deputyInCharge',       ok,             ok,      ok,       ok,               TC,       TC],
    ['raiseBlocker',          'ownerHead',            ok,             ok,      ok,       ok,               TC,       TC],
    ['resolveBlocker',        'monitor',              ok,             ok,      ok,       ok,               TC,       TC],
    ['recordTrigger',         'monitor',              ok,             IS,      IS,       IS,               TC,       TC],
    ['comment',               'ownerOfficer',         ok,             ok,      ok,       ok,               TC,       TC],
    ['submitReport',          'ownerHead',            IS,             IS,      IS,       IS,               TC,       TC],
    ['acknowledgeReport',     'monitor',              IS,             IS,      IS,       IS,               TC,       TC],
    ['remind',                'monitor',              IS,             ok,      ok,       ok,               TC,       TC],
    ['assign',                'ownerHead',            ok,             ok,      ok,       ok,               TC,       TC],
    ['recordAttachment',      'ownerOfficer',         UN,             ok,      UN,       UN,               TC,       TC],
    ['recordAttachment',      'coordOfficer',         UN,             UN,      ok,       UN,               TC,       TC],
    ['recordAttachment',      'deputyInCharge',       UN,             UN,      UN,       ok,               TC,       TC],
    ['removeAttachment',      'ownerOfficer',         ok,             ok,      ok,       ok,               TC,       TC],
  ];
  const CELLS = TABLE.flatMap(([action, kind, ...cells]) => cells.map((expected, i) => [action, kind, STATES[i], expected] as const));

  it('covers every action in every state', () => {
    expect(new Set(TABLE.map(([action]) => action))).toEqual(new Set(TASK_ACTIONS));
    for (const [, , ...cells] of TABLE) expect(cells).toHaveLength(STATES.length);
  });

  it.each(CELLS)('%s by %s in %s → %s', (action, kind, state, expected) => {
    const model = IN_STATE[state]();
    expect(model.state).toBe(state);
    PREPARE[action]?.(model);
    expect(outcomeOf(model, action, ACTORS[kind], FIELDS[action])).toBe(expected);
  });

  it('submit without a draft → DRAFT_EMPTY; an attachment alone is a draft', () => {
    const model = newTask();
    expect(outcomeOf(model, 'submit', ownerHead)).toBe(REFUSAL.DRAFT_EMPTY);
    act(model, 'saveDraft', ownerOfficer, { text: '   ' });
    expect(outcomeOf(model, 'submit', ownerHead)).toBe(REFUSAL.DRAFT_EMPTY);
    act(model, 'saveDraft', ownerOfficer, { attachments: [{ fileId: 'file-1', name: 'ke-hoach.docx' }] });
    expect(outcomeOf(model, 'submit', ownerHead)).toBe('ok');
  });

  it('"các đơn vị liên quan": submit → COORDINATING_UNITS_REQUIRED until the lead unit names them', () => {
    const model = drafting({ coordinatingUnits: [], coordinatingToBeNamed: true });
    expect(outcomeOf(model, 'submit', ownerHead)).toBe(REFUSAL.COORDINATING_UNITS_REQUIRED);
    const events = act(model, 'nameCoordinatingUnits', ownerHead, { units: [TTRA, TCBC] });
    expect(events).toEqual([expect.objectContaining({ type: 'COORDINATING_UNITS_NAMED', payload: { before: [], after: ['TTRA', 'TCBC'] } })]);
    expect(model.coordinatingToBeNamed).toBe(false);
    expect(typesOf(act(model, 'submit', ownerHead))).toEqual(['SUBMITTED_FOR_REVIEW']);
    expect(model.review?.opinions.map((o) => o.unitCode)).toEqual(['TTRA', 'TCBC']);
  });

  it('"các đơn vị liên quan": naming an empty list confirms there are none, and the task goes straight to approval', () => {
    const model = drafting({ coordinatingUnits: [], coordinatingToBeNamed: true });
    act(model, 'nameCoordinatingUnits', ownerHead, { units: [] });
    expect(model.coordinatingToBeNamed).toBe(false);
    expect(typesOf(act(model, 'submit', ownerHead))).toEqual(['SUBMITTED_FOR_APPROVAL']);
    expect(model.state).toBe('AWAITING_APPROVAL');
  });

  it('the owner unit cannot be its own coordinating unit; duplicated or malformed units are refused', () => {
    const model = drafting();
    expect(outcomeOf(model, 'nameCoordinatingUnits', ownerHead, { units: [TTRA, CCHC] })).toBe(REFUSAL.INVALID_INPUT);
    expect(outcomeOf(model, 'nameCoordinatingUnits', ownerHead, { units: [TTRA, TCBC, TTRA] })).toBe(REFUSAL.INVALID_INPUT);
    expect(outcomeOf(model, 'nameCoordinatingUnits', ownerHead, { units: [{ unitId: '', unitCode: 'X' }] })).toBe(REFUSAL.INVALID_INPUT);
    expect(outcomeOf(model, 'nameCoordinatingUnits', ownerHead, { units: 'TTRA' })).toBe(REFUSAL.INVALID_INPUT);
    expect(model.coordinating).toEqual([TTRA]);
  });

  it('the plan naming the owner among the coordinating units does not make it review itself', () => {
    const model = newTask({ coordinatingUnits: [CCHC, TTRA] });
    expect(model.coordinating).toEqual([TTRA]);
  });

  it('saveDraft validates what it stores', () => {
    const model = drafting();
    expect(outcomeOf(model, 'saveDraft', ownerOfficer, {})).toBe(REFUSAL.INVALID_INPUT);
    expect(outcomeOf(model, 'saveDraft', ownerOfficer, { progressPercent: 101 })).toBe(REFUSAL.INVALID_INPUT);
    expect(outcomeOf(model, 'saveDraft', ownerOfficer, { progressPercent: 12.5 })).toBe(REFUSAL.INVALID_INPUT);
    expect(outcomeOf(model, 'saveDraft', ownerOfficer, { attachments: [{ fileId: 'f' }] })).toBe(REFUSAL.INVALID_INPUT);
    const events = act(model, 'saveDraft', ownerOfficer, { progressPercent: 80 });
    expect(events[0]).toMatchObject({ type: 'DRAFT_SAVED', payload: { progressPercent: 80 } });
    expect(model.draft).toMatchObject({ text: 'Dự thảo kế hoạch', progressPercent: 80, updatedBy: ownerOfficer.userId });
    expect(readModelPatchOf(model).progressPercent).toBe(80);
  });

  it('an input without an actor or an idempotency key is refused as INVALID_INPUT', () => {
    const model = drafting();
    expect(codeOf(() => checkAction(model, 'comment', { idempotencyKey: 'k', text: 'x' }, ctx))).toBe(REFUSAL.INVALID_INPUT);
    expect(codeOf(() => checkAction(model, 'comment', { actor: ownerOfficer, text: 'x' }, ctx))).toBe(REFUSAL.INVALID_INPUT);
    expect(codeOf(() => checkAction(model, 'comment', { actor: ownerOfficer, idempotencyKey: 'x'.repeat(201), text: 'x' }, ctx))).toBe(REFUSAL.INVALID_INPUT);
    expect(codeOf(() => checkAction(model, 'comment', null, ctx))).toBe(REFUSAL.INVALID_INPUT);
  });
});

// ---------------------------------------------------------------------------------------------
// 3. transitions and events

describe('the happy path', () => {
  it('draft → submit → review window of 5 working days → all agree → approval → COMPLETED today', () => {
    const model = newTask({ coordinatingUnits: [TTRA, TCBC] });
    expect(model).toMatchObject({ state: 'DRAFTING', dueOn: '2025-03-31', originalDueOn: '2025-03-31', mode: 'single', version: 0 });
    expect(waitingOnOf(model)).toMatchObject({ kind: 'lead_unit', unitIds: [CCHC.unitId] });

    act(model, 'saveDraft', ownerOfficer, { text: 'Dự thảo kế hoạch', progressPercent: 90 });

    const submitted = act(model, 'submit', ownerHead);
    expect(submitted).toEqual([
      expect.objectContaining({
        type: 'SUBMITTED_FOR_REVIEW',
        fromState: 'DRAFTING',
        toState: 'IN_REVIEW',
        actor: ownerHead,
        payload: { round: 1, reviewers: ['TTRA', 'TCBC'], windowEndsOn: '2025-03-10' },
      }),
    ]);
    expect(model.review).toMatchObject({ round: 1, startedOn: TODAY, windowEndsOn: '2025-03-10', escalated: false });
    expect(model.submission).toEqual({ overrideReview: false, justification: null, byUserId: ownerHead.userId });

    const first = act(model, 'review', coordHead, { opinion: 'agree' });
    expect(typesOf(first)).toEqual(['REVIEW_GIVEN']);
    expect(model.state).toBe('IN_REVIEW');
    expect(waitingOnOf(model).unitIds).toEqual([TCBC.unitId]);

    const second = act(model, 'review', tcbcHead, { opinion: 'agree_with_comments', comment: ' Bổ sung chỉ tiêu ' });
    expect(typesOf(second)).toEqual(['REVIEW_GIVEN', 'REVIEW_COMPLETED']);
    expect(second[1]).toMatchObject({ fromState: 'IN_REVIEW', toState: 'AWAITING_APPROVAL', actor: null });
    expect(model.state).toBe('AWAITING_APPROVAL');
    expect(model.review).toBeNull();
    expect(model.lastReview).toEqual({ outcome: 'agreed', comments: [expect.objectContaining({ unitCode: 'TCBC', comment: 'Bổ sung chỉ tiêu', byUserId: tcbcHead.userId })] });

    const approved = act(model, 'approve', deputyInCharge, { comment: 'Đồng ý ban hành' });
    expect(approved).toEqual([
      expect.objectContaining({
        type: 'APPROVED',
        fromState: 'AWAITING_APPROVAL',
        toState: 'COMPLETED',
        payload: expect.objectContaining({ completedOn: TODAY, onTime: true, signedAs: 'PHÓ GIÁM ĐỐC', comment: 'Đồng ý ban hành', dueOn: '2025-03-31' }),
      }),
    ]);
    expect(model).toMatchObject({ state: 'COMPLETED', completedOn: TODAY, version: 6 });
    expect(model.milestones[0]).toMatchObject({ state: 'DONE', completedOn: TODAY });
    expect(readModelPatchOf(model)).toMatchObject({ state: 'COMPLETED', completedOn: TODAY, dueOn: '2025-03-31', extendedDueOn: null, pendingReviewUnitIds: [] });
    expect(waitingOnOf(model).kind).toBe('nobody');
    expect(nextWakeMs(model)).toBeNull();
  });

  it('the review window counts working days on the Vietnamese calendar (make-up Saturday, 30/4–4/5 off)', () => {
    const thursday = at('2025-04-24T03:00:00Z');
    const model = newTask({ dueOn: '2025-05-30' }, thursday);
    act(model, 'saveDraft', ownerOfficer, { text: 'Dự thảo' }, thursday);
    act(model, 'submit', ownerHead, {}, thursday);
    // Fri 25/4, Sat 26/4 (làm bù), Mon 28/4, Tue 29/4, then Wed 30/4 – Sun 4/5 off, Mon 5/5.
    expect(model.review?.windowEndsOn).toBe('2025-05-05');
  });

  it('the review window follows the organization setting', () => {
    const model = drafting({ settings: { reviewWindowWorkingDays: 2 } });
    act(model, 'submit', ownerHead);
    expect(model.review?.windowEndsOn).toBe('2025-03-05');
  });

  it('"today" is the date in Vietnam: an approval at 00:30 on Tuesday (17:30Z Monday) completes on Tuesday', () => {
    const model = awaitingApproval();
    act(model, 'approve', deputyInCharge, {}, at('2025-03-03T17:30:00Z'));
    expect(model.completedOn).toBe('2025-03-04');
  });

  it('an approval after the due date is recorded as late', () => {
    const model = awaitingApproval();
    const events = act(model, 'approve', director, {}, at('2025-04-01T03:00:00Z'));
    expect(events[0].payload).toMatchObject({ completedOn: '2025-04-01', onTime: false, signedAs: 'GIÁM ĐỐC' });
  });

  it('a task without coordinating units skips IN_REVIEW', () => {
    const model = drafting({ coordinatingUnits: [] });
    const events = act(model, 'submit', ownerHead);
    expect(events).toEqual([expect.objectContaining({ type: 'SUBMITTED_FOR_APPROVAL', fromState: 'DRAFTING', toState: 'AWAITING_APPROVAL' })]);
    expect(model.review).toBeNull();
    expect(model.reviewRounds).toBe(0);
  });
});

describe('review', () => {
  it('one disagreement sends the task back to DRAFTING with the reviewers\' comments', () => {
    const model = inReview({ coordinatingUnits: [TTRA, TCBC] });
    act(model, 'review', tcbcHead, { opinion: 'agree_with_comments', comment: 'Sửa mục 2' });
    const events = act(model, 'review', coordHead, { opinion: 'disagree', comment: 'Trái với quy định thanh tra' });
    expect(typesOf(events)).toEqual(['REVIEW_GIVEN', 'REVIEW_RETURNED']);
    expect(events[1]).toMatchObject({ fromState: 'IN_REVIEW', toState: 'DRAFTING' });
    expect(model.state).toBe('DRAFTING');
    expect(model.review).toBeNull();
    expect(model.submission).toBeNull();
    expect(model.lastReview?.outcome).toBe('disagreed');
    expect(model.lastReview?.comments.map((c) => [c.unitCode, c.opinion, c.comment])).toEqual([
      ['TTRA', 'disagree', 'Trái với quy định thanh tra'],
      ['TCBC', 'agree_with_comments', 'Sửa mục 2'],
    ]);
    expect(snapshotOf(model).lastReview?.outcome).toBe('disagreed');
    // The draft stays for the lead unit to revise.
    expect(model.draft.text).toBe('Dự thảo kế hoạch');
  });

  it('the review waits for every unit: a disagreement alone does not conclude it', () => {
    const model = inReview({ coordinatingUnits: [TTRA, TCBC] });
    act(model, 'review', coordHead, { opinion: 'disagree', comment: 'Không đồng ý' });
    expect(model.state).toBe('IN_REVIEW');
    expect(waitingOnOf(model).unitIds).toEqual([TCBC.unitId]);
  });

  it('a unit answers once per round; anything but "agree" needs a comment; the opinion must be known', () => {
    const model = inReview({ coordinatingUnits: [TTRA, TCBC] });
    expect(outcomeOf(model, 'review', coordHead, { opinion: 'disagree' })).toBe(REFUSAL.INVALID_INPUT);
    expect(outcomeOf(model, 'review', coordHead, { opinion: 'agree_with_comments', comment: '  ' })).toBe(REFUSAL.INVALID_INPUT);
    expect(outcomeOf(model, 'review', coordHead, { opinion: 'maybe' })).toBe(REFUSAL.INVALID_INPUT);
    act(model, 'review', coordHead, { opinion: 'agree' });
    expect(outcomeOf(model, 'review', coordHead, { opinion: 'disagree', comment: 'Đổi ý' })).toBe(REFUSAL.REVIEW_ALREADY_GIVEN);
  });

  it('resubmitting after a disagreement opens a new round', () => {
    const model = inReview();
    act(model, 'review', coordHead, { opinion: 'disagree', comment: 'Chưa đạt' });
    act(model, 'saveDraft', ownerOfficer, { text: 'Dự thảo đã sửa' });
    act(model, 'submit', ownerHead, {}, at('2025-03-05T03:00:00Z'));
    expect(model.review).toMatchObject({ round: 2, startedOn: '2025-03-05', windowEndsOn: '2025-03-12' });
    expect(model.review?.opinions.every((o) => o.opinion === null)).toBe(true);
  });
});

describe('override submit ("trình vượt")', () => {
  function afterDisagreement() {
    const model = inReview();
    act(model, 'review', coordHead, { opinion: 'disagree', comment: 'Chưa đạt' });
    return model;
  }

  it('needs a justification', () => {
    const model = afterDisagreement();
    expect(outcomeOf(model, 'submit', ownerHead, { overrideReview: true })).toBe(REFUSAL.INVALID_INPUT);
    expect(outcomeOf(model, 'submit', ownerHead, { overrideReview: true, justification: '   ' })).toBe(REFUSAL.INVALID_INPUT);
  });

  it('after a disagreement goes to approval with the justification the approver sees', () => {
    const model = afterDisagreement();
    const events = act(model, 'submit', ownerHead, { overrideReview: true, justification: ' Ý kiến của Thanh tra đã được giải trình ' });
    expect(events).toEqual([
      expect.objectContaining({
        type: 'SUBMITTED_OVERRIDING_REVIEW',
        fromState: 'DRAFTING',
        toState: 'AWAITING_APPROVAL',
        payload: expect.objectContaining({ justification: 'Ý kiến của Thanh tra đã được giải trình', lastReview: expect.objectContaining({ outcome: 'disagreed' }) }),
      }),
    ]);
    expect(snapshotOf(model).submission).toEqual({ overrideReview: true, justification: 'Ý kiến của Thanh tra đã được giải trình', byUserId: ownerHead.userId });
  });

  it('is only allowed by the head of the owner unit', () => {
    const model = afterDisagreement();
    expect(outcomeOf(model, 'submit', ownerOfficer, { overrideReview: true, justification: 'Lý do' })).toBe(REFUSAL.FORBIDDEN);
    expect(outcomeOf(model, 'submit', deputyInCharge, { overrideReview: true, justification: 'Lý do' })).toBe(REFUSAL.FORBIDDEN);
  });

  it.each([
    ['a task never reviewed', () => drafting()],
    ['a review still within its window', () => inReview()],
    ['a task already awaiting approval', () => awaitingApproval()],
    [
      'a task returned by leadership after the reviewers agreed',
      () => {
        const model = awaitingApproval();
        act(model, 'return', deputyInCharge, { comment: 'Sửa câu chữ' });
        return model;
      },
    ],
  ])('is refused with OVERRIDE_NOT_ALLOWED on %s', (_label, build) => {
    expect(outcomeOf(build(), 'submit', ownerHead, { overrideReview: true, justification: 'Cần ban hành gấp' })).toBe(REFUSAL.OVERRIDE_NOT_ALLOWED);
  });

  it('is allowed while a review is escalated for silence (escalate mode)', () => {
    const model = inReview({ coordinatingUnits: [TTRA, TCBC], settings: { silentReviewer: 'escalate' } });
    act(model, 'review', coordHead, { opinion: 'agree' });
    applyTimers(model, at('2025-03-10T17:00:00Z'));
    const events = act(model, 'submit', ownerHead, { overrideReview: true, justification: 'TCBC không cho ý kiến' }, at('2025-03-11T03:00:00Z'));
    expect(events[0]).toMatchObject({ type: 'SUBMITTED_OVERRIDING_REVIEW', fromState: 'IN_REVIEW', toState: 'AWAITING_APPROVAL', payload: { silentUnits: ['TCBC'] } });
    expect(model.review).toBeNull();
  });
});

describe('leadership decisions', () => {
  it('return needs a comment and sends the task back to DRAFTING', () => {
    const model = awaitingApproval();
    expect(outcomeOf(model, 'return', deputyInCharge, { comment: ' ' })).toBe(REFUSAL.INVALID_INPUT);
    const events = act(model, 'return', deputyInCharge, { comment: ' Bổ sung số liệu ' });
    expect(events).toEqual([expect.objectContaining({ type: 'RETURNED', fromState: 'AWAITING_APPROVAL', toState: 'DRAFTING', payload: expect.objectContaining({ comment: 'Bổ sung số liệu', signedAs: 'PHÓ GIÁM ĐỐC' }) })]);
    expect(model.submission).toBeNull();
    expect(waitingOnOf(model).kind).toBe('lead_unit');
  });

  it('reject needs a reason and cancels the task', () => {
    const model = awaitingApproval();
    expect(outcomeOf(model, 'reject', deputyInCharge, { reason: '' })).toBe(REFUSAL.INVALID_INPUT);
    const events = act(model, 'reject', deputyInCharge, { reason: 'Không đúng chỉ đạo' });
    expect(events).toEqual([expect.objectContaining({ type: 'REJECTED', fromState: 'AWAITING_APPROVAL', toState: 'CANCELLED', payload: expect.objectContaining({ reason: 'Không đúng chỉ đạo' }) })]);
    expect(model.state).toBe('CANCELLED');
    expect(model.completedOn).toBeNull();
  });

  it.each<[LifecycleState]>([['PENDING_TRIGGER'], ['DRAFTING'], ['IN_REVIEW'], ['AWAITING_APPROVAL']])('cancel from %s needs a reason and ends the task', (state) => {
    const model = IN_STATE[state]();
    expect(outcomeOf(model, 'cancel', director, { reason: ' ' })).toBe(REFUSAL.INVALID_INPUT);
    const events = act(model, 'cancel', director, { reason: 'Không còn phù hợp' });
    expect(events).toEqual([expect.objectContaining({ type: 'CANCELLED', fromState: state, toState: 'CANCELLED', payload: expect.objectContaining({ reason: 'Không còn phù hợp', signedAs: 'GIÁM ĐỐC' }) })]);
    expect(model.review).toBeNull();
    expect(nextWakeMs(model)).toBeNull();
    expect(waitingOnOf(model)).toEqual({ kind: 'nobody', unitIds: [], text: 'Đã hủy' });
  });

  it('KT. approval records "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC" and both user ids', () => {
    const model = awaitingApproval();
    const events = act(model, 'approve', { ...ktDeputy, displayName: 'PGĐ B' });
    expect(events[0].actor).toMatchObject({ userId: DEPUTY_B.userId, onBehalfOfUserId: DIRECTOR.userId });
    expect(events[0].payload).toMatchObject({
      signedAs: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC',
      signerUserId: DEPUTY_B.userId,
      signerName: 'PGĐ B',
      onBehalfOfUserId: DIRECTOR.userId,
      onBehalfOfName: 'Giám đốc',
    });
    expect(model.state).toBe('COMPLETED');
  });
});

describe('milestones run in order, each with its own deadline and approval', () => {
  it('two deadlines: approving the first opens the second with its own due date', () => {
    const model = drafting({
      coordinatingUnits: [],
      milestones: [milestone('deadline', 'Xây dựng dự thảo', { due: '2025-03-31' }), milestone('deadline', 'Tổ chức triển khai', { due: '2025-06-30' })],
    });
    expect(model.milestones.map((m) => m.state)).toEqual(['OPEN', 'WAITING']);
    act(model, 'submit', ownerHead);
    const events = act(model, 'approve', deputyInCharge);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'MILESTONE_APPROVED',
        fromState: 'AWAITING_APPROVAL',
        toState: 'DRAFTING',
        payload: expect.objectContaining({ milestone: 0, milestoneLabel: 'Xây dựng dự thảo', nextMilestone: 1, nextDueOn: '2025-06-30' }),
      }),
    ]);
    expect(model).toMatchObject({ state: 'DRAFTING', current: 1, dueOn: '2025-06-30', completedOn: null });
    expect(snapshotOf(model).milestones).toEqual([
      { position: 0, label: 'Xây dựng dự thảo', kind: 'deadline', dueOn: '2025-03-31', state: 'DONE', completedOn: TODAY },
      { position: 1, label: 'Tổ chức triển khai', kind: 'deadline', dueOn: '2025-06-30', state: 'OPEN', completedOn: null },
    ]);
    // The next milestone starts from an empty draft.
    expect(model.draft.text).toBe('');
    expect(outcomeOf(model, 'submit', ownerHead)).toBe(REFUSAL.DRAFT_EMPTY);

    act(model, 'saveDraft', ownerOfficer, { text: 'Báo cáo triển khai' });
    act(model, 'submit', ownerHead);
    const last = act(model, 'approve', deputyInCharge, {}, at('2025-06-20T03:00:00Z'));
    expect(typesOf(last)).toEqual(['APPROVED']);
    expect(last[0].payload).toMatchObject({ milestone: 1, completedOn: '2025-06-20', onTime: true });
    expect(model).toMatchObject({ state: 'COMPLETED', completedOn: '2025-06-20' });
  });

  it('a deadline followed by an event milestone waits in PENDING_TRIGGER, then runs from the event', () => {
    const model = drafting({
      coordinatingUnits: [],
      milestones: [milestone('deadline', 'Tham mưu dự thảo', { due: '2025-03-31' }), milestone('event', 'Triển khai sau khi ban hành', { trigger: TRIGGER })],
    });
    act(model, 'submit', ownerHead);
    const events = act(model, 'approve', deputyInCharge);
    expect(events[0]).toMatchObject({ type: 'MILESTONE_APPROVED', toState: 'PENDING_TRIGGER', payload: { nextMilestone: 1, nextDueOn: null } });
    expect(model).toMatchObject({ state: 'PENDING_TRIGGER', dueOn: null, current: 1 });
    expect(waitingOnOf(model)).toEqual({ kind: 'monitor', unitIds: [], text: `Chờ sự kiện: ${TRIGGER}` });

    const later = at('2025-03-05T03:00:00Z');
    const recorded = act(model, 'recordTrigger', monitor, { eventDate: TODAY, description: 'UBND tỉnh ban hành Quyết định 12/QĐ-UBND' }, later);
    // Mon 3/3 + 10 working days = Mon 17/3.
    expect(recorded[0]).toMatchObject({ type: 'TRIGGER_RECORDED', fromState: 'PENDING_TRIGGER', toState: 'DRAFTING', payload: { eventDate: TODAY, windowWorkingDays: 10, dueOn: '2025-03-17' } });
    expect(model).toMatchObject({ state: 'DRAFTING', dueOn: '2025-03-17' });
    expect(model.milestones[1]).toMatchObject({ state: 'OPEN', dueOn: '2025-03-17' });
  });
});

describe('event-triggered rows (recordTrigger)', () => {
  it('a row whose first milestone is an event starts in PENDING_TRIGGER without a due date', () => {
    const model = eventTask();
    expect(model).toMatchObject({ state: 'PENDING_TRIGGER', dueOn: null, originalDueOn: null });
    expect(model.milestones[0].state).toBe('WAITING');
  });

  it('sets the due date to eventDate + eventWindowWorkingDays working days', () => {
    const model = eventTask();
    const events = act(model, 'recordTrigger', monitor, { eventDate: '2025-02-28', description: ` ${TRIGGER} ` });
    // Fri 28/2 + 10 working days = Fri 14/3.
    expect(events[0].payload).toEqual({ eventDate: '2025-02-28', description: TRIGGER, windowWorkingDays: 10, dueOn: '2025-03-14' });
    expect(model).toMatchObject({ state: 'DRAFTING', dueOn: '2025-03-14', originalDueOn: '2025-03-14' });
    expect(snapshotOf(model).trigger).toEqual({ description: TRIGGER, eventDate: '2025-02-28' });
    expect(readModelPatchOf(model)).toMatchObject({ dueOn: '2025-03-14', extendedDueOn: null });
  });

  it('uses the organization\'s event window', () => {
    const model = eventTask({ settings: { eventWindowWorkingDays: 3 } });
    act(model, 'recordTrigger', monitor, { eventDate: '2025-02-28', description: TRIGGER });
    expect(model.dueOn).toBe('2025-03-05');
  });

  it('refuses a future event date, an invalid date and an empty description', () => {
    const model = eventTask();
    expect(outcomeOf(model, 'recordTrigger', monitor, { eventDate: '2025-03-04', description: TRIGGER })).toBe(REFUSAL.INVALID_INPUT);
    expect(outcomeOf(model, 'recordTrigger', monitor, { eventDate: '2025-02-30', description: TRIGGER })).toBe(REFUSAL.INVALID_INPUT);
    expect(outcomeOf(model, 'recordTrigger', monitor, { eventDate: TODAY, description: ' ' })).toBe(REFUSAL.INVALID_INPUT);
    expect(outcomeOf(model, 'recordTrigger', monitor, { eventDate: TODAY, description: TRIGGER })).toBe('ok');
  });

  it('a group parent forwards its event to a waiting unit task (applyParentTrigger)', () => {
    const model = eventTask();
    const events = applyParentTrigger(model, { eventDate: '2025-02-28', description: TRIGGER }, monitor, ctx);
    expect(typesOf(events)).toEqual(['TRIGGER_RECORDED']);
    expect(model).toMatchObject({ state: 'DRAFTING', dueOn: '2025-03-14' });
    // Once started, or with an invalid date, the forwarded event changes nothing.
    expect(applyParentTrigger(model, { eventDate: '2025-03-01', description: TRIGGER }, monitor, ctx)).toEqual([]);
    expect(applyParentTrigger(eventTask(), { eventDate: 'hôm qua', description: TRIGGER }, monitor, ctx)).toEqual([]);
  });

  it('a group parent cancels its open children once (applyParentCancel)', () => {
    const model = inReview();
    const events = applyParentCancel(model, 'Hủy cả dòng kế hoạch', director, ctx);
    expect(events).toEqual([expect.objectContaining({ type: 'CANCELLED', fromState: 'IN_REVIEW', toState: 'CANCELLED', payload: { reason: 'Hủy cả dòng kế hoạch', byParent: true } })]);
    expect(model.review).toBeNull();
    expect(applyParentCancel(model, 'lần nữa', director, ctx)).toEqual([]);
  });
});

describe('extensions (gia hạn)', () => {
  const request = (model: TaskModel, newDueOn = '2025-04-15') => act(model, 'requestExtension', ownerHead, { reason: 'Chờ số liệu', newDueOn });

  it('request: a reason and a valid new date after the current due date', () => {
    const model = drafting();
    expect(outcomeOf(model, 'requestExtension', ownerHead, { reason: '', newDueOn: '2025-04-15' })).toBe(REFUSAL.INVALID_INPUT);
    expect(outcomeOf(model, 'requestExtension', ownerHead, { reason: 'Lý do', newDueOn: '15/04/2025' })).toBe(REFUSAL.INVALID_INPUT);
    expect(outcomeOf(model, 'requestExtension', ownerHead, { reason: 'Lý do', newDueOn: '2025-03-31' })).toBe(REFUSAL.INVALID_INPUT);
    expect(outcomeOf(model, 'requestExtension', ownerHead, { reason: 'Lý do', newDueOn: '2025-03-20' })).toBe(REFUSAL.INVALID_INPUT);
    const events = request(model);
    expect(events).toEqual([expect.objectContaining({ type: 'EXTENSION_REQUESTED', payload: { currentDueOn: '2025-03-31', requestedDueOn: '2025-04-15', reason: 'Chờ số liệu' } })]);
    expect(snapshotOf(model).extensions).toEqual({ granted: 0, max: 1, pending: { requestedDueOn: '2025-04-15', reason: 'Chờ số liệu', byUserId: ownerHead.userId } });
    expect(waitingOnOf(model).kind).toBe('extension_decision');
  });

  it('a second request while one is pending → EXTENSION_PENDING', () => {
    const model = drafting();
    request(model);
    expect(outcomeOf(model, 'requestExtension', ownerHead, { reason: 'Thêm nữa', newDueOn: '2025-05-15' })).toBe(REFUSAL.EXTENSION_PENDING);
  });

  it('grant moves the due date; the read model keeps the original in dueOn and the new one in extendedDueOn', () => {
    const model = drafting();
    request(model);
    const events = act(model, 'decideExtension', deputyInCharge, { decision: 'grant', comment: 'Đồng ý' });
    expect(events).toEqual([
      expect.objectContaining({
        type: 'EXTENSION_GRANTED',
        fromState: 'DRAFTING',
        toState: 'DRAFTING',
        payload: expect.objectContaining({ requestedDueOn: '2025-04-15', previousDueOn: '2025-03-31', newDueOn: '2025-04-15', otherDate: false, signedAs: 'PHÓ GIÁM ĐỐC' }),
      }),
    ]);
    expect(model).toMatchObject({ dueOn: '2025-04-15', originalDueOn: '2025-03-31' });
    expect(model.milestones[0].dueOn).toBe('2025-04-15');
    expect(readModelPatchOf(model)).toMatchObject({ dueOn: '2025-03-31', extendedDueOn: '2025-04-15' });
    expect(snapshotOf(model)).toMatchObject({ dueOn: '2025-04-15', originalDueOn: '2025-03-31', extensions: { granted: 1, max: 1, pending: null } });
    expect(waitingOnOf(model).kind).toBe('lead_unit');
  });

  it('a completion within the extended date is on time', () => {
    const model = drafting({ coordinatingUnits: [] });
    request(model);
    act(model, 'decideExtension', deputyInCharge, { decision: 'grant' });
    act(model, 'submit', ownerHead);
    const events = act(model, 'approve', deputyInCharge, {}, at('2025-04-10T03:00:00Z'));
    expect(events[0].payload).toMatchObject({ onTime: true, dueOn: '2025-04-15' });
  });

  it('grant_other_date sets the leader\'s date, which must be valid and after the current due date', () => {
    const model = drafting();
    request(model);
    expect(outcomeOf(model, 'decideExtension', deputyInCharge, { decision: 'grant_other_date' })).toBe(REFUSAL.INVALID_INPUT);
    expect(outcomeOf(model, 'decideExtension', deputyInCharge, { decision: 'grant_other_date', newDueOn: '2025-03-31' })).toBe(REFUSAL.INVALID_INPUT);
    const events = act(model, 'decideExtension', deputyInCharge, { decision: 'grant_other_date', newDueOn: '2025-04-10' });
    expect(events[0].payload).toMatchObject({ requestedDueOn: '2025-04-15', newDueOn: '2025-04-10', otherDate: true });
    expect(readModelPatchOf(model)).toMatchObject({ dueOn: '2025-03-31', extendedDueOn: '2025-04-10' });
  });

  it('refuse needs a comment and leaves the due date', () => {
    const model = drafting();
    request(model);
    expect(outcomeOf(model, 'decideExtension', deputyInCharge, { decision: 'refuse' })).toBe(REFUSAL.INVALID_INPUT);
    expect(outcomeOf(model, 'decideExtension', deputyInCharge, { decision: 'postpone' })).toBe(REFUSAL.INVALID_INPUT);
    const events = act(model, 'decideExtension', deputyInCharge, { decision: 'refuse', comment: 'Không có căn cứ' });
    expect(events[0]).toMatchObject({ type: 'EXTENSION_REFUSED', payload: { requestedDueOn: '2025-04-15', comment: 'Không có căn cứ' } });
    expect(model).toMatchObject({ dueOn: '2025-03-31', extensions: { granted: 0, pending: null } });
    expect(readModelPatchOf(model).extendedDueOn).toBeNull();
    // A refused request does not count: the unit head may ask again.
    expect(outcomeOf(model, 'requestExtension', ownerHead, { reason: 'Lần 2', newDueOn: '2025-04-15' })).toBe('ok');
  });

  it('no pending request → NO_PENDING_EXTENSION', () => {
    expect(outcomeOf(drafting(), 'decideExtension', deputyInCharge, { decision: 'grant' })).toBe(REFUSAL.NO_PENDING_EXTENSION);
  });

  it('beyond maxExtensionsPerTask (default 1) → EXTENSION_LIMIT_REACHED', () => {
    const model = drafting();
    expect(model.settings.maxExtensionsPerTask).toBe(DEFAULT_LIFECYCLE_SETTINGS.maxExtensionsPerTask);
    request(model);
    act(model, 'decideExtension', deputyInCharge, { decision: 'grant' });
    expect(outcomeOf(model, 'requestExtension', ownerHead, { reason: 'Lần 2', newDueOn: '2025-05-15' })).toBe(REFUSAL.EXTENSION_LIMIT_REACHED);
  });

  it('with maxExtensionsPerTask = 2 a second extension is allowed, a third is refused', () => {
    const model = drafting({ settings: { maxExtensionsPerTask: 2 } });
    request(model, '2025-04-15');
    act(model, 'decideExtension', deputyInCharge, { decision: 'grant' });
    request(model, '2025-05-15');
    act(model, 'decideExtension', director, { decision: 'grant' });
    expect(snapshotOf(model).extensions).toEqual({ granted: 2, max: 2, pending: null });
    expect(readModelPatchOf(model)).toMatchObject({ dueOn: '2025-03-31', extendedDueOn: '2025-05-15' });
    expect(outcomeOf(model, 'requestExtension', ownerHead, { reason: 'Lần 3', newDueOn: '2025-06-15' })).toBe(REFUSAL.EXTENSION_LIMIT_REACHED);
  });

  it('a task without a due date cannot be extended', () => {
    expect(outcomeOf(drafting({ dueOn: null }), 'requestExtension', ownerHead, { reason: 'Lý do', newDueOn: '2025-04-15' })).toBe(REFUSAL.INVALID_STATE);
  });

  it('a recurring task is extended round by round, not as a whole', () => {
    expect(outcomeOf(recurringTask(), 'requestExtension', ownerHead, { reason: 'Lý do', newDueOn: '2025-04-15' })).toBe(REFUSAL.INVALID_STATE);
  });

  // Cancel drops a pending request (task-machine.ts, case 'cancel'); the other ways a task closes
  // should too, or the closed task keeps showing a request nobody can decide any more.
  it.each<[string, (m: TaskModel) => void]>([
    ['cancel', (m) => act(m, 'cancel', deputyInCharge, { reason: 'Không còn phù hợp' })],
    ['reject', (m) => act(m, 'reject', deputyInCharge, { reason: 'Không đúng chỉ đạo' })],
    ['approve', (m) => act(m, 'approve', deputyInCharge)],
  ])('closing the task by %s leaves no pending extension request', (_how, close) => {
    const model = awaitingApproval();
    request(model);
    close(model);
    expect(CLOSED_STATES).toContain(model.state);
    expect(outcomeOf(model, 'decideExtension', deputyInCharge, { decision: 'grant' })).toBe(REFUSAL.TASK_CLOSED);
    expect(snapshotOf(model).extensions?.pending).toBeNull();
  });
});

describe('reassign', () => {
  it.each<[LifecycleState]>([['IN_REVIEW'], ['AWAITING_APPROVAL']])('from %s moves the owner and sends the task back to DRAFTING', (state) => {
    const model = IN_STATE[state]();
    const events = act(model, 'reassign', deputyInCharge, { unit: CCVC, reason: ' Đúng chức năng ' });
    expect(events).toEqual([
      expect.objectContaining({
        type: 'REASSIGNED',
        fromState: state,
        toState: 'DRAFTING',
        payload: expect.objectContaining({ from: { unitId: CCHC.unitId, unitCode: 'CCHC' }, to: CCVC, reason: 'Đúng chức năng', newDueOn: null }),
      }),
    ]);
    expect(model).toMatchObject({ state: 'DRAFTING', ownerUnitId: CCVC.unitId, ownerUnitCode: 'CCVC', review: null, submission: null });
    expect(waitingOnOf(model)).toMatchObject({ kind: 'lead_unit', unitIds: [CCVC.unitId] });
    expect(readModelPatchOf(model)).toMatchObject({ ownerUnitId: CCVC.unitId, pendingReviewUnitIds: [] });
  });

  it('the old unit loses its rights, the new unit and its deputy gain them', () => {
    const model = drafting();
    act(model, 'reassign', deputyInCharge, { unit: CCVC, reason: 'Đúng chức năng' });
    expect(outcomeOf(model, 'submit', ownerHead)).toBe(REFUSAL.FORBIDDEN);
    expect(outcomeOf(model, 'saveDraft', ownerOfficer, { text: 'x' })).toBe(REFUSAL.FORBIDDEN);
    expect(outcomeOf(model, 'submit', ccvcHead)).toBe('ok');
    act(model, 'submit', ccvcHead);
    // Deputy A was in charge of CCHC, deputy B is in charge of CCVC.
    expect(outcomeOf(model, 'review', coordHead, { opinion: 'agree' })).toBe('ok');
    act(model, 'review', coordHead, { opinion: 'agree' });
    expect(outcomeOf(model, 'approve', DEPUTY_A)).toBe(REFUSAL.FORBIDDEN);
    expect(outcomeOf(model, 'approve', DEPUTY_B)).toBe('ok');
  });

  it('a new owner that was coordinating stops reviewing its own task; a new due date moves the deadline', () => {
    const model = drafting({ coordinatingUnits: [TTRA, CCVC] });
    act(model, 'reassign', director, { unit: CCVC, reason: 'Đúng chức năng', newDueOn: '2025-04-30' });
    expect(model.coordinating).toEqual([TTRA]);
    expect(model.dueOn).toBe('2025-04-30');
    expect(model.milestones[0].dueOn).toBe('2025-04-30');
  });

  it('refuses the same unit, a missing reason, a malformed unit or date', () => {
    const model = drafting();
    expect(outcomeOf(model, 'reassign', deputyInCharge, { unit: CCHC, reason: 'x' })).toBe(REFUSAL.INVALID_INPUT);
    expect(outcomeOf(model, 'reassign', deputyInCharge, { unit: CCVC, reason: ' ' })).toBe(REFUSAL.INVALID_INPUT);
    expect(outcomeOf(model, 'reassign', deputyInCharge, { unit: { unitId: CCVC.unitId }, reason: 'x' })).toBe(REFUSAL.INVALID_INPUT);
    expect(outcomeOf(model, 'reassign', deputyInCharge, { unit: CCVC, reason: 'x', newDueOn: '2025-13-01' })).toBe(REFUSAL.INVALID_INPUT);
  });

  it('drops a pending extension request', () => {
    const model = drafting();
    act(model, 'requestExtension', ownerHead, FIELDS.requestExtension);
    act(model, 'reassign', deputyInCharge, { unit: CCVC, reason: 'Đúng chức năng' });
    expect(model.extensions.pending).toBeNull();
    expect(waitingOnOf(model).kind).toBe('lead_unit');
  });
});

describe('blockers (vướng mắc)', () => {
  it('raise notifies the monitor and the deputy in charge; resolve closes it', () => {
    const model = drafting();
    const raised = act(model, 'raiseBlocker', ownerHead, { text: ' Thiếu hướng dẫn ' });
    expect(raised).toEqual([expect.objectContaining({ type: 'BLOCKER_RAISED', fromState: 'DRAFTING', toState: 'DRAFTING', payload: expect.objectContaining({ text: 'Thiếu hướng dẫn', notify: ['monitor', 'deputyInCharge'] }) })]);
    const blockerId = raised[0].payload.blockerId as string;
    expect(snapshotOf(model).blockers).toEqual([expect.objectContaining({ id: blockerId, text: 'Thiếu hướng dẫn', raisedBy: ownerHead.userId, resolution: null, resolvedAt: null })]);

    const resolved = act(model, 'resolveBlocker', monitor, { blockerId, resolution: ' Đã xin ý kiến Bộ ' });
    expect(resolved).toEqual([expect.objectContaining({ type: 'BLOCKER_RESOLVED', payload: { blockerId, resolution: 'Đã xin ý kiến Bộ' } })]);
    expect(model.blockers[0]).toMatchObject({ resolution: 'Đã xin ý kiến Bộ', resolvedBy: monitor.userId, resolvedAt: '2025-03-03T03:00:00.000Z' });
  });

  it('an unknown or already resolved blocker → BLOCKER_NOT_FOUND', () => {
    const model = drafting();
    raiseBlocker(model, 'b-1');
    expect(outcomeOf(model, 'resolveBlocker', monitor, { blockerId: 'b-404', resolution: 'x' })).toBe(REFUSAL.BLOCKER_NOT_FOUND);
    act(model, 'resolveBlocker', deputyInCharge, { blockerId: 'b-1', resolution: 'Đã xử lý' });
    expect(outcomeOf(model, 'resolveBlocker', monitor, { blockerId: 'b-1', resolution: 'Lần nữa' })).toBe(REFUSAL.BLOCKER_NOT_FOUND);
  });

  it('raise needs a text, resolve needs a resolution', () => {
    const model = drafting();
    expect(outcomeOf(model, 'raiseBlocker', ownerHead, { text: '' })).toBe(REFUSAL.INVALID_INPUT);
    raiseBlocker(model, 'b-1');
    expect(outcomeOf(model, 'resolveBlocker', monitor, { blockerId: 'b-1', resolution: '  ' })).toBe(REFUSAL.INVALID_INPUT);
  });
});

describe('comments', () => {
  it('involved users comment, the count grows, the text is trimmed', () => {
    const model = drafting();
    const events = act(model, 'comment', coordHead, { text: ' Thống nhất ' });
    expect(events).toEqual([expect.objectContaining({ type: 'COMMENTED', payload: { text: 'Thống nhất' } })]);
    act(model, 'comment', monitor, { text: 'Đề nghị khẩn trương' });
    expect(snapshotOf(model).commentCount).toBe(2);
  });

  it('refuses an empty or over-long comment, and uninvolved users', () => {
    const model = drafting();
    expect(outcomeOf(model, 'comment', ownerOfficer, { text: '  ' })).toBe(REFUSAL.INVALID_INPUT);
    expect(outcomeOf(model, 'comment', ownerOfficer, { text: 'x'.repeat(5001) })).toBe(REFUSAL.INVALID_INPUT);
    expect(outcomeOf(model, 'comment', ACTORS.otherHead, { text: 'Góp ý' })).toBe(REFUSAL.FORBIDDEN);
    expect(outcomeOf(model, 'comment', ACTORS.admin, { text: 'Góp ý' })).toBe(REFUSAL.FORBIDDEN);
  });
});

// ---------------------------------------------------------------------------------------------
// 4. idempotency and concurrency

describe('idempotency and concurrency', () => {
  it('the same idempotency key for the same action is a duplicate, not a second application', () => {
    const model = drafting();
    const input = { actor: ownerOfficer, idempotencyKey: 'comment-1', text: 'Một lần' };
    expect(checkAction(model, 'comment', input, ctx)).toBe('apply');
    model.version += applyAction(model, 'comment', input, ctx).length;
    expect(checkAction(model, 'comment', input, ctx)).toBe('duplicate');
    expect(model.commentCount).toBe(1);
  });

  it('a retry stays a duplicate even though the version moved on and the state changed', () => {
    const model = awaitingApproval();
    const input = { actor: deputyInCharge, idempotencyKey: 'approve-1', expectedVersion: model.version };
    expect(checkAction(model, 'approve', input, ctx)).toBe('apply');
    model.version += applyAction(model, 'approve', input, ctx).length;
    expect(model.state).toBe('COMPLETED');
    expect(checkAction(model, 'approve', input, ctx)).toBe('duplicate');
  });

  it('the key is per action: the same key on another action applies', () => {
    const model = drafting();
    act(model, 'comment', ownerOfficer, { text: 'x' });
    const input = { actor: ownerOfficer, idempotencyKey: 'shared', text: 'y' };
    model.version += applyAction(model, 'comment', input, ctx).length;
    expect(checkAction(model, 'saveDraft', { ...input, text: 'Dự thảo' }, ctx)).toBe('apply');
  });

  it('expectedVersion different from the model\'s version → STALE_VERSION; equal → apply', () => {
    const model = drafting();
    expect(model.version).toBe(1);
    expect(outcomeOf(model, 'submit', ownerHead, { expectedVersion: 0 })).toBe(REFUSAL.STALE_VERSION);
    expect(outcomeOf(model, 'submit', ownerHead, { expectedVersion: 2 })).toBe(REFUSAL.STALE_VERSION);
    expect(outcomeOf(model, 'submit', ownerHead, { expectedVersion: 1 })).toBe('ok');
  });

  it('two leaders approving the same version: the second is STALE_VERSION', () => {
    const model = awaitingApproval();
    const seen = model.version;
    act(model, 'approve', deputyInCharge, { expectedVersion: seen });
    expect(outcomeOf(model, 'approve', director, { expectedVersion: seen })).toBe(REFUSAL.STALE_VERSION);
  });

  it('after one approval, a second approval with another key → TASK_CLOSED', () => {
    const model = awaitingApproval();
    act(model, 'approve', deputyInCharge);
    expect(outcomeOf(model, 'approve', director)).toBe(REFUSAL.TASK_CLOSED);
    expect(outcomeOf(model, 'approve', deputyInCharge, { expectedVersion: model.version })).toBe(REFUSAL.TASK_CLOSED);
  });

  it('a user of another organization is refused before anything else is looked at', () => {
    const model = completed();
    expect(outcomeOf(model, 'comment', ACTORS.foreignDirector, { text: 'x', expectedVersion: 99 })).toBe(REFUSAL.FORBIDDEN);
  });
});

// ---------------------------------------------------------------------------------------------
// 5. timers and rounds

describe('review window timers', () => {
  const WINDOW_END = Date.parse('2025-03-10T17:00:00Z'); // end of Mon 10/3 in Asia/Ho_Chi_Minh

  it('nextWakeMs is the end of the window day in Vietnam (17:00Z of windowEndsOn); nothing to wake for otherwise', () => {
    expect(nextWakeMs(drafting())).toBeNull();
    expect(nextWakeMs(eventTask())).toBeNull();
    const model = inReview();
    expect(model.review?.windowEndsOn).toBe('2025-03-10');
    expect(nextWakeMs(model)).toBe(WINDOW_END);
    expect(nextWakeMs(awaitingApproval())).toBeNull();
    expect(nextWakeMs(completed())).toBeNull();
  });

  it('applyTimers before the window ends does nothing', () => {
    const model = inReview();
    expect(applyTimers(model, { nowMs: WINDOW_END - 1, calendar })).toEqual([]);
    expect(model.state).toBe('IN_REVIEW');
    expect(model.review?.opinions[0].opinion).toBeNull();
  });

  it('agree mode: silent units count as agreeing ("quá thời hạn không có ý kiến coi như đồng ý")', () => {
    const model = inReview({ coordinatingUnits: [TTRA, TCBC] });
    act(model, 'review', coordHead, { opinion: 'agree' });
    const events = applyTimers(model, { nowMs: WINDOW_END, calendar });
    expect(typesOf(events)).toEqual(['REVIEW_SILENT_AGREED', 'REVIEW_COMPLETED']);
    expect(events[0]).toMatchObject({ actor: null, payload: { round: 1, units: ['TCBC'], windowEndsOn: '2025-03-10', rule: 'Quá thời hạn không có ý kiến coi như đồng ý' } });
    expect(events[1]).toMatchObject({ fromState: 'IN_REVIEW', toState: 'AWAITING_APPROVAL' });
    expect(new Set(events.map((e) => e.key)).size).toBe(2);
    expect(model.state).toBe('AWAITING_APPROVAL');
    expect(model.lastReview?.outcome).toBe('silent');
    expect(model.lastReview?.comments).toEqual([expect.objectContaining({ unitCode: 'TCBC', opinion: 'agree', silent: true })]);
    expect(applyTimers(model, { nowMs: WINDOW_END + 1, calendar })).toEqual([]);
  });

  it('agree mode: a disagreement plus silence still goes back to DRAFTING', () => {
    const model = inReview({ coordinatingUnits: [TTRA, TCBC] });
    act(model, 'review', coordHead, { opinion: 'disagree', comment: 'Không đồng ý' });
    const events = applyTimers(model, { nowMs: WINDOW_END, calendar });
    expect(typesOf(events)).toEqual(['REVIEW_SILENT_AGREED', 'REVIEW_RETURNED']);
    expect(model.state).toBe('DRAFTING');
    expect(model.lastReview?.outcome).toBe('disagreed');
  });

  it('escalate mode: escalates once and keeps waiting for the reviewers', () => {
    const model = inReview({ coordinatingUnits: [TTRA, TCBC], settings: { silentReviewer: 'escalate' } });
    act(model, 'review', coordHead, { opinion: 'agree' });
    const events = applyTimers(model, { nowMs: WINDOW_END, calendar });
    expect(events).toEqual([
      expect.objectContaining({ type: 'REVIEW_ESCALATED', actor: null, fromState: 'IN_REVIEW', toState: 'IN_REVIEW', payload: expect.objectContaining({ units: ['TCBC'], notify: ['deputyInCharge', 'monitor'] }) }),
    ]);
    expect(model.review?.escalated).toBe(true);
    expect(model.state).toBe('IN_REVIEW');
    expect(nextWakeMs(model)).toBeNull();
    expect(applyTimers(model, { nowMs: WINDOW_END + 86_400_000, calendar })).toEqual([]);
    // A late answer still concludes the review.
    const late = act(model, 'review', tcbcHead, { opinion: 'agree' }, at('2025-03-12T03:00:00Z'));
    expect(typesOf(late)).toEqual(['REVIEW_GIVEN', 'REVIEW_COMPLETED']);
    expect(model.state).toBe('AWAITING_APPROVAL');
  });
});

describe('generateRounds', () => {
  const S = DEFAULT_LIFECYCLE_SETTINGS;
  const brief = (rounds: ReturnType<typeof generateRounds>) => rounds.map((r) => `${r.key} ${r.opensOn}→${r.dueOn}`);

  it('reporting-calendar: Q1 14/3, H1 14/6, Q3 14/9, year 14/12 (seed 004), each opening the day after the previous due date', () => {
    const rounds = generateRounds('reporting-calendar', '2025-01-01', '2025-12-31', S);
    expect(brief(rounds)).toEqual(['2025-Q1 2025-01-01→2025-03-14', '2025-H1 2025-03-15→2025-06-14', '2025-Q3 2025-06-15→2025-09-14', '2025-Y 2025-09-15→2025-12-14']);
    expect(rounds.map((r) => r.label)).toEqual(['Báo cáo quý I năm 2025', 'Báo cáo 6 tháng năm 2025', 'Báo cáo quý III năm 2025', 'Báo cáo năm 2025']);
  });

  it('reporting-calendar follows the organization\'s deadlines', () => {
    const settings: LifecycleSettings = { ...S, reportingDeadlines: { q1: '03-10', h1: '06-10', q3: '09-10', year: '12-10' } };
    expect(generateRounds('reporting-calendar', '2025-01-01', '2025-12-31', settings).map((r) => r.dueOn)).toEqual(['2025-03-10', '2025-06-10', '2025-09-10', '2025-12-10']);
  });

  it('a start in the middle of the year skips the rounds already due and opens the first one at the start', () => {
    expect(brief(generateRounds('reporting-calendar', '2025-05-10', '2025-12-31', S))).toEqual(['2025-H1 2025-05-10→2025-06-14', '2025-Q3 2025-06-15→2025-09-14', '2025-Y 2025-09-15→2025-12-14']);
  });

  it('quarterly: four quarters on the reporting deadlines', () => {
    const rounds = generateRounds('quarterly', '2025-01-01', '2025-12-31', S);
    expect(brief(rounds)).toEqual(['2025-Q1 2025-01-01→2025-03-14', '2025-Q2 2025-03-15→2025-06-14', '2025-Q3 2025-06-15→2025-09-14', '2025-Q4 2025-09-15→2025-12-14']);
    expect(rounds[3].label).toBe('Báo cáo quý IV năm 2025');
  });

  it('with round days (round-days-v1): monthly on the 14th, the plan\'s own day for monthly and quarterly rows; without, as before', () => {
    const monthly = generateRounds('monthly', '2025-01-01', '2025-12-31', S, { roundDays: true });
    expect(brief(monthly).slice(0, 3)).toEqual(['2025-M01 2025-01-01→2025-01-14', '2025-M02 2025-01-15→2025-02-14', '2025-M03 2025-02-15→2025-03-14']);
    expect(generateRounds('monthly', '2025-01-01', '2025-12-31', S, { roundDays: true, roundDay: 31 }).map((r) => r.dueOn).slice(0, 4)).toEqual([
      '2025-01-31',
      '2025-02-28',
      '2025-03-31',
      '2025-04-30',
    ]);
    expect(generateRounds('quarterly', '2025-01-01', '2025-12-31', S, { roundDays: true, roundDay: 20 }).map((r) => r.dueOn)).toEqual(['2025-03-20', '2025-06-20', '2025-09-20', '2025-12-20']);
    // The reporting calendar without a day of the plan's own stays on the organization's dates.
    expect(generateRounds('half-yearly', '2025-01-01', '2025-12-31', S, { roundDays: true }).map((r) => r.dueOn)).toEqual(['2025-06-14', '2025-12-14']);
    // Executions without the patch: as they always counted.
    expect(generateRounds('monthly', '2025-01-01', '2025-12-31', S, { roundDays: false, roundDay: 10 })[0].dueOn).toBe('2025-01-31');
    // initModel passes the row's round day when the execution runs round days.
    const task = recurringTask('monthly', { milestones: [milestone('recurring', 'Trước ngày 10 hằng tháng', { recurrence: 'monthly', roundDay: 10 })] });
    expect(task.rounds[0].dueOn).toBe('2025-01-31');
    const withDays = initModel(
      {
        taskId: 'task-r',
        organizationId: ORG,
        organizationCode: 'SNV-BD',
        planId: 'plan-2025',
        ownerUnitCode: CCHC.unitCode,
        ownerUnitId: CCHC.unitId,
        title: 'Báo cáo tháng',
        dueOn: null,
        initialState: 'DRAFTING',
        planEndsOn: '2025-12-31',
        milestones: [milestone('recurring', 'Trước ngày 10 hằng tháng', { recurrence: 'monthly', roundDay: 10 })],
      },
      ctx,
      { roundDays: true },
    );
    expect(withDays.rounds.map((r) => r.dueOn).slice(0, 2)).toEqual(['2025-01-10', '2025-02-10']);
  });

  it('monthly: due the last day of each month (28/2, 30/4, 31/12), opening on the 1st', () => {
    const rounds = generateRounds('monthly', '2025-01-01', '2025-12-31', S);
    expect(rounds).toHaveLength(12);
    expect(rounds.map((r) => r.dueOn)).toEqual([
      '2025-01-31',
      '2025-02-28',
      '2025-03-31',
      '2025-04-30',
      '2025-05-31',
      '2025-06-30',
      '2025-07-31',
      '2025-08-31',
      '2025-09-30',
      '2025-10-31',
      '2025-11-30',
      '2025-12-31',
    ]);
    expect(rounds[1]).toEqual({ key: '2025-M02', label: 'Báo cáo tháng 2/2025', opensOn: '2025-02-01', dueOn: '2025-02-28' });
    expect(generateRounds('monthly', '2024-01-01', '2024-12-31', S)[1].dueOn).toBe('2024-02-29');
  });

  it('monthly from the middle of a year', () => {
    expect(brief(generateRounds('monthly', '2025-10-15', '2025-12-31', S))).toEqual(['2025-M10 2025-10-15→2025-10-31', '2025-M11 2025-11-01→2025-11-30', '2025-M12 2025-12-01→2025-12-31']);
  });

  it('yearly: one round a year, due 14/12', () => {
    expect(brief(generateRounds('yearly', '2025-01-01', '2026-12-31', S))).toEqual(['2025-Y 2025-01-01→2025-12-14', '2026-Y 2025-12-15→2026-12-14']);
  });

  it('half-yearly: six months and the year', () => {
    expect(brief(generateRounds('half-yearly', '2025-01-01', '2025-12-31', S))).toEqual(['2025-H1 2025-01-01→2025-06-14', '2025-Y 2025-06-15→2025-12-14']);
  });

  it('on-event: no scheduled rounds', () => {
    expect(generateRounds('on-event', '2025-01-01', '2025-12-31', S)).toEqual([]);
  });

  it('no round is due after the plan ends', () => {
    expect(generateRounds('reporting-calendar', '2025-01-01', '2025-05-31', S).map((r) => r.key)).toEqual(['2025-Q1']);
  });
});

describe('recurring tasks (rounds of progress reports)', () => {
  it('starts in DRAFTING with its rounds; a round opens on its opening day', () => {
    const model = newTask({ dueOn: null, planEndsOn: '2025-12-31', milestones: [milestone('recurring', 'Thường xuyên', { recurrence: 'reporting-calendar' })] });
    expect(model).toMatchObject({ mode: 'recurring', state: 'DRAFTING', planEndsOn: '2025-12-31', dueOn: '2025-03-14', originalDueOn: '2025-03-14' });
    expect(model.rounds.map((r) => [r.key, r.state])).toEqual([
      ['2025-Q1', 'UPCOMING'],
      ['2025-H1', 'UPCOMING'],
      ['2025-Q3', 'UPCOMING'],
      ['2025-Y', 'UPCOMING'],
    ]);
    expect(nextWakeMs(model)).toBe(Date.parse('2024-12-31T17:00:00Z')); // 00:00 on 1/1 in Vietnam
    const events = applyTimers(model, ctx);
    expect(events).toEqual([expect.objectContaining({ key: 'round-2025-Q1:opened', type: 'ROUND_OPENED', payload: { roundKey: '2025-Q1', label: 'Báo cáo quý I năm 2025', dueOn: '2025-03-14' } })]);
    expect(nextWakeMs(model)).toBe(Date.parse('2025-03-14T17:00:00Z')); // H1 opens at 00:00 on 15/3
    expect(waitingOnOf(model)).toMatchObject({ kind: 'lead_unit', unitIds: [CCHC.unitId] });
  });

  it('submitReport on an UPCOMING round → INVALID_STATE; an unknown round → ROUND_NOT_FOUND', () => {
    const model = recurringTask();
    expect(outcomeOf(model, 'submitReport', ownerHead, { roundKey: '2025-H1', text: 'Sớm' })).toBe(REFUSAL.INVALID_STATE);
    expect(outcomeOf(model, 'submitReport', ownerHead, { roundKey: '2025-Q9', text: 'x' })).toBe(REFUSAL.ROUND_NOT_FOUND);
    expect(outcomeOf(model, 'submitReport', ownerHead, { roundKey: '2025-Q1', text: ' ' })).toBe(REFUSAL.INVALID_INPUT);
  });

  it('submit then acknowledge a round; the due date moves to the next round', () => {
    const model = recurringTask();
    const submitted = act(model, 'submitReport', ownerHead, { roundKey: '2025-Q1', text: ' Báo cáo quý I ' });
    expect(submitted).toEqual([expect.objectContaining({ type: 'REPORT_SUBMITTED', payload: { roundKey: '2025-Q1', label: 'Báo cáo quý I năm 2025', dueOn: '2025-03-14', late: false, attachments: [] } })]);
    expect(model.rounds[0]).toMatchObject({ state: 'SUBMITTED', submittedOn: TODAY, text: 'Báo cáo quý I' });
    expect(model.dueOn).toBe('2025-06-14');
    expect(waitingOnOf(model).kind).toBe('monitor');
    expect(outcomeOf(model, 'submitReport', ownerHead, { roundKey: '2025-Q1', text: 'Lần 2' })).toBe(REFUSAL.INVALID_STATE);

    const acknowledged = act(model, 'acknowledgeReport', monitor, { roundKey: '2025-Q1', comment: 'Đã nhận' });
    expect(acknowledged).toEqual([expect.objectContaining({ type: 'REPORT_ACKNOWLEDGED', payload: { roundKey: '2025-Q1', label: 'Báo cáo quý I năm 2025', comment: 'Đã nhận' } })]);
    expect(model.rounds[0].state).toBe('ACKNOWLEDGED');
    expect(model.state).toBe('DRAFTING');
    expect(waitingOnOf(model)).toEqual({ kind: 'nobody', unitIds: [], text: 'Chưa đến kỳ báo cáo' });
    expect(outcomeOf(model, 'acknowledgeReport', monitor, { roundKey: '2025-Q1' })).toBe(REFUSAL.INVALID_STATE);
  });

  it('a round not yet submitted cannot be acknowledged; a late report is flagged late', () => {
    const model = recurringTask();
    expect(outcomeOf(model, 'acknowledgeReport', monitor, { roundKey: '2025-Q1' })).toBe(REFUSAL.INVALID_STATE);
    const events = act(model, 'submitReport', ownerHead, { roundKey: '2025-Q1', text: 'Muộn' }, at('2025-03-20T03:00:00Z'));
    expect(events[0].payload.late).toBe(true);
  });

  it('recurring tasks have no submit / approve', () => {
    const model = recurringTask();
    act(model, 'saveDraft', ownerOfficer, { text: 'x' });
    expect(outcomeOf(model, 'submit', ownerHead)).toBe(REFUSAL.INVALID_STATE);
    expect(outcomeOf(model, 'approve', deputyInCharge)).toBe(REFUSAL.INVALID_STATE);
  });

  function yearlyTask() {
    const model = recurringTask('yearly');
    expect(model.rounds.map((r) => [r.key, r.state])).toEqual([['2025-Y', 'OPEN']]);
    act(model, 'submitReport', ownerHead, { roundKey: '2025-Y', text: 'Báo cáo năm' }, at('2025-12-10T03:00:00Z'));
    return model;
  }
  const PLAN_END = Date.parse('2025-12-31T17:00:00Z'); // end of 31/12 in Vietnam

  it('completes at the plan end once every round is acknowledged', () => {
    const model = yearlyTask();
    expect(act(model, 'acknowledgeReport', monitor, { roundKey: '2025-Y' }, at('2025-12-15T03:00:00Z'))).toHaveLength(1);
    expect(model.state).toBe('DRAFTING');
    expect(nextWakeMs(model)).toBe(PLAN_END);
    expect(applyTimers(model, { nowMs: PLAN_END - 1, calendar })).toEqual([]);
    const events = applyTimers(model, { nowMs: PLAN_END, calendar });
    expect(events).toEqual([expect.objectContaining({ type: 'COMPLETED', fromState: 'DRAFTING', toState: 'COMPLETED', payload: { rounds: 1, lateRounds: [] } })]);
    expect(model).toMatchObject({ state: 'COMPLETED', completedOn: '2026-01-01' });
  });

  it('does not complete at the plan end while a round is not acknowledged; the acknowledgement then completes it', () => {
    const model = yearlyTask();
    expect(nextWakeMs(model)).toBeNull();
    expect(applyTimers(model, at('2026-01-05T03:00:00Z'))).toEqual([]);
    expect(model.state).toBe('DRAFTING');
    const events = act(model, 'acknowledgeReport', deputyInCharge, { roundKey: '2025-Y' }, at('2026-01-05T03:00:00Z'));
    expect(typesOf(events)).toEqual(['REPORT_ACKNOWLEDGED', 'COMPLETED']);
    expect(model).toMatchObject({ state: 'COMPLETED', completedOn: '2026-01-05' });
  });

  it('on-event recurring rows open a round per recorded event', () => {
    const model = recurringTask('on-event');
    expect(model.rounds).toEqual([]);
    expect(outcomeOf(model, 'recordTrigger', monitor, { eventDate: '2025-03-04', description: 'Văn bản mới' })).toBe(REFUSAL.INVALID_INPUT);
    const events = act(model, 'recordTrigger', monitor, { eventDate: '2025-02-28', description: 'Bộ Nội vụ ban hành Thông tư mới' });
    expect(events[0]).toMatchObject({ type: 'ROUND_OPENED', payload: { roundKey: 'event-1', eventDate: '2025-02-28', dueOn: '2025-03-14' } });
    expect(model).toMatchObject({ state: 'DRAFTING', dueOn: '2025-03-14' });
    expect(outcomeOf(model, 'submitReport', ownerHead, { roundKey: 'event-1', text: 'Đã triển khai' })).toBe('ok');
    expect(outcomeOf(recurringTask(), 'recordTrigger', monitor, { eventDate: TODAY, description: 'x' })).toBe(REFUSAL.INVALID_STATE);
  });
});

// ---------------------------------------------------------------------------------------------
// 6. views

describe('waitingOnOf', () => {
  it('PENDING_TRIGGER: the monitor, who records the event', () => {
    expect(waitingOnOf(eventTask())).toEqual({ kind: 'monitor', unitIds: [], text: `Chờ sự kiện: ${TRIGGER}` });
  });

  it('DRAFTING: the lead unit', () => {
    expect(waitingOnOf(drafting())).toEqual({ kind: 'lead_unit', unitIds: [CCHC.unitId], text: 'CCHC dự thảo, hoàn thiện hồ sơ' });
  });

  it('DRAFTING with a pending extension request: the leader\'s decision', () => {
    const model = drafting();
    act(model, 'requestExtension', ownerHead, FIELDS.requestExtension);
    expect(waitingOnOf(model)).toEqual({ kind: 'extension_decision', unitIds: [], text: 'Chờ lãnh đạo quyết định gia hạn' });
  });

  it('IN_REVIEW: the coordinating units that have not answered', () => {
    const model = inReview({ coordinatingUnits: [TTRA, TCBC] });
    expect(waitingOnOf(model)).toEqual({ kind: 'reviewers', unitIds: [TTRA.unitId, TCBC.unitId], text: 'Chờ ý kiến phối hợp của TTRA, TCBC' });
    act(model, 'review', tcbcHead, { opinion: 'agree' });
    expect(waitingOnOf(model)).toMatchObject({ kind: 'reviewers', unitIds: [TTRA.unitId] });
    expect(readModelPatchOf(model).pendingReviewUnitIds).toEqual([TTRA.unitId]);
  });

  it('AWAITING_APPROVAL: the approver in charge of the lead unit', () => {
    expect(waitingOnOf(awaitingApproval())).toEqual({ kind: 'approver', unitIds: [CCHC.unitId], text: 'Chờ lãnh đạo Sở phụ trách phê duyệt' });
  });

  it.each<[string, () => TaskModel, string]>([
    ['COMPLETED', completed, 'Đã hoàn thành'],
    ['CANCELLED', cancelled, 'Đã hủy'],
  ])('%s: nobody', (_state, build, text) => {
    expect(waitingOnOf(build())).toEqual({ kind: 'nobody', unitIds: [], text });
  });

  it('the snapshot and the read-model patch carry the same view', () => {
    const model = inReview();
    expect(snapshotOf(model).waitingOn).toEqual(waitingOnOf(model));
    expect(readModelPatchOf(model).waitingOn).toEqual(waitingOnOf(model));
    expect(readModelPatchOf(model).detail).toEqual(snapshotOf(model));
  });
});

describe('rules settled after review of this spec', () => {
  it('moving on to the next milestone is not an extension: the read model shows the new plan date, no extended date', () => {
    const model = newTask({ coordinatingUnits: [], milestones: [milestone('deadline', 'Ban hành', { due: '2025-03-31' }), milestone('deadline', 'Triển khai', { due: '2025-06-30' })] });
    act(model, 'saveDraft', ownerOfficer, { text: 'Dự thảo' });
    act(model, 'submit', ownerHead);
    act(model, 'approve', deputyInCharge);
    expect(readModelPatchOf(model)).toMatchObject({ state: 'DRAFTING', dueOn: '2025-06-30', extendedDueOn: null });
  });

  it('an actor without an organization is refused, even when retrying a key already applied', () => {
    const model = newTask();
    const input = { actor: ownerOfficer, idempotencyKey: 'draft-1', text: 'Dự thảo' };
    checkAction(model, 'saveDraft', input, ctx);
    applyAction(model, 'saveDraft', input, ctx);
    const anonymous = { ...ownerOfficer, organizationId: undefined };
    expect(codeOf(() => checkAction(model, 'saveDraft', { ...input, actor: anonymous }, ctx))).toBe('INVALID_INPUT');
    expect(codeOf(() => checkAction(model, 'saveDraft', { ...input, actor: { ...ownerOfficer, organizationId: OTHER_ORG } }, ctx))).toBe('FORBIDDEN');
    expect(codeOf(() => checkAction(model, 'saveDraft', input, ctx))).toBe('duplicate');
  });

  it('a task started as PENDING_TRIGGER without milestones waits for its event', () => {
    const model = newTask({ initialState: 'PENDING_TRIGGER', dueOn: null, milestones: [] });
    expect(model.state).toBe('PENDING_TRIGGER');
    act(model, 'recordTrigger', monitor, { eventDate: '2025-02-27', description: TRIGGER });
    expect(model).toMatchObject({ state: 'DRAFTING', dueOn: calendar.addWorkingDays('2025-02-27', 10) });
  });

  it('submitting over an escalated review shows the approver what the round said and who stayed silent', () => {
    const model = newTask({ coordinatingUnits: [TTRA, TCBC], settings: { silentReviewer: 'escalate' } });
    act(model, 'saveDraft', ownerOfficer, { text: 'Dự thảo' });
    act(model, 'submit', ownerHead);
    act(model, 'review', tcbcHead, { opinion: 'agree_with_comments', comment: 'Bổ sung số liệu' });
    applyTimers(model, at('2025-03-20T03:00:00Z'));
    act(model, 'submit', ownerHead, { overrideReview: true, justification: 'Quá hạn lấy ý kiến' });
    expect(model.lastReview).toMatchObject({ outcome: 'silent' });
    expect(model.lastReview!.comments.map((c) => [c.unitCode, c.opinion])).toEqual([
      ['TTRA', null],
      ['TCBC', 'agree_with_comments'],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// the shorter ladders of a waiting review and a waiting approval

describe('wait ladders (review waiting on a unit, approval waiting on leadership)', () => {
  /** A task that runs the wait ladders (as an execution that took the `wait-ladders-v1` patch does). */
  const withLadders = (overrides: Partial<TaskLifecycleInput> = {}): TaskModel => Object.assign(newTask(overrides), { waitLadders: true });
  const submitted = (model: TaskModel): TaskModel => {
    act(model, 'saveDraft', ownerOfficer, { text: 'Dự thảo' });
    act(model, 'submit', ownerHead);
    return model;
  };

  it('reminds a silent reviewer on the morning one working day before the window ends, and only while the window is open', () => {
    const m = submitted(withLadders());
    expect(m.review!.windowEndsOn).toBe('2025-03-10'); // Monday + 5 working days
    // Next wake: Friday 07:30 in Vietnam (00:30 UTC), one working day before the window ends.
    expect(nextWakeMs(m, calendar)).toBe(Date.parse('2025-03-07T00:30:00Z'));
    const events = applyTimers(m, at('2025-03-07T00:30:00Z'));
    expect(events.map((e) => e.type)).toEqual(['REVIEW_REMINDER']);
    expect(events[0].payload).toMatchObject({ unitIds: [TTRA.unitId], units: ['TTRA'], notify: ['reviewUnitHead'], ownerUnitId: CCHC.unitId });
    expect(applyTimers(m, at('2025-03-07T05:00:00Z'))).toEqual([]);

    // A worker away past the whole window: the rule of the window applies, no stale reminder.
    const late = submitted(withLadders());
    expect(applyTimers(late, at('2025-03-10T17:30:00Z')).map((e) => e.type)).toEqual(['REVIEW_SILENT_AGREED', 'REVIEW_COMPLETED']);
  });

  it('sends no review reminder when the window is shorter than the reminder lead, and none to a unit that answered', () => {
    const short = submitted(withLadders({ settings: { reviewWindowWorkingDays: 1 } }));
    expect(nextWakeMs(short, calendar)).toBe(Date.parse('2025-03-04T17:00:00Z')); // the window's end only
    const answered = submitted(withLadders());
    act(answered, 'review', coordHead, { opinion: 'agree' });
    expect(answered.state).toBe('AWAITING_APPROVAL');
    // The approval's own reminder (2 working days) is due by then; nothing of the review is.
    expect(applyTimers(answered, at('2025-03-07T00:30:00Z')).map((e) => e.type)).toEqual(['APPROVAL_REMINDER']);
  });

  it('opens one numbered approval wait per submission; a reminder overtaken by the escalation is not sent', () => {
    const m = withLadders({ coordinatingUnits: [] });
    submitted(m);
    expect(m.state).toBe('AWAITING_APPROVAL');
    expect(m.approvalWait).toEqual({ seq: 1, since: TODAY });
    // Both steps due at once (the worker was away a week): only the escalation goes out.
    const events = applyTimers(m, at('2025-03-10T02:00:00Z'));
    expect(events.map((e) => e.type)).toEqual(['APPROVAL_ESCALATED']);
    expect(events[0].payload).toMatchObject({ since: TODAY, workingDays: 5, notify: ['director', 'monitor'] });
    expect(m.firedSteps).toEqual(expect.arrayContaining(['approval-remind:1', 'approval-escalate:1']));

    act(m, 'return', deputyInCharge, { comment: 'Bổ sung' });
    expect(m.approvalWait).toBeNull();
    act(m, 'submit', ownerHead, {}, at('2025-03-11T03:00:00Z'));
    expect(m.approvalWait).toEqual({ seq: 2, since: '2025-03-11' });
    expect(nextWakeMs(m, calendar)).toBe(Date.parse('2025-03-13T00:30:00Z'));
  });

  it('runs nothing for executions without the patch, and nothing once the task is closed', () => {
    const old = submitted(newTask({ coordinatingUnits: [] }));
    expect(old.approvalWait).toBeUndefined();
    expect(applyTimers(old, at('2025-04-30T02:00:00Z')).filter((e) => e.type.startsWith('APPROVAL_'))).toEqual([]);
    const m = submitted(withLadders({ coordinatingUnits: [] }));
    act(m, 'approve', deputyInCharge);
    expect(m.state).toBe('COMPLETED');
    expect(nextWakeMs(m, calendar)).toBeNull();
    expect(applyTimers(m, at('2025-04-30T02:00:00Z'))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Giao cho cán bộ and the note of a submission (issue 19 item 4)

describe('assign (giao cho cán bộ)', () => {
  const officer = { userId: 'cv-cchc', unitId: CCHC.unitId, fullName: 'Chuyên viên CCHC' };
  const other = { userId: 'cv2-cchc', unitId: CCHC.unitId, fullName: 'Chuyên viên 2 CCHC' };

  it('gives the task to an officer of the lead unit, tells the new and the previous one, and another unit clears it', () => {
    const model = drafting();
    const first = applyAction(model, 'assign', { actor: ownerHead, idempotencyKey: nextKey(), assignee: officer, note: '  Làm gấp  ' }, ctx);
    expect(first.map((e) => [e.type, e.payload])).toEqual([
      ['ASSIGNED', expect.objectContaining({ assigneeUserId: 'cv-cchc', assigneeName: 'Chuyên viên CCHC', previousAssigneeUserId: null, note: 'Làm gấp' })],
    ]);
    model.version += first.length;
    expect(snapshotOf(model).assignee).toEqual({ ...officer, assignedBy: ownerHead.userId, note: 'Làm gấp' });
    expect(readModelPatchOf(model).assigneeUserId).toBe('cv-cchc');
    // The same person again is refused; another officer takes it over.
    expect(outcomeOf(model, 'assign', ownerHead, { assignee: officer })).toBe(REFUSAL.INVALID_INPUT);
    const second = applyAction(model, 'assign', { actor: deputyInCharge, idempotencyKey: nextKey(), assignee: other }, ctx);
    expect(second[0].payload).toEqual(expect.objectContaining({ assigneeUserId: 'cv2-cchc', previousAssigneeUserId: 'cv-cchc', note: null }));
    model.version += second.length;
    act(model, 'reassign', deputyInCharge, FIELDS.reassign);
    expect(snapshotOf(model).assignee).toBeNull();
    expect(readModelPatchOf(model).assigneeUserId).toBeNull();
  });

  it('refuses a person of another unit, a missing one and a note over 2,000 characters', () => {
    const model = drafting();
    expect(outcomeOf(model, 'assign', ownerHead, { assignee: { userId: 'cv-ttra', unitId: TTRA.unitId, fullName: 'CV TTRA' } })).toBe(REFUSAL.ASSIGNEE_INVALID);
    expect(outcomeOf(model, 'assign', ownerHead, {})).toBe(REFUSAL.ASSIGNEE_INVALID);
    expect(outcomeOf(model, 'assign', ownerHead, { assignee: officer, note: 'x'.repeat(2001) })).toBe(REFUSAL.INVALID_INPUT);
    expect(outcomeOf(model, 'assign', ownerHead, { assignee: officer, note: 'x'.repeat(2000) })).toBe('ok');
  });

  it('a submission carries its note to the snapshot and to the event the reviewers are told by', () => {
    const model = drafting();
    expect(outcomeOf(model, 'submit', ownerHead, { note: 'x'.repeat(2001) })).toBe(REFUSAL.INVALID_INPUT);
    const events = applyAction(model, 'submit', { actor: ownerHead, idempotencyKey: nextKey(), note: 'Đã bổ sung số liệu quý I' }, ctx);
    expect(events[0].type).toBe('SUBMITTED_FOR_REVIEW');
    expect(events[0].payload).toEqual(expect.objectContaining({ note: 'Đã bổ sung số liệu quý I' }));
    expect(snapshotOf(model).submission).toEqual(expect.objectContaining({ note: 'Đã bổ sung số liệu quý I' }));
  });
});

describe('files (tải tệp lên, gỡ tệp: issue 17)', () => {
  const facts = (fileId: string, uploadedBy: string) => ({ fileId, name: `${fileId}.pdf`, contentType: 'application/pdf', size: 10, sha256: 'c'.repeat(64), uploadedBy });
  const upload = (model: TaskModel, actor: Actor, fileId: string) => {
    const { uploadedBy: _u, ...attachment } = facts(fileId, actor.userId);
    return act(model, 'recordAttachment', actor, { attachment });
  };

  it('an upload is an event with name, size, SHA-256 and uploader; it notifies nobody', () => {
    const model = drafting();
    const [e] = upload(model, ownerOfficer, 'f-1');
    expect(e).toMatchObject({ type: 'ATTACHMENT_UPLOADED', fromState: 'DRAFTING', toState: 'DRAFTING', payload: { fileId: 'f-1', name: 'f-1.pdf', size: 10, sha256: 'c'.repeat(64), uploadedBy: 'cv-cchc' } });
    expect(ACTIONS.recordAttachment.events.ATTACHMENT_UPLOADED.recipients).toEqual([]);
  });

  it('a file a submitted draft holds stays: 409 ATTACHMENT_IN_USE, also after a return to drafting; an unsubmitted one is removed from the draft', () => {
    const model = drafting();
    upload(model, ownerOfficer, 'f-1');
    upload(model, ownerOfficer, 'f-2');
    act(model, 'saveDraft', ownerOfficer, { attachments: [{ fileId: 'f-1', name: 'f-1.pdf' }, { fileId: 'f-2', name: 'f-2.pdf' }] });
    const [removed] = act(model, 'removeAttachment', ownerOfficer, { attachment: facts('f-2', 'cv-cchc') });
    expect(removed).toMatchObject({ type: 'ATTACHMENT_REMOVED', payload: { fileId: 'f-2', removedFromDraft: true } });
    expect(model.draft.attachments.map((a) => a.fileId)).toEqual(['f-1']);
    act(model, 'submit', ownerHead);
    expect(outcomeOf(model, 'removeAttachment', ownerOfficer, { attachment: facts('f-1', 'cv-cchc') })).toBe(REFUSAL.ATTACHMENT_IN_USE);
    act(model, 'review', coordHead, { opinion: 'disagree', comment: 'Chưa đạt' });
    expect(model.state).toBe('DRAFTING');
    expect(outcomeOf(model, 'removeAttachment', ownerOfficer, { attachment: facts('f-1', 'cv-cchc') })).toBe(REFUSAL.ATTACHMENT_IN_USE);
    // What the audit trail says of histories older than the workflow's own list.
    expect(outcomeOf(model, 'removeAttachment', ownerOfficer, { attachment: facts('f-9', 'cv-cchc'), referencedBySubmission: true })).toBe(REFUSAL.ATTACHMENT_IN_USE);
    expect(outcomeOf(model, 'removeAttachment', ownerOfficer, { attachment: facts('f-9', 'cv-cchc') })).toBe('ok');
  });

  it('a report round: the lead unit uploads while it is open; a submitted report’s files stay', () => {
    const model = recurringTask();
    expect(outcomeOf(model, 'recordAttachment', ownerOfficer, FIELDS.recordAttachment)).toBe('ok');
    upload(model, ownerHead, 'r-1');
    act(model, 'submitReport', ownerHead, { roundKey: '2025-Q1', text: 'Báo cáo quý I', attachments: [{ fileId: 'r-1', name: 'r-1.pdf' }] });
    expect(outcomeOf(model, 'removeAttachment', ownerHead, { attachment: facts('r-1', 'tp-cchc') })).toBe(REFUSAL.ATTACHMENT_IN_USE);
    expect(model.rounds.some((r) => r.state === 'OPEN')).toBe(false);
    expect(outcomeOf(model, 'recordAttachment', ownerOfficer, FIELDS.recordAttachment)).toBe(REFUSAL.UPLOAD_NOT_ALLOWED);
  });

  it('reviewers until their unit gave its opinion; leaders while an extension waits on them; the assignee', () => {
    const model = inReview({ coordinatingUnits: [TTRA, TCBC] });
    expect(outcomeOf(model, 'recordAttachment', coordHead, FIELDS.recordAttachment)).toBe('ok');
    act(model, 'review', coordHead, { opinion: 'agree' });
    expect(outcomeOf(model, 'recordAttachment', coordHead, FIELDS.recordAttachment)).toBe(REFUSAL.UPLOAD_NOT_ALLOWED);
    expect(outcomeOf(model, 'recordAttachment', tcbcHead, FIELDS.recordAttachment)).toBe('ok');
    const asking = drafting();
    act(asking, 'requestExtension', ownerHead, FIELDS.requestExtension);
    for (const leader of [deputyInCharge, director, ktDeputy]) expect(outcomeOf(asking, 'recordAttachment', leader, FIELDS.recordAttachment)).toBe('ok');
    expect(outcomeOf(asking, 'recordAttachment', ACTORS.deputyNotInCharge, FIELDS.recordAttachment)).toBe(REFUSAL.UPLOAD_NOT_ALLOWED);
  });
});

describe('the read model\'s working end (readModelPatchOf with the calendar)', () => {
  it('carries the working end of the deadline in force by the organization\'s day-off rule, as the ladder counts it', () => {
    // Saturday 29/03/2025 → Monday 31/03/2025.
    const model = newTask({ dueOn: '2025-03-29' });
    model.dayOffRule = true;
    expect(readModelPatchOf(model, calendar)).toMatchObject({ dueOn: '2025-03-29', extendedDueOn: null, workingDueOn: '2025-03-31' });
    expect(readModelPatchOf(model, calendar).workingDueOn).toBe(ladderDueOf(model, calendar));
    // An extension to 30/04/2025: 30/4, 1/5, 2/5 (moved) and the weekend are off.
    model.dueOn = '2025-04-30';
    expect(readModelPatchOf(model, calendar)).toMatchObject({ dueOn: '2025-03-29', extendedDueOn: '2025-04-30', workingDueOn: '2025-05-05' });
    // The organization keeps the rule off: the date as written.
    const off = newTask({ dueOn: '2025-03-29', settings: { dayOffRule: false } });
    expect(readModelPatchOf(off, calendar).workingDueOn).toBe('2025-03-29');
    // Without a calendar (older callers) the field is absent: the read model counts on the date as written.
    expect(readModelPatchOf(model)).not.toHaveProperty('workingDueOn');
  });
});

describe('the officer hands the draft to the head (DRAFT_READY)', () => {
  it('an officer bringing the draft to 100 % tells the lead unit head, once; the head saving, or older executions, tell nobody', () => {
    const model = drafting();
    model.draftReadyNotice = true;
    expect(act(model, 'saveDraft', ownerOfficer, { text: 'Dự thảo', progressPercent: 60 }).map((e) => e.type)).toEqual(['DRAFT_SAVED']);
    const ready = act(model, 'saveDraft', ownerOfficer, { text: 'Dự thảo hoàn chỉnh', progressPercent: 100 });
    expect(ready.map((e) => e.type)).toEqual(['DRAFT_SAVED', 'DRAFT_READY']);
    expect(ready[1]).toMatchObject({ fromState: 'DRAFTING', toState: 'DRAFTING', payload: { progressPercent: 100 } });
    // Two events of one step, two keys (the read model writes a key once).
    expect(new Set(ready.map((e) => e.key)).size).toBe(2);
    expect(ACTIONS.saveDraft.events.DRAFT_READY.recipients).toEqual(['leadUnitHead']);
    // Saved again at 100 %: already told.
    expect(act(model, 'saveDraft', ownerOfficer, { text: 'Sửa câu chữ' }).map((e) => e.type)).toEqual(['DRAFT_SAVED']);
    // The head's own draft needs no hand-off.
    const byHead = drafting();
    byHead.draftReadyNotice = true;
    expect(act(byHead, 'saveDraft', ownerHead, { text: 'Dự thảo', progressPercent: 100 }).map((e) => e.type)).toEqual(['DRAFT_SAVED']);
    // An execution from before the step (no draft-ready-v1 marker) records what it always did.
    const older = drafting();
    expect(act(older, 'saveDraft', ownerOfficer, { text: 'Dự thảo', progressPercent: 100 }).map((e) => e.type)).toEqual(['DRAFT_SAVED']);
  });

  it('once per drafting round: after a return, the officer\'s redraft at 100 % tells the head again (draft-ready-each-round-v1)', () => {
    const roundOf = (eachRound: boolean) => {
      const model = newTask({ coordinatingUnits: [] });
      model.draftReadyNotice = true;
      model.draftReadyEachRound = eachRound;
      return model;
    };
    const saves = (model: TaskModel, actor: Actor, fields: Record<string, unknown>) => typesOf(act(model, 'saveDraft', actor, fields));

    const model = roundOf(true);
    expect(saves(model, ownerOfficer, { text: 'Dự thảo', progressPercent: 100 })).toEqual(['DRAFT_SAVED', 'DRAFT_READY']);
    expect(saves(model, ownerOfficer, { text: 'Sửa câu chữ' })).toEqual(['DRAFT_SAVED']);
    act(model, 'submit', ownerHead);
    expect(model.state).toBe('AWAITING_APPROVAL');
    act(model, 'return', deputyInCharge, { comment: 'Bổ sung số liệu' });
    expect(model.state).toBe('DRAFTING');
    // The progress never left 100 %: the redraft is the new round's hand-off all the same, once.
    expect(saves(model, ownerOfficer, { text: 'Đã bổ sung số liệu' })).toEqual(['DRAFT_SAVED', 'DRAFT_READY']);
    expect(saves(model, ownerOfficer, { text: 'Đã bổ sung số liệu.' })).toEqual(['DRAFT_SAVED']);

    // The head redrafting himself after the return needs no hand-off, and the officer's later save is not one either.
    const byHead = roundOf(true);
    saves(byHead, ownerOfficer, { text: 'Dự thảo', progressPercent: 100 });
    act(byHead, 'submit', ownerHead);
    act(byHead, 'return', deputyInCharge, { comment: 'Bổ sung' });
    expect(saves(byHead, ownerHead, { text: 'Trưởng đơn vị sửa' })).toEqual(['DRAFT_SAVED']);
    expect(saves(byHead, ownerOfficer, { text: 'Cán bộ sửa thêm' })).toEqual(['DRAFT_SAVED']);

    // Below 100 % after the return, then back: told when it is ready again.
    const lowered = roundOf(true);
    saves(lowered, ownerOfficer, { text: 'Dự thảo', progressPercent: 100 });
    act(lowered, 'submit', ownerHead);
    act(lowered, 'return', deputyInCharge, { comment: 'Làm lại' });
    expect(saves(lowered, ownerOfficer, { progressPercent: 50 })).toEqual(['DRAFT_SAVED']);
    expect(saves(lowered, ownerOfficer, { progressPercent: 100 })).toEqual(['DRAFT_SAVED', 'DRAFT_READY']);

    // An execution from before the patch: the redraft at 100 % after a return stays silent, as it was recorded.
    const older = roundOf(false);
    expect(saves(older, ownerOfficer, { text: 'Dự thảo', progressPercent: 100 })).toEqual(['DRAFT_SAVED', 'DRAFT_READY']);
    act(older, 'submit', ownerHead);
    act(older, 'return', deputyInCharge, { comment: 'Bổ sung' });
    expect(saves(older, ownerOfficer, { text: 'Đã bổ sung' })).toEqual(['DRAFT_SAVED']);
  });
});
