/**
 * Benchmark 4, timer storm: N tasks (default 1,000) due at the same instant. Per task, the wall time
 * from the deadline until its row is "quá hạn" (OPEN_OVERDUE) with its notifications in Postgres.
 *
 * On Temporal's time-skipping test server (a deadline is a real day on the dev server) with the real
 * worker process (WORKER_MAX_CACHED_WORKFLOWS=0, as the deadline scale test runs it). Server time is
 * brought to ten minutes before the deadline and everything settles; then the bench notes the wall
 * clock and lets server time pass the deadline (the skip is immediate: nothing else is due), so the
 * deadline is that wall instant (+ one RPC). A task is done at `recorded_at` of its DEADLINE_PASSED
 * event, the transaction that also writes its status word and its notifications.
 *
 * Baseline, in the same run and on the same server: N minimal workflows (bench/baseline), one
 * durable timer to the same kind of instant then one activity that updates a bare row's status word
 * and inserts three notification rows in one transaction, on a worker without a cache either.
 */
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { CalendarDate, defaultVietnamCalendarConfig } from '@app/domain';
import { TaskWorkflowStarter } from '@app/temporal';
import { SEARCH_ATTRIBUTES } from '@app/workflows/common/search-attributes';
import { env, openDataSource, seedTestOrganization, startWorkerProcess, uniqueSuffix } from '../test/support/stack';
import { insertTaskRows } from '../test/support/task-rows';
import { BASELINE_TABLES_SQL } from './baseline/baseline.activities';
import { quietTemporalRuntime, startBaselineWorker } from './lib/baseline-worker';
import { benchOptions, log, pool } from './lib/options';
import { compare, runBench, writeResult } from './lib/results';

const opts = benchOptions({ tasks: 1000, startConcurrency: 25, timeoutSeconds: 900 });

