import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Workbook } from 'exceljs';
import request from 'supertest';
import { DEMO_PEOPLE } from '@app/persistence';
import { getSnapshotQuery } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { createApiApp } from '../../apps/api/src/bootstrap-app';
import { NEXT_YEAR as Y, route, TODAY } from '../api/support';
import { seedPlanText } from '../lifecycle/support';
import { giveDemoPasswords, login } from '../support/auth';
import { latestMail } from '../support/mail';
import { demoOrganizationSeed } from '../../infra/scripts/demo-data';
import { env, eventually, maybeRecordHistory, uniqueSuffix, useStack } from '../support/stack';

const ROOT = join(__dirname, '..', '..');
type Body = Record<string, unknown>;

/**
 * A second organization onboards itself, end to end on the real stack (Postgres, Temporal, the
 * real worker and API), without code: the operator runs `org create`; its administrator chooses a
 * password from the invitation found in the mail outbox, downloads the directory template, fills
 * it (units with the aliases plans use, people, portfolios) and imports it (a file with errors
 * first: nothing stored); the monitor and every unit head involved log in through their own
 * invitations, the monitor imports seed 003 (moved to next year) and they run scenario 2 of
 * SCENARIOS.md. The two organizations never see each other's tasks or people.
 */
describe('onboarding a second organization without code', () => {
  const stack = useStack('onboarding');
  let app: INestApplication;
  const code = `N${uniqueSuffix().toUpperCase()}`;
  const p = (name: string) => `${code.toLowerCase()}.${name}`;
  const adminEmail = `quantri.${code.toLowerCase()}@so-moi.example.gov.vn`;
  const tokens = new Map<string, string>();
  const http = () => request(app.getHttpServer());
  const as = (who: string) => {
    const token = tokens.get(who);
    if (!token) throw new Error(`${who} has not logged in`);
    return {
      get: (url: string) => http().get(url).auth(token, { type: 'bearer' }),
      post: (url: string, body: object = {}) => http().post(url).auth(token, { type: 'bearer' }).send(body),
      upload: (url: string, file: Buffer, filename: string, fields: Record<string, string> = {}) => {
        const req = http().post(url).auth(token, { type: 'bearer' });
        for (const [k, v] of Object.entries(fields)) req.field(k, v);
        return req.attach('file', file, { filename });
      },
    };
  };
  /** The person opens their invitation from the outbox, chooses a password and logs in. */
  const acceptInvitation = async (username: string, email: string) => {
    const mail = await latestMail(stack.ds, email);
    expect(mail.text).toContain(username);
    // Their own choice (a password containing the username is refused by the policy).
    const password = `Mật khẩu tự chọn số ${tokens.size + 1}`;
    await http().post('/auth/set-password').send({ token: mail.token, password }).expect(200);
    tokens.set(username, (await login(app, username, password)).accessToken);
  };
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, ['-r', join(ROOT, 'infra/bin/register.js'), join(ROOT, 'apps/cli/src/main.ts'), ...args], {
      cwd: ROOT,
      env: process.env,
      encoding: 'utf8',
    });
    return { status: r.status, json: JSON.parse(r.stdout), stderr: r.stderr };
  };

  beforeAll(async () => {
    // The API starts the plan's workflows on the queue this file's worker polls.
    Object.assign(process.env, { TEMPORAL_TASK_QUEUE: stack.taskQueue, ATTACHMENTS_DIR: join(env('PLANFLOW_TEST_DIR'), 'onboarding-attachments') });
    app = await createApiApp();
    await app.init();
  });
  afterAll(async () => app?.close());

  let organizationId: string;
  it('org create makes the organization and its first administrator, who gets an invitation; a second run changes nothing', async () => {
    const first = cli('org', 'create', '--code', code, '--name', 'Sở Nội vụ tỉnh Mới', '--admin-email', adminEmail);
    expect([first.status, first.stderr]).toEqual([0, expect.any(String)]);
    expect(first.json).toMatchObject({ code, name: 'Sở Nội vụ tỉnh Mới', created: true, admin: { username: `admin.${code.toLowerCase()}`, email: adminEmail } });
    organizationId = first.json.organizationId;
    const again = cli('org', 'create', '--code', code, '--name', 'Sở Nội vụ tỉnh Mới', '--admin-email', adminEmail);
    expect([again.status, again.json.created, again.json.organizationId]).toEqual([0, false, organizationId]);
    const [mails] = await stack.ds.query(`SELECT count(*)::int AS n FROM email_outbox WHERE to_address = $1`, [adminEmail]);
    expect(mails.n).toBe(1);
    const bad = cli('org', 'create', '--code', 'x', '--name', 'X', '--admin-email', 'không-phải-email');
    expect([bad.status, bad.json.error.code]).toEqual([2, 'VALIDATION_FAILED']);
    // Nobody of it has a password the operator chose.
    const [pw] = await stack.ds.query(`SELECT count(*)::int AS n FROM users WHERE organization_id = $1 AND password_hash IS NOT NULL`, [organizationId]);
    expect(pw.n).toBe(0);
  });

  const people = DEMO_PEOPLE.map((d) => ({ ...d, username: p(d.username), email: `${d.username}.${code.toLowerCase()}@so-moi.example.gov.vn` }));
  const email = (username: string) => people.find((x) => x.username === username)!.email;

  /** The template filled in as an administrator would: the demo units (with their aliases), the people, the portfolios. */
  const filledTemplate = async (template: Buffer, edit?: (wb: Workbook) => void): Promise<Buffer> => {
    const wb = new Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    const units = wb.getWorksheet('Đơn vị')!;
    for (const u of demoOrganizationSeed().units) units.addRow([u.code, u.name, u.kind === 'internal' ? 'thuộc Sở' : 'trực thuộc Sở', u.aliases.join('; ')]);
    const sheet = wb.getWorksheet('Người dùng')!;
    const labels: Record<string, string> = { officer: 'Chuyên viên', unitHead: 'Trưởng phòng', monitor: 'monitor', deputyDirector: 'Phó Giám đốc', director: 'Giám đốc', admin: 'admin' };
    for (const x of people) sheet.addRow([x.username, x.fullName, x.title, x.email, x.unitCode ?? '', x.roles.map((r) => labels[r]).join('; ')]);
    const portfolios = wb.getWorksheet('Phụ trách')!;
    for (const x of people) for (const unit of x.portfolio ?? []) portfolios.addRow([x.username, unit]);
    edit?.(wb);
    return Buffer.from(await wb.xlsx.writeBuffer());
  };

  it('its administrator sets a password from the invitation and imports units and people from an .xlsx: errors first, then a clean file, then the same again', async () => {
    await acceptInvitation(`admin.${code.toLowerCase()}`, adminEmail);
    const admin = as(`admin.${code.toLowerCase()}`);
    const template = await admin.get('/admin/directory/template.xlsx').buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(template.status).toBe(200);
    expect(template.headers['content-type']).toMatch(/spreadsheetml/);

    // A broken copy: unknown unit, duplicate username, bad e-mail, unknown role. Nothing stored.
    const broken = await filledTemplate(template.body as Buffer, (wb) => {
      const sheet = wb.getWorksheet('Người dùng')!;
      sheet.addRow([p('lac.donvi'), 'Người Lạc Đơn Vị', 'Chuyên viên', 'lac@so-moi.example.gov.vn', 'KHONGCO', 'Chuyên viên']);
      sheet.addRow([p('vp.chuyenvien'), 'Trùng Tên', 'Chuyên viên', 'trung@so-moi.example.gov.vn', 'VP', 'Chuyên viên']);
      sheet.addRow([p('sai.email'), 'Sai Thư', 'Chuyên viên', 'sai-thu', 'VP', 'Chuyên viên']);
      sheet.addRow([p('sai.vaitro'), 'Sai Vai Trò', 'Chuyên viên', 'vaitro@so-moi.example.gov.vn', 'VP', 'Trưởng nhóm']);
    });
    const bad = await admin.upload('/admin/directory/imports', broken, 'danh-muc.xlsx');
    expect(bad.status).toBe(201);
    expect(bad.body.importable).toBe(false);
    expect(bad.body.errors.map((e: Body) => e.code).sort()).toEqual(['BAD_EMAIL', 'DUPLICATE_USERNAME', 'UNKNOWN_ROLE', 'UNKNOWN_UNIT']);
    expect(bad.body.errors.every((e: Body) => e.sheet === 'people' && typeof e.row === 'number' && /[ạảãàáâăđêôơư]/i.test(e.message as string))).toBe(true);
    const refused = await admin.post(`/admin/directory/imports/${bad.body.id}/confirm`);
    expect([refused.status, refused.body.code]).toEqual([422, 'DIRECTORY_IMPORT_HAS_ERRORS']);
    const [stored] = await stack.ds.query(`SELECT (SELECT count(*)::int FROM units WHERE organization_id = $1) AS units, (SELECT count(*)::int FROM users WHERE organization_id = $1) AS users`, [organizationId]);
    expect(stored).toEqual({ units: 0, users: 1 });

    const clean = await filledTemplate(template.body as Buffer);
    const preview = await admin.upload('/admin/directory/imports', clean, 'danh-muc.xlsx');
    expect(preview.status).toBe(201);
    expect(preview.body).toMatchObject({ importable: true, noChanges: false, errors: [] });
    expect(preview.body.units.create).toHaveLength(8);
    // The administrator is in the template already (unchanged); the 20 people are new.
    expect(preview.body.people.create).toHaveLength(20);
    const confirmed = await admin.post(`/admin/directory/imports/${preview.body.id}/confirm`);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.result).toEqual({ unitsCreated: 8, unitsUpdated: 0, peopleCreated: 20, peopleUpdated: 0, invitationsSent: 20 });
    const twice = await admin.post(`/admin/directory/imports/${preview.body.id}/confirm`).expect(200);
    expect(twice.body.result).toEqual(confirmed.body.result);

    const units = await admin.get('/units').expect(200);
    expect(units.body.items.map((u: Body) => u.code)).toEqual(['BTDKT', 'BTG', 'CCHC', 'CCVC', 'TCBC', 'TTLT', 'TTRA', 'VP']);
    const deputies = await admin.get('/admin/users').expect(200);
    expect(deputies.body.items.find((u: Body) => u.username === p('pgd.a'))).toMatchObject({ roles: ['deputyDirector'], portfolioUnitCodes: ['CCHC', 'TTLT', 'TTRA', 'VP'] });

    // The same file again changes nothing.
    const same = await admin.upload('/admin/directory/imports', await filledTemplate(template.body as Buffer), 'danh-muc.xlsx');
    expect(same.body).toMatchObject({ importable: true, noChanges: true, units: { create: [], update: [] }, people: { create: [], update: [] } });
    // A changed file shows its diff before anything moves.
    const changed = await filledTemplate(template.body as Buffer, (wb) => {
      const sheet = wb.getWorksheet('Người dùng')!;
      sheet.eachRow((row) => {
        if (row.getCell(1).text === p('btg.chuyenvien')) row.getCell(3).value = 'Chuyên viên chính';
      });
    });
    const diff = await admin.upload('/admin/directory/imports', changed, 'danh-muc-sua.xlsx');
    expect(diff.body.people.update).toEqual([
      expect.objectContaining({ username: p('btg.chuyenvien'), before: expect.objectContaining({ title: 'Chuyên viên' }), after: expect.objectContaining({ title: 'Chuyên viên chính' }) }),
    ]);
    const [title] = await stack.ds.query(`SELECT title FROM users WHERE username = $1`, [p('btg.chuyenvien')]);
    expect(title.title).toBe('Chuyên viên');
    await admin.post(`/admin/directory/imports/${diff.body.id}/confirm`).expect(200);
    const [after] = await stack.ds.query(`SELECT title FROM users WHERE username = $1`, [p('btg.chuyenvien')]);
    expect(after.title).toBe('Chuyên viên chính');
  });

  it('the monitor and the unit heads log in through their own invitations and run scenario 2 on the plan they import', async () => {
    const reviewers = ['BTDKT', 'BTG', 'CCHC', 'CCVC', 'TCBC', 'TTLT', 'TTRA'];
    for (const who of ['vp.truongphong', 'vp.chuyenvien', 'pgd.a', 'pgd.b', 'giamdoc', ...reviewers.map((c) => `${c.toLowerCase()}.truongphong`)]) {
      await acceptInvitation(p(who), email(p(who)));
    }
    // The monitor (Văn phòng Sở) imports seed 003: the aliases of the imported directory resolve every unit.
    const upload = await as(p('vp.truongphong')).upload('/plans/imports', Buffer.from(seedPlanText(Y)), `ke-hoach-cchc-${Y}.txt`, { year: String(Y) });
    expect([upload.status, upload.body.importable, upload.body.parse?.errors]).toEqual([201, true, []]);
    const plan = await as(p('vp.truongphong')).post(`/plans/imports/${upload.body.id}/confirm`, { acceptWarnings: true });
    expect([plan.status, plan.body.tasksCreated]).toEqual([200, 32]);
    const [row] = await stack.ds.query(`SELECT id FROM tasks WHERE plan_id = $1 AND row_key = 'II.2'`, [plan.body.planId]);
    const id: string = row.id;
    await eventually('II.2 running', async () => (await stack.ds.query(`SELECT version FROM tasks WHERE id = $1`, [id]))[0].version >= 1);

    const ok = async (who: string, action: string, body: Body = {}): Promise<Body> => {
      const res = await as(p(who)).post(`/tasks/${id}/${route(action)}`, body);
      if (res.status !== 200) throw new Error(`${action} by ${who} answered ${res.status}: ${JSON.stringify(res.body)}`);
      return res.body.task as Body;
    };
    const box = async (who: string, name: string) => ((await as(p(who)).get(`/me/inbox?box=${name}&limit=200`).expect(200)).body.items as Body[]).map((t) => t.id);

    expect(await box('vp.chuyenvien', 'draft')).toContain(id);
    const attachment = await as(p('vp.chuyenvien')).upload(`/tasks/${id}/attachments`, Buffer.from('Dự thảo kế hoạch\n'), 'du-thao.txt');
    expect(attachment.status).toBe(201);
    await ok('vp.chuyenvien', 'saveDraft', { text: 'Dự thảo Kế hoạch hệ thống hóa', attachments: [{ fileId: attachment.body.id, name: 'du-thao.txt' }], progressPercent: 90 });
    let task = await ok('vp.truongphong', 'submit');
    expect(task).toMatchObject({ state: 'IN_REVIEW', pendingReviewUnitCodes: reviewers });
    for (const unit of reviewers) {
      const head = `${unit.toLowerCase()}.truongphong`;
      expect(await box(head, 'review')).toContain(id);
      task = await ok(head, 'review', { opinion: 'agree' });
    }
    expect(task).toMatchObject({ state: 'AWAITING_APPROVAL' });
    expect(await box('pgd.a', 'approve')).toContain(id);
    expect(await box('pgd.b', 'approve')).not.toContain(id);
    task = await ok('pgd.a', 'approve', { comment: 'Đồng ý' });
    expect(task).toMatchObject({ state: 'COMPLETED', statusWord: 'DONE_ON_TIME', statusLabel: 'Hoàn thành đúng hạn', completedOn: TODAY });
    const history = (task.history as Body[]).map((e) => e.type).reverse();
    expect(history).toEqual(['CREATED', 'ATTACHMENT_UPLOADED', 'DRAFT_SAVED', 'SUBMITTED_FOR_REVIEW', ...reviewers.map(() => 'REVIEW_GIVEN'), 'REVIEW_COMPLETED', 'APPROVED']);
    scenarioTaskId = id;
  });
  let scenarioTaskId: string;

  it('a settings change of the new organization reaches its open tasks, and only its own', async () => {
    const admin = as(`admin.${code.toLowerCase()}`);
    const put = await http().put('/admin/settings').auth(tokens.get(`admin.${code.toLowerCase()}`)!, { type: 'bearer' }).send({ maxExtensionsPerTask: 3 });
    expect(put.status).toBe(200);
    const [open] = await stack.ds.query(`SELECT count(*)::int AS n FROM tasks WHERE organization_id = $1 AND state NOT IN ('COMPLETED', 'CANCELLED') AND workflow_id IS NOT NULL`, [organizationId]);
    // Every open task is told, or (a unit's task of a group-led row its row has not started yet,
    // as under load) starts with the new settings from its row, which was told.
    expect(put.body.tasks).toMatchObject({ closed: 0, failed: [] });
    expect(put.body.tasks.signalled + put.body.tasks.notStartedYet).toBe(open.n);
    // A running task of the organization now counts with the new cap: its workflow says so.
    const [other] = await stack.ds.query(
      `SELECT workflow_id FROM tasks WHERE organization_id = $1 AND state = 'DRAFTING' AND parent_task_id IS NULL AND owner_unit_id IS NOT NULL ORDER BY row_key LIMIT 1`,
      [organizationId],
    );
    await eventually('the new cap in the running workflow', async () => {
      const snapshot = await stack.client.workflow.getHandle(other.workflow_id).query(getSnapshotQuery);
      return snapshot.extensions?.max === 3;
    });
    // RECORD_HISTORIES=1: the replay fixture of the settingsChanged path (patch settings-changed-v1).
    await maybeRecordHistory(stack.client, other.workflow_id, 'settings-changed-v1');
    expect((await admin.get('/admin/audit?limit=1')).body.items[0]).toMatchObject({ action: 'settings.update', before: { maxExtensionsPerTask: 1 }, after: { maxExtensionsPerTask: 3 } });
  });

  it('cross-organization isolation still holds', async () => {
    await giveDemoPasswords(stack.ds, stack.org.organizationId);
    const otherDirector = (await login(app, `${stack.org.code.toLowerCase()}.giamdoc`)).accessToken;
    const otherAdmin = (await login(app, `${stack.org.code.toLowerCase()}.quantri`)).accessToken;
    // The other organization's director does not see the new organization's task: 404, as if it did not exist.
    const seen = await http().get(`/tasks/${scenarioTaskId}`).auth(otherDirector, { type: 'bearer' });
    expect([seen.status, seen.body.code]).toEqual([404, 'TASK_NOT_FOUND']);
    const list = await http().get('/tasks?limit=200').auth(otherDirector, { type: 'bearer' }).expect(200);
    expect(list.body.items.map((t: Body) => t.id)).not.toContain(scenarioTaskId);
    // Its administrator sees only its own people and cannot touch the new organization's.
    const users = await http().get('/admin/users').auth(otherAdmin, { type: 'bearer' }).expect(200);
    expect(users.body.items.some((u: Body) => (u.username as string).startsWith(`${code.toLowerCase()}.`))).toBe(false);
    const [newcomer] = await stack.ds.query(`SELECT id FROM users WHERE username = $1`, [p('vp.chuyenvien')]);
    const patch = await http().patch(`/admin/users/${newcomer.id}`).auth(otherAdmin, { type: 'bearer' }).send({ active: false });
    expect([patch.status, patch.body.code]).toEqual([404, 'ADMIN_USER_NOT_FOUND']);
    // And the new organization's monitor lists only its own tasks.
    const mine = await as(p('vp.truongphong')).get('/tasks?limit=200').expect(200);
    const orgs = await stack.ds.query(`SELECT DISTINCT organization_id FROM tasks WHERE id = ANY($1::uuid[])`, [mine.body.items.map((t: Body) => t.id)]);
    expect(orgs).toEqual([{ organization_id: organizationId }]);
  });
});
