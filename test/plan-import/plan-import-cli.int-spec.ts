import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { readSamplePlanText, SAMPLE_PLAN_TEXT_PATH } from '@app/domain/plan-import/testing/appendix-fixtures';
import { env, openDataSource, seedTestOrganization, uniqueSuffix } from '../support/stack';

const ROOT = join(__dirname, '..', '..');

/** `npm run -s cli -- plan import FILE --org CODE` against the real stack, as an office would run it. */
describe('CLI plan import', () => {
  let ds: DataSource;
  let org: { code: string; organizationId: string };
  const taskQueue = `${env('TEMPORAL_TASK_QUEUE')}-cli-${uniqueSuffix()}`;

  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, ['-r', join(ROOT, 'infra/bin/register.js'), join(ROOT, 'apps/cli/src/main.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, TEMPORAL_TASK_QUEUE: taskQueue },
      encoding: 'utf8',
    });
    return { code: r.status, json: JSON.parse(r.stdout), stderr: r.stderr };
  };
  const taskCount = async () =>
    (await ds.query(`SELECT count(*)::int AS n FROM tasks WHERE organization_id = $1`, [org.organizationId]))[0].n as number;

  beforeAll(async () => {
    ds = await openDataSource();
    org = await seedTestOrganization(ds);
  });
  afterAll(async () => ds?.destroy());

  it('refuses a plan with errors (exit 3), listing them, and stores nothing', async () => {
    const bad = join(env('PLANFLOW_TEST_DIR'), `bad-${uniqueSuffix()}.txt`);
    writeFileSync(bad, readSamplePlanText().replace('Tháng 01/2023', '31/02/2023'));
    const r = cli('plan', 'import', bad, '--org', org.code);
    expect(r.code).toBe(3);
    expect(r.json.error.code).toBe('PLAN_HAS_ERRORS');
    expect(r.json.errors).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'UNREADABLE_DATE', cell: 'timeline' })]));
    expect(await taskCount()).toBe(0);
  });

  it('imports seed 003 with a progress bar, then a second run creates nothing', async () => {
    const first = cli('plan', 'import', SAMPLE_PLAN_TEXT_PATH, '--org', org.code);
    expect(first.code).toBe(0);
    expect(first.json).toMatchObject({ tasksCreated: 32, tasksExisting: 0, childTasksCreated: 28, warnings: [expect.objectContaining({ code: 'DECLARED_TOTAL_MISMATCH' })] });
    expect(first.stderr).toContain('32/32');
    expect(await taskCount()).toBe(60); // 32 rows + one task per unit of the 4 group-led rows

    const second = cli('plan', 'import', SAMPLE_PLAN_TEXT_PATH, '--org', org.code);
    expect(second.code).toBe(0);
    expect(second.json).toMatchObject({ planId: first.json.planId, tasksCreated: 0, tasksExisting: 32, childTasksCreated: 0 });
    expect(await taskCount()).toBe(60);
  });

  it('imports the chosen candidates of a prose plan (seed 000) with the progress bar; --candidates all takes the others once', async () => {
    const seed = join(ROOT, 'test/fixtures/seeds/000_aa29c18a37661c3c.txt');
    const parsed = cli('plan', 'parse', seed, '--org', 'SNV-BD');
    const ids: string[] = parsed.json.candidates.filter((c: { kind: string }) => c.kind === 'task').slice(0, 2).map((c: { id: string }) => c.id);
    const before = await taskCount();

    const chosen = cli('plan', 'import', seed, '--org', org.code, '--candidates', ids.join(','));
    expect(chosen.code).toBe(0);
    expect(chosen.json).toMatchObject({ tasksCreated: 2, tasksExisting: 0, warnings: [expect.objectContaining({ code: 'APPENDIX_NOT_ATTACHED' })], notImported: [] });
    expect(chosen.json.workflowIds).toEqual(ids.map((id) => `plan-${chosen.json.planId}-row-VB.${id}`));
    expect(chosen.stderr).toContain('2/2');
    expect(await taskCount()).toBe(before + 2);

    const all = cli('plan', 'import', seed, '--org', org.code, '--candidates', 'all');
    expect(all.code).toBe(0);
    expect(all.json).toMatchObject({ planId: chosen.json.planId, tasksExisting: 2 });
    const exhortations = parsed.json.candidates.filter((c: { exhortation: boolean }) => c.exhortation).length;
    expect(all.json.tasksCreated + all.json.tasksExisting + all.json.notImported.length).toBe(parsed.json.candidates.length);
    expect(all.json.notImported.length).toBeGreaterThanOrEqual(exhortations);
    expect(await taskCount()).toBe(before + all.json.tasksCreated + 2 + all.json.childTasksCreated);

    const bad = cli('plan', 'import', seed, '--org', org.code, '--candidates', 'c00000000');
    expect(bad.code).toBe(3);
    expect(bad.json).toMatchObject({ error: { code: 'CANDIDATES_REFUSED' }, problems: [expect.objectContaining({ code: 'CANDIDATE_NOT_FOUND', candidateId: 'c00000000' })] });
    const usage = cli('plan', 'import', seed, '--org', org.code, '--candidates', 'some');
    expect(usage.code).toBe(2);
    expect(usage.json.error.code).toBe('INVALID_CANDIDATES');
  });

  it('an unknown organization is a usage error naming it', () => {
    const r = cli('plan', 'import', SAMPLE_PLAN_TEXT_PATH, '--org', 'KHONG-CO');
    expect(r.code).toBe(2);
    expect(r.json.error).toMatchObject({ code: 'ORGANIZATION_NOT_FOUND', message: expect.stringContaining('KHONG-CO') });
  });
});
