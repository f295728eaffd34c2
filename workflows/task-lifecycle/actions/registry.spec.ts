import { defaultVietnamCalendar } from '../../../libs/domain/src/calendar/working-calendar';
import { EVENT_LABELS } from '../event-labels';
import { TASK_EVENT_TYPES } from '../events';
import { Actor, TASK_ACTIONS, TaskAction, TaskLifecycleInput, UnitRef } from '../task-lifecycle.contract';
import { applyAction, applyTimers, checkAction, EventDraft, initModel, MachineContext, Refusal, TaskModel } from '../task-machine';
import { ACTION_ROUTES, ACTIONS, availableActionsOf, EVENT_RULES } from './index';

/**
 * The registry as one source: for every situation a task can be in and every kind of person, the
 * actions `availableActions` lists are exactly the ones the workflow's validator accepts (with the
 * module's own example input), so the task page never offers a button the workflow refuses, and
 * never hides one it would accept. The permission matrix below is generated from the registry.
 */

const calendar = defaultVietnamCalendar();
const at = (iso: string): MachineContext => ({ nowMs: Date.parse(iso), calendar });
const ctx = at('2025-03-03T03:00:00Z'); // Monday, 10:00 in Vietnam
const ORG = 'org-a';
const unit = (code: string): UnitRef => ({ unitId: `unit-${code.toLowerCase()}`, unitCode: code });
const [CCHC, TTRA, CCVC, VP, TCBC] = ['CCHC', 'TTRA', 'CCVC', 'VP', 'TCBC'].map(unit);
const person = (userId: string, u: UnitRef | null, roles: string[], extra: Partial<Actor> = {}): Actor => ({ userId, unitId: u?.unitId ?? null, roles, organizationId: ORG, ...extra });
const director = person('gd', null, ['director']);

const PEOPLE = {
  ownerOfficer: person('cv-cchc', CCHC, ['officer']),
  ownerHead: person('tp-cchc', CCHC, ['unitHead']),
  coordHead: person('tp-ttra', TTRA, ['unitHead']),
  coordOfficer: person('cv-ttra', TTRA, ['officer']),
  otherHead: person('tp-ccvc', CCVC, ['unitHead']),
  monitor: person('cv-vp', VP, ['officer', 'monitor']),
  deputyInCharge: person('pgd-a', null, ['deputyDirector'], { portfolioUnitIds: [CCHC.unitId, TTRA.unitId] }),
  deputyNotInCharge: person('pgd-b', null, ['deputyDirector'], { portfolioUnitIds: [TCBC.unitId, CCVC.unitId] }),
  director,
  ktDeputy: person('pgd-b', null, ['deputyDirector'], { portfolioUnitIds: [TCBC.unitId], onBehalfOfUserId: 'gd', onBehalfOfRoles: ['director'] }),
  admin: person('admin', null, ['admin']),
  foreignDirector: person('gd-x', null, ['director'], { organizationId: 'org-b' }),
} satisfies Record<string, Actor>;

let keys = 0;
const act = (m: TaskModel, action: TaskAction, actor: Actor, fields: Record<string, unknown> = {}, c = ctx): EventDraft[] => {
  const input = { actor, idempotencyKey: `k-${++keys}`, ...fields };
  checkAction(m, action, input, c);
  const events = applyAction(m, action, input, c);
  m.version += events.length;
  return events;
};

const base = (extra: Partial<TaskLifecycleInput> = {}): TaskModel =>
  initModel(
    {
      taskId: 't-1',
      organizationId: ORG,
      organizationCode: 'A',
      planId: null,
      ownerUnitCode: 'CCHC',
      ownerUnitId: CCHC.unitId,
      title: 'Nhiệm vụ',
      dueOn: '2025-06-30',
      initialState: 'DRAFTING',
      coordinatingUnits: [TTRA],
      ...extra,
    },
    ctx,
  );
const drafted = () => {
  const m = base();
  act(m, 'saveDraft', PEOPLE.ownerOfficer, { text: 'Dự thảo' });
  return m;
};
const inReview = () => {
  const m = drafted();
  act(m, 'submit', PEOPLE.ownerHead);
  return m;
};
const awaitingApproval = () => {
  const m = inReview();
  act(m, 'review', PEOPLE.coordHead, { opinion: 'agree' });
  return m;
};
const recurring = () =>
  base({ dueOn: null, planEndsOn: '2025-12-31', milestones: [{ label: 'Thường xuyên', kind: 'recurring', due: null, start: '2025-01-01', until: '2025-12-31', trigger: null, recurrence: 'quarterly' }] });

