import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { createApiApp } from '../../apps/api/src/bootstrap-app';
import { seedPlanText } from '../lifecycle/support';
import { giveDemoPasswords } from '../support/auth';
import { env, eventually, maybeRecordHistory, useStack } from '../support/stack';
import { NEXT_YEAR as Y, People, route, VIETNAMESE } from './support';

type Body = Record<string, unknown>;
interface Note {
  taskId: string;
  type: string;
  title: string;
  body: string;
}

/**
 * Issue 19 item 4: "Giao cho cán bộ" added through the action registry. Row IV.1 of the sample plan
 * (Văn phòng Sở leads, Phòng TCBC coordinates, deputy A holds VP) over HTTP: the head of VP gives
 * the task to the unit's officer, who finds it in "Việc của tôi" (box=mine) and is told; a person
 * of another unit or an inactive account is 422, the officer may not assign (403); the submission's
 * note reaches the reviewers' notification and the detail; another lead unit clears the assignee.
 */
describe('giao cho cán bộ (assign) and the note of a submission over HTTP', () => {
  const stack = useStack('api-assign');
  let app: INestApplication;
  let people: People;
  let taskId: string;
  let workflowId: string;
  const id: Record<string, string> = {};
  const savedEnv = { ...process.env };

  const post = (who: string, action: string, body: Body = {}) => people.post(who, `/tasks/${taskId}/${route(action)}`, body);
  const detail = async (who: string): Promise<Body> => {
    const res = await people.get(who, `/tasks/${taskId}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const notes = async (who: string): Promise<Note[]> => {
    const res = await people.get(who, '/me/notifications', { limit: 100 });
    expect(res.status).toBe(200);
    return (res.body.items as Note[]).filter((n) => n.taskId === taskId);
  };
  const told = async (who: string, type: string, count = 1): Promise<Note[]> => {
    let found: Note[] = [];
    await eventually(`${who} told of ${type}`, async () => (found = (await notes(who)).filter((n) => n.type === type)).length >= count, 20_000);
    return found;
  };
  const mine = async (who: string): Promise<string[]> => {
    const res = await people.get(who, '/me/inbox', { box: 'mine', limit: 200 });
    expect(res.status).toBe(200);
    return res.body.items.map((t: { id: string }) => t.id);
  };

  beforeAll(async () => {
    Object.assign(process.env, { TEMPORAL_TASK_QUEUE: stack.taskQueue, ATTACHMENTS_DIR: join(env('PLANFLOW_TEST_DIR'), 'api-assign-attachments') });
    await giveDemoPasswords(stack.ds, stack.org.organizationId);
    app = await createApiApp();
    await app.init();
    people = new People(app, { A: stack.org.code });
    // A second officer of VP (the demo unit has one), with the first one's password.
    await stack.ds.query(
      `INSERT INTO users (organization_id, username, full_name, title, email, password_hash, unit_id, roles, is_active)
       SELECT organization_id, username || '2', 'Lê Văn Hùng', title, NULL, password_hash, unit_id, roles, true FROM users
       WHERE organization_id = $1 AND username LIKE '%.vp.chuyenvien'`,
      [stack.org.organizationId],
    );
    for (const u of await stack.ds.query(`SELECT id, username FROM users WHERE organization_id = $1`, [stack.org.organizationId])) {
      id[u.username.split('.').slice(-2).join('.')] = u.id;
    }
    const preview = await people.upload('vp.truongphong', '/plans/imports', Buffer.from(seedPlanText(Y)), `ke-hoach-cchc-${Y}.txt`, { year: String(Y) });
    expect(preview.status).toBe(201);
    const confirmed = await people.post('vp.truongphong', `/plans/imports/${preview.body.id}/confirm`, { acceptWarnings: true });
    expect(confirmed.status).toBe(200);
    const [row] = await stack.ds.query(`SELECT id, workflow_id FROM tasks WHERE plan_id = $1 AND row_key = 'IV.1'`, [confirmed.body.planId]);
    ({ id: taskId, workflow_id: workflowId } = row);
    await eventually('IV.1 created by its workflow', async () => (await stack.ds.query(`SELECT version FROM tasks WHERE id = $1`, [taskId]))[0].version > 0, 120_000);
  }, 240_000);

  afterAll(async () => {
    await app?.close();
    process.env = savedEnv;
  });

  it('the head assigns an officer, who sees it in "Việc của tôi" and is told; refusals are 422/403; reassignment clears it', async () => {
    const officer = id['vp.chuyenvien'];
    expect(officer).toBeDefined();
    const offered = (who: string) => detail(who).then((d) => (d.availableActions as Array<{ action: string }>).map((a) => a.action));
    expect(await offered('vp.truongphong')).toContain('assign');
    expect(await offered('vp.chuyenvien')).not.toContain('assign');
    // Before it is given to anybody, an unassigned draft of the unit is in "Việc của tôi" of each of its officers.
    expect(await mine('vp.chuyenvien')).toContain(taskId);
    expect(await mine('vp.chuyenvien2')).toContain(taskId);

    // An officer cannot assign (the workflow refuses: 403), not even to himself.
    const byOfficer = await post('vp.chuyenvien', 'assign', { assigneeUserId: officer });
    expect([byOfficer.status, byOfficer.body.code]).toEqual([403, 'FORBIDDEN']);
    // A person of another unit, an unknown id, an inactive account: 422, nothing stored.
    for (const other of [id['tcbc.chuyenvien'], '00000000-0000-4000-8000-000000000000']) {
      const res = await post('vp.truongphong', 'assign', { assigneeUserId: other });
      expect([res.status, res.body.code]).toEqual([422, 'ASSIGNEE_INVALID']);
      expect(res.body.message).toMatch(VIETNAMESE);
    }
    await stack.ds.query(`UPDATE users SET is_active = false WHERE id = $1`, [officer]);
    const inactive = await post('vp.truongphong', 'assign', { assigneeUserId: officer });
    await stack.ds.query(`UPDATE users SET is_active = true WHERE id = $1`, [officer]);
    expect([inactive.status, inactive.body.code]).toEqual([422, 'ASSIGNEE_INVALID']);
    const tooLong = await post('vp.truongphong', 'assign', { assigneeUserId: officer, note: 'x'.repeat(2001) });
    expect(tooLong.status).toBe(400);
    expect((await stack.ds.query(`SELECT assignee_user_id FROM tasks WHERE id = $1`, [taskId]))[0].assignee_user_id).toBeNull();
    expect((await stack.ds.query(`SELECT count(*)::int AS n FROM task_events WHERE task_id = $1 AND type = 'ASSIGNED'`, [taskId]))[0].n).toBe(0);

    // The head gives it to the officer.
    const assigned = await post('vp.truongphong', 'assign', { assigneeUserId: officer, note: 'Đồng chí chủ trì dự thảo, báo cáo trước ngày 10' });
    expect(assigned.status).toBe(200);
    expect(assigned.body.task.assignee).toMatchObject({ id: officer });
    expect((await detail('pgd.a')).assignee).toMatchObject({ id: officer, username: expect.stringMatching(/vp\.chuyenvien$/) });
    expect((await detail('vp.chuyenvien')).workflow).toMatchObject({ assignee: { userId: officer, note: 'Đồng chí chủ trì dự thảo, báo cáo trước ngày 10' } });
    // "Việc của tôi" follows the assignee: the other officer no longer has it (the unit's other
    // unassigned drafts stay his); the head keeps every draft of the unit, which stays responsible.
    expect(await mine('vp.chuyenvien')).toContain(taskId);
    const other = await mine('vp.chuyenvien2');
    expect(other).not.toContain(taskId);
    const [unassigned] = await stack.ds.query(
      `SELECT id FROM tasks WHERE owner_unit_id = (SELECT owner_unit_id FROM tasks WHERE id = $1) AND state = 'DRAFTING' AND assignee_user_id IS NULL LIMIT 1`,
      [taskId],
    );
    expect(other).toContain(unassigned.id);
    expect(await mine('vp.truongphong')).toContain(taskId);
    const [note] = await told('vp.chuyenvien', 'ASSIGNED');
    expect(note.title).toMatch(/^Giao việc: nhiệm vụ được giao cho /);
    expect(note.body).toContain('Đồng chí chủ trì dự thảo');
    expect((await notes('vp.truongphong')).map((n) => n.type)).not.toContain('ASSIGNED'); // never the actor
    // The menu's badge is the tab's number: one definition.
    const counts = await people.get('vp.chuyenvien', '/me/inbox/counts');
    expect(counts.body.mine).toBe((await mine('vp.chuyenvien')).length);
    expect((await people.get('vp.chuyenvien2', '/me/inbox/counts')).body.mine).toBe(other.length);

    // The submission's note: in the detail and in the reviewers' notification.
    expect((await post('vp.chuyenvien', 'saveDraft', { text: 'Dự thảo kế hoạch biên chế' })).status).toBe(200);
    const longNote = await post('vp.truongphong', 'submit', { note: 'x'.repeat(2001) });
    expect(longNote.status).toBe(400);
    const submitted = await post('vp.truongphong', 'submit', { note: 'Đã lồng ghép số liệu quý I của các phòng' });
    expect(submitted.status).toBe(200);
    expect((await detail('tcbc.truongphong')).workflow).toMatchObject({ submission: { note: 'Đã lồng ghép số liệu quý I của các phòng' } });
    const [asked] = await told('tcbc.truongphong', 'SUBMITTED_FOR_REVIEW');
    expect(asked.body).toContain('Ghi chú của đơn vị chủ trì: Đã lồng ghép số liệu quý I của các phòng');

    // Leadership gives the task to another unit: the officer of VP is no longer its assignee.
    const moved = await post('pgd.a', 'reassign', { unitCode: 'TTRA', reason: 'Đúng chức năng thanh tra' });
    expect(moved.status).toBe(200);
    expect((await stack.ds.query(`SELECT assignee_user_id FROM tasks WHERE id = $1`, [taskId]))[0].assignee_user_id).toBeNull();
    expect((await detail('pgd.a')).assignee).toBeNull();
    expect(await mine('vp.chuyenvien')).not.toContain(taskId);
    await maybeRecordHistory(stack.client, workflowId, 'assign-submit-note-iv1');
  }, 180_000);
});
