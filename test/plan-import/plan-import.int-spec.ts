import { Client, defaultPayloadConverter } from '@temporalio/client';
import { DomainError, parsePlanFile } from '@app/domain';
import { DEMO_ORG } from '@app/domain/units/demo-org';
import { readSamplePlanText } from '@app/domain/plan-import/testing/appendix-fixtures';
import { importPlan, loadUnitDirectory, PlanImportReport } from '@app/temporal';
import type { GroupTaskInput, TaskLifecycleInput } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { eventually, useStack } from '../support/stack';

const ALL_UNITS = DEMO_ORG.units.map((u) => u.code).sort();
/** Seed 003's group-led rows: "Các đơn vị thuộc, trực thuộc Sở" (8 units), and VP + the affiliated units. */
const GROUP_ROWS: Record<string, string[]> = {
  'II.4': ALL_UNITS,
  'III.4': ALL_UNITS,
  'V.5': ALL_UNITS,
  'VI.3': ['BTDKT', 'BTG', 'TTLT', 'VP'],
};

/** The input a workflow was started with, from the first event of its history. */
async function startInput<T>(client: Client, workflowId: string): Promise<T> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const payload = history.events![0].workflowExecutionStartedEventAttributes!.input!.payloads![0];
  return defaultPayloadConverter.fromPayload(payload) as T;
}

/**
 * Scenario 1 of SCENARIOS.md on the real stack: seed 003 imported into an organization makes 32
 * row tasks (plus one task per unit of each group-led row) and one running workflow per row;
 * importing it again creates nothing; a file with an unknown unit stores nothing and names the row.
 */
