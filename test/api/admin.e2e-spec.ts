import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/bootstrap-app';
import { giveDemoPasswords, login, LoginSession } from '../support/auth';
import { latestMail } from '../support/mail';
import { openDataSource, seedTestOrganization, uniqueSuffix } from '../support/stack';

const VIETNAMESE = /[àáảãạăâđêôơưếềểễệốồổỗộớờởỡợứừửữựíìỉĩịýỳỷỹỵéèẻẽẹóòỏõọúùủũụ]/i;

/** Every route of the running Nest app under /admin, from the Express router (not a hand list). */
function adminRoutes(app: INestApplication): Array<{ method: string; path: string }> {
  const router = app.getHttpAdapter().getInstance().router as { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> };
  const routes = router.stack
    .filter((l) => l.route && l.route.path.startsWith('/admin'))
    .flatMap((l) => Object.keys(l.route!.methods).filter((m) => m !== '_all').map((method) => ({ method, path: l.route!.path })));
  return routes;
}

/**
 * Self-service administration over HTTP on the real app and Postgres: the demo administrator
 * creates a unit and a person; the person sets a password from the invitation in the mail outbox
 * (once), changes it, and is locked out the moment the administrator deactivates them; nobody but
 * the administrator reaches any /admin route; every change is in the audit.
 */
