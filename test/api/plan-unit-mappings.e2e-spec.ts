import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/bootstrap-app';
import { giveDemoPasswords, login } from '../support/auth';
import { eventually, seedTestOrganization, useStack } from '../support/stack';
import { UNKNOWN_UNIT as UNKNOWN, unknownUnitPlanText } from '../support/unknown-unit-plan';
import { NEXT_YEAR as Y, VIETNAMESE, withBearer } from './support';

/**
 * PUT /plans/imports/:id/unit-mappings on the real stack: the monitor chooses a directory unit for
 * a name the directory does not know, the preview is read again with it (the error is gone, the
 * rows name the unit), confirm imports the tasks with that unit; refused mappings store nothing.
 */
describe('plan import: units chosen for unknown names', () => {
  const stack = useStack('unit-mappings');
  let app: INestApplication;
  let other: { code: string; organizationId: string };
  let importId = '';
  const savedEnv = { ...process.env };
  const tokens: Record<string, string> = {};
  const user = (name: string) => `${stack.org.code.toLowerCase()}.${name}`;
  const http = () => request(app.getHttpServer());
  const as = (who: string) => withBearer(app, tokens[who]);
  const upload = (who = 'vp.chuyenvien') => as(who).post('/plans/imports').attach('file', Buffer.from(unknownUnitPlanText(Y)), { filename: 'ke-hoach-tai-chinh.txt' });
  const mapUnits = (mappings: unknown, who = 'vp.chuyenvien', id = importId) => as(who).put(`/plans/imports/${id}/unit-mappings`).send({ mappings });
  const stored = async (id = importId) => {
    const [row] = await stack.ds.query(`SELECT unit_mappings, parse_result, status FROM plan_imports WHERE id = $1`, [id]);
    return row as { unit_mappings: unknown[]; parse_result: { parse: { errors: unknown[]; tasks: unknown[] } }; status: string };
  };
  const unitId = async (code: string, organizationId = stack.org.organizationId): Promise<string> => {
    const [row] = await stack.ds.query(`SELECT id FROM units WHERE organization_id = $1 AND code = $2`, [organizationId, code]);
    return row.id;
  };
  const counts = async () => {
    const [r] = await stack.ds.query(
      `SELECT (SELECT count(*)::int FROM plans WHERE organization_id = $1) AS plans, (SELECT count(*)::int FROM tasks WHERE organization_id = $1) AS tasks`,
      [stack.org.organizationId],
    );
    return r as { plans: number; tasks: number };
  };

  beforeAll(async () => {
    // The API starts workflows on this file's task queue, where its own worker listens.
    Object.assign(process.env, { TEMPORAL_TASK_QUEUE: stack.taskQueue });
    await giveDemoPasswords(stack.ds, stack.org.organizationId);
    other = await seedTestOrganization(stack.ds);
    await giveDemoPasswords(stack.ds, other.organizationId);
    app = await createApiApp();
    await app.init();
    for (const name of ['vp.chuyenvien', 'btg.chuyenvien']) tokens[name] = (await login(app, user(name))).accessToken;
    tokens.other = (await login(app, `${other.code.toLowerCase()}.vp.chuyenvien`)).accessToken;
  });

  afterAll(async () => {
    await app?.close();
    process.env = savedEnv;
  });

  it('a file with an unknown unit previews one error per cell; nothing is mapped yet and confirm answers 422', async () => {
    const res = await upload().expect(201);
    importId = res.body.id;
    expect(res.body).toMatchObject({ status: 'previewed', importable: false, unitMappings: [] });
    expect(res.body.parse.errors).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_UNIT', section: 'I', ordinal: '1', cell: 'lead', raw: UNKNOWN }),
      expect.objectContaining({ code: 'UNKNOWN_UNIT', section: 'I', ordinal: '2', cell: 'coordinating', raw: UNKNOWN }),
    ]);
    expect(res.body.parse.tasks[0].lead).toEqual([]);
    const refused = await as('vp.chuyenvien').post(`/plans/imports/${importId}/confirm`).send({ acceptWarnings: true }).expect(422);
    expect(refused.body.code).toBe('PLAN_HAS_ERRORS');
  });

  it('refused mappings (unknown unit code, a name the preview does not report, the same name twice, a malformed body) answer 4xx and store nothing', async () => {
    const before = await stored();

    const badCode = await mapUnits([{ name: UNKNOWN, unitCode: 'KHONGCO' }]).expect(422);
    expect(badCode.body).toMatchObject({ code: 'UNIT_NOT_FOUND', details: { unitCodes: ['KHONGCO'] }, requestId: expect.any(String) });
    expect(badCode.body.message).toMatch(VIETNAMESE);
    expect(badCode.body.message).toContain('KHONGCO');

    const stranger = await mapUnits([{ name: 'Phòng Y tế', unitCode: 'VP' }]).expect(422);
    expect(stranger.body).toMatchObject({ code: 'UNIT_MAPPING_NAME_UNKNOWN', details: { names: ['Phòng Y tế'], unresolved: [UNKNOWN] } });
    expect(stranger.body.message).toMatch(VIETNAMESE);
    // A unit name the directory already knows is not a name to map either.
    expect((await mapUnits([{ name: 'Văn phòng Sở', unitCode: 'TCBC' }]).expect(422)).body.code).toBe('UNIT_MAPPING_NAME_UNKNOWN');

    const twice = await mapUnits([
      { name: UNKNOWN, unitCode: 'TCBC' },
      { name: 'PHÒNG TÀI CHÍNH - KẾ TOÁN', unitCode: 'VP' },
    ]).expect(422);
    expect(twice.body.code).toBe('UNIT_MAPPING_DUPLICATE');

    // One bad mapping among good ones refuses the whole request.
    const mixed = await mapUnits([{ name: UNKNOWN, unitCode: 'TCBC' }, { name: 'Phòng Y tế', unitCode: 'VP' }]).expect(422);
    expect(mixed.body.code).toBe('UNIT_MAPPING_NAME_UNKNOWN');

    for (const body of [
      { mappings: [{ name: UNKNOWN, unitCode: 'TCBC', extra: 1 }] },
      { mappings: [{ name: '', unitCode: 'TCBC' }] },
      { mappings: [{ name: UNKNOWN, unitCode: "TCBC'; DROP TABLE units; --" }] },
      { mappings: 'TCBC' },
      {},
    ]) {
      const res = await as('vp.chuyenvien').put(`/plans/imports/${importId}/unit-mappings`).send(body).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    expect(await stored()).toEqual(before);
  });

  it('only the monitor of the organization maps units: an officer gets 403, another organization 404, and nothing is stored', async () => {
    const before = await stored();
    const officer = await mapUnits([{ name: UNKNOWN, unitCode: 'TCBC' }], 'btg.chuyenvien').expect(403);
    expect(officer.body).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('nhập kế hoạch') });
    const stranger = await mapUnits([{ name: UNKNOWN, unitCode: 'TCBC' }], 'other').expect(404);
    expect(stranger.body.code).toBe('PLAN_IMPORT_NOT_FOUND');
    expect(await stored()).toEqual(before);
    expect((await as('other').get(`/plans/imports/${importId}`).expect(404)).body.code).toBe('PLAN_IMPORT_NOT_FOUND');
  });

  it('mapping the name to a directory unit reads the preview again: the errors are gone and both rows name the unit; [] brings the errors back', async () => {
    const mapped = await mapUnits([{ name: UNKNOWN, unitCode: 'TCBC' }]).expect(200);
    expect(mapped.body).toMatchObject({ id: importId, status: 'previewed', importable: true, unitMappings: [{ name: UNKNOWN, unitCode: 'TCBC' }] });
    expect(mapped.body.parse.errors).toEqual([]);
    expect(mapped.body.parse.warnings).toEqual([]);
    const [first, second, third] = mapped.body.parse.tasks;
    expect(first.lead).toEqual([{ raw: UNKNOWN, unit: 'TCBC' }]);
    expect(second.coordinating).toEqual([
      { raw: UNKNOWN, unit: 'TCBC' },
      { raw: 'Văn phòng Sở', unit: 'VP' },
    ]);
    expect(third.lead).toEqual([{ raw: 'Văn phòng Sở', unit: 'VP' }]);
    // The mappings and the preview read with them are stored together, and GET answers them.
    const row = await stored();
    expect(row.unit_mappings).toEqual([{ name: UNKNOWN, unitCode: 'TCBC' }]);
    expect(row.parse_result.parse.errors).toEqual([]);
    expect((await as('vp.chuyenvien').get(`/plans/imports/${importId}`).expect(200)).body).toMatchObject({ importable: true, unitMappings: [{ unitCode: 'TCBC' }] });

    // The whole set each time: [] removes the choice and the preview is the file as written again.
    const cleared = await mapUnits([]).expect(200);
    expect(cleared.body).toMatchObject({ importable: false, unitMappings: [] });
    expect(cleared.body.parse.errors.map((e: { code: string }) => e.code)).toEqual(['UNKNOWN_UNIT', 'UNKNOWN_UNIT']);
    // A choice may be changed: the last one stands.
    await mapUnits([{ name: UNKNOWN, unitCode: 'CCVC' }]).expect(200);
    const final = await mapUnits([{ name: UNKNOWN, unitCode: 'TCBC' }]).expect(200);
    expect(final.body.parse.tasks[0].lead).toEqual([{ raw: UNKNOWN, unit: 'TCBC' }]);
    expect(await counts()).toEqual({ plans: 0, tasks: 0 });
  });

  it('confirm creates the tasks with the chosen unit (tasks.owner_unit_id, task_units), and their workflows start with it', async () => {
    const res = await as('vp.chuyenvien').post(`/plans/imports/${importId}/confirm`).send({}).expect(200);
    expect(res.body).toMatchObject({ tasksCreated: 3, childTasksCreated: 0, planTasks: 3, notImported: [] });
    const planId: string = res.body.planId;
    const [tcbc, vp, btg] = [await unitId('TCBC'), await unitId('VP'), await unitId('BTG')];
    const tasks: Array<{ id: string; row_key: string; owner_unit_id: string; lead_raw: string; coordinating_raw: string }> = await stack.ds.query(
      `SELECT id, row_key, owner_unit_id, lead_raw, coordinating_raw FROM tasks WHERE plan_id = $1 ORDER BY row_key`,
      [planId],
    );
    expect(tasks.map((t) => [t.row_key, t.owner_unit_id])).toEqual([
      ['I.1', tcbc],
      ['I.2', btg],
      ['I.3', vp],
    ]);
    // The file's own words stay with the task.
    expect(tasks[0].lead_raw).toBe(UNKNOWN);
    expect(tasks[1].coordinating_raw).toBe(`${UNKNOWN}, Văn phòng Sở`);
    const unitsOf = async (taskId: string) =>
      (
        await stack.ds.query(`SELECT u.code, tu.role FROM task_units tu JOIN units u ON u.id = tu.unit_id WHERE tu.task_id = $1 ORDER BY tu.role DESC, u.code`, [
          taskId,
        ])
      ).map((r: { code: string; role: string }) => `${r.role}:${r.code}`);
    expect(await unitsOf(tasks[0].id)).toEqual(['lead:TCBC', 'coordinating:BTG']);
    expect(await unitsOf(tasks[1].id)).toEqual(['lead:BTG', 'coordinating:TCBC', 'coordinating:VP']);

    // Each row's workflow wrote its first event with the chosen owner.
    await eventually('the three workflows created their tasks', async () => {
      const [{ n }] = await stack.ds.query(`SELECT count(*)::int AS n FROM tasks WHERE plan_id = $1 AND version >= 1`, [planId]);
      return n === 3;
    });
    const [owner] = await stack.ds.query(`SELECT owner_unit_id FROM tasks WHERE id = $1`, [tasks[0].id]);
    expect(owner.owner_unit_id).toBe(tcbc);
    // TCBC's officer sees the task on the unit's list.
    const [{ n: tcbcTasks }] = await stack.ds.query(`SELECT count(*)::int AS n FROM tasks WHERE owner_unit_id = $1 AND plan_id = $2`, [tcbc, planId]);
    expect(tcbcTasks).toBe(1);
  });

  it('a confirmed or discarded import keeps its preview: mapping answers 409 and stores nothing', async () => {
    const before = await stored();
    const confirmed = await mapUnits([]).expect(409);
    expect(confirmed.body).toMatchObject({ code: 'PLAN_IMPORT_CONFIRMED' });
    expect(confirmed.body.message).toMatch(VIETNAMESE);
    expect(await stored()).toEqual(before);

    const again = await upload().expect(201);
    await as('vp.chuyenvien').delete(`/plans/imports/${again.body.id}`).expect(200);
    const discarded = await mapUnits([{ name: UNKNOWN, unitCode: 'TCBC' }], 'vp.chuyenvien', again.body.id).expect(409);
    expect(discarded.body.code).toBe('PLAN_IMPORT_DISCARDED');
    expect((await stored(again.body.id)).unit_mappings).toEqual([]);
  });

  it('the endpoint is in the OpenAPI document with its body and answers', async () => {
    const doc = (await http().get('/docs/openapi.json').expect(200)).body;
    const put = doc.paths['/plans/imports/{id}/unit-mappings']?.put;
    expect(put).toBeDefined();
    expect(Object.keys(put.responses)).toEqual(expect.arrayContaining(['200', '400', '404', '409', '422', '403']));
    expect(doc.components.schemas.PutUnitMappingsBody.required).toContain('mappings');
  });
});