const SITUATIONS: Record<string, () => TaskModel> = {
  'drafting, nothing written': () => base(),
  'drafting with a draft': drafted,
  'units to be named': () => {
    const m = base({ coordinatingUnits: [], coordinatingToBeNamed: true });
    act(m, 'saveDraft', PEOPLE.ownerOfficer, { text: 'Dự thảo' });
    return m;
  },
  'in review': inReview,
  'awaiting approval': awaitingApproval,
  'returned after a disagreement': () => {
    const m = inReview();
    act(m, 'review', PEOPLE.coordHead, { opinion: 'disagree', comment: 'Chưa đạt' });
    return m;
  },
  'extension pending': () => {
    const m = drafted();
    act(m, 'requestExtension', PEOPLE.ownerHead, { reason: 'Chờ số liệu', newDueOn: '2025-09-30' });
    return m;
  },
  'extension used up': () => {
    const m = drafted();
    act(m, 'requestExtension', PEOPLE.ownerHead, { reason: 'Chờ số liệu', newDueOn: '2025-09-30' });
    act(m, 'decideExtension', PEOPLE.deputyInCharge, { decision: 'grant' });
    return m;
  },
  'open blocker': () => {
    const m = drafted();
    act(m, 'raiseBlocker', PEOPLE.ownerHead, { text: 'Thiếu kinh phí' });
    return m;
  },
  'reminded today by the director': () => {
    const m = drafted();
    act(m, 'remind', director, {});
    return m;
  },
  'waiting for its event': () => base({ dueOn: null, initialState: 'PENDING_TRIGGER' }),
  'recurring, a round open': () => {
    const m = recurring();
    applyTimers(m, at('2025-04-01T03:00:00Z'));
    return m;
  },
  'recurring, a round submitted': () => {
    const m = recurring();
    applyTimers(m, ctx);
    const open = m.rounds.find((r) => r.state === 'OPEN')!;
    act(m, 'submitReport', PEOPLE.ownerHead, { roundKey: open.key, text: 'Báo cáo' });
    return m;
  },
  completed: () => {
    const m = awaitingApproval();
    act(m, 'approve', PEOPLE.deputyInCharge);
    return m;
  },
};

const accepted = (m: TaskModel, action: TaskAction, actor: Actor): boolean => {
  try {
    checkAction(m, action, { actor, idempotencyKey: `probe-${++keys}`, ...ACTIONS[action].example(m, actor) }, ctx);
    return true;
  } catch (err) {
    if (err instanceof Refusal) return false;
    throw err;
  }
};

