import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { CalendarDate, defaultVietnamCalendar } from '@app/domain';
import { createApiApp } from '../../apps/api/src/bootstrap-app';
import { seedPlanText } from '../lifecycle/support';
import { giveDemoPasswords } from '../support/auth';
import { env, eventually, seedTestOrganization, useStack } from '../support/stack';
import { NEXT_YEAR as Y, People, provisionTask, route, TODAY, VIETNAMESE } from './support';

type Body = Record<string, unknown>;
interface Summary {
  id: string;
  rowKey: string | null;
  sectionCode: string | null;
  state: string;
  version: number;
}

/**
 * Scenarios 1–4, 6, 7 and 10 of SCENARIOS.md over HTTP with the demo people: the real API app,
 * the real worker process, Temporal and Postgres. The monitor imports seed 003 moved to next year
 * (so no task is overdue) through the import endpoints; drafts attach files uploaded to the task.
 * Scenario 1's preview, errors and the .docx/.xlsx copies are in plans.e2e-spec, scenario 11 in
 * reports.e2e-spec.
 */
describe('tasks over HTTP: scenarios 1–4, 6, 7 and 10', () => {
  const stack = useStack('api-tasks');
  let app: INestApplication;
  let people: People;
  let plan: { planId: string; tasksCreated: number; childTasksCreated: number; tasksExisting: number };
  const calendar = defaultVietnamCalendar();

  /** Task id of a plan row ("II.2"). */
  const rowTask = async (rowKey: string): Promise<string> => {
    const [row] = await stack.ds.query(`SELECT id FROM tasks WHERE plan_id = $1 AND row_key = $2`, [plan.planId, rowKey]);
    if (!row) throw new Error(`no row ${rowKey}`);
    return row.id;
  };
  const act = (who: string, id: string, action: string, body: Body = {}, headers: Record<string, string> = {}) =>
    people.post(who, `/tasks/${id}/${route(action)}`, body, headers);
  const ok = async (who: string, id: string, action: string, body: Body = {}, headers: Record<string, string> = {}): Promise<Body> => {
    const res = await act(who, id, action, body, headers);
    if (res.status !== 200) throw new Error(`${action} by ${who} answered ${res.status}: ${JSON.stringify(res.body)}`);
    expect(res.headers.etag).toBe(`"${res.body.version}"`);
    return res.body.task as Body;
  };
  const detail = async (who: string, id: string): Promise<Body> => {
    const res = await people.get(who, `/tasks/${id}`);
    if (res.status !== 200) throw new Error(`detail for ${who} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const box = async (who: string, name: string, query: Body = {}): Promise<string[]> => {
    const res = await people.get(who, '/me/inbox', { box: name, limit: 200, ...query });
    expect(res.status).toBe(200);
    return (res.body.items as Summary[]).map((t) => t.id);
  };
  /** The monitor uploads seed 003 (moved to year Y) and confirms its preview, warnings accepted. */
  const importOverHttp = async () => {
    const preview = await people.upload('vp.truongphong', '/plans/imports', Buffer.from(seedPlanText(Y)), `ke-hoach-cchc-${Y}.txt`, { year: String(Y) });
    if (preview.status !== 201) throw new Error(`preview answered ${preview.status}: ${JSON.stringify(preview.body)}`);
    const confirmed = await people.post('vp.truongphong', `/plans/imports/${preview.body.id}/confirm`, { acceptWarnings: true });
    if (confirmed.status !== 200) throw new Error(`confirm answered ${confirmed.status}: ${JSON.stringify(confirmed.body)}`);
    return confirmed.body;
  };
  /** A file uploaded to the task by `who`; its id is what a draft references. */
  const attach = async (who: string, id: string, name: string): Promise<{ fileId: string; name: string }> => {
    const res = await people.upload(who, `/tasks/${id}/attachments`, Buffer.from(`Dự thảo ${name}\n`), name);
    if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${JSON.stringify(res.body)}`);
    return { fileId: res.body.id, name };
  };
  /** Officer drafts, head submits, every coordinating head agrees from their review box. */
  const toApproval = async (id: string, unit: string): Promise<Body> => {
    const u = unit.toLowerCase();
    const file = await attach(`${u}.chuyenvien`, id, 'du-thao.txt');
    await ok(`${u}.chuyenvien`, id, 'saveDraft', { text: 'Dự thảo', attachments: [file], progressPercent: 90 });
    let task = await ok(`${u}.truongphong`, id, 'submit');
    for (const code of task.pendingReviewUnitCodes as string[]) {
      expect(await box(`${code.toLowerCase()}.truongphong`, 'review')).toContain(id);
      task = await ok(`${code.toLowerCase()}.truongphong`, id, 'review', { opinion: 'agree' });
    }
    expect(task.state).toBe('AWAITING_APPROVAL');
    return task;
  };

  const savedEnv = { ...process.env };

  beforeAll(async () => {
    // The API starts the plan's workflows on this file's task queue, where its own worker listens.
    Object.assign(process.env, { TEMPORAL_TASK_QUEUE: stack.taskQueue, ATTACHMENTS_DIR: join(env('PLANFLOW_TEST_DIR'), 'api-tasks-attachments') });
    const other = await seedTestOrganization(stack.ds);
    await giveDemoPasswords(stack.ds, stack.org.organizationId);
    await giveDemoPasswords(stack.ds, other.organizationId);
    app = await createApiApp();
    await app.init();
    people = new People(app, { A: stack.org.code, B: other.code });
    plan = await importOverHttp();
    expect(plan).toMatchObject({ tasksCreated: 32, childTasksCreated: 28, tasksExisting: 0 });
    await eventually('every task of the plan created by its workflow', async () => {
      const [{ waiting }] = await stack.ds.query(`SELECT count(*)::int AS waiting FROM tasks WHERE plan_id = $1 AND version = 0`, [plan.planId]);
      return waiting === 0;
    }, 120_000);
  }, 240_000);

  afterAll(async () => {
    await app?.close();
    process.env = savedEnv;
  });

  it('scenario 1 — import: the monitor sees the 32 rows of 7 sections and every unit’s share of the group rows; importing again creates nothing', async () => {
    const list = async (who: string): Promise<Summary[]> => {
      const res = await people.get(who, '/tasks', { planId: plan.planId, limit: 200 });
      expect(res.status).toBe(200);
      expect(res.body.nextCursor).toBeNull();
      return res.body.items;
    };
    const all = await list('vp.truongphong');
    const rows = all.filter((t) => !t.rowKey!.includes('/'));
    expect(rows).toHaveLength(32);
    expect(all).toHaveLength(32 + 28);
    expect([...new Set(rows.map((t) => t.sectionCode))].sort()).toEqual(['I', 'II', 'III', 'IV', 'V', 'VI', 'VII']);

    // The director sees the same; an officer of Ban Tôn giáo only the rows its unit leads or coordinates.
    expect((await list('giamdoc')).length).toBe(all.length);
    const btg = await list('btg.chuyenvien');
    expect(btg.length).toBeGreaterThan(0);
    expect(btg.length).toBeLessThan(all.length);
    const btgIds = btg.map((t) => t.id);
    const [{ ids }] = await stack.ds.query(
      `SELECT array_agg(DISTINCT tu.task_id::text) AS ids FROM task_units tu JOIN units u ON u.id = tu.unit_id JOIN tasks t ON t.id = tu.task_id
       WHERE u.code = 'BTG' AND u.organization_id = $1 AND t.plan_id = $2`,
      [stack.org.organizationId, plan.planId],
    );
    expect([...btgIds].sort()).toEqual([...ids].sort());

    const again = await importOverHttp();
    expect(again).toMatchObject({ planId: plan.planId, tasksCreated: 0, tasksExisting: 32, childTasksCreated: 0 });
    expect(await list('vp.truongphong')).toHaveLength(all.length);
  });

  it('scenario 2 — happy path: row II.2 drafted, reviewed by every coordinating unit from its inbox, approved from the leadership inbox', async () => {
    const id = await rowTask('II.2');
    expect(await box('vp.chuyenvien', 'draft')).toContain(id);
    let task = await detail('vp.chuyenvien', id);
    expect(task).toMatchObject({ state: 'DRAFTING', stateLabel: 'Đang dự thảo', statusWord: 'OPEN_ON_TIME', dueOn: `${Y}-02-28`, ownerUnitCode: 'VP', version: 1 });
    expect(task.currentStep).toMatchObject({ state: 'DRAFTING', milestone: { dueOn: `${Y}-02-28`, current: true } });
    expect(task.waitingOn).toMatchObject({ kind: 'lead_unit' });

    // The same Idempotency-Key twice applies once. The upload is an event of its own (version 2).
    const file = await attach('vp.chuyenvien', id, 'Kế hoạch hệ thống hóa.txt');
    const draft = { text: 'Dự thảo Kế hoạch hệ thống hóa', attachments: [file], progressPercent: 80 };
    task = await ok('vp.chuyenvien', id, 'saveDraft', draft, { 'Idempotency-Key': 'ii2-draft-1' });
    expect(task).toMatchObject({ version: 3, progressPercent: 80 });
    task = await ok('vp.chuyenvien', id, 'saveDraft', draft, { 'Idempotency-Key': 'ii2-draft-1' });
    expect(task.version).toBe(3);

    task = await ok('vp.truongphong', id, 'submit', {}, { 'If-Match': '"3"' });
    const reviewers = ['BTDKT', 'BTG', 'CCHC', 'CCVC', 'TCBC', 'TTLT', 'TTRA'];
    expect(task).toMatchObject({ state: 'IN_REVIEW', pendingReviewUnitCodes: reviewers, waitingOn: { kind: 'reviewers' } });
    expect(await box('vp.chuyenvien', 'draft')).not.toContain(id);

    for (const [i, code] of reviewers.entries()) {
      const head = `${code.toLowerCase()}.truongphong`;
      expect(await box(head, 'review')).toContain(id);
      task = await ok(head, id, 'review', i === 0 ? { opinion: 'agree_with_comments', comment: 'Bổ sung tiến độ quý' } : { opinion: 'agree' });
      expect(task.pendingReviewUnitCodes).toEqual(reviewers.slice(i + 1));
      expect(await box(head, 'review')).not.toContain(id);
    }
    expect(task).toMatchObject({ state: 'AWAITING_APPROVAL', waitingOn: { kind: 'approver' } });
    expect(await box('pgd.a', 'approve')).toContain(id);
    expect(await box('giamdoc', 'approve')).toContain(id);
    expect(await box('pgd.b', 'approve')).not.toContain(id); // VP is not in deputy B's portfolio

    task = await ok('pgd.a', id, 'approve', { comment: 'Đồng ý ban hành' });
    expect(task).toMatchObject({ state: 'COMPLETED', statusWord: 'DONE_ON_TIME', statusLabel: 'Hoàn thành đúng hạn', completedOn: TODAY });
    expect(await box('pgd.a', 'approve')).not.toContain(id);

    // The full history, newest first, with the people's names.
    const history = task.history as Array<Body & { type: string }>;
    expect(history.map((e) => e.type).reverse()).toEqual(['CREATED', 'ATTACHMENT_UPLOADED', 'DRAFT_SAVED', 'SUBMITTED_FOR_REVIEW', ...reviewers.map(() => 'REVIEW_GIVEN'), 'REVIEW_COMPLETED', 'APPROVED']);
    expect(history[0]).toMatchObject({
      type: 'APPROVED',
      label: 'Lãnh đạo phê duyệt, hoàn thành',
      actor: { fullName: 'Nguyễn Thị Phương', title: 'Phó Giám đốc' },
      onBehalfOf: null,
      actorLabel: 'Phó Giám đốc Nguyễn Thị Phương',
      payload: expect.objectContaining({ comment: 'Đồng ý ban hành', onTime: true }),
    });
    expect(history.find((e) => e.type === 'REVIEW_GIVEN' && (e.payload as Body).unitCode === 'BTDKT')).toMatchObject({
      actor: { unitCode: 'BTDKT', title: 'Trưởng ban' },
      payload: expect.objectContaining({ opinion: 'agree_with_comments', comment: 'Bổ sung tiến độ quý' }),
    });
    expect(history.at(-1)).toMatchObject({ type: 'CREATED', actor: null, actorLabel: 'Hệ thống' });
    // The upload, in the history: the file's name, size and SHA-256, and who uploaded it.
    expect(history.at(-2)).toMatchObject({
      type: 'ATTACHMENT_UPLOADED',
      label: 'Đã tải lên tệp',
      actor: { unitCode: 'VP' },
      payload: expect.objectContaining({ fileId: file.fileId, name: 'Kế hoạch hệ thống hóa.txt', size: Buffer.byteLength('Dự thảo Kế hoạch hệ thống hóa.txt\n'), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    });

    // The history pages the same trail.
    const first = await people.get('vp.chuyenvien', `/tasks/${id}/history`, { limit: 5 });
    const second = await people.get('vp.chuyenvien', `/tasks/${id}/history`, { limit: 5, cursor: first.body.nextCursor });
    const third = await people.get('vp.chuyenvien', `/tasks/${id}/history`, { limit: 5, cursor: second.body.nextCursor });
    expect([...first.body.items, ...second.body.items, ...third.body.items].map((e: Body) => e.version)).toEqual(history.map((e) => e.version));
    expect(third.body.nextCursor).toBeNull();
  });

  it('scenario 3 — return and resubmit: the deputy returns with a comment; it is back in the lead unit’s inbox; resubmitted; approved', async () => {
    const id = await rowTask('IV.1'); // VP leads, TCBC coordinates
    await toApproval(id, 'VP');
    const blank = await act('pgd.a', id, 'return', { comment: '  ' });
    expect(blank.status).toBe(422);
    expect(blank.body).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(VIETNAMESE) });
    expect((await act('pgd.a', id, 'return', {})).status).toBe(400); // the comment is required by the DTO

    let task = await ok('pgd.a', id, 'return', { comment: 'Bổ sung số liệu biên chế năm trước' });
    expect(task).toMatchObject({ state: 'DRAFTING', waitingOn: { kind: 'lead_unit' } });
    expect(await box('vp.chuyenvien', 'draft')).toContain(id);
    expect(await box('vp.truongphong', 'draft')).toContain(id);
    const returned = (task.history as Body[])[0];
    expect(returned).toMatchObject({ type: 'RETURNED', fromState: 'AWAITING_APPROVAL', toState: 'DRAFTING', payload: expect.objectContaining({ comment: 'Bổ sung số liệu biên chế năm trước' }) });

    await ok('vp.chuyenvien', id, 'saveDraft', { text: 'Dự thảo (đã bổ sung số liệu)' });
    task = await ok('vp.truongphong', id, 'submit');
    expect(task).toMatchObject({ state: 'IN_REVIEW', workflow: expect.objectContaining({ review: expect.objectContaining({ round: 2 }) }) });
    await ok('tcbc.truongphong', id, 'review', { opinion: 'agree' });
    task = await ok('pgd.a', id, 'approve');
    expect(task).toMatchObject({ state: 'COMPLETED', statusWord: 'DONE_ON_TIME' });
  });

  it('scenario 4 — review disagreement: back to drafting with the comments shown to the lead unit', async () => {
    const id = await rowTask('VI.1'); // TTLT leads, VP and TCBC coordinate
    await ok('ttlt.chuyenvien', id, 'saveDraft', { text: 'Phương án tự chủ tài chính' });
    await ok('ttlt.truongphong', id, 'submit');
    await ok('vp.truongphong', id, 'review', { opinion: 'agree' });
    const reasons = await act('tcbc.truongphong', id, 'review', { opinion: 'disagree' });
    expect([reasons.status, reasons.body.code]).toEqual([422, 'INVALID_INPUT']);
    const officer = await act('tcbc.chuyenvien', id, 'review', { opinion: 'agree' });
    expect([officer.status, officer.body.code]).toEqual([403, 'FORBIDDEN']);
    const outsider = await act('btg.truongphong', id, 'review', { opinion: 'agree' });
    expect([outsider.status, outsider.body.code]).toEqual([403, 'TASK_ACCESS_DENIED']);
    const badOpinion = await act('tcbc.truongphong', id, 'review', { opinion: 'maybe' });
    expect([badOpinion.status, badOpinion.body.code]).toEqual([400, 'VALIDATION_FAILED']);

    const task = await ok('tcbc.truongphong', id, 'review', { opinion: 'disagree', comment: 'Chưa phù hợp định mức biên chế' });
    expect(task).toMatchObject({ state: 'DRAFTING', pendingReviewUnitCodes: [] });
    expect(await box('ttlt.truongphong', 'draft')).toContain(id);
    const seen = await detail('ttlt.chuyenvien', id);
    expect((seen.workflow as Body).lastReview).toMatchObject({
      outcome: 'disagreed',
      comments: [expect.objectContaining({ unitCode: 'TCBC', opinion: 'disagree', comment: 'Chưa phù hợp định mức biên chế' })],
    });
    expect((seen.history as Body[])[0]).toMatchObject({ type: 'REVIEW_RETURNED', label: 'Có ý kiến không đồng ý, trả về dự thảo', fromState: 'IN_REVIEW', toState: 'DRAFTING' });
  });

  it('scenario 6 — extension: asks 10 more days, the deputy grants 7; the deadline moves; finishing by then is on time; a second request is refused', async () => {
    const id = await rowTask('VII.2'); // VP, due Y-05-31
    const due = `${Y}-05-31`;
    const officer = await act('vp.chuyenvien', id, 'requestExtension', { reason: 'x', newDueOn: CalendarDate.addDays(due, 10) });
    expect([officer.status, officer.body.code]).toEqual([403, 'FORBIDDEN']);
    expect((await act('vp.truongphong', id, 'requestExtension', { reason: 'x', newDueOn: '31/05/2027' })).status).toBe(400);

    let task = await ok('vp.truongphong', id, 'requestExtension', { reason: 'Chờ bố trí kinh phí thiết bị', newDueOn: CalendarDate.addDays(due, 10) });
    expect(task.waitingOn).toMatchObject({ kind: 'extension_decision' });
    const pending = await act('vp.truongphong', id, 'requestExtension', { reason: 'lần nữa', newDueOn: CalendarDate.addDays(due, 12) });
    expect([pending.status, pending.body.code]).toEqual([409, 'EXTENSION_PENDING']);
    expect((await act('pgd.b', id, 'decideExtension', { decision: 'grant' })).status).toBe(403); // VP is deputy A's

    task = await ok('pgd.a', id, 'decideExtension', { decision: 'grant_other_date', newDueOn: CalendarDate.addDays(due, 7), comment: 'Gia hạn 7 ngày' });
    expect(task).toMatchObject({ dueOn: due, extendedDueOn: CalendarDate.addDays(due, 7), effectiveDueOn: CalendarDate.addDays(due, 7), statusWord: 'OPEN_ON_TIME' });
    expect((task.history as Body[])[0]).toMatchObject({
      type: 'EXTENSION_GRANTED',
      payload: expect.objectContaining({ previousDueOn: due, requestedDueOn: CalendarDate.addDays(due, 10), newDueOn: CalendarDate.addDays(due, 7) }),
    });

    const limit = await act('vp.truongphong', id, 'requestExtension', { reason: 'Thêm thời gian', newDueOn: CalendarDate.addDays(due, 20) });
    expect(limit.status).toBe(422);
    expect(limit.body).toMatchObject({ code: 'EXTENSION_LIMIT_REACHED', message: expect.stringMatching(/tối đa 1 lần/) });

    await toApproval(id, 'VP');
    task = await ok('giamdoc', id, 'approve');
    expect(task).toMatchObject({ state: 'COMPLETED', statusWord: 'DONE_ON_TIME', extendedDueOn: CalendarDate.addDays(due, 7) });
  });

  it('scenario 7 — event-triggered: row I.2 waits in the monitor’s box until the event is recorded; the deadline is that many working days later', async () => {
    const id = await rowTask('I.2');
    let task = await detail('vp.truongphong', id);
    expect(task).toMatchObject({ state: 'PENDING_TRIGGER', statusWord: 'WAITING', statusLabel: 'Chờ sự kiện', dueOn: null, waitingOn: { kind: 'monitor' } });
    expect(await box('vp.truongphong', 'waiting')).toContain(id);
    const early = await act('vp.chuyenvien', id, 'saveDraft', { text: 'sớm' });
    expect([early.status, early.body.code]).toEqual([409, 'INVALID_STATE']);
    expect((await act('btg.truongphong', id, 'recordTrigger', { eventDate: TODAY, description: 'x' })).status).toBe(403);
    const future = await act('vp.chuyenvien', id, 'recordTrigger', { eventDate: CalendarDate.addDays(TODAY, 3), description: 'x' });
    expect([future.status, future.body.code]).toEqual([422, 'INVALID_INPUT']);

    const eventDate = CalendarDate.addDays(TODAY, -2);
    task = await ok('vp.chuyenvien', id, 'recordTrigger', { eventDate, description: `UBND tỉnh ban hành Quy chế thi đua, khen thưởng, ngày ${eventDate}` });
    const expected = calendar.addWorkingDays(eventDate, 10);
    expect(task).toMatchObject({ state: 'DRAFTING', dueOn: expected, extendedDueOn: null, statusWord: 'OPEN_ON_TIME' });
    expect((task.history as Body[])[0]).toMatchObject({ type: 'TRIGGER_RECORDED', actor: { unitCode: 'VP' }, payload: expect.objectContaining({ eventDate, dueOn: expected }) });
    expect(await box('vp.truongphong', 'waiting')).not.toContain(id);
    expect(await box('vp.chuyenvien', 'draft')).toContain(id);
  });

  describe('scenario 10 — permissions, racing approvals, KT. signature', () => {
    let id: string;

    beforeAll(async () => {
      ({ taskId: id } = await provisionTask(stack, { key: 'permissions', title: 'Dự thảo báo cáo của Văn phòng Sở', owner: 'VP' }));
      await ok('vp.chuyenvien', id, 'saveDraft', { text: 'Dự thảo báo cáo' });
    });

    it('an officer of Ban Tôn giáo can neither see nor act on Văn phòng Sở’s draft; another organization does not even see it exists', async () => {
      const seen = await people.get('btg.chuyenvien', `/tasks/${id}`);
      expect(seen.status).toBe(403);
      expect(seen.body).toMatchObject({ code: 'TASK_ACCESS_DENIED', message: expect.stringMatching(VIETNAMESE), requestId: expect.any(String) });
      expect((await people.get('btg.chuyenvien', '/tasks', { limit: 200 })).body.items.map((t: Summary) => t.id)).not.toContain(id);
      for (const [action, body] of [['saveDraft', { text: 'sửa' }], ['comment', { text: 'góp ý' }]] as const) {
        const res = await act('btg.chuyenvien', id, action, body);
        expect([res.status, res.body.code]).toEqual([403, 'TASK_ACCESS_DENIED']);
      }
      const foreign = await people.get('B:giamdoc', `/tasks/${id}`);
      expect([foreign.status, foreign.body.code]).toEqual([404, 'TASK_NOT_FOUND']);
      expect((await act('B:giamdoc', id, 'cancel', { reason: 'x' })).body.code).toBe('TASK_NOT_FOUND');
      const admin = await act('quantri', id, 'cancel', { reason: 'x' });
      expect([admin.status, admin.body.code]).toEqual([403, 'TASK_ACCESS_DENIED']);
      // Nothing of the refused actions is stored.
      expect(((await detail('vp.chuyenvien', id)).history as Body[]).map((e) => e.type)).toEqual(['DRAFT_SAVED', 'CREATED']);
    });

    it('the actor comes from the token, never from the body; bad headers are refused; a stale version is a conflict with the workflow’s message', async () => {
      const actorInBody = await act('vp.truongphong', id, 'comment', { text: 'x', actor: { userId: 'someone', roles: ['director'] } });
      expect([actorInBody.status, actorInBody.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      const keyInBody = await act('vp.truongphong', id, 'comment', { text: 'x', idempotencyKey: 'k' });
      expect(keyInBody.status).toBe(400);
      const badKey = await act('vp.truongphong', id, 'comment', { text: 'x' }, { 'Idempotency-Key': 'has space' });
      expect([badKey.status, badKey.body.code]).toEqual([400, 'IDEMPOTENCY_KEY_INVALID']);
      const unknownUnit = await act('vp.truongphong', id, 'nameCoordinatingUnits', { unitCodes: ['CCHC', 'KHONGCO'] });
      expect(unknownUnit.status).toBe(422);
      expect(unknownUnit.body).toMatchObject({ code: 'UNIT_NOT_FOUND', details: { unitCodes: ['KHONGCO'] } });
      const badIfMatch = await act('vp.truongphong', id, 'comment', { text: 'x' }, { 'If-Match': 'abc' });
      expect([badIfMatch.status, badIfMatch.body.code]).toEqual([400, 'IF_MATCH_INVALID']);
      const { version } = await detail('vp.truongphong', id);
      const stale = await act('vp.truongphong', id, 'comment', { text: 'cũ' }, { 'If-Match': `"${(version as number) - 1}"` });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'STALE_VERSION', message: expect.stringMatching(/tải lại/) });
      const staleBody = await act('vp.truongphong', id, 'comment', { text: 'cũ', expectedVersion: (version as number) - 1 });
      expect(staleBody.body.code).toBe('STALE_VERSION');
      const fresh = await ok('vp.truongphong', id, 'comment', { text: 'Đã xem' }, { 'If-Match': `"${version}"` });
      expect(fresh.comments).toEqual([expect.objectContaining({ text: 'Đã xem', author: expect.objectContaining({ fullName: 'Nguyễn Văn Hùng' }) })]);
    });

    it('a deputy cannot approve outside the portfolio; two approvers at once: one wins, the other gets 409', async () => {
      await ok('vp.truongphong', id, 'submit');
      const outside = await act('pgd.b', id, 'approve');
      expect(outside.status).toBe(403);
      const { version } = await detail('pgd.a', id);
      const [a, b] = await Promise.all([
        act('pgd.a', id, 'approve', {}, { 'If-Match': `"${version}"` }),
        act('giamdoc', id, 'return', { comment: 'Xem lại' }, { 'If-Match': `"${version}"` }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const loser = a.status === 409 ? a : b;
      expect(['STALE_VERSION', 'TASK_CLOSED', 'INVALID_STATE']).toContain(loser.body.code);
      expect(loser.body.message).toMatch(VIETNAMESE);
      const types = ((await detail('vp.truongphong', id)).history as Body[]).map((e) => e.type);
      expect(types.filter((t) => t === 'APPROVED' || t === 'RETURNED')).toHaveLength(1);
    });

    it('a deputy approving on behalf of the director is recorded as "KT." with both names', async () => {
      const { taskId } = await provisionTask(stack, { key: 'kt', title: 'Báo cáo của Thanh tra Sở', owner: 'TTRA' });
      await toApproval(taskId, 'TTRA');
      expect((await act('pgd.b', taskId, 'approve')).status).toBe(403); // TTRA is deputy A's
      const me = await people.get('pgd.b>giamdoc', '/me');
      expect(me.body.actingOnBehalfOf).toMatchObject({ fullName: 'Lê Minh Tuấn' });
      expect(await box('pgd.b>giamdoc', 'approve')).toContain(taskId); // KT. sees what the director sees
      const task = await ok('pgd.b>giamdoc', taskId, 'approve', { comment: 'KT. Giám đốc' });
      expect(task.state).toBe('COMPLETED');
      expect((task.history as Body[])[0]).toMatchObject({
        type: 'APPROVED',
        actor: { fullName: 'Trần Quốc Việt', title: 'Phó Giám đốc' },
        onBehalfOf: { fullName: 'Lê Minh Tuấn', title: 'Giám đốc' },
        actorLabel: 'KT. Giám đốc Lê Minh Tuấn — Phó Giám đốc Trần Quốc Việt',
        payload: expect.objectContaining({ signedAs: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC', signerName: 'Trần Quốc Việt', onBehalfOfName: 'Lê Minh Tuấn' }),
      });
      const [event] = await stack.ds.query(
        `SELECT a.username AS actor, b.username AS on_behalf_of FROM task_events e JOIN users a ON a.id = e.actor_user_id
         JOIN users b ON b.id = e.on_behalf_of_user_id WHERE e.task_id = $1 AND e.type = 'APPROVED'`,
        [taskId],
      );
      expect(event).toEqual({ actor: people.username('pgd.b'), on_behalf_of: people.username('giamdoc') });
    });
  });

  it('answers unknown routes and malformed ids with stable codes', async () => {
    const bad = await people.post('cchc.chuyenvien', '/tasks/not-a-uuid/approve');
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const unknown = await people.post('cchc.chuyenvien', `/tasks/${await rowTask('II.3')}/archive`);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'ROUTE_NOT_FOUND']);
  });
});
