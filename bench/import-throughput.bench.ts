/**
 * Benchmark 1, import throughput: a generated plan of N rows (default 10,000; realistic Vietnamese
 * rows, every timeline kind, one row in 20 group-led) through `parsePlanFile` and `importPlan`
 * (rows stored in one transaction, a batch of rows per statement, then one workflow start per row,
 * `--concurrency` at a time: the importer's IMPORT_START_CONCURRENCY by default) with the real
 * worker process running the tasks on the dev server. Rows per second, end to end and per window
 * of 100 starts.
 *
 * Baseline, same run, same server: N raw `client.workflow.start` of an empty workflow at the
 * same concurrency, with a worker running them.
 */
import { Client, Connection } from '@temporalio/client';
import { parsePlanFile } from '@app/domain';
import { IMPORT_START_CONCURRENCY, importPlan, loadUnitDirectory, TaskWorkflowStarter } from '@app/temporal';
import { env, openDataSource, seedTestOrganization, startWorkerProcess, uniqueSuffix } from '../test/support/stack';
import { quietTemporalRuntime, startBaselineWorker } from './lib/baseline-worker';
import { benchOptions, log, pool } from './lib/options';
import { generatePlanText } from './lib/plan-generator';
import { compare, runBench, writeResult } from './lib/results';
import { windowRates } from './lib/stats';

const opts = benchOptions({ rows: 10_000, concurrency: IMPORT_START_CONCURRENCY, window: 100, waitCreatedSeconds: 0 });

async function main(): Promise<void> {
  quietTemporalRuntime();
  const ds = await openDataSource();
  const connection = await Connection.connect({ address: env('TEMPORAL_ADDRESS') });
  const namespace = env('TEMPORAL_NAMESPACE');
  const client = new Client({ connection, namespace });
  const org = await seedTestOrganization(ds);
  const year = new Date().getUTCFullYear() + 1;
  const plan = generatePlanText(opts.rows, { year });
  const content = Buffer.from(plan.text, 'utf8');
  log(`plan: ${plan.rows} rows (${plan.groupLedRows} group-led), ${Math.round(content.length / 1024)} KiB, year ${year}`);

  // --- Baseline: raw starts of an empty workflow --------------------------------------------------
  const baseQueue = `bench-import-baseline-${uniqueSuffix()}`;
  const baseWorker = await startBaselineWorker({ address: env('TEMPORAL_ADDRESS'), namespace, taskQueue: baseQueue });
  const baseTimes: number[] = [];
  const baseStart = Date.now();
  await pool(Array.from({ length: opts.rows }, (_, i) => i), opts.concurrency, async (i) => {
    await client.workflow.start('emptyWorkflow', { taskQueue: baseQueue, workflowId: `bench-empty-${baseQueue}-${i}`, args: [] });
    baseTimes.push(Date.now());
  });
  const baseMs = Date.now() - baseStart;
  await baseWorker.stop();
  log(`baseline: ${opts.rows} empty workflows started in ${baseMs} ms`);

  // --- Ours: parse, store, start with the real worker process running them ------------------------
  const taskQueue = `bench-import-${uniqueSuffix()}`;
  const worker = await startWorkerProcess({ taskQueue });
  try {
    const t0 = Date.now();
    const parse = await parsePlanFile({ fileName: 'ke-hoach-sinh.txt', content }, { directory: await loadUnitDirectory(ds, org.code) });
    const parsedAt = Date.now();
    if (parse.errors.length) throw new Error(`the generated plan has ${parse.errors.length} errors: ${JSON.stringify(parse.errors.slice(0, 3))}`);
    if (parse.tasks.length !== opts.rows) throw new Error(`parsed ${parse.tasks.length} rows of ${opts.rows}`);
    const progress: number[] = [];
    const report = await importPlan(
      ds,
      new TaskWorkflowStarter(client, taskQueue),
      { organizationCode: org.code, fileName: 'ke-hoach-sinh.txt', content, parse },
      () => progress.push(Date.now()),
      { startConcurrency: opts.concurrency },
    );
    const doneAt = Date.now();
    const storedAt = progress.length ? progress[0] : doneAt;
    log(
      `ours: parsed in ${parsedAt - t0} ms (${parse.warnings.length} warnings), stored ${report.tasksCreated} rows + ${report.childTasksCreated} unit tasks by ~${storedAt - parsedAt} ms, ` +
        `all ${report.workflowIds.length} workflows started at ${doneAt - t0} ms`,
    );
    const [{ n: taskRows }] = await ds.query(`SELECT count(*)::int AS n FROM tasks WHERE plan_id = $1`, [report.planId]);
    let createdAfterMs: number | null = null;
    if (opts.waitCreatedSeconds > 0) {
      const until = Date.now() + opts.waitCreatedSeconds * 1000;
      for (;;) {
        const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM tasks WHERE plan_id = $1 AND version >= 1`, [report.planId]);
        if (n === taskRows) {
          createdAfterMs = Date.now() - t0;
          break;
        }
        if (Date.now() > until) break;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    const oursRowsPerSecond = (opts.rows * 1000) / (doneAt - t0);
    const baseRowsPerSecond = (opts.rows * 1000) / baseMs;
    await writeResult({
      name: 'import-throughput',
      description: `a ${opts.rows}-row plan: parsed, stored and one workflow started per row`,
      parameters: { rows: opts.rows, groupLedRows: plan.groupLedRows, concurrency: opts.concurrency, window: opts.window, server: 'dev server (SQLite)' },
      comparisons: [
        compare('end to end', 'rows/s', 'higher', [oursRowsPerSecond], [baseRowsPerSecond], `raw client.workflow.start of an empty workflow, concurrency ${opts.concurrency}`),
        compare(
          `start phase, per ${opts.window} rows`,
          'rows/s',
          'higher',
          windowRates(progress, storedAt, opts.window),
          windowRates(baseTimes, baseStart, opts.window),
          `raw client.workflow.start of an empty workflow, concurrency ${opts.concurrency}`,
        ),
      ],
      extra: {
        parseMs: parsedAt - t0,
        storeMs: storedAt - parsedAt,
        startMs: doneAt - storedAt,
        totalMs: doneAt - t0,
        baselineMs: baseMs,
        taskRows,
        unitTasksOfGroupRows: report.childTasksCreated,
        warnings: parse.warnings.length,
        allTasksCreatedInReadModelAfterMs: createdAfterMs,
      },
      notes: [
        'End to end = parse + one transaction storing every row, its units and milestones + the starts; the worker process runs the started tasks meanwhile (same 2 cores).',
        'Group-led rows start one groupTask; its unit tasks are started by that workflow, not counted in the start phase.',
      ],
    });
  } finally {
    await worker.stop();
    await connection.close();
    await ds.destroy();
  }
}

runBench(main);
