import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { CalendarDate } from '@app/domain';
import type { MilestoneSpec, TaskAction } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { TASK_ACTIONS } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { createApiApp } from '../../apps/api/src/bootstrap-app';
import { LifecycleDriver } from '../lifecycle/support';
import { giveDemoPasswords } from '../support/auth';
import { env, eventually, maybeRecordHistory, seedTestOrganization, useStack } from '../support/stack';
import { People, provisionGroupTask, provisionTask, route, TODAY } from './support';

type Body = Record<string, unknown>;

/**
 * The permission matrix (WORKFLOW.md "People and what they may do"; issue 6): every kind of person
 * × every endpoint of the task API × a task of their own unit, of a coordinating unit, of another
 * unit, of their portfolio or not, of another organization. Every cell is asserted.
 *
 * The task under test is led by Phòng CCHC with Thanh tra Sở coordinating: both are in deputy A's
 * portfolio, none in deputy B's. Văn phòng Sở is the monitor. Reads go over HTTP; each action is
 * tried over HTTP by everybody who must be refused (nothing changes), then accepted by everybody
 * who may, each on a task prepared in the state the action needs (through the workflow client).
 */

/** Who is who (demo logins; "B:" another organization; "x>giamdoc" signs KT. for the director). */
const PEOPLE = {
  officer: 'cchc.chuyenvien',
  unitHead: 'cchc.truongphong',
  coordinatingHead: 'ttra.truongphong',
  coordinatingOfficer: 'ttra.chuyenvien',
  otherUnitOfficer: 'btg.chuyenvien',
  otherUnitHead: 'btg.truongphong',
  monitor: 'vp.chuyenvien',
  deputyInPortfolio: 'pgd.a',
  deputyOutOfPortfolio: 'pgd.b',
  director: 'giamdoc',
  ktDeputy: 'pgd.b>giamdoc',
  admin: 'quantri',
  otherOrganizationDirector: 'B:giamdoc',
} as const;
type Who = keyof typeof PEOPLE;
const EVERYBODY = Object.keys(PEOPLE) as Who[];

/** Who may see a task led by CCHC with TTRA coordinating. */
const SEES: Who[] = ['officer', 'unitHead', 'coordinatingHead', 'coordinatingOfficer', 'monitor', 'deputyInPortfolio', 'director', 'ktDeputy'];
const LEADERS: Who[] = ['deputyInPortfolio', 'director', 'ktDeputy'];

/** What a refused person gets: another organization's task does not exist; an unseen one is refused; else the workflow refuses. */
function refusalOf(who: Who, workflowCode = 'FORBIDDEN'): [number, string] {
  if (who === 'otherOrganizationDirector') return [404, 'TASK_NOT_FOUND'];
  if (!SEES.includes(who)) return [403, 'TASK_ACCESS_DENIED'];
  return [403, workflowCode];
}

const due = CalendarDate.addDays(TODAY, 30);
const YEAR = TODAY.slice(0, 4);
const EVENT: MilestoneSpec = { label: 'Sau khi UBND tỉnh ban hành', kind: 'event', due: null, start: null, until: null, trigger: 'Sau khi UBND tỉnh ban hành', recurrence: null };
const RECURRING: MilestoneSpec = { label: 'Thường xuyên', kind: 'recurring', due: null, start: null, until: null, trigger: null, recurrence: 'reporting-calendar' };
const ROUNDS = ['Q1', 'H1', 'Q3', 'Y'].map((r) => `${YEAR}-${r}`);

/** A valid body of every action (validation comes before permissions: a refusal must be about who, not what). */
const BODIES: Record<TaskAction, Body> = {
  saveDraft: { text: 'Dự thảo' },
  nameCoordinatingUnits: { unitCodes: ['TTRA'] },
  submit: {},
  review: { opinion: 'agree' },
  approve: { comment: 'Đồng ý' },
  return: { comment: 'Bổ sung' },
  reject: { reason: 'Không phù hợp' },
  cancel: { reason: 'Không còn cần thiết' },
  requestExtension: { reason: 'Chờ số liệu', newDueOn: CalendarDate.addDays(due, 10) },
  decideExtension: { decision: 'refuse', comment: 'Không đủ lý do' },
  reassign: { unitCode: 'TTLT', reason: 'Đúng chức năng' },
  raiseBlocker: { text: 'Thiếu kinh phí' },
  resolveBlocker: { blockerId: 'set-per-task', resolution: 'Đã bố trí' },
  recordTrigger: { eventDate: TODAY, description: 'UBND tỉnh ban hành Quy chế' },
  comment: { text: 'Ý kiến' },
  submitReport: { roundKey: ROUNDS[0], text: 'Báo cáo kỳ' },
  acknowledgeReport: { roundKey: ROUNDS[0] },
  remind: { message: 'Đề nghị khẩn trương hoàn thành' },
  // The lead unit's officer (its id is set per task by the case below).
  assign: { assigneeUserId: '00000000-0000-4000-8000-000000000000', note: 'Đồng chí chủ động thực hiện' },
  // The file steps are not JSON bodies: a multipart upload, and DELETE of the file (its id set per task).
  recordAttachment: {},
  removeAttachment: { fileId: '00000000-0000-4000-8000-000000000000' },
};

