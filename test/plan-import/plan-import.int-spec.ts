import { DomainError, parsePlanFile } from '@app/domain';
import { readSamplePlanText } from '@app/domain/plan-import/testing/appendix-fixtures';
import { importPlan, loadUnitDirectory } from '@app/temporal';
import { eventually, useStack } from '../support/stack';

/**
 * Scenario 1 of SCENARIOS.md on the real stack: seed 003 imported into an organization makes 32
 * tasks and 32 running workflows; importing it again creates nothing; a file with an unknown unit
 * stores nothing and names the row.
 */
describe('plan import of seed 003', () => {
  const stack = useStack('import');

  const counts = async () => {
    const [r] = await stack.ds.query(
      `SELECT (SELECT count(*)::int FROM plans WHERE organization_id = $1) AS plans,
              (SELECT count(*)::int FROM tasks WHERE organization_id = $1) AS tasks,
              (SELECT count(*)::int FROM milestones m JOIN tasks t ON t.id = m.task_id WHERE t.organization_id = $1) AS milestones`,
      [stack.org.organizationId],
    );
    return r as { plans: number; tasks: number; milestones: number };
  };

  const parse = async (text: string) =>
    parsePlanFile({ fileName: 'ke-hoach-cchc-2023.txt', content: Buffer.from(text) }, { directory: await loadUnitDirectory(stack.ds, stack.org.code) });

  it('a file with an unknown unit is refused with its row, and nothing of it is stored', async () => {
    const text = readSamplePlanText().replace('Xây dựng kế hoạch biên chế năm 2023\tVăn phòng Sở', 'Xây dựng kế hoạch biên chế năm 2023\tPhòng Tư pháp');
    const parsed = await parse(text);
    expect(parsed.errors).toEqual([expect.objectContaining({ code: 'UNKNOWN_UNIT', section: 'IV', ordinal: '1', cell: 'lead' })]);
    const content = Buffer.from(text);
    await expect(importPlan(stack.ds, stack.starter, { organizationCode: stack.org.code, fileName: 'x.txt', content, parse: parsed })).rejects.toMatchObject({
      code: 'PLAN_HAS_ERRORS',
    } satisfies Partial<DomainError>);
    expect(await counts()).toEqual({ plans: 0, tasks: 0, milestones: 0 });
  });

  it('stores 32 tasks and starts 32 workflows; a second import changes nothing', async () => {
    const text = readSamplePlanText();
    const parsed = await parse(text);
    expect(parsed.errors).toEqual([]);
    const progress: number[] = [];
    const first = await importPlan(stack.ds, stack.starter, { organizationCode: stack.org.code, fileName: 'kh.txt', content: Buffer.from(text), parse: parsed }, (d) => progress.push(d));
    expect(first).toMatchObject({ tasksCreated: 32, tasksExisting: 0 });
    expect(new Set(first.workflowIds).size).toBe(32);
    expect(progress.at(-1)).toBe(32);
    const after = await counts();
    expect(after.plans).toBe(1);
    expect(after.tasks).toBe(32);

    // Every row's workflow runs and has announced itself in the read model.
    await eventually('32 tasks recorded by their workflows', async () => {
      const [r] = await stack.ds.query(`SELECT count(*)::int AS n FROM tasks WHERE plan_id = $1 AND version = 1`, [first.planId]);
      return r.n === 32;
    }, 60_000);
    for (const id of first.workflowIds) expect((await stack.client.workflow.getHandle(id).describe()).status.name).toBe('RUNNING');

    const rows: Array<{ row_key: string; state: string; due_on: string | null; owner: string | null }> = await stack.ds.query(
      `SELECT t.row_key, t.state, to_char(t.due_on, 'YYYY-MM-DD') AS due_on, u.code AS owner
       FROM tasks t LEFT JOIN units u ON u.id = t.owner_unit_id WHERE t.plan_id = $1`,
      [first.planId],
    );
    const byKey = new Map(rows.map((r) => [r.row_key, r]));
    expect(byKey.get('II.2')).toMatchObject({ state: 'DRAFTING', due_on: '2023-02-28', owner: 'VP' });
    expect(byKey.get('I.2')).toMatchObject({ state: 'PENDING_TRIGGER', due_on: null });
    expect(byKey.get('III.4')).toMatchObject({ owner: null }); // group-led: every unit

    const second = await importPlan(stack.ds, stack.starter, { organizationCode: stack.org.code, fileName: 'kh.txt', content: Buffer.from(text), parse: parsed });
    expect(second).toMatchObject({ planId: first.planId, tasksCreated: 0, tasksExisting: 32 });
    expect(second.workflowIds).toEqual(first.workflowIds);
    expect(await counts()).toEqual(after);
    const [{ n }] = await stack.ds.query(`SELECT count(*)::int AS n FROM task_events e JOIN tasks t ON t.id = e.task_id WHERE t.plan_id = $1`, [first.planId]);
    expect(n).toBe(32);
  });
});
