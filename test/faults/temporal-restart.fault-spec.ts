import { join } from 'node:path';
import { Client, Connection, WorkflowHandle, WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/client';
import { defaultVietnamCalendar, foldForSearch } from '@app/domain';
import { loadLifecycleSettings } from '@app/temporal';
import { TASK_LIFECYCLE_WORKFLOW, TaskLifecycleInput } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { freePort } from '../../infra/provision/net.util';
import { DevServer, startDevServer } from '../../infra/provision/temporal.provision';
import { provisionTask, TODAY } from '../api/support';
import { LifecycleDriver } from '../lifecycle/support';
import { env, eventually, openDataSource, seedTestOrganization, StackContext, starterFor, startWorkerProcess, uniqueSuffix } from '../support/stack';
import { PROFILE, sized } from './support';

const REVIEW_TASKS = sized(10, 4);
const DEADLINE_TASKS = sized(10, 4);
/** How long the server stays dead after its kill -9. */
const DOWN_SECONDS = sized(20, 5);
/** The overdue tasks start this late (a durable timer on the server): due while the server is dead. */
const START_DELAY_SECONDS = 3;
const REVIEWERS = ['CCHC', 'TCBC', 'TTRA'];
jest.setTimeout(sized(600_000, 240_000));

const managed = process.env.PLANFLOW_TEST_TEMPORAL === 'managed';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Timers a workflow started and that have neither fired nor been cancelled, from its history. */
async function pendingTimers(handle: WorkflowHandle): Promise<string[]> {
  const { events } = await handle.fetchHistory();
  const open = new Set<string>();
  for (const e of events ?? []) {
    if (e.timerStartedEventAttributes) open.add(e.timerStartedEventAttributes.timerId!);
    if (e.timerFiredEventAttributes) open.delete(e.timerFiredEventAttributes.timerId!);
    if (e.timerCanceledEventAttributes) open.delete(e.timerCanceledEventAttributes.timerId!);
  }
  return [...open].sort();
}

/**
 * Issue 8, fault "Temporal restart": the dev server (`temporal server start-dev` on a SQLite file of
 * its own, started as infra/provision starts it) is killed with SIGKILL in the middle of a scenario
 * and started again on the same port and file (temporalio/cli#632: the SQLite persistence has had
 * restart bugs). test/foundation/temporal-restart covers one running task across a graceful stop;
 * this kills the server while reviews are pending, workflow timers wait and delayed starts come
 * due, with the real worker process polling throughout. Afterwards the pending reviews are given
 * and complete their rounds, the timers are still there, and the delayed starts fire once each,
 * so every overdue task records DEADLINE_PASSED exactly once.
 */
(managed ? describe : describe.skip)(`fault: kill -9 of the Temporal server mid-scenario, restarted on its SQLite file (${PROFILE})`, () => {
  const dir = join(env('PLANFLOW_TEST_DIR'), `fault-temporal-${uniqueSuffix()}`);
  const dbFile = join(dir, 'temporal.db');
  const logFile = join(dir, 'temporal.log');
  const ctx = { taskQueue: `fault-restart-${uniqueSuffix()}` } as StackContext;
  let port: number;
  let server: DevServer | undefined;

  async function startServer(): Promise<void> {
    server = await startDevServer({ binary: env('TEMPORAL_BIN'), dbFile, port, namespace: env('TEMPORAL_NAMESPACE'), logFile });
    ctx.connection = await Connection.connect({ address: server.address });
    ctx.client = new Client({ connection: ctx.connection, namespace: env('TEMPORAL_NAMESPACE') });
    ctx.starter = starterFor(ctx.client, ctx.taskQueue);
  }

  beforeAll(async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir, { recursive: true });
    port = await freePort();
    ctx.ds = await openDataSource();
    ctx.org = await seedTestOrganization(ctx.ds);
    await startServer();
    ctx.worker = await startWorkerProcess({ taskQueue: ctx.taskQueue, temporalAddress: server!.address });
  });

  afterAll(async () => {
    await ctx.worker?.stop();
    await ctx.connection?.close();
    await server?.stop();
    await ctx.ds?.destroy();
  });

  const countEvents = async (ids: string[], type: string): Promise<Array<{ task_id: string; n: number }>> =>
    ctx.ds.query(`SELECT t.id AS task_id, count(e.*)::int AS n FROM tasks t LEFT JOIN task_events e ON e.task_id = t.id AND e.type = $2 WHERE t.id = ANY($1) GROUP BY t.id`, [
      ids,
      type,
    ]);

  it(`keeps ${REVIEW_TASKS} pending reviews answerable and their timers, and fires ${DEADLINE_TASKS} delayed overdue starts once each, across a kill -9 and ${DOWN_SECONDS} s down`, async () => {
    let t = new LifecycleDriver(ctx);
    const started = Date.now();

    // Tasks in review: one of three coordinating units has answered, two are pending; the review
    // window and the deadline ladder are workflow timers.
    const reviews: Array<{ taskId: string; workflowId: string }> = [];
    for (let i = 0; i < REVIEW_TASKS; i++) {
      const task = await provisionTask(ctx, { key: `restart-review-${i}`, title: `Góp ý dự thảo quy chế số ${i + 1}`, owner: 'VP', coordinating: REVIEWERS });
      await t.act(task.workflowId, 'saveDraft', 'vp.chuyenvien', { text: 'Dự thảo quy chế' });
      await t.act(task.workflowId, 'submit', 'vp.truongphong');
      await t.act(task.workflowId, 'review', 'cchc.truongphong', { opinion: 'agree' }, `review-CCHC-${i}`);
      reviews.push(task);
    }
    const timersBefore = await Promise.all(reviews.map((r) => pendingTimers(ctx.client.workflow.getHandle(r.workflowId))));
    expect(timersBefore.filter((ids) => ids.length === 0)).toEqual([]);

    // Tasks due on the last working day before today, whose workflows start after a delay: a durable
    // timer of the server that comes due while the server is dead. (Not "yesterday": on a Monday in
    // Vietnam that is a Sunday, whose deadline the day-off rule moves to today, not yet overdue.)
    const yesterday = defaultVietnamCalendar().addWorkingDays(TODAY, -1);
    const [vp] = await ctx.ds.query(`SELECT id FROM units WHERE organization_id = $1 AND code = 'VP'`, [ctx.org.organizationId]);
    const settings = await loadLifecycleSettings(ctx.ds, ctx.org.organizationId);
    const overdue: Array<{ taskId: string; workflowId: string }> = [];
    for (let i = 0; i < DEADLINE_TASKS; i++) {
      const title = `Báo cáo quá hạn số ${i + 1}`;
      const workflowId = `task-${ctx.org.code}-restart-overdue-${i}`;
      const [row] = await ctx.ds.query(
        `INSERT INTO tasks (organization_id, title, search_text, owner_unit_id, state, status_word, due_on, workflow_id)
         VALUES ($1, $2, $3, $4, 'DRAFTING', 'OPEN_ON_TIME', $5, $6) RETURNING id`,
        [ctx.org.organizationId, title, foldForSearch(title), vp.id, yesterday, workflowId],
      );
      await ctx.ds.query(`INSERT INTO task_units (task_id, unit_id, role) VALUES ($1, $2, 'lead')`, [row.id, vp.id]);
      const input: TaskLifecycleInput = {
        taskId: row.id,
        organizationId: ctx.org.organizationId,
        organizationCode: ctx.org.code,
        planId: null,
        ownerUnitCode: 'VP',
        ownerUnitId: vp.id,
        title,
        dueOn: yesterday,
        initialState: 'DRAFTING',
        coordinatingUnits: [],
        settings,
      };
      await ctx.client.workflow.start(TASK_LIFECYCLE_WORKFLOW, {
        workflowId,
        taskQueue: ctx.taskQueue,
        args: [input],
        startDelay: `${START_DELAY_SECONDS}s`,
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
      overdue.push({ taskId: row.id, workflowId });
    }
    const overdueIds = overdue.map((o) => o.taskId);

    // kill -9: no shutdown of any kind; nothing of the delayed starts has run yet.
    await ctx.connection.close();
    server!.process!.kill('SIGKILL');
    await new Promise<void>((resolve) => (server!.process!.exitCode !== null || server!.process!.signalCode !== null ? resolve() : server!.process!.once('exit', () => resolve())));
    const killedAt = Date.now();
    expect((await countEvents(overdueIds, 'CREATED')).filter((r) => r.n > 0)).toEqual([]);
    await sleep(DOWN_SECONDS * 1000);
    await startServer();
    const downFor = Date.now() - killedAt;
    t = new LifecycleDriver(ctx); // on the new connection

    // The review workflows: running, same timers pending as before the kill.
    const timersAfter = await Promise.all(reviews.map((r) => pendingTimers(ctx.client.workflow.getHandle(r.workflowId))));
    expect(timersAfter).toEqual(timersBefore);

    // The pending reviews can be given; a retry of the one given before the kill changes nothing.
    for (const [i, r] of reviews.entries()) {
      await t.act(r.workflowId, 'review', 'cchc.truongphong', { opinion: 'agree' }, `review-CCHC-${i}`);
      await t.act(r.workflowId, 'review', 'tcbc.truongphong', { opinion: 'agree' }, `review-TCBC-${i}`);
      const snap = await t.act(r.workflowId, 'review', 'ttra.truongphong', { opinion: 'agree_with_comments', comment: 'Đề nghị bổ sung' }, `review-TTRA-${i}`);
      expect(snap.state).toBe('AWAITING_APPROVAL');
    }
    for (const r of reviews) {
      const events = await eventually('review round in the read model', async () => {
        const e = await t.events(r.workflowId);
        return e.some((x) => x.type === 'REVIEW_COMPLETED') ? e : undefined;
      });
      expect(events.map((e) => e.type)).toEqual(['CREATED', 'DRAFT_SAVED', 'SUBMITTED_FOR_REVIEW', 'REVIEW_GIVEN', 'REVIEW_GIVEN', 'REVIEW_GIVEN', 'REVIEW_COMPLETED']);
      expect(events.map((e) => e.version)).toEqual(events.map((_, k) => k + 1));
      expect(events.filter((e) => e.type === 'REVIEW_GIVEN').map((e) => e.payload.unitCode)).toEqual(REVIEWERS);
      expect(await t.row(r.workflowId)).toMatchObject({ state: 'AWAITING_APPROVAL', pending_review: [], version: events.length });
    }

    // The delayed starts fired after the restart: every overdue task recorded CREATED and
    // DEADLINE_PASSED once; a few seconds later still once (no timer fired twice).
    await eventually(`${DEADLINE_TASKS} DEADLINE_PASSED`, async () => (await countEvents(overdueIds, 'DEADLINE_PASSED')).every((r) => r.n >= 1), 120_000);
    await sleep(3000);
    const passed = await countEvents(overdueIds, 'DEADLINE_PASSED');
    const created = await countEvents(overdueIds, 'CREATED');
    expect(passed.map((r) => r.n)).toEqual(overdueIds.map(() => 1));
    expect(created.map((r) => r.n)).toEqual(overdueIds.map(() => 1));
    for (const o of overdue) {
      expect((await t.types(o.workflowId)).slice(0, 2)).toEqual(['CREATED', 'DEADLINE_PASSED']);
      expect(await t.row(o.workflowId)).toMatchObject({ state: 'DRAFTING', status_word: 'OPEN_OVERDUE' });
      expect((await ctx.client.workflow.getHandle(o.workflowId).describe()).status.name).toBe('RUNNING');
    }
    console.log(
      `[faults] temporal restart: server down ${(downFor / 1000).toFixed(1)} s; ${REVIEW_TASKS} review rounds completed after it (${REVIEW_TASKS * 2} pending reviews given, ` +
        `${timersAfter.flat().length} workflow timers kept), ${DEADLINE_TASKS} delayed starts fired, DEADLINE_PASSED ${passed.reduce((a, r) => a + r.n, 0)}; ` +
        `${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  });
});