interface Prepared {
  taskId: string;
  /** Body overrides for this task (a blocker's id, a round key). */
  body?: Body;
}

interface ActionCase {
  action: TaskAction;
  allowed: Who[];
  /** The workflow's refusal for people who see the task but may not act (default FORBIDDEN). */
  workflowRefusal?: Partial<Record<Who, string>>;
  /**
   * Prepares tasks in the state the action needs: `count` of them. The refusals are tried on the
   * first; each allowed person then acts on the next one, or all on the first when `shared`.
   */
  prepare: (count: number) => Promise<Prepared[]>;
  shared?: boolean;
}

describe('permission matrix: every role × every endpoint × own/other unit, portfolio, organization', () => {
  const stack = useStack('api-permissions');
  let app: INestApplication;
  let people: People;
  let driver: LifecycleDriver;
  let n = 0;
  let readTask: string;
  let foreignTask: string;
  const attachmentsDir = join(env('PLANFLOW_TEST_DIR'), 'api-permissions-attachments');
  const savedEnv = { ...process.env };

  const who = (w: Who) => PEOPLE[w];
  /** An action over its endpoint: POST /tasks/:id/<route> with a JSON body, or the file steps' own (ACTIONS[action].endpoint). */
  const act = (w: Who, taskId: string, action: TaskAction, body: Body) => {
    if (action === 'recordAttachment') return people.upload(who(w), `/tasks/${taskId}/attachments`, Buffer.from(`Tệp của ${w}\n`), `tep-${w}.txt`);
    if (action === 'removeAttachment') return people.delete(who(w), `/tasks/${taskId}/attachments/${String(body.fileId)}`);
    return people.post(who(w), `/tasks/${taskId}/${route(action)}`, body);
  };
  /** The stored files of a task on disk (ATTACHMENTS_DIR/<organization>/<task>/). */
  const filesOnDisk = async (taskId: string): Promise<string[]> => readdir(join(attachmentsDir, stack.org.organizationId, taskId)).catch(() => []);
  const filesOf = async (taskId: string) =>
    (await stack.ds.query(`SELECT count(*)::int AS n FROM attachments WHERE task_id = $1`, [taskId]))[0].n as number;

  /** A task led by CCHC with TTRA coordinating, moved by the workflow client to where the action needs it. */
  const task = async (opts: { state?: 'fresh' | 'drafted' | 'inReview' | 'awaitingApproval' | 'extensionPending' | 'event' | 'recurring' } = {}) => {
    const state = opts.state ?? 'fresh';
    n += 1;
    const { taskId, workflowId } = await provisionTask(stack, {
      key: `matrix-${n}`,
      title: `Nhiệm vụ ma trận quyền ${n}`,
      owner: 'CCHC',
      coordinating: ['TTRA'],
      dueOn: state === 'event' ? null : state === 'recurring' ? undefined : due,
      initialState: state === 'event' ? 'PENDING_TRIGGER' : 'DRAFTING',
      milestones: state === 'event' ? [EVENT] : state === 'recurring' ? [RECURRING] : undefined,
      planEndsOn: state === 'recurring' ? `${YEAR}-12-31` : null,
    });
    if (['drafted', 'inReview', 'awaitingApproval'].includes(state)) await driver.act(workflowId, 'saveDraft', 'cchc.chuyenvien', { text: 'Dự thảo' });
    if (['inReview', 'awaitingApproval'].includes(state)) await driver.act(workflowId, 'submit', 'cchc.truongphong');
    if (state === 'awaitingApproval') await driver.act(workflowId, 'review', 'ttra.truongphong', { opinion: 'agree' });
    if (state === 'extensionPending') await driver.act(workflowId, 'requestExtension', 'cchc.truongphong', { reason: 'Chờ số liệu', newDueOn: CalendarDate.addDays(due, 5) });
    if (state === 'recurring') {
      await eventually('report rounds open', async () => (await driver.commands.snapshot(workflowId)).rounds?.every((r) => r.state === 'OPEN'));
    }
    return { taskId, workflowId };
  };
  type State = NonNullable<Parameters<typeof task>[0]>['state'];
  const many = (count: number, state: State) => Promise.all(Array.from({ length: count }, () => task({ state })));

  const CASES: ActionCase[] = [
    { action: 'saveDraft', allowed: ['officer', 'unitHead'], shared: true, prepare: () => many(1, 'fresh') },
    { action: 'nameCoordinatingUnits', allowed: ['unitHead', ...LEADERS], shared: true, prepare: () => many(1, 'fresh') },
    { action: 'submit', allowed: ['unitHead'], prepare: (c) => many(c, 'drafted') },
    {
      action: 'review',
      allowed: ['coordinatingHead'],
      // The coordinating unit's officer is refused as not its head; everybody else as not a reviewer.
      workflowRefusal: Object.fromEntries(SEES.filter((w) => w !== 'coordinatingOfficer').map((w) => [w, 'NOT_A_REVIEWER'])),
      prepare: (c) => many(c, 'inReview'),
    },
    { action: 'approve', allowed: LEADERS, prepare: (c) => many(c, 'awaitingApproval') },
    { action: 'return', allowed: LEADERS, prepare: (c) => many(c, 'awaitingApproval') },
    { action: 'reject', allowed: LEADERS, prepare: (c) => many(c, 'awaitingApproval') },
    { action: 'cancel', allowed: LEADERS, prepare: (c) => many(c, 'fresh') },
    { action: 'requestExtension', allowed: ['unitHead'], prepare: (c) => many(c, 'fresh') },
    { action: 'decideExtension', allowed: LEADERS, prepare: (c) => many(c, 'extensionPending') },
    { action: 'reassign', allowed: LEADERS, prepare: (c) => many(c, 'fresh') },
    { action: 'raiseBlocker', allowed: ['unitHead'], shared: true, prepare: () => many(1, 'fresh') },
    {
      action: 'resolveBlocker',
      allowed: ['monitor', ...LEADERS],
      prepare: async (c) => {
        const t = await task();
        const out: Prepared[] = [];
        for (let i = 0; i < c; i++) {
          const s = await driver.act(t.workflowId, 'raiseBlocker', 'cchc.truongphong', { text: `Vướng mắc ${i + 1}` });
          out.push({ taskId: t.taskId, body: { blockerId: s.blockers!.at(-1)!.id } });
        }
        return out;
      },
    },
    { action: 'recordTrigger', allowed: ['monitor', ...LEADERS], prepare: (c) => many(c, 'event') },
    { action: 'comment', allowed: SEES, shared: true, prepare: () => many(1, 'fresh') },
    { action: 'submitReport', allowed: ['unitHead'], prepare: (c) => many(c, 'recurring') },
    {
      action: 'acknowledgeReport',
      allowed: ['monitor', ...LEADERS],
      prepare: async (c) => {
        const t = await task({ state: 'recurring' });
        for (const round of ROUNDS) await driver.act(t.workflowId, 'submitReport', 'cchc.truongphong', { roundKey: round, text: `Báo cáo ${round}` });
        return ROUNDS.slice(0, c).map((roundKey) => ({ taskId: t.taskId, body: { roundKey } }));
      },
    },
    // One reminder per sender and day: each leader and the monitor on the same task.
    { action: 'remind', allowed: ['monitor', ...LEADERS], shared: true, prepare: () => many(1, 'fresh') },
    // Giao cho cán bộ: the lead unit's head and leadership, to the unit's officer.
    {
      action: 'assign',
      allowed: ['unitHead', ...LEADERS],
      prepare: async (c) => {
        const [officer] = await stack.ds.query(`SELECT id FROM users WHERE organization_id = $1 AND username LIKE '%cchc.chuyenvien'`, [stack.org.organizationId]);
        return (await many(c, 'fresh')).map((t) => ({ taskId: t.taskId, body: { assigneeUserId: officer.id } }));
      },
    },
    // Tải tệp lên while the task is being drafted: the lead unit only (the other states below).
    {
      action: 'recordAttachment',
      allowed: ['officer', 'unitHead'],
      shared: true,
      workflowRefusal: Object.fromEntries(SEES.map((w) => [w, 'UPLOAD_NOT_ALLOWED'])),
      prepare: () => many(1, 'fresh'),
    },
    // Gỡ tệp: the officer's own uploads; everybody else who sees the task is told it is not theirs.
    {
      action: 'removeAttachment',
      allowed: ['officer'],
      workflowRefusal: Object.fromEntries(SEES.map((w) => [w, 'ATTACHMENT_NOT_YOURS'])),
      prepare: async () => {
        const t = await task();
        const up = await act('officer', t.taskId, 'recordAttachment', {});
        expect(up.status).toBe(201);
        return [{ taskId: t.taskId, body: { fileId: up.body.id } }];
      },
    },
  ];

  beforeAll(async () => {
    process.env.ATTACHMENTS_DIR = attachmentsDir;
    const other = await seedTestOrganization(stack.ds);
    await giveDemoPasswords(stack.ds, stack.org.organizationId);
    await giveDemoPasswords(stack.ds, other.organizationId);
    app = await createApiApp();
    await app.init();
    people = new People(app, { A: stack.org.code, B: other.code });
    driver = new LifecycleDriver(stack);
    ({ taskId: readTask } = await task());
    const [foreign] = await stack.ds.query(
      `INSERT INTO tasks (organization_id, title, state, status_word, workflow_id) VALUES ($1, 'Nhiệm vụ của cơ quan khác', 'DRAFTING', 'OPEN_ON_TIME', $2) RETURNING id`,
      [other.organizationId, `matrix-foreign-${other.code}`],
    );
    foreignTask = foreign.id;
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    process.env = savedEnv;
  });

  it('covers every action of the workflow contract', () => {
    expect(CASES.map((c) => c.action).sort()).toEqual([...TASK_ACTIONS].sort());
  });

  describe('reads', () => {
    it.each(EVERYBODY)('%s: GET /tasks/:id and /tasks/:id/history', async (w) => {
      const expected = refusalOf(w);
      for (const url of [`/tasks/${readTask}`, `/tasks/${readTask}/history`]) {
        const res = await people.get(who(w), url);
        if (SEES.includes(w)) expect([url, res.status]).toEqual([url, 200]);
        else expect([url, res.status, res.body.code]).toEqual([url, ...expected]);
      }
      // A task of another organization: for everybody of this one it does not exist.
      if (w !== 'otherOrganizationDirector') {
        const foreign = await people.get(who(w), `/tasks/${foreignTask}`);
        expect([foreign.status, foreign.body.code]).toEqual([404, 'TASK_NOT_FOUND']);
      }
    });

    it.each(EVERYBODY)('%s: GET /tasks lists the task exactly when its detail is allowed', async (w) => {
      const res = await people.get(who(w), '/tasks', { limit: 200 });
      expect(res.status).toBe(200);
      const ids = res.body.items.map((t: { id: string }) => t.id);
      expect(ids.includes(readTask)).toBe(SEES.includes(w));
      expect(ids.includes(foreignTask)).toBe(w === 'otherOrganizationDirector');
    });

    it.each(EVERYBODY)('%s: GET /me/inbox (draft box: the lead unit’s staff only), /me/inbox/counts, /me/notifications', async (w) => {
      const draft = await people.get(who(w), '/me/inbox', { box: 'draft', limit: 200 });
      expect(draft.status).toBe(200);
      expect(draft.body.items.map((t: { id: string }) => t.id).includes(readTask)).toBe(w === 'officer' || w === 'unitHead');
      const counts = await people.get(who(w), '/me/inbox/counts');
      expect(counts.status).toBe(200);
      expect(Object.keys(counts.body).sort()).toEqual(['approve', 'draft', 'escalated', 'extensions', 'mine', 'notifications', 'overdue', 'review', 'waiting']);
      expect((await people.get(who(w), '/me/notifications')).status).toBe(200);
    });

    it('the administrator manages the directory, not tasks: no task is visible and every box is empty', async () => {
      const counts = await people.get(who('admin'), '/me/inbox/counts');
      expect(counts.body).toEqual({ draft: 0, review: 0, approve: 0, extensions: 0, escalated: 0, overdue: 0, waiting: 0, mine: 0, notifications: 0 });
      expect((await people.get(who('admin'), '/tasks')).body.items).toEqual([]);
    });
  });

  describe('actions', () => {
    it.each(CASES.map((c) => [c.action, c] as const))('%s: refused to everybody else, accepted for each who may', async (_action, c) => {
      const prepared = await c.prepare(c.shared ? 1 : Math.max(1, c.allowed.length));
      const denied = EVERYBODY.filter((w) => !c.allowed.includes(w));
      const first = prepared[0];
      // People's events only: the task's own timers (a report round's deadline ladder) may fire meanwhile.
      const peoplesEvents = async () =>
        (await stack.ds.query(`SELECT count(*)::int AS n FROM task_events WHERE task_id = $1 AND actor_user_id IS NOT NULL`, [first.taskId]))[0].n as number;
      const before = await peoplesEvents();

      const refusals = await Promise.all(
        denied.map(async (w) => {
          const res = await act(w, first.taskId, c.action, { ...BODIES[c.action], ...first.body });
          return [w, res.status, res.body.code];
        }),
      );
      expect(refusals).toEqual(denied.map((w) => [w, ...refusalOf(w, c.workflowRefusal?.[w])]));
      expect(await peoplesEvents()).toBe(before); // nothing of a refused action is stored
      const files = await filesOf(first.taskId);
      expect(files).toBe(c.action === 'removeAttachment' ? 1 : 0); // a refused upload leaves no file

      const accepted: Array<[Who, number, string | undefined]> = [];
      for (const [i, w] of c.allowed.entries()) {
        const target = c.shared ? first : (prepared[i] ?? prepared[0]);
        const res = await act(w, target.taskId, c.action, { ...BODIES[c.action], ...target.body });
        accepted.push([w, res.status, res.body.code]);
      }
      const created = c.action === 'recordAttachment' ? 201 : 200;
      expect(accepted).toEqual(c.allowed.map((w) => [w, created, undefined]));
    });
  });

  describe('files by state (issue 17: uploads by role and state, every upload and removal in the history)', () => {
    it('reviewers while their opinion is awaited, leaders while the task awaits them; a submitted file stays; a removed one is gone', async () => {
      const t = await task({ state: 'drafted' });
      const upload = async (w: Who) => {
        const res = await act(w, t.taskId, 'recordAttachment', {});
        return [w, res.status, res.body.code ?? res.body.id] as const;
      };
      const [, , kept] = await upload('officer');
      const [, , spare] = await upload('officer');
      const saved = await people.post(who('officer'), `/tasks/${t.taskId}/save-draft`, { attachments: [{ fileId: kept, name: 'tep-officer.txt' }] });
      expect(saved.status).toBe(200);
      expect((await people.post(who('unitHead'), `/tasks/${t.taskId}/submit`, {})).status).toBe(200);

      // In review: the coordinating unit (head or officer) until it gave its opinion; not the lead unit.
      expect((await upload('officer')).slice(0, 2)).toEqual(['officer', 403]);
      expect((await upload('monitor')).slice(0, 3)).toEqual(['monitor', 403, 'UPLOAD_NOT_ALLOWED']);
      expect((await upload('coordinatingOfficer'))[1]).toBe(201);
      const inUse = await act('officer', t.taskId, 'removeAttachment', { fileId: kept });
      expect([inUse.status, inUse.body.code]).toEqual([409, 'ATTACHMENT_IN_USE']);
      const removed = await act('officer', t.taskId, 'removeAttachment', { fileId: spare });
      expect(removed.status).toBe(200);
      expect(removed.body.attachment).toMatchObject({ id: spare, name: 'tep-officer.txt' });
      expect((await people.get(who('officer'), `/attachments/${spare}`)).status).toBe(404);
      expect((await people.get(who('officer'), `/tasks/${t.taskId}/attachments`)).body.map((a: { id: string }) => a.id)).not.toContain(spare);
      expect(await filesOnDisk(t.taskId)).not.toContain(spare);
      const again = await act('officer', t.taskId, 'removeAttachment', { fileId: spare });
      expect([again.status, again.body.code]).toEqual([404, 'ATTACHMENT_NOT_FOUND']);

      // Awaiting approval: leadership that decides the task, "KT." within its grant; not a deputy outside the portfolio.
      expect((await people.post(who('coordinatingHead'), `/tasks/${t.taskId}/review`, { opinion: 'agree' })).status).toBe(200);
      expect(await Promise.all((['coordinatingOfficer', 'deputyOutOfPortfolio', 'deputyInPortfolio', 'ktDeputy', 'director'] as Who[]).map(async (w) => (await upload(w)).slice(0, 2)))).toEqual([
        ['coordinatingOfficer', 403],
        ['deputyOutOfPortfolio', 403],
        ['deputyInPortfolio', 201],
        ['ktDeputy', 201],
        ['director', 201],
      ]);
      const rows = await filesOf(t.taskId);
      expect(rows).toBe(5); // kept, the reviewer's and three leaders'
      expect((await filesOnDisk(t.taskId)).length).toBe(rows); // a refused upload left nothing on disk

      // The history: each upload and the removal, with name, size, SHA-256 and who.
      const history = await people.get(who('officer'), `/tasks/${t.taskId}/history`, { limit: 100 });
      const files = (history.body.items as Array<Body & { type: string; payload: Body }>).filter((e) => e.type.startsWith('ATTACHMENT_')).reverse();
      expect(files.map((e) => e.type)).toEqual(['ATTACHMENT_UPLOADED', 'ATTACHMENT_UPLOADED', 'ATTACHMENT_UPLOADED', 'ATTACHMENT_REMOVED', 'ATTACHMENT_UPLOADED', 'ATTACHMENT_UPLOADED', 'ATTACHMENT_UPLOADED']);
      expect(files[3]).toMatchObject({
        label: 'Đã gỡ tệp',
        actor: { unitCode: 'CCHC' },
        payload: { fileId: spare, name: 'tep-officer.txt', size: Buffer.byteLength('Tệp của officer\n'), sha256: expect.stringMatching(/^[0-9a-f]{64}$/), removedFromDraft: false },
      });
      expect(files[0]).toMatchObject({ label: 'Đã tải lên tệp', payload: { fileId: kept, uploadedBy: files[0].actorUserId } });
      // KT.: the deputy uploaded, signing for the director: both names kept.
      expect(files.filter((e) => e.onBehalfOf).map((e) => [e.type, (e.onBehalfOf as Body).fullName === (e.actor as Body).fullName])).toEqual([['ATTACHMENT_UPLOADED', false]]);
      // RECORD_HISTORIES=1: the replay fixture of the file steps (patch attachment-events-v1).
      await maybeRecordHistory(stack.client, t.workflowId, 'files-upload-remove-review');
    });
  });

  describe('group-led rows (workflow groupTask): only cancel and recordTrigger', () => {
    it('every other action is 422 ACTION_NOT_SUPPORTED; cancel is the director’s; the event is the monitor’s or the director’s', async () => {
      const group = await provisionGroupTask(stack, { key: 'matrix-group', title: 'Nhiệm vụ của các đơn vị', units: ['BTG', 'TTLT'] });
      const others = TASK_ACTIONS.filter((a) => a !== 'cancel' && a !== 'recordTrigger');
      const answers = await Promise.all(others.map(async (a) => [a, (await act('director', group.taskId, a, BODIES[a])).body.code]));
      expect(answers).toEqual(others.map((a) => [a, 'ACTION_NOT_SUPPORTED']));
      // Units outside the row do not see it; a deputy whose portfolio holds one of its units does, but cancels nothing.
      expect((await act('officer', group.taskId, 'comment', BODIES.comment)).body.code).toBe('TASK_ACCESS_DENIED');
      const deputy = await act('deputyInPortfolio', group.taskId, 'cancel', BODIES.cancel);
      expect([deputy.status, deputy.body.code]).toEqual([403, 'FORBIDDEN']);
      const stale = await people.post(who('director'), `/tasks/${group.taskId}/cancel`, BODIES.cancel, { 'If-Match': '"0"' });
      expect([stale.status, stale.body.code]).toEqual([409, 'STALE_VERSION']);
      const cancelled = await act('director', group.taskId, 'cancel', BODIES.cancel);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.snapshot).toMatchObject({ taskId: group.taskId });

      const waiting = await provisionGroupTask(stack, { key: 'matrix-group-event', title: 'Nhiệm vụ chờ sự kiện của các đơn vị', units: ['BTG', 'TTLT'], initialState: 'PENDING_TRIGGER' });
      const head = await act('otherUnitHead', waiting.taskId, 'recordTrigger', BODIES.recordTrigger); // BTG leads its share: sees it, may not record
      expect([head.status, head.body.code]).toEqual([403, 'FORBIDDEN']);
      const recorded = await act('monitor', waiting.taskId, 'recordTrigger', BODIES.recordTrigger);
      expect(recorded.status).toBe(200);
      expect(recorded.body.task).toMatchObject({ isGroup: true, state: 'DRAFTING' });
    });
  });
});