async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Waits until a counter has not moved for `quietMs` (the workflows' first tasks and reminders are done). */
async function settle(count: () => Promise<number>, quietMs = 3000): Promise<void> {
  let last = -1;
  let since = Date.now();
  for (;;) {
    const n = await count();
    if (n !== last) [last, since] = [n, Date.now()];
    else if (Date.now() - since >= quietMs) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function main(): Promise<void> {
  quietTemporalRuntime();
  const N = opts.tasks;
  const timeoutMs = opts.timeoutSeconds * 1000;
  const ds: DataSource = await openDataSource();
  const pg = new Pool({ connectionString: env('DATABASE_URL'), max: 4 });
  const org = await seedTestOrganization(ds);
  const testEnv = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: env('TEMPORAL_TEST_SERVER_BIN') } },
  });
  const namespace = testEnv.namespace ?? 'default';
  await testEnv.connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(SEARCH_ATTRIBUTES.map((k) => [k.name, encodeSearchAttributeIndexedValueType(k.type)!])),
  });
  const sleepUntil = async (ms: number) => {
    const left = ms - (await testEnv.currentTimeMs());
    if (left > 0) await testEnv.sleep(left);
  };
  /**
   * Brings server time to 10 minutes before `deadlineMs` and lets the workflows settle (server time
   * runs at wall speed meanwhile), then skips past the deadline: nothing else is due, so the server
   * jumps at once and the wall instant of the crossing is `t0` (+ one RPC).
   */
  const crossDeadline = async (deadlineMs: number, settled: () => Promise<number>): Promise<{ t0: number; crossing: Promise<void> }> => {
    await sleepUntil(deadlineMs - 10 * 60_000);
    await settle(settled);
    const left = deadlineMs - (await testEnv.currentTimeMs());
    if (left <= 0) throw new Error('the workflows took more than 10 minutes to settle before the deadline');
    const t0 = Date.now();
    return { t0, crossing: testEnv.sleep(left + 1000) };
  };

  try {
    // --- Baseline: one timer + one activity per workflow -------------------------------------------
    await pg.query(BASELINE_TABLES_SQL);
    await pg.query(`TRUNCATE bench_timer_rows, bench_timer_notifications`);
    await pg.query(`INSERT INTO bench_timer_rows (id, status_word) SELECT g, 'OPEN_ON_TIME' FROM generate_series(1, $1) g`, [N]);
    const baseQueue = `bench-timer-baseline-${uniqueSuffix()}`;
    const baseWorker = await startBaselineWorker({ address: testEnv.address, namespace, taskQueue: baseQueue, maxCachedWorkflows: 0 });
    const baseDeadline = (await testEnv.currentTimeMs()) + 24 * 3600_000;
    log(`baseline: starting ${N} timer+activity workflows`);
    await pool(
      Array.from({ length: N }, (_, i) => i + 1),
      opts.startConcurrency,
      (id) => testEnv.client.workflow.start('timerThenActivity', { taskQueue: baseQueue, workflowId: `bench-timer-${baseQueue}-${id}`, args: [id, baseDeadline] }),
    );
    const baseCross = await crossDeadline(baseDeadline, async () => 0);
    await waitUntil(
      'baseline rows overdue',
      async () => (await pg.query(`SELECT count(*)::int AS n FROM bench_timer_rows WHERE done_at IS NOT NULL`)).rows[0].n === N,
      timeoutMs,
    );
    await baseCross.crossing;
    const baseline: number[] = (
      await pg.query(`SELECT extract(epoch FROM done_at) * 1000 AS at FROM bench_timer_rows`)
    ).rows.map((r: { at: string }) => Number(r.at) - baseCross.t0);
    const [{ n: baseNotified }] = (await pg.query(`SELECT count(*)::int AS n FROM bench_timer_notifications`)).rows;
    await baseWorker.stop();
    log(`baseline: ${N} rows overdue, ${baseNotified} notifications, max ${Math.round(Math.max(...baseline))} ms after the deadline`);

    // --- Ours: the real worker process, taskLifecycle, recordTaskEvent, notifications -------------
    const taskQueue = `bench-timer-${uniqueSuffix()}`;
    const worker = await startWorkerProcess({
      taskQueue,
      temporalAddress: testEnv.address,
      env: { TEMPORAL_NAMESPACE: namespace, WORKER_MAX_CACHED_WORKFLOWS: '0' },
    });
    try {
      const serverNow = await testEnv.currentTimeMs();
      let due = CalendarDate.fromInstant(serverNow);
      // The tasks are created on their due day; if that day ends within the half hour, the next one.
      if (CalendarDate.startOfDayInstant(CalendarDate.addDays(due, 1)) - serverNow < 30 * 60_000) due = CalendarDate.addDays(due, 1);
      const deadline = CalendarDate.startOfDayInstant(CalendarDate.addDays(due, 1));
      const units: Array<{ id: string; code: string }> = await ds.query(`SELECT id, code FROM units WHERE organization_id = $1 AND code = ANY($2) ORDER BY code`, [
        org.organizationId,
        ['CCHC', 'TCBC', 'BTG', 'TTRA'],
      ]);
      const rows = Array.from({ length: N }, (_, i) => ({ title: `Nhiệm vụ kiểm tra hạn số ${i + 1}`, unit: units[i % units.length], wf: `bench-storm-${taskQueue}-${i}` }));
      const idOf = await insertTaskRows(ds, org.organizationId, due, rows.map((r) => ({ title: r.title, unitId: r.unit.id, workflowId: r.wf })));
      const ids = [...idOf.values()];
      const starter = new TaskWorkflowStarter(testEnv.client, taskQueue);
      log(`ours: starting ${N} task workflows due ${due}`);
      await pool(rows, opts.startConcurrency, (r) =>
        starter.start(r.wf, {
          taskId: idOf.get(r.wf)!,
          organizationId: org.organizationId,
          organizationCode: org.code,
          planId: null,
          ownerUnitCode: r.unit.code,
          ownerUnitId: r.unit.id,
          title: r.title,
          dueOn: due,
          initialState: 'DRAFTING',
          calendar: defaultVietnamCalendarConfig(),
        }),
      );
      const events = async (type?: string) =>
        (await pg.query(`SELECT count(*)::int AS n FROM task_events WHERE task_id = ANY($1) ${type ? 'AND type = $2' : ''}`, type ? [ids, type] : [ids])).rows[0].n as number;
      await waitUntil(`${N} CREATED`, async () => (await events('CREATED')) === N, timeoutMs);
      const cross = await crossDeadline(deadline, () => events());
      await waitUntil(`${N} DEADLINE_PASSED`, async () => (await events('DEADLINE_PASSED')) === N, timeoutMs);
      await cross.crossing;
      const done: Array<{ at: string; status_word: string; notified: number }> = (
        await pg.query(
          `SELECT extract(epoch FROM e.recorded_at) * 1000 AS at, t.status_word,
                  (SELECT count(*)::int FROM notifications n WHERE n.task_event_id = e.id) AS notified
           FROM task_events e JOIN tasks t ON t.id = e.task_id WHERE e.task_id = ANY($1) AND e.type = 'DEADLINE_PASSED'`,
          [ids],
        )
      ).rows;
      const notOverdue = done.filter((d) => d.status_word !== 'OPEN_OVERDUE').length;
      const notNotified = done.filter((d) => d.notified !== 3).length;
      if (notOverdue || notNotified) throw new Error(`${notOverdue} tasks not "quá hạn", ${notNotified} without their 3 notifications`);
      const ours = done.map((d) => Number(d.at) - cross.t0);
      log(`ours: ${N} tasks "quá hạn" with 3 notifications each, max ${Math.round(Math.max(...ours))} ms after the deadline`);

      await writeResult({
        name: 'timer-storm',
        description: `${N} tasks due at the same instant: deadline → "quá hạn" + notifications in Postgres`,
        parameters: { tasks: N, startConcurrency: opts.startConcurrency, server: 'time-skipping test server', workerCache: 0, units: units.length },
        comparisons: [
          compare(
            'deadline → overdue + notified',
            'ms',
            'lower',
            ours,
            baseline,
            'minimal workflow: one timer, then one activity updating a bare row and inserting 3 notification rows (same server, no worker cache)',
          ),
        ],
        extra: {
          oursSpanMs: Math.round(Math.max(...ours)),
          baselineSpanMs: Math.round(Math.max(...baseline)),
          oursTasksPerSecond: Math.round((N / Math.max(...ours)) * 1000 * 10) / 10,
          baselineTasksPerSecond: Math.round((N / Math.max(...baseline)) * 1000 * 10) / 10,
          notificationsPerTask: 3,
        },
        notes: [
          'Latency per task = recorded_at of its DEADLINE_PASSED event (the transaction that writes the status word and the notifications) minus the wall instant server time crossed the deadline.',
          'The product worker replays each workflow from its history on every task (no cache), like the deadline scale test.',
        ],
      });
    } finally {
      await worker.stop();
    }
  } finally {
    await testEnv.teardown();
    await pg.end();
    await ds.destroy();
  }
}

runBench(main);
