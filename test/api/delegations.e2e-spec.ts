import request from 'supertest';
import { IdempotencyKeysPurge1765320000000 } from '@app/persistence/migrations/1765320000000-idempotency-keys-purge';
import { IdempotencyKeyPurger } from '../../apps/api/src/tasks/idempotency-key-purger';
import { purgeIdempotencyKeys } from '../../apps/api/src/tasks/idempotency-keys';
import { eventually, useStack } from '../support/stack';
import { day, provisionTask, useApiApp, VIETNAMESE } from './support';

/**
 * "KT. Giám đốc" as a grant (issue 17): without one a deputy cannot sign for the director; the
 * director grants a period (optionally some actions, some lead units) over POST /delegations, lists
 * and revokes them; X-On-Behalf-Of is honoured only inside a grant in force from an active director;
 * the audit trail keeps both names. And Idempotency-Key bound to the request's fingerprint.
 * "KT." requests here are made by hand (People would record a grant by itself).
 */
describe('delegation grants and idempotency keys over HTTP', () => {
  const stack = useStack('api-delegations');
  // Each API process purges old idempotency keys; here every second (the test below watches one go).
  const savedInterval = process.env.IDEMPOTENCY_KEY_PURGE_INTERVAL_SECONDS;
  beforeAll(() => {
    process.env.IDEMPOTENCY_KEY_PURGE_INTERVAL_SECONDS = '1';
  });
  afterAll(() => {
    if (savedInterval === undefined) delete process.env.IDEMPOTENCY_KEY_PURGE_INTERVAL_SECONDS;
    else process.env.IDEMPOTENCY_KEY_PURGE_INTERVAL_SECONDS = savedInterval;
  });
  const api = useApiApp(stack);
  const deputyB = () => api.people.username('pgd.b');

  /** A request as `who` signing for the director, with no grant made for it. */
  const kt = async (who: string, method: 'get' | 'post', path: string, body?: object) => {
    const http = request(api.app.getHttpServer());
    const req = (method === 'get' ? http.get(path) : http.post(path).send(body ?? {}))
      .auth(await api.people.bearer(who), { type: 'bearer' })
      .set('X-On-Behalf-Of', api.people.username('giamdoc'));
    return req;
  };
  const grant = (body: Record<string, unknown>) => api.people.post('giamdoc', '/delegations', { deputyUsername: deputyB(), startsOn: day(0), endsOn: day(7), ...body });
  const revoke = async (id: string) => {
    const http = request(api.app.getHttpServer());
    return http.delete(`/delegations/${id}`).auth(await api.people.bearer('giamdoc'), { type: 'bearer' });
  };
  /** A VP task waiting for approval. */
  const awaitingApproval = async (key: string) => {
    const task = await provisionTask(stack, { key, title: `Báo cáo công tác ${key}`, owner: 'VP' });
    expect((await api.people.post('vp.chuyenvien', `/tasks/${task.taskId}/save-draft`, { text: 'Dự thảo báo cáo' })).status).toBe(200);
    const submitted = await api.people.post('vp.truongphong', `/tasks/${task.taskId}/submit`, {});
    expect(submitted.body.snapshot?.state ?? submitted.body).toBe('AWAITING_APPROVAL');
    return task.taskId;
  };

  it('no grant: 403 DELEGATION_NOT_GRANTED, on reads and actions, and nothing listed', async () => {
    const taskId = await awaitingApproval('no-grant');
    const me = await kt('pgd.b', 'get', '/me');
    expect(me.status).toBe(403);
    expect(me.body).toMatchObject({ code: 'DELEGATION_NOT_GRANTED', message: expect.stringMatching(VIETNAMESE) });
    expect((await kt('pgd.b', 'post', `/tasks/${taskId}/approve`, {})).status).toBe(403);
    expect((await api.people.get('pgd.b', '/me/delegations')).body).toEqual([]);
    expect((await api.people.get('giamdoc', '/delegations')).body).toEqual([]);
  });

  it('the director grants a period: the deputy signs "KT.", the history keeps both names; revoked, the header is refused again', async () => {
    const taskId = await awaitingApproval('granted');
    const created = await grant({ note: 'Giám đốc đi công tác' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      principal: { username: api.people.username('giamdoc'), fullName: 'Lê Minh Tuấn' },
      deputy: { username: deputyB(), fullName: 'Trần Quốc Việt' },
      startsOn: day(0),
      endsOn: day(7),
      units: null,
      actions: null,
      note: 'Giám đốc đi công tác',
      revokedAt: null,
      inForce: true,
    });
    const held = await api.people.get('pgd.b', '/me/delegations');
    expect(held.body).toEqual([expect.objectContaining({ username: api.people.username('giamdoc'), grantId: created.body.id, inForce: true, startsOn: day(0), endsOn: day(7) })]);

    const approved = await kt('pgd.b', 'post', `/tasks/${taskId}/approve`, { comment: 'KT. Giám đốc' });
    expect(approved.status).toBe(200);
    const [event] = await stack.ds.query(
      `SELECT a.username AS actor, b.username AS on_behalf_of FROM task_events e JOIN users a ON a.id = e.actor_user_id JOIN users b ON b.id = e.on_behalf_of_user_id
       WHERE e.task_id = $1 AND e.type = 'APPROVED'`,
      [taskId],
    );
    expect(event).toEqual({ actor: deputyB(), on_behalf_of: api.people.username('giamdoc') });

    const revoked = await revoke(created.body.id);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: created.body.id, revokedAt: expect.any(String), inForce: false });
    expect((await kt('pgd.b', 'get', '/me')).body.code).toBe('DELEGATION_NOT_GRANTED');
    expect((await api.people.get('pgd.b', '/me/delegations')).body).toEqual([]);
    // The director's list keeps it: grants are never deleted.
    expect((await api.people.get('giamdoc', '/delegations')).body).toEqual([expect.objectContaining({ id: created.body.id, revokedAt: expect.any(String) })]);
  });

  it('an upcoming grant is listed but not honoured yet; a grant of a disabled director is not honoured', async () => {
    const later = await grant({ startsOn: day(3), endsOn: day(10) });
    expect(later.status).toBe(201);
    expect(later.body.inForce).toBe(false);
    expect((await api.people.get('pgd.b', '/me/delegations')).body).toEqual([expect.objectContaining({ grantId: later.body.id, inForce: false, startsOn: day(3) })]);
    expect((await kt('pgd.b', 'get', '/me')).status).toBe(403);
    await revoke(later.body.id);

    const now = await grant({});
    expect((await kt('pgd.b', 'get', '/me')).status).toBe(200);
    await stack.ds.query(`UPDATE users SET is_active = false WHERE username = $1`, [api.people.username('giamdoc')]);
    try {
      const me = await kt('pgd.b', 'get', '/me');
      expect(me.status).toBe(403);
      expect(me.body.code).toBe('DELEGATION_NOT_GRANTED');
    } finally {
      await stack.ds.query(`UPDATE users SET is_active = true WHERE username = $1`, [api.people.username('giamdoc')]);
    }
    expect((await kt('pgd.b', 'get', '/me')).status).toBe(200);
    await revoke(now.body.id);
  });

  it('a grant for some actions and some lead units covers only those', async () => {
    const taskId = await awaitingApproval('scoped');
    const scoped = await grant({ actions: ['approve', 'return'], unitCodes: ['BTG'] });
    expect(scoped.status).toBe(201);
    expect(scoped.body).toMatchObject({ actions: ['approve', 'return'], units: [{ code: 'BTG', id: expect.any(String) }] });
    const comment = await kt('pgd.b', 'post', `/tasks/${taskId}/comment`, { text: 'Ý kiến KT.' });
    expect(comment.status).toBe(403);
    expect(comment.body).toMatchObject({ code: 'DELEGATION_NOT_GRANTED', message: expect.stringContaining('thao tác') });
    const approve = await kt('pgd.b', 'post', `/tasks/${taskId}/approve`, {});
    expect(approve.status).toBe(403);
    expect(approve.body.message).toContain('đơn vị');
    await revoke(scoped.body.id);
  });

  it('only the director grants and revokes their own grants; bad grants are 422', async () => {
    for (const who of ['pgd.a', 'vp.truongphong', 'quantri']) {
      const res = await api.people.post(who, '/delegations', { deputyUsername: deputyB(), startsOn: day(0), endsOn: day(1) });
      expect([who, res.status, res.body.code]).toEqual([who, 403, 'FORBIDDEN']);
    }
    const bad: Array<[Record<string, unknown>, number, string]> = [
      [{ startsOn: day(5), endsOn: day(1) }, 422, 'DELEGATION_GRANT_INVALID'],
      [{ startsOn: day(-10), endsOn: day(-1) }, 422, 'DELEGATION_GRANT_INVALID'],
      [{ startsOn: day(0), endsOn: day(400) }, 422, 'DELEGATION_GRANT_INVALID'],
      [{ startsOn: '2026-02-30', endsOn: day(1) }, 400, 'VALIDATION_FAILED'],
      [{ deputyUsername: api.people.username('vp.chuyenvien') }, 422, 'DELEGATION_GRANT_INVALID'],
      [{ unitCodes: ['KHONG-CO'] }, 422, 'UNIT_NOT_FOUND'],
      [{ actions: ['fly'] }, 400, 'VALIDATION_FAILED'],
      [{ note: 'x\u0000' }, 422, 'INVALID_TEXT'],
    ];
    for (const [body, status, code] of bad) {
      const res = await grant(body);
      expect([body, res.status, res.body.code]).toEqual([body, status, code]);
    }
    expect((await api.people.get('giamdoc', '/delegations')).body.filter((g: { revokedAt: string | null }) => !g.revokedAt)).toEqual([]);
    expect((await revoke('3f1c2a4e-1111-4222-8333-444455556666')).status).toBe(404);
  });

  it('Idempotency-Key: the same body answers the first result once; another body, task or action is 422 IDEMPOTENCY_KEY_REUSED and changes nothing', async () => {
    const task = await provisionTask(stack, { key: 'idem', title: 'Khóa chống lặp', owner: 'VP' });
    const other = await provisionTask(stack, { key: 'idem-other', title: 'Nhiệm vụ khác', owner: 'VP' });
    const events = async (id: string) => (await stack.ds.query(`SELECT count(*)::int AS n FROM task_events WHERE task_id = $1`, [id]))[0].n;
    const send = (id: string, action: string, body: object) => api.people.post('vp.chuyenvien', `/tasks/${id}/${action}`, body, { 'Idempotency-Key': 'key-1' });
    const first = await send(task.taskId, 'comment', { text: 'Ý kiến thứ nhất' });
    expect(first.status).toBe(200);
    const before = await events(task.taskId);
    const again = await send(task.taskId, 'comment', { text: 'Ý kiến thứ nhất' });
    expect([again.status, again.body.version]).toEqual([200, first.body.version]);
    for (const [id, action, body] of [
      [task.taskId, 'comment', { text: 'Ý kiến khác hẳn' }],
      [other.taskId, 'comment', { text: 'Ý kiến thứ nhất' }],
      [task.taskId, 'save-draft', { text: 'Ý kiến thứ nhất' }],
    ] as const) {
      const reused = await send(id, action, body);
      expect(reused.status).toBe(422);
      expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', message: expect.stringMatching(VIETNAMESE), details: { firstUsedFor: `POST /tasks/${task.taskId}/comment` } });
    }
    expect([await events(task.taskId), await events(other.taskId)]).toEqual([before, 1]);
    // Another person's same key is theirs: no clash.
    const someoneElse = await api.people.post('vp.truongphong', `/tasks/${task.taskId}/comment`, { text: 'Ý kiến khác hẳn' }, { 'Idempotency-Key': 'key-1' });
    expect(someoneElse.status).toBe(200);
  });

  it('old idempotency keys are purged periodically (IDEMPOTENCY_KEY_RETENTION_HOURS); a purged key binds afresh; the index migration keeps the rows', async () => {
    const task = await provisionTask(stack, { key: 'idem-purge', title: 'Khóa chống lặp cũ', owner: 'VP' });
    const send = (text: string) => api.people.post('vp.chuyenvien', `/tasks/${task.taskId}/comment`, { text }, { 'Idempotency-Key': 'key-old' });
    expect((await send('Ý kiến hôm qua')).status).toBe(200);
    expect((await send('Ý kiến khác')).body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const keys = async () =>
      (await stack.ds.query(`SELECT key FROM idempotency_keys WHERE key IN ('key-old', 'key-recent') ORDER BY key`)).map((r: { key: string }) => r.key);

    // A purge counts what it deletes: with a 2-hour retention, a 3-hour-old key (the API's own purge keeps 24 hours).
    await stack.ds.query(`INSERT INTO idempotency_keys (user_id, key, fingerprint, target, created_at) SELECT user_id, 'key-3h', 'f', 't', now() - interval '3 hours' FROM idempotency_keys WHERE key = 'key-old'`);
    expect(await purgeIdempotencyKeys(stack.ds, 2)).toBe(1);
    expect((await stack.ds.query(`SELECT count(*)::int AS n FROM idempotency_keys WHERE key = 'key-3h'`))[0].n).toBe(0);

    // The index migration on the populated table: down, rows in, up; nothing lost.
    const runner = stack.ds.createQueryRunner();
    try {
      const migration = new IdempotencyKeysPurge1765320000000();
      await migration.down(runner);
      const [user] = await stack.ds.query(`SELECT user_id FROM idempotency_keys WHERE key = 'key-old'`);
      await stack.ds.query(`INSERT INTO idempotency_keys (user_id, key, fingerprint, target, created_at) VALUES ($1, 'key-recent', 'f', 't', now() - interval '23 hours')`, [user.user_id]);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect((await stack.ds.query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_idempotency_keys_created_at'`))[0].indexdef).toMatch(/\(created_at\)/);
    expect(await keys()).toEqual(['key-old', 'key-recent']);

    // 25 hours old: the API process's next purge (every second in this file) removes it; 23 hours stays.
    await stack.ds.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = 'key-old'`);
    await eventually('the old key purged', async () => (await keys()).join() === 'key-recent', 15_000);
    // Nothing else is old: a purge now deletes nothing (and counts it), the recent key stays.
    expect(await api.app.get(IdempotencyKeyPurger).purge()).toBe(0);
    expect(await keys()).toEqual(['key-recent']);
    // Past the retention the key is free: another body is a new request.
    const fresh = await send('Ý kiến khác');
    expect(fresh.status).toBe(200);
  });
});