describe('plan import of seed 003', () => {
  const stack = useStack('import');

  const counts = async () => {
    const [r] = await stack.ds.query(
      `SELECT (SELECT count(*)::int FROM plans WHERE organization_id = $1) AS plans,
              (SELECT count(*)::int FROM tasks WHERE organization_id = $1) AS tasks,
              (SELECT count(*)::int FROM tasks WHERE organization_id = $1 AND parent_task_id IS NOT NULL) AS children,
              (SELECT count(*)::int FROM milestones m JOIN tasks t ON t.id = m.task_id WHERE t.organization_id = $1) AS milestones,
              (SELECT count(*)::int FROM task_units tu JOIN tasks t ON t.id = tu.task_id WHERE t.organization_id = $1) AS task_units`,
      [stack.org.organizationId],
    );
    return r as { plans: number; tasks: number; children: number; milestones: number; task_units: number };
  };

  const unitsOf = async (workflowId: string) => {
    const rows: Array<{ code: string; role: string; via_group: string | null }> = await stack.ds.query(
      `SELECT u.code, tu.role, tu.via_group FROM task_units tu JOIN units u ON u.id = tu.unit_id JOIN tasks t ON t.id = tu.task_id
       WHERE t.workflow_id = $1 ORDER BY tu.role, u.code`,
      [workflowId],
    );
    return rows.map((r) => `${r.role}:${r.code}`);
  };

  const parse = async (text: string) =>
    parsePlanFile({ fileName: 'ke-hoach-cchc-2023.txt', content: Buffer.from(text) }, { directory: await loadUnitDirectory(stack.ds, stack.org.code) });

  let first: PlanImportReport;
  const rowWorkflowId = (rowKey: string) => first.workflowIds.find((id) => id.endsWith(`-row-${rowKey}`))!;

  it('a file with an unknown unit is refused with its row, and nothing of it is stored', async () => {
    const text = readSamplePlanText().replace('Xây dựng kế hoạch biên chế năm 2023\tVăn phòng Sở', 'Xây dựng kế hoạch biên chế năm 2023\tPhòng Tư pháp');
    const parsed = await parse(text);
    expect(parsed.errors).toEqual([expect.objectContaining({ code: 'UNKNOWN_UNIT', section: 'IV', ordinal: '1', cell: 'lead' })]);
    const content = Buffer.from(text);
    await expect(importPlan(stack.ds, stack.starter, { organizationCode: stack.org.code, fileName: 'x.txt', content, parse: parsed })).rejects.toMatchObject({
      code: 'PLAN_HAS_ERRORS',
    } satisfies Partial<DomainError>);
    expect(await counts()).toEqual({ plans: 0, tasks: 0, children: 0, milestones: 0, task_units: 0 });
  });

  it('stores 32 rows and one task per unit of the group-led rows, starts one workflow per row; a second import changes nothing', async () => {
    // The organization's own rules travel into every workflow input.
    await stack.ds.query(`UPDATE organizations SET settings = '{"reviewWindowWorkingDays": 3}' WHERE id = $1`, [stack.org.organizationId]);
    const text = readSamplePlanText();
    const parsed = await parse(text);
    expect(parsed.errors).toEqual([]);
    const progress: number[] = [];
    first = await importPlan(stack.ds, stack.starter, { organizationCode: stack.org.code, fileName: 'kh.txt', content: Buffer.from(text), parse: parsed }, (d) => progress.push(d));
    expect(first).toMatchObject({ tasksCreated: 32, tasksExisting: 0, childTasksCreated: 28 });
    expect(new Set(first.workflowIds).size).toBe(32);
    expect(progress.at(-1)).toBe(32);
    const after = await counts();
    expect(after).toMatchObject({ plans: 1, tasks: 60, children: 28 });

    // Every group-led row has one child per lead unit, linked to the row's task.
    const children: Array<{ parent_key: string; row_key: string; workflow_id: string; parent_workflow_id: string; owner: string; state: string; due_on: string | null }> =
      await stack.ds.query(
        `SELECT p.row_key AS parent_key, c.row_key, c.workflow_id, p.workflow_id AS parent_workflow_id, u.code AS owner, c.state,
                to_char(c.due_on, 'YYYY-MM-DD') AS due_on
         FROM tasks c JOIN tasks p ON p.id = c.parent_task_id JOIN units u ON u.id = c.owner_unit_id
         WHERE p.plan_id = $1 ORDER BY p.row_key, u.code`,
        [first.planId],
      );
    const byParent: Record<string, string[]> = {};
    for (const c of children) {
      (byParent[c.parent_key] ??= []).push(c.owner);
      expect(c.row_key).toBe(`${c.parent_key}/${c.owner}`);
      expect(c.workflow_id).toBe(`${c.parent_workflow_id}/${c.owner}`);
    }
    expect(byParent).toEqual(GROUP_ROWS);
    // A child copies the row: title, timeline, due date, state, milestones.
    const [child] = await stack.ds.query(
      `SELECT c.title = p.title AND c.search_text = p.search_text AND c.timeline_raw = p.timeline_raw AND c.state = p.state
                AND c.due_on IS NOT DISTINCT FROM p.due_on AS same,
              (SELECT count(*)::int FROM milestones WHERE task_id = c.id) AS milestones
       FROM tasks c JOIN tasks p ON p.id = c.parent_task_id WHERE c.row_key = 'V.5/TTLT' AND c.plan_id = $1`,
      [first.planId],
    );
    expect(child).toEqual({ same: true, milestones: 2 });
    expect(children.find((c) => c.row_key === 'V.5/TTLT')).toMatchObject({ state: 'DRAFTING', due_on: '2023-04-30' });
    // Units: the child leads alone; the row's coordinating unit coordinates it, never itself.
    expect(await unitsOf(`${rowWorkflowId('II.4')}/CCHC`)).toEqual(['coordinating:VP', 'lead:CCHC']);
    expect(await unitsOf(`${rowWorkflowId('II.4')}/VP`)).toEqual(['lead:VP']);
    expect(await unitsOf(rowWorkflowId('II.4'))).toEqual(['coordinating:VP', ...ALL_UNITS.map((c) => `lead:${c}`)]);
    // A row led by one unit: "all units" coordinate it, except the lead unit itself.
    expect(await unitsOf(rowWorkflowId('I.1'))).toEqual([...ALL_UNITS.filter((c) => c !== 'CCHC').map((c) => `coordinating:${c}`), 'lead:CCHC']);

    const rows: Array<{ row_key: string; state: string; due_on: string | null; owner: string | null }> = await stack.ds.query(
      `SELECT t.row_key, t.state, to_char(t.due_on, 'YYYY-MM-DD') AS due_on, u.code AS owner
       FROM tasks t LEFT JOIN units u ON u.id = t.owner_unit_id WHERE t.plan_id = $1 AND t.parent_task_id IS NULL`,
      [first.planId],
    );
    const byKey = new Map(rows.map((r) => [r.row_key, r]));
    expect(byKey.get('II.2')).toMatchObject({ state: 'DRAFTING', due_on: '2023-02-28', owner: 'VP' });
    expect(byKey.get('I.2')).toMatchObject({ state: 'PENDING_TRIGGER', due_on: null });
    expect(byKey.get('III.4')).toMatchObject({ owner: null }); // group-led: every unit

    // Rows led by one unit run taskLifecycle with the full input; group-led rows run groupTask.
    const singleKeys = [...byKey.keys()].filter((k) => !GROUP_ROWS[k]);
    expect(singleKeys).toHaveLength(28);
    await eventually(
      '28 single-unit rows recorded by their workflows',
      async () => {
        const [r] = await stack.ds.query(`SELECT count(*)::int AS n FROM tasks WHERE plan_id = $1 AND row_key = ANY($2) AND version >= 1`, [first.planId, singleKeys]);
        return r.n === 28;
      },
      60_000,
    );
    // Seed 003's period is over (2023): a recurring row may already have run to the plan's end and
    // completed, which is the workflow's call; every other row's workflow runs.
    const recurringKeys = new Set(parsed.tasks.filter((t) => t.milestones.every((m) => m.kind === 'recurring')).map((t) => `${t.section}.${t.ordinal}`));
    const runIds = async () => {
      const runs: Record<string, string> = {};
      const seen: Record<string, string> = {};
      const expected: Record<string, string> = {};
      for (const id of first.workflowIds) {
        const d = await stack.client.workflow.getHandle(id).describe();
        const rowKey = id.split('-row-')[1];
        const fine = d.status.name === 'RUNNING' || (d.status.name === 'COMPLETED' && recurringKeys.has(rowKey));
        seen[rowKey] = `${d.type} ${fine ? 'ok' : d.status.name}`;
        expected[rowKey] = `${GROUP_ROWS[rowKey] ? 'groupTask' : 'taskLifecycle'} ok`;
        runs[id] = d.runId;
      }
      expect(seen).toEqual(expected);
      return runs;
    };
    const runsBefore = await runIds();
    const units = new Map<string, string>((await stack.ds.query(`SELECT code, id FROM units WHERE organization_id = $1`, [stack.org.organizationId])).map((u: { code: string; id: string }) => [u.code, u.id]));
    const ref = (code: string) => ({ unitId: units.get(code), unitCode: code });

    const i1 = await startInput<TaskLifecycleInput>(stack.client, rowWorkflowId('I.1'));
    expect(i1).toMatchObject({
      ownerUnitId: units.get('CCHC'),
      ownerUnitCode: 'CCHC',
      coordinatingToBeNamed: false,
      settings: { reviewWindowWorkingDays: 3, silentReviewer: 'agree', maxExtensionsPerTask: 1, eventWindowWorkingDays: 10 },
      planEndsOn: '2023-12-31',
      milestones: [
        expect.objectContaining({ kind: 'deadline', due: '2023-02-28' }),
        expect.objectContaining({ kind: 'ongoing', due: '2023-12-31' }),
      ],
    });
    expect(i1.coordinatingUnits).toEqual(ALL_UNITS.filter((c) => c !== 'CCHC').map(ref));
    expect(i1.milestones![0]).not.toHaveProperty('source');
    expect(await startInput<TaskLifecycleInput>(stack.client, rowWorkflowId('V.2'))).toMatchObject({ coordinatingUnits: [ref('CCVC')], coordinatingToBeNamed: true });

    const vi3 = await startInput<GroupTaskInput>(stack.client, rowWorkflowId('VI.3'));
    expect(vi3.base).toMatchObject({ ownerUnitId: null, ownerUnitCode: null, coordinatingUnits: [], coordinatingToBeNamed: true, planEndsOn: '2023-12-31' });
    const vi3Children: Array<{ id: string; workflow_id: string; code: string }> = await stack.ds.query(
      `SELECT c.id, c.workflow_id, u.code FROM tasks c JOIN units u ON u.id = c.owner_unit_id WHERE c.plan_id = $1 AND c.row_key LIKE 'VI.3/%'`,
      [first.planId],
    );
    expect([...vi3.children].sort((a, b) => a.unit.unitCode.localeCompare(b.unit.unitCode))).toEqual(
      vi3Children.sort((a, b) => a.code.localeCompare(b.code)).map((c) => ({ taskId: c.id, workflowId: c.workflow_id, unit: ref(c.code) })),
    );

    const created = async () =>
      (
        await stack.ds.query(`SELECT count(*)::int AS n FROM task_events e JOIN tasks t ON t.id = e.task_id WHERE t.plan_id = $1 AND e.type = 'CREATED' AND t.row_key = ANY($2)`, [
          first.planId,
          singleKeys,
        ])
      )[0].n as number;
    expect(await created()).toBe(28);

    const second = await importPlan(stack.ds, stack.starter, { organizationCode: stack.org.code, fileName: 'kh.txt', content: Buffer.from(text), parse: parsed });
    expect(second).toMatchObject({ planId: first.planId, tasksCreated: 0, tasksExisting: 32, childTasksCreated: 0 });
    expect(second.workflowIds).toEqual(first.workflowIds);
    expect(await counts()).toEqual(after);
    // The same runs go on: no workflow was started a second time.
    expect(await runIds()).toEqual(runsBefore);
    expect(await created()).toBe(28);
  });

  // Needs the groupTask workflow (workflows/group-task), which starts the children as child workflows.
  it('a group-led row runs one task workflow per unit, each recorded in the read model', async () => {
    const childIds: Array<{ workflow_id: string }> = await stack.ds.query(`SELECT workflow_id FROM tasks WHERE plan_id = $1 AND parent_task_id IS NOT NULL`, [
      first.planId,
    ]);
    expect(childIds).toHaveLength(28);
    await eventually(
      '28 unit tasks and 4 group rows recorded by their workflows',
      async () => {
        const [r] = await stack.ds.query(
          `SELECT count(*) FILTER (WHERE parent_task_id IS NOT NULL)::int AS children, count(*) FILTER (WHERE parent_task_id IS NULL)::int AS parents
           FROM tasks WHERE plan_id = $1 AND version >= 1 AND (parent_task_id IS NOT NULL OR row_key = ANY($2))`,
          [first.planId, Object.keys(GROUP_ROWS)],
        );
        return r.children === 28 && r.parents === 4;
      },
      60_000,
    );
    for (const { workflow_id } of childIds) {
      const d = await stack.client.workflow.getHandle(workflow_id).describe();
      expect(d.type).toBe('taskLifecycle');
      expect(d.status.name).toBe('RUNNING');
    }
  });
});
