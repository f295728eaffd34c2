import { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/bootstrap-app';
import { JWT_AUDIENCE, JWT_ISSUER, LOGIN_ATTEMPTS, REFRESH_REUSE_GRACE_SECONDS } from '../../apps/api/src/auth/auth.policy';
import { DEMO_PASSWORD, giveDemoPasswords, login, LoginSession } from '../support/auth';
import { openDataSource, seedTestOrganization } from '../support/stack';
import { grantKt } from '../support/delegation';

const VIETNAMESE = /[àáảãạăâđêôơưếềểễệốồổỗộớờởỡợứừửữựíìỉĩịýỳỷỹỵéèẻẽẹóòỏõọúùủũụ]/i;

/** The error body without its request id: two refusals that must be indistinguishable. */
function refusal(res: request.Response): Record<string, unknown> {
  const { requestId: _requestId, ...rest } = res.body as Record<string, unknown>;
  return rest;
}

/**
 * Authentication over HTTP on the real app and Postgres: login, the bearer guard, refresh-token
 * rotation with reuse detection, logout, the login rate limit, delegation, and organization
 * isolation of the task routes. Two organizations of demo people (DEMO_ORG.md) with the demo
 * password, each with its own tasks.
 */
describe('authentication and the authenticated actor', () => {
  let app: INestApplication;
  let ds: DataSource;
  let orgA: { code: string; organizationId: string };
  let orgB: { code: string; organizationId: string };
  const tasks: Record<'A' | 'B', string[]> = { A: [], B: [] };
  const a = (username: string) => `${orgA.code.toLowerCase()}.${username}`;
  const b = (username: string) => `${orgB.code.toLowerCase()}.${username}`;
  const http = () => request(app.getHttpServer());
  const as = (token: string, url: string) => http().get(url).auth(token, { type: 'bearer' });

  beforeAll(async () => {
    ds = await openDataSource();
    orgA = await seedTestOrganization(ds);
    orgB = await seedTestOrganization(ds);
    for (const [key, org] of [['A', orgA], ['B', orgB]] as const) {
      await giveDemoPasswords(ds, org.organizationId);
      for (let i = 0; i < 3; i++) {
        const [task] = await ds.query(
          `INSERT INTO tasks (organization_id, title, state, status_word, workflow_id) VALUES ($1, $2, 'DRAFTING', 'OPEN_ON_TIME', $3) RETURNING id`,
          [org.organizationId, `Nhiệm vụ ${i} của ${org.code}`, `auth-${org.code}-${i}`],
        );
        tasks[key].push(task.id);
      }
    }
    app = await createApiApp();
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await ds?.destroy();
  });

  describe('POST /auth/login', () => {
    it('answers an access token, a refresh token and the profile of the person', async () => {
      const session = await login(app, a('pgd.a'));
      expect(session).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, refreshToken: expect.stringMatching(/^[\w-]{43}$/) });
      expect(session.accessToken.split('.')).toHaveLength(3);
      expect(Date.parse(session.refreshExpiresAt) - Date.now()).toBeGreaterThan(29 * 24 * 3600 * 1000);
      expect(session.user).toMatchObject({
        username: a('pgd.a'),
        fullName: 'Nguyễn Thị Phương',
        title: 'Phó Giám đốc',
        roles: ['deputyDirector'],
        unit: null,
        organization: { id: orgA.organizationId, code: orgA.code, name: 'Sở Nội vụ tỉnh Bình Định' },
      });
      expect(session.user.portfolioUnits.map((u) => u.code)).toEqual(['CCHC', 'TTLT', 'TTRA', 'VP']);

      const me = await as(session.accessToken, '/me').expect(200);
      expect(me.body).toEqual({ ...session.user, actingOnBehalfOf: null });
    });

    it('takes the username in any case and with spaces around it', async () => {
      const session = await login(app, `  ${a('VP.TruongPhong').toUpperCase()} `);
      expect(session.user).toMatchObject({ username: a('vp.truongphong'), title: 'Chánh Văn phòng', roles: ['unitHead', 'monitor'] });
      expect(session.user.unit).toMatchObject({ code: 'VP', name: 'Văn phòng Sở' });
    });

    it('answers a wrong password, an unknown user and a user without password alike: 401 INVALID_CREDENTIALS', async () => {
      await ds.query(`UPDATE users SET password_hash = NULL WHERE username = $1`, [a('quantri')]);
      const wrongPassword = await http().post('/auth/login').send({ username: a('cchc.truongphong'), password: 'sai-mat-khau' }).expect(401);
      const unknownUser = await http().post('/auth/login').send({ username: a('khong.ton.tai'), password: DEMO_PASSWORD }).expect(401);
      const noPassword = await http().post('/auth/login').send({ username: a('quantri'), password: DEMO_PASSWORD }).expect(401);
      expect(refusal(wrongPassword)).toEqual({ code: 'INVALID_CREDENTIALS', message: 'Tên đăng nhập hoặc mật khẩu không đúng.' });
      expect(refusal(unknownUser)).toEqual(refusal(wrongPassword));
      expect(refusal(noPassword)).toEqual(refusal(wrongPassword));
    });

    it('refuses a disabled account with 403 ACCOUNT_DISABLED, only to someone who knows the password', async () => {
      await ds.query(`UPDATE users SET is_active = false WHERE username = $1`, [a('ttra.chuyenvien')]);
      const right = await http().post('/auth/login').send({ username: a('ttra.chuyenvien'), password: DEMO_PASSWORD }).expect(403);
      expect(right.body).toMatchObject({ code: 'ACCOUNT_DISABLED', message: expect.stringMatching(VIETNAMESE) });
      const wrong = await http().post('/auth/login').send({ username: a('ttra.chuyenvien'), password: 'sai-mat-khau' }).expect(401);
      expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    });

    it('validates the body (400 VALIDATION_FAILED)', async () => {
      const res = await http().post('/auth/login').send({ username: a('btdkt.chuyenvien') }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });

    it(`limits attempts to ${LOGIN_ATTEMPTS} a minute per address and username: then 429 TOO_MANY_ATTEMPTS with Retry-After`, async () => {
      const username = a('ccvc.chuyenvien');
      for (let i = 0; i < LOGIN_ATTEMPTS; i++) {
        await http().post('/auth/login').send({ username, password: `thu-lan-${i}` }).expect(401);
      }
      // The right password does not get through either, nor does the same name typed differently.
      for (const name of [username, username.toUpperCase()]) {
        const res = await http().post('/auth/login').send({ username: name, password: DEMO_PASSWORD }).expect(429);
        expect(res.body).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', message: expect.stringMatching(VIETNAMESE) });
        const retryAfter = Number(res.headers['retry-after']);
        expect(retryAfter).toBeGreaterThan(0);
        expect(retryAfter).toBeLessThanOrEqual(60);
        expect(res.body.details).toEqual({ retryAfterSeconds: retryAfter });
      }
      // Colleagues at the same address are not locked out.
      await login(app, a('ccvc.truongphong'));
    });
  });

  describe('the bearer guard', () => {
    let session: LoginSession;
    beforeAll(async () => {
      session = await login(app, a('cchc.chuyenvien'));
    });

    it.each(['/tasks', '/me'])('GET %s without a token → 401 UNAUTHENTICATED', async (url) => {
      const res = await http().get(url).expect(401);
      expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Bạn cần đăng nhập để tiếp tục.' });
    });

    it('refuses a malformed token, a foreign signature and a refresh token in its place with 401 UNAUTHENTICATED', async () => {
      const claims = JSON.parse(Buffer.from(session.accessToken.split('.')[1], 'base64url').toString('utf8'));
      const forged = await new JwtService({ secret: 'k'.repeat(48) }).signAsync(
        { sub: claims.sub, sid: claims.sid },
        { issuer: JWT_ISSUER, audience: JWT_AUDIENCE, expiresIn: 300 },
      );
      for (const token of ['not-a-jwt', forged, session.refreshToken]) {
        const res = await as(token, '/tasks').expect(401);
        expect(res.body.code).toBe('UNAUTHENTICATED');
      }
      const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${session.accessToken.split('.')[1]}.`;
      expect((await as(unsigned, '/tasks').expect(401)).body.code).toBe('UNAUTHENTICATED');
    });

    it('tells an expired access token apart: 401 TOKEN_EXPIRED', async () => {
      const claims = JSON.parse(Buffer.from(session.accessToken.split('.')[1], 'base64url').toString('utf8'));
      expect(claims.exp - claims.iat).toBe(900);
      // Signed by the app's own key, so only the expiry is wrong.
      const expired = await app.get(JwtService).signAsync({ sub: claims.sub, sid: claims.sid }, { expiresIn: -60 });
      const res = await as(expired, '/tasks').expect(401);
      expect(res.body).toMatchObject({ code: 'TOKEN_EXPIRED', message: expect.stringMatching(/hết hạn/) });
    });

    it('keeps /health and the OpenAPI document open', async () => {
      await http().get('/health').expect(200);
      await http().get('/docs/openapi.json').expect(200);
    });

    it('stops the tokens of a person disabled after login: 401 for the access token, 403 ACCOUNT_DISABLED on refresh', async () => {
      const victim = await login(app, a('ttra.truongphong'));
      await as(victim.accessToken, '/me').expect(200);
      await ds.query(`UPDATE users SET is_active = false WHERE username = $1`, [a('ttra.truongphong')]);
      expect((await as(victim.accessToken, '/me').expect(401)).body.code).toBe('UNAUTHENTICATED');
      const refreshed = await http().post('/auth/refresh').send({ refreshToken: victim.refreshToken }).expect(403);
      expect(refreshed.body.code).toBe('ACCOUNT_DISABLED');
    });
  });

  describe('refresh tokens', () => {
    it('rotate: each is good once; the new pair works; only its hash is stored', async () => {
      const first = await login(app, a('tcbc.truongphong'));
      const second: LoginSession = (await http().post('/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)).body;
      expect(second.refreshToken).not.toBe(first.refreshToken);
      expect(second.user.username).toBe(a('tcbc.truongphong'));
      await as(second.accessToken, '/me').expect(200);
      // The first access token belongs to the same session, which is still alive.
      await as(first.accessToken, '/me').expect(200);

      const sha = (t: string) => createHash('sha256').update(t).digest('hex');
      const rows: Array<{ token_hash: string; revoked: boolean; replaced_by: string | null; id: string; family_id: string }> = await ds.query(
        `SELECT t.id, t.token_hash, t.revoked_at IS NOT NULL AS revoked, t.replaced_by, t.family_id
         FROM refresh_tokens t JOIN users u ON u.id = t.user_id WHERE u.username = $1 ORDER BY t.created_at`,
        [a('tcbc.truongphong')],
      );
      expect(rows.map((r) => r.token_hash)).toEqual([sha(first.refreshToken), sha(second.refreshToken)]);
      expect(rows[0]).toMatchObject({ revoked: true, replaced_by: rows[1].id, family_id: rows[1].family_id });
      expect(rows[1]).toMatchObject({ revoked: false, replaced_by: null });
    });

    /** The rotation of `token` as if it happened `seconds` ago (the grace window for racing refreshes is past). */
    const rotatedAgo = (token: string, seconds: number) =>
      ds.query(`UPDATE refresh_tokens SET revoked_at = now() - make_interval(secs => $2) WHERE token_hash = $1`, [createHash('sha256').update(token).digest('hex'), seconds]);

    it(`two simultaneous refreshes of one token both get a working pair of the same session; a reuse after ${REFRESH_REUSE_GRACE_SECONDS} s ends it`, async () => {
      const first = await login(app, a('ttlt.chuyenvien'));
      const [x, y] = await Promise.all([0, 1].map(() => http().post('/auth/refresh').send({ refreshToken: first.refreshToken })));
      expect([x.status, y.status]).toEqual([200, 200]);
      expect(x.body.refreshToken).not.toBe(y.body.refreshToken);
      for (const pair of [x.body, y.body] as LoginSession[]) await as(pair.accessToken, '/me').expect(200);
      // Each pair goes on rotating; the session survived its own race.
      const z: LoginSession = (await http().post('/auth/refresh').send({ refreshToken: y.body.refreshToken }).expect(200)).body;
      await as(z.accessToken, '/me').expect(200);
      await rotatedAgo(first.refreshToken, REFRESH_REUSE_GRACE_SECONDS + 1);
      expect((await http().post('/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401)).body.code).toBe('REFRESH_TOKEN_INVALID');
      expect((await as(z.accessToken, '/me').expect(401)).body.code).toBe('UNAUTHENTICATED');
    });

    it('reuse of a used token (after the grace window) revokes the whole session: every refresh and access token of it', async () => {
      const first = await login(app, a('tcbc.chuyenvien'));
      const second: LoginSession = (await http().post('/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)).body;
      await rotatedAgo(first.refreshToken, REFRESH_REUSE_GRACE_SECONDS + 1);

      const reuse = await http().post('/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
      expect(reuse.body).toMatchObject({ code: 'REFRESH_TOKEN_INVALID', message: expect.stringMatching(VIETNAMESE) });
      // The legitimate holder's newer tokens are gone too: whoever copied the token is locked out.
      expect((await http().post('/auth/refresh').send({ refreshToken: second.refreshToken }).expect(401)).body.code).toBe('REFRESH_TOKEN_INVALID');
      expect((await as(second.accessToken, '/me').expect(401)).body.code).toBe('UNAUTHENTICATED');
      // Another session of the same person is not affected.
      const other = await login(app, a('tcbc.chuyenvien'));
      await as(other.accessToken, '/me').expect(200);
    });

    it('refuses unknown and malformed refresh tokens', async () => {
      expect((await http().post('/auth/refresh').send({ refreshToken: 'x'.repeat(43) }).expect(401)).body.code).toBe('REFRESH_TOKEN_INVALID');
      expect((await http().post('/auth/refresh').send({}).expect(400)).body.code).toBe('VALIDATION_FAILED');
    });

    it('refuses an expired refresh token', async () => {
      const session = await login(app, a('btg.truongphong'));
      await ds.query(`UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [
        createHash('sha256').update(session.refreshToken).digest('hex'),
      ]);
      expect((await http().post('/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401)).body.code).toBe('REFRESH_TOKEN_INVALID');
      // The session has no live token left: its access token stops as well.
      expect((await as(session.accessToken, '/me').expect(401)).body.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('POST /auth/logout', () => {
    it('ends the session at once (refresh and access token), leaves other sessions alone, and may be repeated', async () => {
      const phone = await login(app, a('btdkt.truongphong'));
      const laptop = await login(app, a('btdkt.truongphong'));
      await http().post('/auth/logout').send({ refreshToken: phone.refreshToken }).expect(204);
      expect((await http().post('/auth/refresh').send({ refreshToken: phone.refreshToken }).expect(401)).body.code).toBe('REFRESH_TOKEN_INVALID');
      expect((await as(phone.accessToken, '/tasks').expect(401)).body.code).toBe('UNAUTHENTICATED');
      await as(laptop.accessToken, '/tasks').expect(200);
      await http().post('/auth/logout').send({ refreshToken: phone.refreshToken }).expect(204);
      await http().post('/auth/logout').send({ refreshToken: 'x'.repeat(43) }).expect(204);
    });
  });

  describe('delegation (KT. Giám đốc) with X-On-Behalf-Of', () => {
    it('a deputy signs for the director of the same organization only under a grant in force', async () => {
      const deputy = await login(app, a('pgd.a'));
      const ungranted = await as(deputy.accessToken, '/me').set('X-On-Behalf-Of', a('giamdoc')).expect(403);
      expect(ungranted.body).toMatchObject({ code: 'DELEGATION_NOT_GRANTED', message: expect.stringMatching(VIETNAMESE) });
      await grantKt(ds, orgA.code, 'pgd.a');
      const res = await as(deputy.accessToken, '/me').set('X-On-Behalf-Of', a('giamdoc')).expect(200);
      expect(res.body.actingOnBehalfOf).toEqual({ userId: expect.any(String), fullName: 'Lê Minh Tuấn' });
      expect(res.body.username).toBe(a('pgd.a'));

      const otherDirector = await as(deputy.accessToken, '/me').set('X-On-Behalf-Of', b('giamdoc')).expect(403);
      expect(otherDirector.body).toMatchObject({ code: 'DELEGATION_NOT_GRANTED', message: expect.stringMatching(VIETNAMESE) });
      expect((await as(deputy.accessToken, '/me').set('X-On-Behalf-Of', a('vp.truongphong')).expect(403)).body.code).toBe('DELEGATION_NOT_GRANTED');
    });

    it('nobody else may', async () => {
      const officer = await login(app, a('btg.chuyenvien'));
      const res = await as(officer.accessToken, '/tasks').set('X-On-Behalf-Of', a('giamdoc')).expect(403);
      expect(res.body.code).toBe('DELEGATION_NOT_GRANTED');
    });
  });

  describe('organization isolation', () => {
    let tokenA: string;
    let tokenB: string;
    beforeAll(async () => {
      tokenA = (await login(app, a('vp.chuyenvien'))).accessToken;
      tokenB = (await login(app, b('vp.chuyenvien'))).accessToken;
    });

    it('GET /tasks lists only the caller’s organization', async () => {
      const listA = await as(tokenA, '/tasks').expect(200);
      const listB = await as(tokenB, '/tasks').expect(200);
      expect(listA.body.items.map((t: { id: string }) => t.id).sort()).toEqual([...tasks.A].sort());
      expect(listB.body.items.map((t: { id: string }) => t.id).sort()).toEqual([...tasks.B].sort());
      // Paging through does not leak either.
      const page = await as(tokenA, '/tasks').query({ limit: 2 }).expect(200);
      const rest = await as(tokenA, '/tasks').query({ limit: 2, cursor: page.body.nextCursor }).expect(200);
      expect([...page.body.items, ...rest.body.items].every((t: { id: string }) => tasks.A.includes(t.id))).toBe(true);
    });

    it('GET /tasks/:id of another organization is 404 TASK_NOT_FOUND, exactly like a task that does not exist', async () => {
      await as(tokenA, `/tasks/${tasks.A[0]}`).expect(200);
      const foreign = await as(tokenA, `/tasks/${tasks.B[0]}`).expect(404);
      const missing = await as(tokenA, '/tasks/7d0f8a9e-1111-4a4a-8a8a-000000000000').expect(404);
      expect(foreign.body).toMatchObject({ code: 'TASK_NOT_FOUND', message: 'Không tìm thấy nhiệm vụ.' });
      expect(Object.keys(refusal(foreign)).sort()).toEqual(Object.keys(refusal(missing)).sort());
      await as(tokenB, `/tasks/${tasks.B[0]}`).expect(200);
      await as(tokenB, `/tasks/${tasks.A[0]}`).expect(404);
    });
  });
});