describe('administration API and accounts', () => {
  let app: INestApplication;
  let ds: DataSource;
  let org: { code: string; organizationId: string };
  let admin: LoginSession;
  const u = (name: string) => `${org.code.toLowerCase()}.${name}`;
  const http = () => request(app.getHttpServer());
  const as = (s: LoginSession | string) => {
    const token = typeof s === 'string' ? s : s.accessToken;
    return {
      get: (url: string) => http().get(url).auth(token, { type: 'bearer' }),
      post: (url: string, body?: object) => http().post(url).auth(token, { type: 'bearer' }).send(body ?? {}),
      patch: (url: string, body: object) => http().patch(url).auth(token, { type: 'bearer' }).send(body),
      put: (url: string, body: object) => http().put(url).auth(token, { type: 'bearer' }).send(body),
    };
  };

  beforeAll(async () => {
    ds = await openDataSource();
    org = await seedTestOrganization(ds);
    await giveDemoPasswords(ds, org.organizationId);
    app = await createApiApp();
    await app.init();
    admin = await login(app, u('quantri'));
  });

  afterAll(async () => {
    await app?.close();
    await ds?.destroy();
  });

  const suffix = uniqueSuffix();
  const person = () => ({
    username: u(`tp.khtc${suffix}`),
    fullName: 'Trần Văn An',
    title: 'Trưởng phòng',
    email: `an.${suffix}@so.example.gov.vn`,
    unitCode: 'KHTC',
    roles: ['unitHead'],
  });
  let personId: string;

  it('a non-administrator gets 403 on every /admin route of the router, the administrator none', async () => {
    const routes = adminRoutes(app);
    const paths = routes.map((r) => `${r.method.toUpperCase()} ${r.path}`);
    // The list comes from the router: it holds at least the routes this issue adds.
    expect(paths).toEqual(expect.arrayContaining(['POST /admin/units', 'PATCH /admin/units/:code', 'POST /admin/users', 'PATCH /admin/users/:id', 'GET /admin/settings', 'PUT /admin/settings', 'GET /admin/audit']));
    const fake = '00000000-0000-4000-8000-000000000000';
    for (const username of ['giamdoc', 'pgd.a', 'vp.truongphong', 'cchc.chuyenvien', 'vp.chuyenvien']) {
      const s = await login(app, u(username));
      for (const r of routes) {
        const url = r.path.replace(':code', 'VP').replace(/:\w+/g, fake);
        const res = await (http() as unknown as Record<string, (url: string) => request.Test>)[r.method](url).auth(s.accessToken, { type: 'bearer' }).send({});
        expect([`${username} ${r.method} ${r.path}`, res.status, res.body.code]).toEqual([`${username} ${r.method} ${r.path}`, 403, 'FORBIDDEN']);
        expect(res.body.message).toMatch(VIETNAMESE);
      }
    }
    // A deputy signing "KT." for the director is no administrator either.
    const deputy = await login(app, u('pgd.b'));
    const kt = await http().get('/admin/users').auth(deputy.accessToken, { type: 'bearer' }).set('X-On-Behalf-Of', u('giamdoc'));
    expect(kt.status).toBe(403);
    // Without a token: 401 before any of it.
    expect((await http().get('/admin/settings')).status).toBe(401);
    expect((await as(admin).get('/admin/users')).status).toBe(200);
  });

  it('the administrator creates a unit: GET /units shows it at once with its aliases; bad input is refused in Vietnamese', async () => {
    const created = await as(admin).post('/admin/units', { code: 'khtc', name: 'Phòng Kế hoạch - Tài chính', kind: 'internal', aliases: ['Phòng KH-TC', ' P.KHTC ', 'Phòng KH-TC'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'KHTC', name: 'Phòng Kế hoạch - Tài chính', kind: 'internal', aliases: ['Phòng KH-TC', 'P.KHTC'], active: true });

    const units = await as(admin).get('/units').expect(200);
    expect(units.body.items.find((x: { code: string }) => x.code === 'KHTC')).toMatchObject({ aliases: ['Phòng KH-TC', 'P.KHTC'] });

    const again = await as(admin).post('/admin/units', { code: 'KHTC', name: 'Khác', kind: 'internal' });
    expect([again.status, again.body.code]).toEqual([409, 'UNIT_CODE_TAKEN']);
    const clash = await as(admin).post('/admin/units', { code: 'KHTC2', name: 'Phòng mới', kind: 'internal', aliases: ['Văn phòng Sở'] });
    expect([clash.status, clash.body.code]).toEqual([409, 'UNIT_ALIAS_TAKEN']);
    const bad = await as(admin).post('/admin/units', { code: 'có dấu', name: 'X', kind: 'internal' });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(bad.body.message).toMatch(VIETNAMESE);
    const kind = await as(admin).post('/admin/units', { code: 'X1', name: 'X', kind: 'phòng' });
    expect(kind.status).toBe(400);
    // A NUL cannot be stored in Postgres text: refused by the API's one text rule (422 INVALID_TEXT naming the field), never a 500.
    const nul = await as(admin).post('/admin/units', { code: 'X2', name: 'Phòng\u0000X', kind: 'internal' });
    expect([nul.status, nul.body.code, nul.body.details?.field]).toEqual([422, 'INVALID_TEXT', 'body.name']);
    const forgot = await http().post('/auth/forgot-password').send({ username: 'a\u0000b' });
    expect([forgot.status, forgot.body.code]).toEqual([422, 'INVALID_TEXT']);
    const [n] = await ds.query(`SELECT count(*)::int AS n FROM units WHERE organization_id = $1 AND code IN ('KHTC2', 'X1', 'X2')`, [org.organizationId]);
    expect(n.n).toBe(0);

    const renamed = await as(admin).patch('/admin/units/KHTC', { aliases: ['Phòng KH-TC', 'P.KHTC', 'Phòng Kế hoạch Tài chính'] }).expect(200);
    expect(renamed.body.aliases).toHaveLength(3);
    expect((await as(admin).patch('/admin/units/NOPE', { name: 'x' })).status).toBe(404);
  });

  it('creates a person (201 with the id) and queues the invitation with a one-time link', async () => {
    const res = await as(admin).post('/admin/users', person());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: expect.any(String), username: person().username, unitCode: 'KHTC', roles: ['unitHead'], active: true, hasPassword: false });
    personId = res.body.id;
    const mail = await latestMail(ds, person().email);
    expect(mail.subject).toMatch(/Mời sử dụng/);
    expect(mail.text).toContain(person().username);
    expect(mail.link.startsWith(`${process.env.PUBLIC_URL ?? 'http://127.0.0.1:3000'}/set-password?token=`)).toBe(true);
    // Only a hash of the token is stored.
    const [stored] = await ds.query(`SELECT token_hash FROM account_tokens WHERE user_id = $1`, [personId]);
    expect(stored.token_hash).not.toContain(mail.token);
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);

    const dup = await as(admin).post('/admin/users', person());
    expect([dup.status, dup.body.code]).toEqual([409, 'USERNAME_TAKEN']);
    const badEmail = await as(admin).post('/admin/users', { ...person(), username: u(`x${suffix}`), email: 'không phải địa chỉ' });
    expect([badEmail.status, badEmail.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const badRole = await as(admin).post('/admin/users', { ...person(), username: u(`y${suffix}`), roles: ['chief'] });
    expect([badRole.status, badRole.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const badUnit = await as(admin).post('/admin/users', { ...person(), username: u(`z${suffix}`), unitCode: 'NOPE' });
    expect([badUnit.status, badUnit.body.code]).toEqual([422, 'UNIT_NOT_FOUND']);
    const [count] = await ds.query(`SELECT count(*)::int AS n FROM users WHERE username = ANY($1)`, [[u(`x${suffix}`), u(`y${suffix}`), u(`z${suffix}`)]]);
    expect(count.n).toBe(0);
    // Nobody has a password before choosing one (so nobody can log in as them).
    const [fresh] = await ds.query(`SELECT password_hash FROM users WHERE id = $1`, [personId]);
    expect(fresh.password_hash).toBeNull();
  });

  let password = 'Lúa-chín-vàng-đồng 2026';
  // Logins are limited to 5 a minute per username: the person's steps share their sessions.
  let personSession: LoginSession;
  let passwordHash: string;
  it('the person sets a password from the invitation: the policy holds, the token works once', async () => {
    const { token } = await latestMail(ds, person().email);
    for (const [pw, why] of [['ngan', 'short'], ['1234567890', 'common'], ['qwertyuiop', 'common'], [person().username, 'username']] as const) {
      const res = await http().post('/auth/set-password').send({ token, password: pw });
      expect([why, res.status, res.body.code]).toEqual([why, 422, 'PASSWORD_REJECTED']);
      expect(res.body.message).toMatch(VIETNAMESE);
    }
    const ok = await http().post('/auth/set-password').send({ token, password });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ username: person().username });
    const twice = await http().post('/auth/set-password').send({ token, password: 'một mật khẩu khác hẳn' });
    expect([twice.status, twice.body.code]).toEqual([410, 'ACCOUNT_TOKEN_USED']);
    const unknown = await http().post('/auth/set-password').send({ token: 'x'.repeat(43), password: 'một mật khẩu khác hẳn' });
    expect([unknown.status, unknown.body.code]).toEqual([400, 'ACCOUNT_TOKEN_INVALID']);
    personSession = await login(app, person().username, password);
    expect(personSession.user).toMatchObject({ fullName: 'Trần Văn An', unit: { code: 'KHTC' }, roles: ['unitHead'] });
    [{ password_hash: passwordHash }] = await ds.query(`SELECT password_hash FROM users WHERE id = $1`, [personId]);
    expect(passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('an expired link answers 410 and sets nothing', async () => {
    await as(admin).post(`/admin/users/${personId}/invitation`).expect(200);
    const { token } = await latestMail(ds, person().email);
    await ds.query(`UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND used_at IS NULL`, [personId]);
    const res = await http().post('/auth/set-password').send({ token, password: 'mật khẩu hết hạn rồi' });
    expect([res.status, res.body.code]).toEqual([410, 'ACCOUNT_TOKEN_EXPIRED']);
    const [user] = await ds.query(`SELECT password_hash FROM users WHERE id = $1`, [personId]);
    expect(user.password_hash).toBe(passwordHash);
  });

  it('POST /me/password changes it: the old one stops working, the wrong current one is refused', async () => {
    const session = personSession;
    const wrong = await as(session).post('/me/password', { currentPassword: 'sai mật khẩu', newPassword: 'Một mật khẩu mới dài' });
    expect([wrong.status, wrong.body.code]).toEqual([403, 'CURRENT_PASSWORD_WRONG']);
    const weak = await as(session).post('/me/password', { currentPassword: password, newPassword: 'password12' });
    expect([weak.status, weak.body.code]).toEqual([422, 'PASSWORD_REJECTED']);
    await as(session).post('/me/password', { currentPassword: password, newPassword: 'Một mật khẩu mới dài' }).expect(204);
    expect((await http().post('/auth/login').send({ username: person().username, password })).status).toBe(401);
    password = 'Một mật khẩu mới dài';
    // The session that changed it goes on.
    expect((await as(session).get('/me')).status).toBe(200);
  });

  it('forgot-password answers the same whether or not the user exists, and mails a working link to the one who does', async () => {
    const known = await http().post('/auth/forgot-password').send({ username: person().username });
    const unknown = await http().post('/auth/forgot-password').send({ username: u('nobody-here') });
    expect(known.status).toBe(202);
    expect([unknown.status, unknown.body]).toEqual([known.status, known.body]);
    const mail = await latestMail(ds, person().email);
    expect(mail.subject).toMatch(/Đặt lại mật khẩu/);
    await http().post('/auth/set-password').send({ token: mail.token, password: 'Mật khẩu sau khi quên' }).expect(200);
    password = 'Mật khẩu sau khi quên';
    // Setting a password from a link ends every session: whoever knew the old one is out.
    expect((await as(personSession).get('/me')).status).toBe(401);
  });

  it('deactivating the person locks them out at once: the next request answers 401, login and refresh too', async () => {
    const session = await login(app, person().username, password);
    await as(session).get('/me').expect(200);
    const res = await as(admin).patch(`/admin/users/${personId}`, { active: false });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);
    expect((await as(session).get('/me')).status).toBe(401);
    expect((await http().post('/auth/refresh').send({ refreshToken: session.refreshToken })).status).toBe(401);
    const again = await http().post('/auth/login').send({ username: person().username, password });
    expect([again.status, again.body.code]).toEqual([403, 'ACCOUNT_DISABLED']);
    // Back again: the password they chose still works.
    await as(admin).patch(`/admin/users/${personId}`, { active: true }).expect(200);
    personSession = await login(app, person().username, password);
  });

  it('role, unit and portfolio changes count at once; the last head of a unit with open tasks cannot be taken away', async () => {
    const moved = await as(admin).patch(`/admin/users/${personId}`, { roles: ['deputyDirector'], unitCode: null, portfolioUnitCodes: ['KHTC', 'VP'], title: 'Phó Giám đốc' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ roles: ['deputyDirector'], unitCode: null, portfolioUnitCodes: ['KHTC', 'VP'] });
    // The next request of the person carries the new portfolio.
    const me = await as(personSession).get('/me').expect(200);
    expect(me.body.portfolioUnits.map((x: { code: string }) => x.code)).toEqual(['KHTC', 'VP']);
    expect(me.body.roles).toEqual(['deputyDirector']);
    const notDeputy = await as(admin).patch(`/admin/users/${personId}`, { roles: ['officer'], unitCode: 'KHTC', portfolioUnitCodes: ['VP'] });
    expect([notDeputy.status, notDeputy.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    await as(admin).patch(`/admin/users/${personId}`, { roles: ['unitHead'], unitCode: 'KHTC' }).expect(200);

    // KHTC leads an open task and this person is its only head: they cannot leave it alone.
    await ds.query(`INSERT INTO tasks (organization_id, title, owner_unit_id, state, status_word, workflow_id) SELECT $1, 'Nhiệm vụ của KHTC', id, 'DRAFTING', 'OPEN_ON_TIME', $2 FROM units WHERE organization_id = $1 AND code = 'KHTC'`, [
      org.organizationId,
      `admin-spec-${org.code}`,
    ]);
    const alone = await as(admin).patch(`/admin/users/${personId}`, { active: false });
    expect([alone.status, alone.body.code]).toEqual([409, 'USER_SOLE_DECIDER']);
    expect(alone.body.message).toMatch(VIETNAMESE);
    const demoted = await as(admin).patch(`/admin/users/${personId}`, { roles: ['officer'] });
    expect([demoted.status, demoted.body.code]).toEqual([409, 'USER_SOLE_DECIDER']);
    const unitOff = await as(admin).patch('/admin/units/KHTC', { active: false });
    expect([unitOff.status, unitOff.body.code]).toEqual([409, 'UNIT_HAS_OPEN_TASKS']);
    const [still] = await ds.query(`SELECT is_active, roles FROM users WHERE id = $1`, [personId]);
    expect(still).toEqual({ is_active: true, roles: ['unitHead'] });
    // The director too: the only one while tasks are open.
    const [director] = await ds.query(`SELECT id FROM users WHERE username = $1`, [u('giamdoc')]);
    const lastDirector = await as(admin).patch(`/admin/users/${director.id}`, { active: false });
    expect([lastDirector.status, lastDirector.body.code]).toEqual([409, 'USER_SOLE_DECIDER']);
    // And an administrator does not lock themselves out.
    const self = await as(admin).patch(`/admin/users/${admin.user.id}`, { active: false });
    expect([self.status, self.body.code]).toEqual([409, 'ADMIN_SELF_LOCKOUT']);
  });

  it('settings: GET answers every setting, PUT validates the whole and stores nothing on a problem', async () => {
    const before = await as(admin).get('/admin/settings').expect(200);
    expect(Object.keys(before.body).sort()).toEqual(
      [
        'approvalEscalateAfterWorkingDays',
        'approvalReminderAfterWorkingDays',
        'dayOffRule',
        'escalateToDeputyAfterWorkingDays',
        'escalateToDirectorAfterWorkingDays',
        'eventWindowWorkingDays',
        'maxExtensionsPerTask',
        'reminderWorkingDaysBefore',
        'reportingDeadlines',
        'reviewEscalateToDirectorAfterWorkingDays',
        'reviewReminderWorkingDaysBefore',
        'reviewWindowWorkingDays',
        'silentReviewer',
      ].sort(),
    );
    for (const body of [{ reviewWindowWorkingDays: 0 }, { silentReviewer: 'maybe' }, { escalateToDirectorAfterWorkingDays: 2 }, { reminderWorkingDaysBefore: [3, 3] }, { maxExtensionsPerTask: 1.5 }, { dayOffRule: 'yes' }, { unknownSetting: 1 }, { reportingDeadlines: { q1: '02-30' } }, { reportingDeadlines: { q1: '07-01' } }, { reportingDeadlines: { q1: 14 } }, { reportingDeadlines: { q5: '05-01' } }]) {
      const res = await as(admin).put('/admin/settings', body);
      expect([JSON.stringify(body), res.status >= 400 && res.status < 500]).toEqual([JSON.stringify(body), true]);
      expect(res.body.message).toMatch(VIETNAMESE);
    }
    expect((await as(admin).get('/admin/settings')).body).toEqual(before.body);
    const put = await as(admin).put('/admin/settings', { reviewWindowWorkingDays: 7, silentReviewer: 'escalate', maxExtensionsPerTask: 2 });
    expect([put.status, put.body.code]).toEqual([200, undefined]);
    expect(put.body).toMatchObject({ changed: true, settings: { ...before.body, reviewWindowWorkingDays: 7, silentReviewer: 'escalate', maxExtensionsPerTask: 2 } });
    // The open task of this file has no workflow running: the broadcast reports it, nothing hangs.
    expect(put.body.tasks.signalled + put.body.tasks.closed + put.body.tasks.failed.length).toBeGreaterThanOrEqual(1);
    const same = await as(admin).put('/admin/settings', { reviewWindowWorkingDays: 7 }).expect(200);
    expect(same.body.changed).toBe(false);
    // The reporting calendar (defaults: the 14th, NĐ 09/2019 art. 12), given in part.
    expect(before.body.reportingDeadlines).toEqual({ q1: '03-14', h1: '06-14', q3: '09-14', year: '12-14' });
    const reporting = await as(admin).put('/admin/settings', { reportingDeadlines: { q1: '03-20' } }).expect(200);
    expect(reporting.body).toMatchObject({ changed: true, settings: { reportingDeadlines: { q1: '03-20', h1: '06-14', q3: '09-14', year: '12-14' } } });
    await as(admin).put('/admin/settings', { reportingDeadlines: { q1: '03-14' } }).expect(200);
  });

  it('a .csv of people previews its row errors, imports once clean, and changes nothing the second time', async () => {
    const header = 'Tên đăng nhập,Họ và tên,Chức danh,E-mail,Mã đơn vị,Vai trò\n';
    const upload = (csv: string) => http().post('/admin/directory/imports').auth(admin.accessToken, { type: 'bearer' }).attach('file', Buffer.from(csv), { filename: 'nguoi-dung.csv' });
    const broken = await upload(`${header}${u(`cv.khtc${suffix}`)},Lê Thị Hoa,Chuyên viên,hoa@,KHTC,Chuyên viên\n${u(`cv2.khtc${suffix}`)},Phan Văn Bình,Chuyên viên,binh.${suffix}@so.example.gov.vn,NOPE,thư ký\n`);
    expect(broken.status).toBe(201);
    expect(broken.body.errors.map((e: { code: string; row: number }) => [e.row, e.code])).toEqual([
      [2, 'BAD_EMAIL'],
      [3, 'UNKNOWN_ROLE'],
      [3, 'UNKNOWN_UNIT'],
    ]);
    const refused = await as(admin).post(`/admin/directory/imports/${broken.body.id}/confirm`);
    expect([refused.status, refused.body.code]).toEqual([422, 'DIRECTORY_IMPORT_HAS_ERRORS']);
    const csv = `\uFEFF${header}${u(`cv.khtc${suffix}`)},Lê Thị Hoa,Chuyên viên,hoa.${suffix}@so.example.gov.vn,KHTC,Chuyên viên\n`;
    const clean = await upload(csv);
    expect(clean.body).toMatchObject({ importable: true, noChanges: false, people: { create: [expect.objectContaining({ username: u(`cv.khtc${suffix}`), roles: ['officer'] })] } });
    const done = await as(admin).post(`/admin/directory/imports/${clean.body.id}/confirm`).expect(200);
    expect(done.body.result).toMatchObject({ peopleCreated: 1, invitationsSent: 1 });
    expect((await latestMail(ds, `hoa.${suffix}@so.example.gov.vn`)).subject).toMatch(/Mời sử dụng/);
    const again = await upload(csv);
    expect(again.body).toMatchObject({ importable: true, noChanges: true });
    const wrongType = await http().post('/admin/directory/imports').auth(admin.accessToken, { type: 'bearer' }).attach('file', Buffer.from('%PDF-1.4'), { filename: 'danh-muc.pdf' });
    expect([wrongType.status, wrongType.body.code]).toEqual([415, 'UNSUPPORTED_FILE_TYPE']);
    const template = await as(admin).get('/admin/directory/template.xlsx');
    expect([template.status, template.headers['content-type']]).toEqual([200, expect.stringMatching(/spreadsheetml/)]);
  });

  it('every change is in GET /admin/audit, newest first, paginated, with who did it', async () => {
    const first = await as(admin).get('/admin/audit?limit=3').expect(200);
    expect(first.body.items).toHaveLength(3);
    expect(first.body.items[0]).toMatchObject({ action: 'directory.import', actor: { username: u('quantri') }, after: { peopleCreated: 1 } });
    const all = [...first.body.items];
    for (let cursor = first.body.nextCursor; cursor; ) {
      const page = await as(admin).get(`/admin/audit?limit=3&cursor=${cursor}`).expect(200);
      all.push(...page.body.items);
      cursor = page.body.nextCursor;
    }
    expect(new Set(all.map((a) => a.id)).size).toBe(all.length);
    const actions = all.map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['unit.create', 'unit.update', 'user.create', 'invitation.send', 'user.update', 'settings.update', 'directory.import']));
    // The oldest settings change (the reporting calendar edits came after it).
    expect(all.filter((a) => a.action === 'settings.update').pop()).toMatchObject({ before: { reviewWindowWorkingDays: 5 }, after: { reviewWindowWorkingDays: 7 } });
    expect(all.find((a) => a.action === 'settings.update')).toMatchObject({ before: { reportingDeadlines: { q1: '03-20' } }, after: { reportingDeadlines: { q1: '03-14' } } });
    const deactivation = all.find((a) => a.action === 'user.update' && a.before?.active === true && a.after?.active === false);
    expect(deactivation).toMatchObject({ targetId: personId });
    expect((await as(admin).get('/admin/audit?cursor=garbage')).status).toBe(400);
    // Passwords and tokens never reach the audit.
    expect(JSON.stringify(all)).not.toMatch(/password|token/i);
  });
});
