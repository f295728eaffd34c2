import request from 'supertest';
import { encodeCursor } from '@app/domain';
import { useStack } from '../support/stack';
import { provisionTask, useApiApp } from './support';

/**
 * The API boundary against poison (issue 17): text Postgres and people cannot hold, bodies too big
 * or too deep, cursors that do not decode to a real position. Each answers 4xx with a stable code
 * and a Vietnamese message at once, stores nothing, and the task answers its next action.
 */
describe('the API boundary refuses poison with 4xx and stores nothing', () => {
  const stack = useStack('api-boundary');
  const api = useApiApp(stack);
  const ID = '3f1c2a4e-1111-4222-8333-444455556666';
  const officer = 'vp.chuyenvien';
  let task: { taskId: string; workflowId: string };

  const events = async (): Promise<number> => (await stack.ds.query(`SELECT count(*)::int AS n FROM task_events WHERE task_id = $1`, [task.taskId]))[0].n;
  const raw = async (path: string, body: string, contentType = 'application/json') => {
    const token = await api.people.bearer(officer);
    return request(api.app.getHttpServer()).post(path).auth(token, { type: 'bearer' }).set('Content-Type', contentType).send(body);
  };

  beforeAll(async () => {
    task = await provisionTask(stack, { key: 'boundary', title: 'Rà soát quy chế làm việc', owner: 'VP' });
  });

  it.each([
    ['a NUL', 'Ý kiến\u0000', 'NUL'],
    ['a lone high surrogate', 'Ý kiến \ud800', 'LONE_SURROGATE'],
    ['a lone low surrogate', '\udc00 Ý kiến', 'LONE_SURROGATE'],
    ['an escape character', 'Ý kiến \u001b[31m', 'CONTROL_CHARACTER'],
    ['a backspace', 'Ý kiến\b', 'CONTROL_CHARACTER'],
  ])('a comment with %s: 422 INVALID_TEXT naming the field, nothing stored, the next comment answers', async (_what, text, problem) => {
    const before = await events();
    const res = await api.people.post(officer, `/tasks/${task.taskId}/comment`, { text });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'INVALID_TEXT', message: expect.stringContaining('body.text'), details: { field: 'body.text', problem } });
    expect(await events()).toBe(before);
    const next = await api.people.post(officer, `/tasks/${task.taskId}/comment`, { text: 'Ý kiến\tcó tab\r\nvà xuống dòng' });
    expect(next.status).toBe(200);
    expect(await events()).toBe(before + 1);
  });

  it('a key of the body, a query string and a multipart field are text too; a bad file name is 4xx', async () => {
    const key = await api.people.post(officer, `/tasks/${task.taskId}/comment`, { text: 'ok', ['x\u0000']: 1 });
    expect(key.status).toBe(422);
    expect(key.body.details.field).toBe('body["x\\u0000"]');
    const q = await api.people.get(officer, '/tasks', { q: '\u0000' });
    expect(q.status).toBe(422);
    expect(q.body).toMatchObject({ code: 'INVALID_TEXT', details: { field: 'query.q' } });
    const upload = await api.people.upload(officer, `/tasks/${task.taskId}/attachments`, Buffer.from('Nội dung'), 'bao\u0007cao.txt');
    // busboy itself refuses a control character in a part header; a lone surrogate cannot be sent as UTF-8.
    expect(upload.status).toBe(400);
    expect(upload.body).toMatchObject({ code: 'UPLOAD_INVALID', message: expect.any(String) });
    const field = await api.people.upload('vp.truongphong', '/plans/imports', Buffer.from('KẾ HOẠCH'), 'ke-hoach.txt', { year: '2031\u0000' });
    expect(field.status).toBe(422);
    expect(field.body).toMatchObject({ code: 'INVALID_TEXT', details: { field: 'body.year', problem: 'NUL' } });
    expect((await stack.ds.query(`SELECT count(*)::int AS n FROM attachments WHERE task_id = $1`, [task.taskId]))[0].n).toBe(0);
  });

  it('GET /tasks?q=%00 (percent-encoded, as a browser sends it) is 4xx', async () => {
    const res = await request(api.app.getHttpServer()).get('/tasks?q=%00').auth(await api.people.bearer(officer), { type: 'bearer' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('INVALID_TEXT');
  });

  it('bodies over 100 KB are 413 PAYLOAD_TOO_LARGE before parsing; a draft may have 256 KB', async () => {
    const login = await request(api.app.getHttpServer())
      .post('/auth/login')
      .send({ username: 'x', password: 'y'.repeat(2 * 1024 * 1024) });
    expect(login.status).toBe(413);
    expect(login.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('100 KB'), details: { limitBytes: 102_400 } });
    const comment = await api.people.post(officer, `/tasks/${task.taskId}/comment`, { text: 'a'.repeat(150 * 1024) });
    expect(comment.status).toBe(413);
    const before = await events();
    // 18,000 characters (the DTO takes 20,000), written as JSON escapes: 108 KB, over the 100 KB of other routes.
    const draft = await raw(`/tasks/${task.taskId}/save-draft`, `{"text":"${'\\u1ef1'.repeat(18_000)}"}`);
    expect(draft.status).toBe(200);
    const huge = await api.people.post(officer, `/tasks/${task.taskId}/save-draft`, { text: 'đ'.repeat(300 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { limitBytes: 262_144 } });
    expect(await events()).toBe(before + 1);
  });

  it('JSON nested deeper than 32 is 400 JSON_TOO_DEEP (also 10,000 deep), malformed JSON 400 MALFORMED_JSON', async () => {
    const nest = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
    for (const depth of [33, 10_000]) {
      const res = await raw(`/tasks/${task.taskId}/comment`, `{"text":"ok","x":${nest(depth)}}`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'JSON_TOO_DEEP', message: expect.stringContaining('32') });
    }
    const arrays = await raw('/auth/login', '['.repeat(20_000) + ']'.repeat(20_000));
    expect(arrays.status).toBe(400);
    const bad = await raw(`/tasks/${task.taskId}/comment`, '{"text": "ok",');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'MALFORMED_JSON', message: expect.any(String) });
  });

  it.each([
    ['30 February', { t: '2026-02-30T10:00:00.000Z', id: ID }],
    ['hour 24', { t: '2026-02-03T24:00:00.000Z', id: ID }],
    ['a year 0', { t: '0000-01-01T00:00:00.000Z', id: ID }],
  ])('a cursor edited to %s is 400 INVALID_CURSOR on every list', async (_what, keys) => {
    const taskCursor = encodeCursor({ s: 'lastActivity', k: keys.t, id: keys.id });
    for (const [path, query] of [
      ['/tasks', { sort: 'lastActivity', cursor: taskCursor }],
      ['/me/inbox', { box: 'draft', sort: 'lastActivity', cursor: taskCursor }],
      ['/plans', { cursor: encodeCursor(keys) }],
      ['/me/notifications', { cursor: encodeCursor(keys) }],
    ] as const) {
      const res = await api.people.get('vp.truongphong', path, query);
      expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 400, code: 'INVALID_CURSOR' });
    }
    const day = await api.people.get('vp.truongphong', '/tasks', { sort: 'dueOn', cursor: encodeCursor({ s: 'dueOn', k: keys.t.slice(0, 10), id: keys.id }) });
    expect(day.status).toBe(keys.t.startsWith('2026-02-03') ? 200 : 400); // the day alone of "hour 24" is a real day
    const history = await api.people.get(officer, `/tasks/${task.taskId}/history`, { cursor: encodeCursor({ v: 2 ** 40, id: '99999999999999999999' }) });
    expect(history.status).toBe(400);
    expect(history.body.code).toBe('INVALID_CURSOR');
  });

  it('a closed task takes no more uploads: 409 TASK_CLOSED, nothing stored', async () => {
    const closed = await provisionTask(stack, { key: 'boundary-closed', title: 'Nhiệm vụ đã hủy', owner: 'VP' });
    expect((await api.people.post('giamdoc', `/tasks/${closed.taskId}/cancel`, { reason: 'Không còn phù hợp' })).status).toBe(200);
    const upload = await api.people.upload(officer, `/tasks/${closed.taskId}/attachments`, Buffer.from('Nội dung'), 'bao-cao.txt');
    expect(upload.status).toBe(409);
    expect(upload.body).toMatchObject({ code: 'TASK_CLOSED', message: expect.any(String) });
    expect((await stack.ds.query(`SELECT count(*)::int AS n FROM attachments WHERE task_id = $1`, [closed.taskId]))[0].n).toBe(0);
  });
});
