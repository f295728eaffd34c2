import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/bootstrap-app';
import { buildOpenApiDocument } from '../../apps/api/src/openapi';
import { freePort } from '../../infra/provision/net.util';
import { giveDemoPasswords, login } from '../support/auth';
import { openDataSource, seedTestOrganization } from '../support/stack';

/** The HTTP app exactly as `npm start` builds it, against the real Postgres and Temporal. */
describe('API foundation over HTTP', () => {
  let app: INestApplication;
  let ds: DataSource;
  let org: { code: string; organizationId: string };
  let taskId: string;
  let token: string;
  // Requests of an officer of the test organization (authentication itself: test/api/auth.e2e-spec.ts).
  const get = (url: string) => request(app.getHttpServer()).get(url).auth(token, { type: 'bearer' });

  beforeAll(async () => {
    ds = await openDataSource();
    org = await seedTestOrganization(ds);
    const [task] = await ds.query(
      `INSERT INTO tasks (organization_id, title, search_text, state, status_word, workflow_id, due_on)
       VALUES ($1, 'Tổ chức tọa đàm về cải cách hành chính', 'to chuc toa dam ve cai cach hanh chinh', 'DRAFTING', 'OPEN_ON_TIME', $2, '2023-09-30')
       RETURNING id`,
      [org.organizationId, `api-${org.code}`],
    );
    taskId = task.id;
    await ds.query(
      `INSERT INTO task_events (organization_id, task_id, workflow_id, event_key, type, to_state, version, occurred_at)
       VALUES ($1, $2, $3, 'created', 'CREATED', 'DRAFTING', 1, now())`,
      [org.organizationId, taskId, `api-${org.code}`],
    );
    await giveDemoPasswords(ds, org.organizationId);
    app = await createApiApp();
    await app.init();
    token = (await login(app, `${org.code.toLowerCase()}.vp.chuyenvien`)).accessToken;
  });

  afterAll(async () => {
    await app?.close();
    await ds?.destroy();
  });

  it('GET /health reports Postgres and Temporal up', async () => {
    const res = await request(app.getHttpServer()).get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', checks: { postgres: { status: 'up' }, temporal: { status: 'up' } } });
    expect(res.headers['x-request-id']).toMatch(/^[\w-]+$/);
  });

  it('GET /tasks lists the organization’s tasks with the Vietnamese status word', async () => {
    const res = await get('/tasks').expect(200);
    expect(res.body.items).toHaveLength(1);
    // Open and due in 2023: overdue as of today, even though no workflow event rewrote the stored word.
    expect(res.body.items[0]).toMatchObject({ id: taskId, state: 'DRAFTING', statusWord: 'OPEN_OVERDUE', statusLabel: 'Đang thực hiện quá hạn', dueOn: '2023-09-30' });
    expect(res.body.nextCursor).toBeNull();
  });

  it('keyset pagination walks every task exactly once', async () => {
    for (let i = 0; i < 4; i++) {
      await ds.query(
        `INSERT INTO tasks (organization_id, title, state, status_word, workflow_id) VALUES ($1, $2, 'DRAFTING', 'OPEN_ON_TIME', $3)`,
        [org.organizationId, `Nhiệm vụ ${i}`, `api-${org.code}-${i}`],
      );
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await get('/tasks')
        .query({ limit: 2, ...(cursor ? { cursor } : {}) })
        .expect(200);
      seen.push(...res.body.items.map((t: { id: string }) => t.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });

  it('GET /tasks/:id returns the task with its history', async () => {
    const res = await get(`/tasks/${taskId}`).expect(200);
    expect(res.body.history).toEqual([expect.objectContaining({ type: 'CREATED', toState: 'DRAFTING' })]);
  });

  it.each([
    // The organization comes from the token: naming one is refused, not obeyed.
    ['/tasks?organization=SNV-BD', 400, 'VALIDATION_FAILED'],
    ['/tasks?limit=0', 400, 'VALIDATION_FAILED'],
    ['/tasks?unknown=1', 400, 'VALIDATION_FAILED'],
    ['/tasks?cursor=bm90LWpzb24', 400, 'INVALID_CURSOR'],
    ['/tasks/not-a-uuid', 400, 'VALIDATION_FAILED'],
    ['/tasks/7d0f8a9e-1111-4a4a-8a8a-000000000000', 404, 'TASK_NOT_FOUND'],
    ['/no-such-route', 404, 'ROUTE_NOT_FOUND'],
  ])('GET %s → %i %s with a Vietnamese message', async (url, status, code) => {
    const res = await get(url).expect(status);
    expect(res.body).toMatchObject({ code, message: expect.any(String) });
    expect(res.body.message).toMatch(/[àáảãạăâđêôơưếềểễệốồổỗộớờởỡợứừửữựíìỉĩịýỳỷỹỵéèẻẽẹóòỏõọúùủũụ]/i);
  });

  it('GET /tasks and /tasks/:id need a token: 401 UNAUTHENTICATED without one', async () => {
    for (const url of ['/tasks', `/tasks/${taskId}`]) {
      const res = await request(app.getHttpServer()).get(url).expect(401);
      expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/đăng nhập/) });
    }
  });

  it('serves the OpenAPI document, without a token, with bearer authentication declared', async () => {
    const res = await request(app.getHttpServer()).get('/docs/openapi.json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/health', '/tasks', '/tasks/{id}', '/auth/login', '/auth/refresh', '/auth/logout', '/me']),
    );
    expect(res.body.components.securitySchemes).toEqual({ bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }) });
    expect(res.body.paths['/tasks'].get.security).toEqual([{ bearer: [] }]);
    expect(res.body.paths['/auth/login'].post.security).toBeUndefined();
    // The web client's types are generated from the document built without a server (npm run
    // api:types, Nest's preview mode): it is the document the running API serves.
    expect(res.body).toEqual(JSON.parse(JSON.stringify(await buildOpenApiDocument())));
  });

  it('GET /health is 503 and names Temporal when Temporal is unreachable', async () => {
    const saved = process.env.TEMPORAL_ADDRESS;
    process.env.TEMPORAL_ADDRESS = `127.0.0.1:${await freePort()}`;
    const degraded = await createApiApp();
    process.env.TEMPORAL_ADDRESS = saved;
    await degraded.init();
    try {
      const res = await request(degraded.getHttpServer()).get('/health').expect(503);
      expect(res.body).toMatchObject({ status: 'degraded', checks: { postgres: { status: 'up' }, temporal: { status: 'down' } } });
    } finally {
      await degraded.close();
    }
  });
});
