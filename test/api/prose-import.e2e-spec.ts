import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { readSamplePlanText } from '@app/domain/plan-import/testing/appendix-fixtures';
import { createApiApp } from '../../apps/api/src/bootstrap-app';
import { giveDemoPasswords, login } from '../support/auth';
import { eventually, useStack } from '../support/stack';
import { withBearer } from './support';

const SEED_000 = readFileSync(resolve(__dirname, '../fixtures/seeds/000_aa29c18a37661c3c.txt'));
const SEED_002 = readFileSync(resolve(__dirname, '../fixtures/seeds/002_eb7196ab3e440511.txt'));

interface Candidate {
  id: string;
  title: string;
  leadText: string | null;
  leadUnitCode: string | null;
  timelineText: string | null;
  milestones: Array<{ kind: string; recurrence: string | null; due: string | null }>;
  sources: Array<{ line: number; section: string | null; text: string }>;
  exhortation: boolean;
}

/**
 * Prose plans over HTTP on the real stack (Postgres, Temporal, the worker): seed 002 (no appendix
 * table) previews its candidates; three chosen ones, one of them edited, become three running task
 * workflows visible in GET /tasks?planId=; a second confirm, and the same choice from a new upload,
 * create nothing; a bad edit is 422 naming the candidate with nothing stored. Seed 000 warns that
 * its appendix is not attached, and accepts the appendix as a second file.
 */