describe('action registry', () => {
  it('has one module per action of the contract, each with its route, label, who and needs', () => {
    expect(Object.keys(ACTIONS)).toEqual([...TASK_ACTIONS]);
    for (const [name, a] of Object.entries(ACTIONS)) {
      expect(a.name).toBe(name);
      // The file steps have their own endpoints (multipart upload, DELETE); the others are POST /tasks/:id/<kebab-case>.
      if (a.endpoint) expect(a.endpoint).toMatch(/^(POST|DELETE) \/tasks\/:id\/attachments/);
      else expect(ACTION_ROUTES[a.name]).toBe(name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`));
      expect(a.label).toMatch(/\S/);
      expect(a.who).toMatch(/[àáảãạăâđêôơưếềểễệốồổỗộớờởỡợứừửữựíìỉĩịýỳỷỹỵéèẻẽẹóòỏõọúùủũụ]/i);
    }
  });

  it('declares a recipient rule and a label for every event type; every event an action emits is one it declares', () => {
    expect(Object.keys(EVENT_RULES).sort()).toEqual([...TASK_EVENT_TYPES].sort());
    expect(Object.keys(EVENT_LABELS).sort()).toEqual([...TASK_EVENT_TYPES].sort());
    for (const make of Object.values(SITUATIONS)) {
      const m = make();
      for (const kind of Object.keys(PEOPLE) as Array<keyof typeof PEOPLE>) {
        for (const { action } of availableActionsOf(m, PEOPLE[kind], ctx)) {
          const copy = structuredClone(m);
          const events = applyAction(copy, action, { actor: PEOPLE[kind], idempotencyKey: `apply-${++keys}`, ...ACTIONS[action].example(copy, PEOPLE[kind]) }, ctx);
          expect(events.length).toBeGreaterThan(0);
          for (const e of events) expect(Object.keys(ACTIONS[action].events)).toContain(e.type);
        }
      }
    }
  });

  describe.each(Object.entries(SITUATIONS))('%s', (_name, make) => {
    it.each(Object.keys(PEOPLE) as Array<keyof typeof PEOPLE>)('availableActions of %s are exactly what the validator accepts', (kind) => {
      const m = make();
      const listed = availableActionsOf(m, PEOPLE[kind], ctx).map((a) => a.action);
      expect(listed).toEqual(TASK_ACTIONS.filter((action) => accepted(m, action, PEOPLE[kind])));
    });
  });

  it('the permission matrix of a task being drafted, generated from the registry', () => {
    const m = drafted();
    const matrix = Object.fromEntries(
      TASK_ACTIONS.map((action) => [action, (Object.keys(PEOPLE) as Array<keyof typeof PEOPLE>).filter((k) => accepted(m, action, PEOPLE[k]))]),
    );
    // What WORKFLOW.md says of a drafting task, read off the registry's checks.
    expect(matrix).toEqual({
      saveDraft: ['ownerOfficer', 'ownerHead'],
      nameCoordinatingUnits: ['ownerHead', 'deputyInCharge', 'director', 'ktDeputy'],
      submit: ['ownerHead'],
      review: [],
      approve: [],
      return: [],
      reject: [],
      cancel: ['deputyInCharge', 'director', 'ktDeputy'],
      requestExtension: ['ownerHead'],
      decideExtension: [],
      reassign: ['deputyInCharge', 'director', 'ktDeputy'],
      raiseBlocker: ['ownerHead'],
      resolveBlocker: [],
      recordTrigger: [],
      comment: ['ownerOfficer', 'ownerHead', 'coordHead', 'coordOfficer', 'monitor', 'deputyInCharge', 'director', 'ktDeputy'],
      submitReport: [],
      acknowledgeReport: [],
      remind: ['monitor', 'deputyInCharge', 'director', 'ktDeputy'],
      assign: ['ownerHead', 'deputyInCharge', 'director', 'ktDeputy'],
      recordAttachment: ['ownerOfficer', 'ownerHead'],
      removeAttachment: ['ownerOfficer', 'ownerHead', 'coordHead', 'coordOfficer', 'monitor', 'deputyInCharge', 'director', 'ktDeputy'],
    });
  });

  it('remind: once per task, sender and day; another sender the same day, the same sender the next day', () => {
    const m = drafted();
    act(m, 'remind', director, { message: 'Khẩn trương' });
    expect(() => checkAction(m, 'remind', { actor: director, idempotencyKey: 'again' }, ctx)).toThrow(expect.objectContaining({ code: 'ALREADY_REMINDED' }));
    expect(act(m, 'remind', PEOPLE.monitor)).toEqual([expect.objectContaining({ type: 'REMINDED', payload: expect.objectContaining({ waitingKind: 'lead_unit', day: '2025-03-03' }) })]);
    const tomorrow = at('2025-03-04T03:00:00Z');
    expect(act(m, 'remind', director, {}, tomorrow)[0].payload).toMatchObject({ day: '2025-03-04', message: null });
  });

  it('the ladders name, in their events, the recipients the registry declares', () => {
    const m = base({ dueOn: '2025-03-05' });
    m.ladder = true;
    m.waitLadders = true;
    const fired = [...applyTimers(m, at('2025-03-06T01:00:00Z')), ...applyTimers(m, at('2025-03-20T03:00:00Z'))];
    expect(fired.map((e) => e.type)).toEqual(expect.arrayContaining(['DEADLINE_PASSED', 'ESCALATED_TO_DEPUTY', 'ESCALATED_TO_DIRECTOR']));
    for (const e of fired) expect(e.payload.notify).toEqual(EVENT_RULES[e.type].recipients);
  });
});
