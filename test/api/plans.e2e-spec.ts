import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { buildAppendixDocx, buildAppendixXlsx, readSamplePlanText } from '@app/domain/plan-import/testing/appendix-fixtures';
import { createApiApp } from '../../apps/api/src/bootstrap-app';
import { giveDemoPasswords, login } from '../support/auth';
import { eventually, seedTestOrganization, useStack } from '../support/stack';
import { withBearer } from './support';
import { listenMetrics } from '../../apps/api/src/metrics/metrics-server';

const SEED_004 = resolve(__dirname, '../fixtures/seeds/004_ae6ed311de1af7f1.txt');
const ATTACHMENT_MAX_BYTES = 64 * 1024;
const PLAN_IMPORT_MAX_BYTES = 1024 * 1024;
const SECTION_SIZES = { I: 7, II: 4, III: 4, IV: 1, V: 5, VI: 3, VII: 8 };

/** Seed 003 with one title edited (I.4), the last row removed (VII.8) and a row added (II.5). */
function changedSample(): string {
  const text = readSamplePlanText();
  const edited = text
    .replace('Triển khai chấm điểm Chỉ số cải cách hành chính năm 2023\t', 'Triển khai chấm điểm Chỉ số cải cách hành chính năm 2023 của Sở\t')
    .replace(/^8\tTriển lãm thực tế ảo\t.*\n/m, '')
    .replace(
      /(^4\tXây dựng các văn bản QPPL về các lĩnh vực của ngành Nội vụ\t.*\n)/m,
      '$1' + '5\tSố hóa hồ sơ, tài liệu lưu trữ của Sở\tTrung tâm lưu trữ lịch sử tỉnh\tVăn phòng Sở\tTháng 10/2023\t\n',
    );
  expect(edited).not.toBe(text);
  return edited;
}

/**
 * Plans, attachments and operations endpoints over HTTP on the real stack (Postgres, Temporal dev
 * server, the worker process): scenario 1 through the API (upload → preview → confirm, again, a
 * changed file, an unknown unit, the three file forms, a prose plan), plan progress, task
 * attachments with their limits and permissions, readiness and metrics.
 */