describe('prose plans become running tasks (POST /plans/imports/:id/confirm {candidates})', () => {
  const stack = useStack('prose');
  let app: INestApplication;
  let token: string;
  const savedEnv = { ...process.env };
  const as = () => withBearer(app, token);
  const upload = (content: Buffer, filename: string) => as().post('/plans/imports').attach('file', content, { filename });
  const counts = async () => {
    const [r] = await stack.ds.query(
      `SELECT (SELECT count(*)::int FROM plans WHERE organization_id = $1) AS plans,
              (SELECT count(*)::int FROM tasks WHERE organization_id = $1) AS tasks,
              (SELECT count(*)::int FROM milestones m JOIN tasks t ON t.id = m.task_id WHERE t.organization_id = $1) AS milestones`,
      [stack.org.organizationId],
    );
    return r as { plans: number; tasks: number; milestones: number };
  };

  beforeAll(async () => {
    Object.assign(process.env, { TEMPORAL_TASK_QUEUE: stack.taskQueue });
    await giveDemoPasswords(stack.ds, stack.org.organizationId);
    app = await createApiApp();
    await app.init();
    token = (await login(app, `${stack.org.code.toLowerCase()}.vp.chuyenvien`)).accessToken;
  });

  afterAll(async () => {
    await app?.close();
    process.env = savedEnv;
  });

  let preview: { id: string; candidates: Candidate[] };
  const at = (line: number) => {
    const c = preview.candidates.find((x) => x.sources.some((s) => s.line === line));
    if (!c) throw new Error(`no candidate from line ${line}`);
    return c;
  };

  it('seed 002 previews its duties as candidates: ids, leads resolved, recurring milestones for the yearly duties, exhortations last', async () => {
    const res = await upload(SEED_002, 'ke-hoach-cchc-2022-2025.txt').expect(201);
    preview = res.body;
    expect(res.body).toMatchObject({ status: 'previewed', importable: false, parse: { tasks: [], planYear: 2022, planEndYear: 2025 } });
    // A prose plan: the table parser's "no header" is not what stops it (the API says so, the web app shows that).
    expect(res.body.parse.errors.map((e: { code: string }) => e.code)).toContain('HEADER_NOT_FOUND');
    expect(res.body).toMatchObject({ kind: 'prose', blockingErrors: [] });
    expect(res.body.candidates.length).toBeGreaterThan(30);
    const yearlyPlan = at(263);
    expect(yearlyPlan).toMatchObject({ id: expect.stringMatching(/^c[0-9a-f]{8}$/), leadText: 'Văn phòng Sở', leadUnitCode: 'VP', timelineText: 'hàng năm' });
    expect(yearlyPlan.milestones).toEqual([expect.objectContaining({ kind: 'recurring', recurrence: 'yearly', start: '2022-01-01', until: '2025-12-31' })]);
    const reports = at(269);
    expect(reports.milestones.map((m) => m.recurrence)).toEqual(['reporting-calendar', 'on-event']);
    // The subject leads; "phối hợp với Văn phòng Sở" makes VP a coordinating unit.
    expect(at(271)).toMatchObject({ leadText: 'Phòng Kế hoạch - Tài chính', leadUnitCode: null, coordinatingText: 'Văn phòng Sở', coordinatingUnitCodes: ['VP'] });
    const firstExhortation = res.body.candidates.findIndex((c: Candidate) => c.exhortation);
    expect(firstExhortation).toBeGreaterThan(0);
    expect(res.body.candidates.slice(firstExhortation).every((c: Candidate) => c.exhortation)).toBe(true);
    expect(await counts()).toEqual({ plans: 0, tasks: 0, milestones: 0 });
  });

  it('a bad edit is 422 naming the candidate, and nothing is stored', async () => {
    const unknownUnit = await as()
      .post(`/plans/imports/${preview.id}/confirm`)
      .send({ acceptWarnings: true, candidates: [{ id: at(263).id }, { id: at(97).id, leadUnitCode: 'KHONGCO' }] })
      .expect(422);
    expect(unknownUnit.body).toMatchObject({
      code: 'CANDIDATES_REFUSED',
      message: expect.stringContaining('"KHONGCO"'),
      details: { problems: [{ code: 'CANDIDATE_UNIT_UNKNOWN', candidateId: at(97).id, field: 'leadUnitCode', value: 'KHONGCO' }] },
    });
    expect(unknownUnit.body.message).toContain('Chưa có gì được lưu');
    const unreadable = await as()
      .post(`/plans/imports/${preview.id}/confirm`)
      .send({ acceptWarnings: true, candidates: [{ id: at(263).id, timeline: 'khi nào rảnh thì làm' }, { id: at(97).id }, { id: 'c00000000' }] })
      .expect(422);
    expect(unreadable.body.details.problems).toEqual([
      expect.objectContaining({ code: 'CANDIDATE_TIMELINE_UNREADABLE', candidateId: at(263).id, value: 'khi nào rảnh thì làm' }),
      expect.objectContaining({ code: 'CANDIDATE_LEAD_MISSING', candidateId: at(97).id }),
      expect.objectContaining({ code: 'CANDIDATE_NOT_FOUND', candidateId: 'c00000000' }),
    ]);
    const invalid = await as()
      .post(`/plans/imports/${preview.id}/confirm`)
      .send({ candidates: [{ id: 'not an id' }] })
      .expect(400);
    expect(invalid.body.code).toBe('VALIDATION_FAILED');
    expect(await counts()).toEqual({ plans: 0, tasks: 0, milestones: 0 });
    const [row] = await stack.ds.query(`SELECT status FROM plan_imports WHERE id = $1`, [preview.id]);
    expect(row.status).toBe('previewed');
  });

  let planId: string;
  let confirmed: { tasksCreated: number; candidates: Array<{ id: string; rowKey: string; workflowId: string }> };

  it('three chosen candidates (one edited) become three running task workflows, visible in GET /tasks?planId=', async () => {
    const edited = { id: at(97).id, title: 'Rà soát, đánh giá TTHC của Sở', leadUnitCode: 'CCHC', coordinatingUnitCodes: ['VP'], timeline: 'Quý II, quý III năm 2023' };
    const res = await as()
      .post(`/plans/imports/${preview.id}/confirm`)
      .send({ acceptWarnings: true, candidates: [{ id: at(263).id }, { id: at(269).id }, edited] })
      .expect(200);
    confirmed = res.body;
    planId = res.body.planId;
    expect(res.body).toMatchObject({ tasksCreated: 3, tasksExisting: 0, planTasks: 3, notImported: [] });
    expect(res.body.candidates.map((c: { id: string }) => c.id)).toEqual([at(263).id, at(269).id, at(97).id]);
    for (const c of res.body.candidates) expect(c.workflowId).toBe(`plan-${planId}-row-VB.${c.id}`);

    for (const c of res.body.candidates) {
      const d = await stack.client.workflow.getHandle(c.workflowId).describe();
      expect(d.status.name).toBe('RUNNING');
    }
    const list = await eventually('the three tasks in GET /tasks?planId=', async () => {
      const r = await as().get(`/tasks?planId=${planId}`).expect(200);
      return r.body.items.length === 3 ? (r.body.items as Array<{ title: string }>) : false;
    });
    expect(list.map((t) => t.title).sort()).toEqual(
      ['Rà soát, đánh giá TTHC của Sở', at(263).title, at(269).title].sort(),
    );
    const stored = await stack.ds.query(
      `SELECT t.row_key, t.title, t.timeline_raw, u.code AS owner, t.due_on::text AS due_on,
              (SELECT json_agg(json_build_object('kind', m.kind, 'due', m.due_on::text) ORDER BY m.position) FROM milestones m WHERE m.task_id = t.id) AS milestones,
              (SELECT array_agg(cu.code ORDER BY cu.code) FROM task_units tu JOIN units cu ON cu.id = tu.unit_id WHERE tu.task_id = t.id AND tu.role = 'coordinating') AS coordinating
       FROM tasks t LEFT JOIN units u ON u.id = t.owner_unit_id WHERE t.plan_id = $1 ORDER BY t.row_key`,
      [planId],
    );
    const byKey = Object.fromEntries(stored.map((r: { row_key: string }) => [r.row_key, r]));
    expect(byKey[`VB.${at(263).id}`]).toMatchObject({ owner: 'VP', timeline_raw: 'hàng năm', milestones: [{ kind: 'recurring', due: null }] });
    expect(byKey[`VB.${at(97).id}`]).toMatchObject({
      owner: 'CCHC',
      title: 'Rà soát, đánh giá TTHC của Sở',
      timeline_raw: 'Quý II, quý III năm 2023',
      due_on: '2023-06-30',
      coordinating: ['VP'],
      milestones: [
        { kind: 'deadline', due: '2023-06-30' },
        { kind: 'deadline', due: '2023-09-30' },
      ],
    });
  });

  it('a second confirm creates nothing; the same choice from a new upload of the file finds its tasks', async () => {
    const before = await counts();
    const again = await as()
      .post(`/plans/imports/${preview.id}/confirm`)
      .send({ acceptWarnings: true, candidates: [{ id: at(263).id }] })
      .expect(200);
    expect(again.body).toEqual(confirmed);
    const reupload = await upload(SEED_002, 'ke-hoach-cchc-2022-2025 (2).txt').expect(201);
    expect(reupload.body.candidates.map((c: Candidate) => c.id)).toEqual(preview.candidates.map((c) => c.id));
    const second = await as()
      .post(`/plans/imports/${reupload.body.id}/confirm`)
      .send({ acceptWarnings: true, candidates: [{ id: at(263).id }, { id: at(269).id }] })
      .expect(200);
    expect(second.body).toMatchObject({ planId, tasksCreated: 0, tasksExisting: 2, planTasks: 3 });
    expect(await counts()).toEqual(before);
    // Visibility lags by seconds: wait until it lists the plan's workflows, then there must be exactly three.
    const workflows = await eventually('the plan’s workflows in Temporal visibility', async () => {
      const n = (await stack.client.workflow.count(`WorkflowId STARTS_WITH "plan-${planId}-row-"`)).count;
      return n >= 3 ? n : false;
    });
    expect(workflows).toBe(3);
  });

  it('seed 000 lists its "III. Nhiệm vụ" duties and warns APPENDIX_NOT_ATTACHED with the sentence; the appendix can come as a second file', async () => {
    const alone = await upload(SEED_000, 'ke-hoach-cchc-2023.txt').expect(201);
    expect(alone.body.parse.warnings).toEqual([
      expect.objectContaining({ code: 'APPENDIX_NOT_ATTACHED', raw: 'Nhiệm vụ cụ thể theo Phụ lục đính kèm', source: { line: 182 } }),
    ]);
    const tasks = alone.body.candidates.filter((c: Candidate) => c.sources[0].section === '1. Công tác chỉ đạo điều hành');
    // The lead of a "III. Nhiệm vụ" bullet: the unit section IV makes answerable for its area (VP: "Công tác chỉ đạo, điều hành").
    expect(tasks.slice(0, 3).map((c: Candidate) => [c.title.split(' ').slice(0, 6).join(' '), c.leadUnitCode])).toEqual([
      ['Tham mưu UBND tỉnh ban hành,', 'VP'],
      ['Tham mưu đẩy mạnh công tác', 'VP'],
      ['Tăng cường công tác kiểm tra,', 'VP'],
    ]);
    const reform = alone.body.candidates.filter((c: Candidate) => c.sources[0].section === '2. Cải cách thể chế');
    expect(reform.map((c: Candidate) => c.leadUnitCode)).toEqual(['TTRA', 'TTRA', 'TTRA', 'TTRA']);
    const refused = await as()
      .post(`/plans/imports/${alone.body.id}/confirm`)
      .send({ candidates: [{ id: tasks[0].id }] })
      .expect(422);
    expect(refused.body).toMatchObject({ code: 'WARNINGS_NOT_ACCEPTED', details: { codes: ['APPENDIX_NOT_ATTACHED'] } });

    const both = await as()
      .post('/plans/imports')
      .attach('file', SEED_000, { filename: 'ke-hoach-cchc-2023.txt' })
      .attach('appendix', Buffer.from(readSamplePlanText()), { filename: 'phu-luc.txt' })
      .expect(201);
    expect(both.body).toMatchObject({
      importable: true,
      candidates: [],
      parse: { header: { title: 'Cải cách hành chính năm 2023' }, planYear: 2023, errors: [] },
    });
    expect(both.body.parse.tasks).toHaveLength(32);
    expect(both.body.parse.warnings.map((w: { code: string }) => w.code)).not.toContain('APPENDIX_NOT_ATTACHED');
    const [row] = await stack.ds.query(`SELECT appendix_file_name, length(appendix_content) AS n FROM plan_imports WHERE id = $1`, [both.body.id]);
    expect(row).toEqual({ appendix_file_name: 'phu-luc.txt', n: Buffer.byteLength(readSamplePlanText()) });
    const noCandidates = await as()
      .post(`/plans/imports/${both.body.id}/confirm`)
      .send({ acceptWarnings: true, candidates: [{ id: tasks[0].id }] })
      .expect(422);
    expect(noCandidates.body.code).toBe('PLAN_HAS_NO_CANDIDATES');
    const done = await as().post(`/plans/imports/${both.body.id}/confirm`).send({ acceptWarnings: true }).expect(200);
    expect(done.body.tasksCreated).toBe(32);
    const [plan] = await stack.ds.query(`SELECT title FROM plans WHERE id = $1`, [done.body.planId]);
    expect(plan.title).toBe('Cải cách hành chính năm 2023');
  });

  it('unit mappings of a plan sent with its appendix read both files again', async () => {
    const appendix = readSamplePlanText().replace('Xây dựng kế hoạch biên chế năm 2023\tVăn phòng Sở', 'Xây dựng kế hoạch biên chế năm 2023\tPhòng Tư pháp');
    const res = await as()
      .post('/plans/imports')
      .attach('file', SEED_000, { filename: 'ke-hoach-cchc-2023 (ban 2).txt' })
      .attach('appendix', Buffer.from(appendix), { filename: 'phu-luc-loi.txt' })
      .expect(201);
    expect(res.body.parse.errors).toEqual([expect.objectContaining({ code: 'UNKNOWN_UNIT', raw: 'Phòng Tư pháp' })]);
    const mapped = await as()
      .put(`/plans/imports/${res.body.id}/unit-mappings`)
      .send({ mappings: [{ name: 'Phòng Tư pháp', unitCode: 'VP' }] })
      .expect(200);
    expect(mapped.body).toMatchObject({ importable: true, parse: { errors: [], header: { title: 'Cải cách hành chính năm 2023' } } });
    expect(mapped.body.parse.tasks).toHaveLength(32);
  });
});
