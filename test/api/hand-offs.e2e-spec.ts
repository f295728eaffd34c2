import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { createApiApp } from '../../apps/api/src/bootstrap-app';
import { seedPlanText } from '../lifecycle/support';
import { giveDemoPasswords } from '../support/auth';
import { env, eventually, maybeRecordHistory, useStack } from '../support/stack';
import { NEXT_YEAR as Y, People, route, VIETNAMESE } from './support';

type Body = Record<string, unknown>;
interface Note {
  id: string;
  taskId: string;
  type: string;
  title: string;
  body: string;
}
interface Available {
  action: string;
  route: string;
  label: string;
  needs: string[];
}

/**
 * Issue 15, "done when": row IV.1 of the sample plan (seed 003 moved to next year; Văn phòng Sở
 * leads, Phòng TCBC coordinates, deputy A holds VP) driven over HTTP through save-draft → submit →
 * opinion → return → request-extension → decide-extension → remind. After each step the next
 * person has a new notification for that task (in-app, from the real worker's read-model
 * transaction; never the person who acted), the returned task's detail carries the leader's
 * instruction outside the history, and the detail lists `availableActions` for its caller.
 */
describe('every hand-off notifies the next person (IV.1 over HTTP)', () => {
  const stack = useStack('api-hand-offs');
  let app: INestApplication;
  let people: People;
  let taskId: string;

  const ok = async (who: string, action: string, body: Body = {}): Promise<Body> => {
    const res = await people.post(who, `/tasks/${taskId}/${route(action)}`, body);
    if (res.status !== 200) throw new Error(`${action} by ${who} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.task as Body;
  };
  const detail = async (who: string): Promise<Body> => {
    const res = await people.get(who, `/tasks/${taskId}`);
    if (res.status !== 200) throw new Error(`detail for ${who} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const actionsOf = async (who: string): Promise<string[]> => ((await detail(who)).availableActions as Available[]).map((a) => a.action);
  const notes = async (who: string): Promise<Note[]> => {
    const res = await people.get(who, '/me/notifications', { limit: 100 });
    expect(res.status).toBe(200);
    return (res.body.items as Note[]).filter((n) => n.taskId === taskId);
  };
  /** Waits (≤ 20 s, the bound) until `who` has a notification of `type` for the task; returns it. */
  const told = async (who: string, type: string): Promise<Note> => {
    let found: Note | undefined;
    await eventually(`${who} told of ${type}`, async () => !!(found = (await notes(who)).find((n) => n.type === type)), 20_000);
    return found!;
  };
  const notTold = async (who: string, type: string) => expect((await notes(who)).map((n) => n.type)).not.toContain(type);

  const savedEnv = { ...process.env };

  beforeAll(async () => {
    Object.assign(process.env, { TEMPORAL_TASK_QUEUE: stack.taskQueue, ATTACHMENTS_DIR: join(env('PLANFLOW_TEST_DIR'), 'api-hand-offs-attachments') });
    await giveDemoPasswords(stack.ds, stack.org.organizationId);
    app = await createApiApp();
    await app.init();
    people = new People(app, { A: stack.org.code });
    const preview = await people.upload('vp.truongphong', '/plans/imports', Buffer.from(seedPlanText(Y)), `ke-hoach-cchc-${Y}.txt`, { year: String(Y) });
    expect(preview.status).toBe(201);
    const confirmed = await people.post('vp.truongphong', `/plans/imports/${preview.body.id}/confirm`, { acceptWarnings: true });
    expect(confirmed.status).toBe(200);
    const [row] = await stack.ds.query(`SELECT id FROM tasks WHERE plan_id = $1 AND row_key = 'IV.1'`, [confirmed.body.planId]);
    taskId = row.id;
    await eventually('IV.1 created by its workflow', async () => {
      const [t] = await stack.ds.query(`SELECT version FROM tasks WHERE id = $1`, [taskId]);
      return t.version > 0;
    }, 120_000);
  }, 240_000);

  afterAll(async () => {
    await app?.close();
    process.env = savedEnv;
  });

  it('save-draft → submit → opinion → return → request-extension → decide-extension → remind: each next person is told', async () => {
    // The officer drafts: the head sees "submit"; the officer does not (only the head submits).
    expect(await actionsOf('vp.chuyenvien')).toEqual(expect.arrayContaining(['saveDraft', 'comment']));
    expect(await actionsOf('vp.chuyenvien')).not.toContain('submit');
    expect(await actionsOf('vp.truongphong')).not.toContain('submit'); // nothing drafted yet: the workflow would refuse DRAFT_EMPTY
    await ok('vp.chuyenvien', 'saveDraft', { text: 'Dự thảo kế hoạch biên chế năm sau', progressPercent: 100 });
    // The officer's draft at 100 % → the head, who submits it.
    await told('vp.truongphong', 'DRAFT_READY');
    const head = (await detail('vp.truongphong')).availableActions as Available[];
    expect(head.map((a) => a.action)).toEqual(expect.arrayContaining(['saveDraft', 'submit', 'requestExtension', 'raiseBlocker', 'comment']));
    expect(head.find((a) => a.action === 'submit')).toMatchObject({ route: 'submit', label: 'Trình', needs: ['overrideReview', 'justification', 'note'] });
    expect(head.find((a) => a.action === 'requestExtension')).toMatchObject({ route: 'request-extension', needs: ['newDueOn', 'reason'] });

    // Submit → the coordinating unit's head and officer are asked for their opinion.
    await ok('vp.truongphong', 'submit');
    const asked = await told('tcbc.truongphong', 'SUBMITTED_FOR_REVIEW');
    expect(asked.title).toMatch(/^Đề nghị góp ý: gửi ý kiến phối hợp trước hết ngày \d{2}\/\d{2}\/\d{4}$/);
    expect(asked.body).toMatch(VIETNAMESE);
    await told('tcbc.chuyenvien', 'SUBMITTED_FOR_REVIEW');
    await notTold('vp.truongphong', 'SUBMITTED_FOR_REVIEW'); // never the actor
    expect(await actionsOf('tcbc.truongphong')).toContain('review');
    expect(await actionsOf('tcbc.chuyenvien')).not.toContain('review');

    // Opinion (the only reviewer) → the lead unit's head hears it, and the approver is asked to decide.
    await ok('tcbc.truongphong', 'review', { opinion: 'agree_with_comments', comment: 'Bổ sung số liệu biên chế của các đơn vị sự nghiệp' });
    const opinion = await told('vp.truongphong', 'REVIEW_GIVEN');
    expect(opinion.title).toBe('TCBC đã cho ý kiến phối hợp: đồng ý, có góp ý');
    expect(opinion.body).toContain('Bổ sung số liệu biên chế');
    const toDecide = await told('pgd.a', 'REVIEW_COMPLETED');
    expect(toDecide.title).toMatch(/^Chờ phê duyệt:/);
    await notTold('pgd.b', 'REVIEW_COMPLETED'); // TCBC coordinates but VP (deputy A's) leads
    expect(await actionsOf('pgd.a')).toEqual(expect.arrayContaining(['approve', 'return', 'reject', 'cancel', 'reassign', 'remind']));
    expect(await actionsOf('pgd.b')).not.toContain('approve');

    // Return with an instruction → the lead unit's officer and head, with the instruction; the detail carries it.
    const instruction = 'Đề nghị bổ sung biểu số liệu theo Nghị định 62/2020/NĐ-CP';
    await ok('pgd.a', 'return', { comment: instruction });
    for (const who of ['vp.chuyenvien', 'vp.truongphong']) {
      const back = await told(who, 'RETURNED');
      expect(back.title).toBe('Lãnh đạo trả lại: đề nghị chỉnh sửa theo ý kiến chỉ đạo rồi trình lại');
      expect(back.body).toContain(`Ý kiến chỉ đạo: ${instruction}`);
    }
    await notTold('pgd.a', 'RETURNED');
    const returned = await detail('vp.chuyenvien');
    expect(returned.state).toBe('DRAFTING');
    expect(returned.instruction).toMatchObject({ kind: 'returned', text: instruction, by: { fullName: expect.any(String), title: expect.any(String) } });
    expect(Date.parse((returned.instruction as Body).at as string)).toBeGreaterThan(Date.now() - 120_000);

    // The officer redrafts after the return (the progress never left 100 %): the head hears of it
    // again, once for this drafting round (draft-ready-each-round-v1).
    await ok('vp.chuyenvien', 'saveDraft', { text: 'Dự thảo kế hoạch biên chế năm sau, đã bổ sung biểu số liệu' });
    await eventually('the head is told the redraft is ready', async () => (await notes('vp.truongphong')).filter((n) => n.type === 'DRAFT_READY').length === 2, 20_000);
    await ok('vp.chuyenvien', 'saveDraft', { text: 'Dự thảo kế hoạch biên chế năm sau, đã bổ sung biểu số liệu.' });

    // Request an extension → the deciding leader (deputy A, who holds VP), nobody else.
    const newDueOn = `${Y}-03-31`;
    await ok('vp.truongphong', 'requestExtension', { reason: 'Chờ số liệu của các đơn vị sự nghiệp', newDueOn });
    const asks = await told('pgd.a', 'EXTENSION_REQUESTED');
    expect(asks.title).toBe('Đề nghị gia hạn đến 31/03/' + Y + ': đề nghị lãnh đạo quyết định');
    await notTold('pgd.b', 'EXTENSION_REQUESTED');
    expect(await actionsOf('vp.truongphong')).not.toContain('requestExtension'); // one is pending
    expect(await actionsOf('pgd.a')).toContain('decideExtension');

    // Decide it → the lead unit's head and officer.
    await ok('pgd.a', 'decideExtension', { decision: 'grant', comment: 'Đồng ý' });
    for (const who of ['vp.truongphong', 'vp.chuyenvien']) {
      expect((await told(who, 'EXTENSION_GRANTED')).title).toBe(`Đồng ý gia hạn đến 31/03/${Y}: đề nghị hoàn thành theo hạn mới`);
    }
    // The organization allows one extension: the web no longer offers a second one.
    expect(await actionsOf('vp.truongphong')).not.toContain('requestExtension');
    // The instruction stays until the next submission.
    expect((await detail('vp.truongphong')).instruction).toMatchObject({ text: instruction });

    // Remind (đôn đốc) → whoever the task waits on: the lead unit (drafting); recorded in the history.
    const before = (await notes('vp.truongphong')).filter((n) => n.type === 'REMINDED').length;
    await ok('giamdoc', 'remind', { message: 'Đề nghị hoàn thành trước ngày 15/3' });
    for (const who of ['vp.truongphong', 'vp.chuyenvien']) {
      const urged = await told(who, 'REMINDED');
      expect(urged.title).toBe('Đôn đốc: đề nghị khẩn trương xử lý nhiệm vụ đang chờ Anh/Chị');
      expect(urged.body).toContain('Đề nghị hoàn thành trước ngày 15/3');
    }
    await notTold('tcbc.truongphong', 'REMINDED');
    expect(before).toBe(0);
    const history = (await detail('giamdoc')).history as Array<{ type: string; label: string }>;
    expect(history[0]).toMatchObject({ type: 'REMINDED', label: 'Đôn đốc thực hiện' });

    // A second reminder by the same person the same day: 409 with a clear Vietnamese message; nobody is told twice.
    const again = await people.post('giamdoc', `/tasks/${taskId}/remind`, {});
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'ALREADY_REMINDED', message: expect.stringMatching(/đã đôn đốc nhiệm vụ này hôm nay/) });
    expect(await actionsOf('giamdoc')).not.toContain('remind');
    // Another leader may still remind the same day.
    expect(await actionsOf('pgd.a')).toContain('remind');
    expect((await notes('vp.truongphong')).filter((n) => n.type === 'REMINDED')).toHaveLength(1);

    // The third save of the round told nobody (by now its event is in Postgres: later steps were answered after theirs).
    expect((await notes('vp.truongphong')).filter((n) => n.type === 'DRAFT_READY')).toHaveLength(2);
    // Once per event per person: no duplicates anywhere in this task's notifications.
    const [{ dupes }] = await stack.ds.query(
      `SELECT count(*)::int AS dupes FROM (SELECT task_event_id, user_id FROM notifications WHERE task_id = $1 GROUP BY 1, 2 HAVING count(*) > 1) d`,
      [taskId],
    );
    expect(dupes).toBe(0);

    // The new paths (hand-off notifications, remind, the available-actions query, DRAFT_READY once per
    // drafting round) replay from a recorded history; hand-offs-remind-iv1.json, recorded before
    // draft-ready-each-round-v1, keeps replaying the older path.
    const [{ workflow_id: workflowId }] = await stack.ds.query(`SELECT workflow_id FROM tasks WHERE id = $1`, [taskId]);
    await maybeRecordHistory(stack.client, workflowId, 'hand-offs-draft-ready-each-round-iv1');
  }, 180_000);
});
