import { parsePlanFile } from '@app/domain';
import { importPlan, loadUnitDirectory } from '@app/temporal';
import { NEXT_YEAR } from '../api/support';
import { eventually, startWorkerProcess, useStack } from '../support/stack';
import { generatedPlanText, PROFILE, sized } from './support';

/**
 * Scenario 12 (crash) for the import: the worker is killed with SIGKILL while the workflows of a
 * big import write their CREATED events, and started again. Every row is stored once, has one
 * workflow and exactly one CREATED event. The deadline ladder's crash case (worker killed between
 * escalation steps and while one is due, every step exactly once) is
 * test/deadlines/ladder-scale-restart.int-spec.ts, which runs in `npm test`.
 */
jest.setTimeout(1_200_000);

const ROWS = sized(1000, 200);

describe(`fault: kill -9 of the worker during a ${ROWS}-row import (${PROFILE})`, () => {
  const stack = useStack('fault-import');

  it(`stores exactly ${ROWS} task rows, ${ROWS} workflows and ${ROWS} CREATED events, none twice, after a SIGKILL mid-import`, async () => {
    const { ds, org } = stack;
    const text = generatedPlanText(ROWS, NEXT_YEAR);
    const fileName = `ke-hoach-chiu-loi-${ROWS}.txt`;
    const parse = await parsePlanFile({ fileName, content: Buffer.from(text) }, { directory: await loadUnitDirectory(ds, org.code) });
    expect(parse.errors).toEqual([]);
    expect(parse.tasks).toHaveLength(ROWS);

    const createdEvents = async () => {
      const [r] = await ds.query(
        `SELECT count(*)::int AS n, count(DISTINCT e.task_id)::int AS tasks FROM task_events e JOIN tasks t ON t.id = e.task_id
         WHERE t.organization_id = $1 AND e.type = 'CREATED'`,
        [org.organizationId],
      );
      return r as { n: number; tasks: number };
    };

    const importing = importPlan(ds, stack.starter, { organizationCode: org.code, fileName, content: Buffer.from(text), parse });
    // The worker dies while the first workflows' CREATED activities run and the others are still being started.
    const before = await eventually('some CREATED activities ran', async () => {
      const c = await createdEvents();
      return c.n >= Math.min(20, ROWS / 10) ? c : undefined;
    }, 300_000);
    await stack.worker!.kill9();
    const atKill = await createdEvents();
    await new Promise((r) => setTimeout(r, 3000));
    stack.worker = await startWorkerProcess({ taskQueue: stack.taskQueue });
    const report = await importing;
    expect(report.tasksCreated).toBe(ROWS);
    expect(atKill.n).toBeLessThan(ROWS); // the kill really was in the middle
    expect(before.n).toBeGreaterThan(0);

    await eventually(`${ROWS} CREATED events`, async () => (await createdEvents()).n >= ROWS, 900_000);
    // Let retried activities and replays settle, then count.
    await new Promise((r) => setTimeout(r, 5000));

    const [rows] = await ds.query(
      `SELECT count(*)::int AS tasks, count(DISTINCT workflow_id)::int AS workflows,
              count(*) FILTER (WHERE version = 1)::int AS at_version_1
       FROM tasks WHERE organization_id = $1 AND plan_id = $2`,
      [org.organizationId, report.planId],
    );
    expect(rows).toEqual({ tasks: ROWS, workflows: ROWS, at_version_1: ROWS });
    expect(await createdEvents()).toEqual({ n: ROWS, tasks: ROWS });
    const twice = await ds.query(
      `SELECT e.task_id, e.version, count(*)::int AS n FROM task_events e JOIN tasks t ON t.id = e.task_id
       WHERE t.organization_id = $1 GROUP BY e.task_id, e.version HAVING count(*) > 1`,
      [org.organizationId],
    );
    expect(twice).toEqual([]);
    const [{ n: allEvents }] = await ds.query(`SELECT count(*)::int AS n FROM task_events e JOIN tasks t ON t.id = e.task_id WHERE t.organization_id = $1`, [
      org.organizationId,
    ]);
    expect(allEvents).toBe(ROWS);

    // Temporal: one workflow per row, all running (visibility lags: poll).
    const query = `WorkflowId STARTS_WITH "plan-${report.planId}-row-"`;
    await eventually(`${ROWS} workflows in visibility`, async () => (await stack.client.workflow.count(query)).count === ROWS, 120_000);
    expect((await stack.client.workflow.count(`${query} AND ExecutionStatus = "Running"`)).count).toBe(ROWS);

    // Importing again creates nothing and starts nothing new.
    const again = await importPlan(ds, stack.starter, { organizationCode: org.code, fileName, content: Buffer.from(text), parse });
    expect(again).toMatchObject({ tasksCreated: 0, tasksExisting: ROWS });
    expect((await stack.client.workflow.count(query)).count).toBe(ROWS);
  });
});