describe('plans, attachments and metrics over HTTP', () => {
  const stack = useStack('plans');
  let app: INestApplication;
  let attachmentsDir: string;
  let other: { code: string; organizationId: string };
  const savedEnv = { ...process.env };
  const tokens: Record<string, string> = {};
  const user = (name: string) => `${stack.org.code.toLowerCase()}.${name}`;
  const http = () => request(app.getHttpServer());
  const as = (who: string) => withBearer(app, tokens[who]);
  const upload = (who: string, content: Buffer | string, filename: string, url = '/plans/imports') =>
    as(who).post(url).attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content), { filename });

  const counts = async () => {
    const [r] = await stack.ds.query(
      `SELECT (SELECT count(*)::int FROM plans WHERE organization_id = $1) AS plans,
              (SELECT count(*)::int FROM tasks WHERE organization_id = $1) AS tasks,
              (SELECT count(*)::int FROM tasks WHERE organization_id = $1 AND parent_task_id IS NULL) AS rows`,
      [stack.org.organizationId],
    );
    return r as { plans: number; tasks: number; rows: number };
  };
  /** Workflows of the plan in Temporal visibility (it lags by seconds: callers poll). */
  const workflowCount = async (planId: string, extra = '') =>
    (await stack.client.workflow.count(`WorkflowId STARTS_WITH "plan-${planId}-row-"${extra ? ` AND ${extra}` : ''}`)).count;

  beforeAll(async () => {
    attachmentsDir = await mkdtemp(join(tmpdir(), 'planflow-attachments-'));
    // The API starts workflows on this file's task queue, where its own worker listens.
    Object.assign(process.env, {
      TEMPORAL_TASK_QUEUE: stack.taskQueue,
      ATTACHMENTS_DIR: attachmentsDir,
      ATTACHMENT_MAX_BYTES: String(ATTACHMENT_MAX_BYTES),
      ATTACHMENT_TYPES: 'pdf,docx,xlsx,png,jpg,txt',
      PLAN_IMPORT_MAX_BYTES: String(PLAN_IMPORT_MAX_BYTES),
    });
    await giveDemoPasswords(stack.ds, stack.org.organizationId);
    other = await seedTestOrganization(stack.ds);
    await giveDemoPasswords(stack.ds, other.organizationId);
    app = await createApiApp();
    await app.init();
    // One login each (the login rate limit counts per username).
    for (const name of ['vp.chuyenvien', 'btg.chuyenvien', 'tcbc.chuyenvien', 'pgd.a', 'quantri']) tokens[name] = (await login(app, user(name))).accessToken;
    tokens.other = (await login(app, `${other.code.toLowerCase()}.vp.chuyenvien`)).accessToken;
  });

  afterAll(async () => {
    await app?.close();
    process.env = savedEnv;
    await rm(attachmentsDir, { recursive: true, force: true });
  });

  describe('plan import', () => {
    let planId: string;
    let firstConfirm: Record<string, unknown>;

    it('only the monitor imports: an officer, a deputy and the administrator get 403 and nothing is stored', async () => {
      for (const who of ['btg.chuyenvien', 'pgd.a', 'quantri']) {
        const res = await upload(who, readSamplePlanText(), 'ke-hoach.txt').expect(403);
        expect(res.body).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('nhập kế hoạch') });
      }
      const [{ n }] = await stack.ds.query(`SELECT count(*)::int AS n FROM plan_imports WHERE organization_id = $1`, [stack.org.organizationId]);
      expect(n).toBe(0);
    });

    it('refuses a file too large (413), of another type (415) or unreadable (422), in Vietnamese', async () => {
      const big = await upload('vp.chuyenvien', Buffer.alloc(PLAN_IMPORT_MAX_BYTES + 1, 'a'), 'ke-hoach.txt').expect(413);
      expect(big.body).toMatchObject({ code: 'FILE_TOO_LARGE', message: 'Tệp vượt quá dung lượng cho phép (1 MB).', requestId: expect.any(String) });
      const pdf = await upload('vp.chuyenvien', Buffer.from('%PDF-1.7'), 'ke-hoach.pdf').expect(415);
      expect(pdf.body).toMatchObject({ code: 'UNSUPPORTED_FILE_TYPE', message: expect.stringContaining('chỉ nhận: .docx, .xlsx, .txt, .md') });
      const renamed = await upload('vp.chuyenvien', readSamplePlanText(), 'ke-hoach.docx').expect(415);
      expect(renamed.body.message).toBe('Nội dung tệp "ke-hoach.docx" không phải định dạng Word (.docx) như phần mở rộng ghi.');
      const corrupt = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('word/document.xml'), Buffer.alloc(64, 7)]);
      const unreadable = await upload('vp.chuyenvien', corrupt, 'ke-hoach.docx').expect(422);
      expect(unreadable.body).toMatchObject({ code: 'UNREADABLE_FILE', message: expect.stringContaining('Không đọc được tệp "ke-hoach.docx"') });
      const none = await as('vp.chuyenvien').post('/plans/imports').field('year', '2023').expect(400);
      expect(none.body.code).toBe('FILE_REQUIRED');
      expect(await counts()).toEqual({ plans: 0, tasks: 0, rows: 0 });
    });

    it('a file with an unknown unit previews its error by section, STT and cell; confirm answers 422 and stores nothing', async () => {
      const text = readSamplePlanText().replace('Xây dựng kế hoạch biên chế năm 2023\tVăn phòng Sở', 'Xây dựng kế hoạch biên chế năm 2023\tPhòng Tư pháp');
      const preview = await upload('vp.chuyenvien', text, 'ke-hoach-loi.txt').expect(201);
      const unknownUnit = { code: 'UNKNOWN_UNIT', section: 'IV', ordinal: '1', cell: 'lead', raw: 'Phòng Tư pháp', message: expect.stringContaining('Mục IV, STT 1') };
      expect(preview.body).toMatchObject({ status: 'previewed', importable: false, diff: null, parse: { errors: [unknownUnit] }, kind: 'table', blockingErrors: [unknownUnit] });
      const refused = await as('vp.chuyenvien').post(`/plans/imports/${preview.body.id}/confirm`).send({ acceptWarnings: true }).expect(422);
      expect(refused.body).toMatchObject({ code: 'PLAN_HAS_ERRORS', message: expect.stringContaining('chưa có gì được lưu'), details: { errors: [unknownUnit] } });
      expect(await counts()).toEqual({ plans: 0, tasks: 0, rows: 0 });
    });

    it('seed 003 previews 32 tasks in 7 sections with the declared-total warning, and stores nothing before confirm', async () => {
      const res = await upload('vp.chuyenvien', readSamplePlanText(), 'Kế hoạch CCHC 2023.txt').expect(201);
      const body = res.body;
      expect(body).toMatchObject({
        status: 'previewed',
        fileName: 'Kế hoạch CCHC 2023.txt',
        size: Buffer.byteLength(readSamplePlanText()),
        sha256: createHash('sha256').update(readSamplePlanText()).digest('hex'),
        importable: true,
        diff: null,
        candidates: [],
        parse: { planYear: 2023, declaredTotal: 33, errors: [], header: { number: null, issuer: expect.any(String) } },
      });
      expect(body.parse.sections.map((s: { code: string }) => s.code)).toEqual(Object.keys(SECTION_SIZES));
      expect(body.parse.tasks).toHaveLength(32);
      const perSection = Object.fromEntries(Object.keys(SECTION_SIZES).map((code) => [code, body.parse.tasks.filter((t: { section: string }) => t.section === code).length]));
      expect(perSection).toEqual(SECTION_SIZES);
      expect(body.parse.warnings).toEqual([expect.objectContaining({ code: 'DECLARED_TOTAL_MISMATCH' })]);
      expect(body.parse.tasks.find((t: { section: string; ordinal: string }) => t.section === 'II' && t.ordinal === '2')).toMatchObject({
        lead: [{ unit: 'VP' }],
        milestones: [expect.objectContaining({ kind: 'deadline', due: '2023-02-28' })],
      });
      expect(await counts()).toEqual({ plans: 0, tasks: 0, rows: 0 });

      // The same preview again, for the screen that reloads it.
      expect((await as('vp.chuyenvien').get(`/plans/imports/${body.id}`).expect(200)).body).toEqual(body);
      // Warnings must be looked at: confirming without accepting them is refused.
      const unaccepted = await as('vp.chuyenvien').post(`/plans/imports/${body.id}/confirm`).send({}).expect(422);
      expect(unaccepted.body).toMatchObject({ code: 'WARNINGS_NOT_ACCEPTED', details: { codes: ['DECLARED_TOTAL_MISMATCH'] } });
      expect(await counts()).toEqual({ plans: 0, tasks: 0, rows: 0 });

      const confirmed = await as('vp.chuyenvien')
        .post(`/plans/imports/${body.id}/confirm`)
        .send({ acceptedWarnings: ['DECLARED_TOTAL_MISMATCH'] })
        .expect(200);
      firstConfirm = confirmed.body;
      planId = confirmed.body.planId;
      expect(confirmed.body).toMatchObject({ importId: body.id, tasksCreated: 32, childTasksCreated: 28, tasksExisting: 0, planTasks: 32, notImported: [], diff: null });
      expect(await counts()).toEqual({ plans: 1, tasks: 60, rows: 32 });

      // 32 row workflows (28 single-unit rows, 4 group-led rows) and the group rows' 28 unit workflows.
      await eventually('the plan’s 60 workflows in Temporal visibility', async () => (await workflowCount(planId)) === 60, 60_000);
      expect(await workflowCount(planId, `WorkflowType = 'groupTask'`)).toBe(4);
      expect(await workflowCount(planId, `WorkflowType = 'taskLifecycle'`)).toBe(56);
      // None failed; rows of a plan whose period is over may already have completed (recurring rows).
      expect(await workflowCount(planId, `ExecutionStatus IN ('Failed', 'Terminated', 'TimedOut', 'Canceled')`)).toBe(0);
      expect(await workflowCount(planId, `ExecutionStatus = 'Running'`)).toBeGreaterThanOrEqual(32);
    });

    it('confirming twice answers the same and creates nothing; the same file again changes nothing', async () => {
      const again = await as('vp.chuyenvien').post(`/plans/imports/${firstConfirm.importId}/confirm`).send({ acceptWarnings: true }).expect(200);
      expect(again.body).toEqual(firstConfirm);
      const sameFile = await upload('vp.chuyenvien', readSamplePlanText(), 'ke-hoach-lan-2.txt').expect(201);
      expect(sameFile.body.diff).toMatchObject({ planId, added: [], removed: [], changed: [], moved: [] });
      expect(sameFile.body.diff.unchanged).toHaveLength(32);
      // Two confirms at once (a double click, a retry): one import, the same answer twice.
      const [reimport, twin] = await Promise.all(
        [1, 2].map(() => as('vp.chuyenvien').post(`/plans/imports/${sameFile.body.id}/confirm`).send({ acceptWarnings: true }).expect(200)),
      );
      expect(twin.body).toEqual(reimport.body);
      expect(reimport.body).toMatchObject({ planId, tasksCreated: 0, childTasksCreated: 0, tasksExisting: 32, planTasks: 32, notImported: [] });
      expect(await counts()).toEqual({ plans: 1, tasks: 60, rows: 32 });
      expect(await workflowCount(planId)).toBe(60);
      const keep = await as('vp.chuyenvien').delete(`/plans/imports/${sameFile.body.id}`).expect(409);
      expect(keep.body.code).toBe('PLAN_IMPORT_CONFIRMED');
    });

    it('a changed copy shows its diff and touches nothing until confirmed; confirm adds the new row and leaves running tasks alone', async () => {
      const preview = await upload('vp.chuyenvien', changedSample(), 'ke-hoach-sua.txt').expect(201);
      const diff = preview.body.diff;
      expect(diff).toMatchObject({
        planId,
        changed: [
          {
            rowKey: 'I.4',
            changes: [{ field: 'title', before: 'Triển khai chấm điểm Chỉ số cải cách hành chính năm 2023', after: 'Triển khai chấm điểm Chỉ số cải cách hành chính năm 2023 của Sở' }],
          },
        ],
        removed: [expect.objectContaining({ rowKey: 'VII.8', title: 'Triển lãm thực tế ảo' })],
        added: [expect.objectContaining({ rowKey: 'II.5', title: 'Số hóa hồ sơ, tài liệu lưu trữ của Sở', lead: 'Trung tâm lưu trữ lịch sử tỉnh', importable: true })],
        moved: [],
      });
      expect(diff.unchanged).toHaveLength(30);
      expect(await counts()).toEqual({ plans: 1, tasks: 60, rows: 32 });

      const confirmed = await as('vp.chuyenvien').post(`/plans/imports/${preview.body.id}/confirm`).send({ acceptWarnings: true }).expect(200);
      expect(confirmed.body).toMatchObject({
        planId,
        tasksCreated: 1,
        tasksExisting: 30,
        planTasks: 33,
        notImported: [expect.objectContaining({ rowKey: 'I.4', reason: expect.stringContaining('nhiệm vụ giữ nguyên') })],
      });
      expect(await counts()).toEqual({ plans: 1, tasks: 61, rows: 33 });
      const rows: Array<{ row_key: string; title: string }> = await stack.ds.query(
        `SELECT row_key, title FROM tasks WHERE plan_id = $1 AND row_key IN ('I.4', 'VII.8', 'II.5') ORDER BY row_key`,
        [planId],
      );
      expect(rows).toEqual([
        { row_key: 'I.4', title: 'Triển khai chấm điểm Chỉ số cải cách hành chính năm 2023' },
        { row_key: 'II.5', title: 'Số hóa hồ sơ, tài liệu lưu trữ của Sở' },
        { row_key: 'VII.8', title: 'Triển lãm thực tế ảo' },
      ]);
      const removedRow = await stack.client.workflow.getHandle(`plan-${planId}-row-VII.8`).describe();
      expect(removedRow.status.name).toBe('RUNNING');
      await eventually('the new row’s workflow in visibility', async () => (await workflowCount(planId)) === 61, 60_000);
    });

    it('reads the same appendix as .docx and as .xlsx', async () => {
      for (const [name, content] of [
        ['Phụ lục kế hoạch.docx', await buildAppendixDocx()],
        ['Phụ lục kế hoạch.xlsx', await buildAppendixXlsx()],
      ] as const) {
        const res = await upload('vp.chuyenvien', content, name).expect(201);
        expect(res.body).toMatchObject({ fileName: name, importable: true, parse: { errors: [], warnings: [expect.objectContaining({ code: 'DECLARED_TOTAL_MISMATCH' })] } });
        expect(res.body.parse.sections).toHaveLength(7);
        expect(res.body.parse.tasks).toHaveLength(32);
        const discarded = await as('vp.chuyenvien').delete(`/plans/imports/${res.body.id}`).expect(200);
        expect(discarded.body).toMatchObject({ id: res.body.id, status: 'discarded' });
        const late = await as('vp.chuyenvien').post(`/plans/imports/${res.body.id}/confirm`).send({ acceptWarnings: true }).expect(409);
        expect(late.body.code).toBe('PLAN_IMPORT_DISCARDED');
      }
      expect(await counts()).toEqual({ plans: 1, tasks: 61, rows: 33 });
    });

    it('a prose plan (seed 004) previews candidate tasks with their sentences, and cannot be confirmed as it is', async () => {
      const res = await upload('vp.chuyenvien', readFileSync(SEED_004), 'ke-hoach-cchc-2024.txt').expect(201);
      expect(res.body).toMatchObject({ importable: false, parse: { tasks: [], errors: [expect.objectContaining({ code: 'HEADER_NOT_FOUND' })] } });
      expect(res.body).toMatchObject({ kind: 'prose', blockingErrors: [] }); // its missing table stops nothing
      expect(res.body.candidates).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ title: 'Báo cáo CCHC quý I năm 2024', due: '2024-03-14', sourceSentence: expect.stringContaining('trước ngày 14/3/2024') }),
          expect.objectContaining({ timelineText: 'trước ngày 20/01/2024', sourceSentence: expect.stringContaining('trước ngày 20/01/2024') }),
        ]),
      );
      await as('vp.chuyenvien').post(`/plans/imports/${res.body.id}/confirm`).send({ acceptWarnings: true }).expect(422);
    });

    it('another organization sees neither the imports nor the plan', async () => {
      await http().get(`/plans/imports/${firstConfirm.importId}`).auth(tokens.other, { type: 'bearer' }).expect(404);
      await http().get(`/plans/${planId}`).auth(tokens.other, { type: 'bearer' }).expect(404);
      const list = await http().get('/plans').auth(tokens.other, { type: 'bearer' }).expect(200);
      expect(list.body).toEqual({ items: [], nextCursor: null });
    });

    it('GET /plans and GET /plans/:id: progress by section and by lead unit, group-led rows counted per unit', async () => {
      const list = await as('btg.chuyenvien').get('/plans').expect(200);
      expect(list.body.items).toEqual([expect.objectContaining({ id: planId, startYear: 2023, endYear: 2023, progress: expect.objectContaining({ total: 33 }) })]);
      const res = await as('btg.chuyenvien').get(`/plans/${planId}`).expect(200);
      const detail = res.body;
      expect(detail.sections.map((s: { code: string; total: number }) => [s.code, s.total])).toEqual(
        Object.entries({ ...SECTION_SIZES, II: 5 }).map(([code, n]) => [code, n]),
      );
      const sum = (byStatus: Record<string, number>) => Object.values(byStatus).reduce((a, b) => a + b, 0);
      expect(Object.keys(detail.progress.byStatus).sort()).toEqual(['CANCELLED', 'DONE_LATE', 'DONE_ON_TIME', 'NOT_ARISEN', 'OPEN_ON_TIME', 'OPEN_OVERDUE', 'WAITING']);
      expect(sum(detail.progress.byStatus)).toBe(33);
      for (const s of detail.sections) expect(sum(s.byStatus)).toBe(s.total);
      const unit = (code: string) => detail.units.find((u: { code: string }) => u.code === code);
      // Ban Thi đua - Khen thưởng leads VII.3 and has its own task in II.4, III.4, V.5 and VI.3.
      expect(unit('BTDKT')).toMatchObject({ total: 5 });
      // Ban Tôn giáo: III.1, VII.6, and the same four group-led rows.
      expect(unit('BTG')).toMatchObject({ total: 6 });
      // 29 rows led by one unit (28 + II.5) and 28 unit tasks of the 4 group-led rows.
      expect(detail.units.reduce((n: number, u: { total: number }) => n + u.total, 0)).toBe(57);
      // I.2 waits for the provincial decision.
      const i = detail.sections.find((s: { code: string }) => s.code === 'I');
      expect(i.byStatus.WAITING).toBeGreaterThanOrEqual(1);
      await as('btg.chuyenvien').get('/plans/00000000-0000-4000-8000-000000000000').expect(404);
    });
  });

  describe('attachments', () => {
    // IV.1 "Xây dựng kế hoạch biên chế năm 2023": led by Văn phòng Sở, coordinated by Phòng TCBC.
    let taskId: string;
    let attachmentId: string;
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('Báo cáo kết quả thực hiện quý I/2023\n'), Buffer.from('%%EOF\n')]);
    const name = 'Báo cáo kết quả quý I.pdf';

    beforeAll(async () => {
      const [task] = await stack.ds.query(`SELECT id FROM tasks WHERE organization_id = $1 AND row_key = 'IV.1'`, [stack.org.organizationId]);
      taskId = task.id;
    });

    it('the lead unit uploads a file: stored on disk under ATTACHMENTS_DIR with its SHA-256 recorded', async () => {
      const res = await upload('vp.chuyenvien', pdf, name, `/tasks/${taskId}/attachments`).expect(201);
      const sha256 = createHash('sha256').update(pdf).digest('hex');
      expect(res.body).toMatchObject({ taskId, name, contentType: 'application/pdf', size: pdf.length, sha256, downloadUrl: `/attachments/${res.body.id}` });
      attachmentId = res.body.id;
      const [row] = await stack.ds.query(`SELECT storage_key, sha256, organization_id FROM attachments WHERE id = $1`, [attachmentId]);
      expect(row).toMatchObject({ sha256, organization_id: stack.org.organizationId });
      expect(await readFile(join(attachmentsDir, ...row.storage_key.split('/')))).toEqual(pdf);
      // The upload's answer adds the task's version after its ATTACHMENT_UPLOADED event; the list is the file.
      expect(res.body.taskVersion).toEqual(expect.any(Number));
      const { taskVersion: _version, ...stored } = res.body;
      const list = await as('tcbc.chuyenvien').get(`/tasks/${taskId}/attachments`).expect(200);
      expect(list.body).toEqual([stored]);
    });

    it('downloads for those who may see the task, with the Vietnamese name per RFC 5987', async () => {
      for (const who of ['tcbc.chuyenvien', 'pgd.a']) {
        const res = await as(who)
          .get(`/attachments/${attachmentId}`)
          .buffer(true)
          .parse((r, done) => {
            const chunks: Buffer[] = [];
            r.on('data', (c: Buffer) => chunks.push(c));
            r.on('end', () => done(null, Buffer.concat(chunks)));
          })
          .expect(200);
        expect(res.body).toEqual(pdf);
        expect(res.headers['content-type']).toBe('application/pdf');
        expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(name)}`);
        expect(res.headers['x-content-sha256']).toBe(createHash('sha256').update(pdf).digest('hex'));
      }
    });

    it('refuses who may not see the task: 403 in the organization, 404 from another one', async () => {
      expect((await as('btg.chuyenvien').get(`/attachments/${attachmentId}`).expect(403)).body.code).toBe('TASK_ACCESS_DENIED');
      expect((await http().get(`/attachments/${attachmentId}`).auth(tokens.other, { type: 'bearer' }).expect(404)).body.code).toBe('ATTACHMENT_NOT_FOUND');
      const foreign = await http().post(`/tasks/${taskId}/attachments`).auth(tokens.other, { type: 'bearer' }).attach('file', pdf, { filename: 'x.pdf' }).expect(404);
      expect(foreign.body.code).toBe('TASK_NOT_FOUND');
      await http().get(`/attachments/${attachmentId}`).expect(401);
    });

    it('a draft references the attachment by fileId over HTTP: the stored name, size and SHA-256 reach the workflow; a file of another task or none is refused (422) and nothing is applied', async () => {
      const sha256 = createHash('sha256').update(pdf).digest('hex');
      const saved = await as('vp.chuyenvien')
        .post(`/tasks/${taskId}/save-draft`)
        .send({ text: 'Dự thảo kế hoạch biên chế', attachments: [{ fileId: attachmentId, name: 'tên do trình duyệt gửi.pdf', size: 1 }] })
        .expect(200);
      expect(saved.body.snapshot.draft.attachments).toEqual([{ fileId: attachmentId, name, sha256, size: pdf.length }]);
      expect(saved.body.task.workflow.draft.attachments).toEqual([{ fileId: attachmentId, name, sha256, size: pdf.length }]);
      const version = saved.body.version;

      const [other] = await stack.ds.query(`SELECT id FROM tasks WHERE organization_id = $1 AND row_key = 'II.2'`, [stack.org.organizationId]);
      const elsewhere = await upload('vp.chuyenvien', pdf, 'khac.pdf', `/tasks/${other.id}/attachments`).expect(201);
      for (const fileId of [elsewhere.body.id, '00000000-0000-4000-8000-000000000000', 'khong-phai-uuid']) {
        const res = await as('vp.chuyenvien')
          .post(`/tasks/${taskId}/save-draft`)
          .send({ text: 'Dự thảo khác', attachments: [{ fileId: attachmentId, name }, { fileId, name: 'x.pdf' }] })
          .expect(422);
        expect(res.body).toMatchObject({ code: 'ATTACHMENT_NOT_OF_TASK', details: { fileIds: [fileId] } });
        expect(res.body.message).toContain('không thuộc nhiệm vụ này');
      }
      const after = await as('vp.chuyenvien').get(`/tasks/${taskId}`).expect(200);
      expect(after.body).toMatchObject({ version, workflow: { draft: { text: 'Dự thảo kế hoạch biên chế' } } });
    });

    it('refuses too big (413) and wrong types (415), storing nothing', async () => {
      const before = (await stack.ds.query(`SELECT count(*)::int AS n FROM attachments`))[0].n;
      const big = await upload('vp.chuyenvien', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(ATTACHMENT_MAX_BYTES)]), 'lon.pdf', `/tasks/${taskId}/attachments`).expect(413);
      expect(big.body).toMatchObject({ code: 'FILE_TOO_LARGE', message: 'Tệp vượt quá dung lượng cho phép (64 KB).' });
      const exe = await upload('vp.chuyenvien', Buffer.from([0x4d, 0x5a, 0x90, 0]), 'cai-dat.exe', `/tasks/${taskId}/attachments`).expect(415);
      expect(exe.body).toMatchObject({ code: 'UNSUPPORTED_FILE_TYPE', message: expect.stringContaining('chỉ nhận: .pdf, .docx, .xlsx, .png, .jpg, .txt') });
      const fake = await upload('vp.chuyenvien', Buffer.from([0x4d, 0x5a, 0x90, 0]), 'bao-cao.pdf', `/tasks/${taskId}/attachments`).expect(415);
      expect(fake.body.message).toBe('Nội dung tệp "bao-cao.pdf" không phải định dạng PDF như phần mở rộng ghi.');
      expect((await stack.ds.query(`SELECT count(*)::int AS n FROM attachments`))[0].n).toBe(before);
    });
  });

  describe('operations', () => {
    it('GET /ready: Postgres, Temporal and every migration applied', async () => {
      const res = await http().get('/ready').expect(200);
      expect(res.body).toMatchObject({
        status: 'ready',
        checks: { postgres: { status: 'up' }, temporal: { status: 'up' }, migrations: { status: 'up', pending: [] } },
      });
    });

    it('the OpenAPI document describes the new routes', async () => {
      const { paths } = (await http().get('/docs/openapi.json').expect(200)).body;
      expect(Object.keys(paths)).toEqual(
        expect.arrayContaining(['/plans/imports', '/plans/imports/{id}', '/plans/imports/{id}/confirm', '/plans', '/plans/{id}', '/tasks/{id}/attachments', '/tasks/{id}/attachments/{fileId}', '/attachments/{id}', '/ready']),
      );
      // The file steps: who may, from the registry; the stored file and the removal with their own schemas.
      expect(paths['/tasks/{id}/attachments'].post.summary).toBe('Tải tệp lên');
      expect(paths['/tasks/{id}/attachments/{fileId}'].delete).toMatchObject({ summary: 'Gỡ tệp', description: expect.stringContaining('Người đã tải tệp lên') });
      const schemas = (await http().get('/docs/openapi.json')).body.components.schemas;
      expect(Object.keys(schemas.RemovedAttachmentDto.properties).sort()).toEqual(['attachment', 'version']);
      expect(schemas.StoredAttachmentDto.properties).toHaveProperty('sha256');
      expect(schemas.AttachmentDto.properties).toHaveProperty('fileId');
      expect(paths['/plans/imports'].post.requestBody.content).toHaveProperty('multipart/form-data');
    });

    it('GET /metrics on its own listener (never the API port): request latency by route pattern and status, in Prometheus text format', async () => {
      expect((await http().get('/metrics').set('Accept', 'application/json').expect(404)).body.code).toBe('ROUTE_NOT_FOUND');
      const server = await listenMetrics(app, 0, '127.0.0.1');
      const res = await request(server).get('/metrics').expect(200);
      expect((await request(server).get('/tasks').expect(404)).body.code).toBe('ROUTE_NOT_FOUND');
      server.close();
      expect(res.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
      const text = res.text;
      /** The value of the one series of `metric` with these labels (in whatever order they are printed). */
      const value = (metric: string, labels: Record<string, string>) => {
        const lines = text
          .split('\n')
          .filter((l) => l.startsWith(`${metric}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
        expect(lines).toHaveLength(1);
        return Number(lines[0].split(' ').pop());
      };
      expect(text).toContain('# TYPE http_request_duration_seconds histogram');
      expect(value('http_request_duration_seconds_count', { method: 'POST', route: '/plans/imports', status_code: '201' })).toBeGreaterThanOrEqual(7);
      expect(value('http_request_duration_seconds_count', { method: 'POST', route: '/plans/imports', status_code: '403' })).toBe(3);
      expect(value('http_request_duration_seconds_count', { method: 'GET', route: '/plans/:id', status_code: '200' })).toBe(1);
      expect(value('http_request_duration_seconds_bucket', { method: 'POST', route: '/plans/imports/:id/confirm', status_code: '200', le: '+Inf' })).toBeGreaterThanOrEqual(4);
      // Ids never become labels.
      expect(text).not.toMatch(/route="[^"]*[0-9a-f]{8}-[0-9a-f]{4}/);
      expect(text).toContain('# TYPE planflow_workflow_update_duration_seconds histogram');
      expect(value('planflow_workflow_update_duration_seconds_count', { action: 'saveDraft', outcome: 'ok' })).toBe(1);

      // What waits in the inboxes, per organization: the unit tasks being drafted, the rows waiting for their event.
      const [db] = await stack.ds.query(
        `SELECT count(*) FILTER (WHERE state = 'DRAFTING' AND owner_unit_id IS NOT NULL)::int AS draft,
                count(*) FILTER (WHERE state = 'PENDING_TRIGGER' AND parent_task_id IS NULL)::int AS waiting,
                count(*) FILTER (WHERE state = 'AWAITING_APPROVAL')::int AS approve
           FROM tasks WHERE organization_id = $1`,
        [stack.org.organizationId],
      );
      expect(db.draft).toBeGreaterThan(20);
      expect(db.waiting).toBeGreaterThan(0);
      expect(text).toContain('# TYPE planflow_inbox_tasks gauge');
      expect(value('planflow_inbox_tasks', { organization: stack.org.code, box: 'draft' })).toBe(db.draft);
      expect(value('planflow_inbox_tasks', { organization: stack.org.code, box: 'waiting' })).toBe(db.waiting);
      expect(value('planflow_inbox_tasks', { organization: stack.org.code, box: 'approve' })).toBe(db.approve);
      expect(value('planflow_inbox_tasks', { organization: other.code, box: 'draft' })).toBe(0);
    });
  });
});
