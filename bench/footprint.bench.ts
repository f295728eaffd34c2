/**
 * Benchmark 5, footprint: RSS of the real worker and API processes with N open task workflows
 * (default 1,000 for a quick run; `--tasks=10000` for the figure), and the Postgres size of
 * those tasks with their history (tasks, units, events, notifications, outbox), scaled to 10,000.
 *
 * Baselines, same run: each process's own RSS when idle (started, no task yet), and a bare table
 * holding the same tasks as (id, title, status word), so the ratios say what the open workflows and
 * the audit trail cost.
 */
import { Client, Connection } from '@temporalio/client';
import { CalendarDate, foldForSearch } from '@app/domain';
import { loadLifecycleSettings, TaskWorkflowStarter } from '@app/temporal';
import { DEMO_PASSWORD, giveDemoPasswords } from '../test/support/auth';
import { env, openDataSource, seedTestOrganization, startWorkerProcess, uniqueSuffix } from '../test/support/stack';
import { loginToken, rssBytes, startApiProcess } from './lib/api-process';
import { quietTemporalRuntime } from './lib/baseline-worker';
import { benchOptions, log, pool } from './lib/options';
import { compare, runBench, writeResult } from './lib/results';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const opts = benchOptions({ tasks: 1000, startConcurrency: 10, samples: 5, cache: -1 });
const TABLES = ['tasks', 'task_units', 'task_events', 'notifications', 'email_outbox', 'milestones'];
const MiB = 2 ** 20;

async function sampleRss(pid: number, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    out.push(rssBytes(pid) / MiB);
    await new Promise((r) => setTimeout(r, 1000));
  }
  return out;
}

async function main(): Promise<void> {
  quietTemporalRuntime();
  const N = opts.tasks;
  const ds = await openDataSource();
  const connection = await Connection.connect({ address: env('TEMPORAL_ADDRESS') });
  const client = new Client({ connection, namespace: env('TEMPORAL_NAMESPACE') });
  const org = await seedTestOrganization(ds);
  await giveDemoPasswords(ds, org.organizationId);
  const taskQueue = `bench-footprint-${uniqueSuffix()}`;
  // --cache=N sets WORKER_MAX_CACHED_WORKFLOWS (e.g. N = --tasks to measure one cached workflow's
  // cost); by default the worker sizes its cache from its memory (apps/worker/src/workflow-cache-size.ts).
  const worker = await startWorkerProcess({ taskQueue, env: opts.cache >= 0 ? { WORKER_MAX_CACHED_WORKFLOWS: String(opts.cache) } : {} });
  const cacheSize = Number(/maxCachedWorkflows=(\d+)/.exec(worker.output())?.[1] ?? NaN);
  const api = await startApiProcess({ taskQueue });
  const size = async () => Number((await ds.query(`SELECT sum(pg_total_relation_size(t))::bigint AS b FROM unnest($1::regclass[]) t`, [TABLES]))[0].b);
  try {
    const touchApi = async () => {
      // A fresh login each time: starting 10,000 workflows on a busy box outlasts an access token.
      const token = await loginToken(api.url, `${org.code.toLowerCase()}.giamdoc`, DEMO_PASSWORD);
      const res = await fetch(`${api.url}/me/inbox?box=approve`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`inbox answered ${res.status}`);
      await res.arrayBuffer();
    };
    await touchApi();
    await new Promise((r) => setTimeout(r, 3000));
    const idleWorker = await sampleRss(worker.child.pid!, opts.samples);
    const idleApi = await sampleRss(api.child.pid!, opts.samples);
    const sizeBefore = await size();

    const units: Array<{ id: string; code: string }> = await ds.query(`SELECT id, code FROM units WHERE organization_id = $1 ORDER BY code`, [org.organizationId]);
    const settings = await loadLifecycleSettings(ds, org.organizationId);
    const today = CalendarDate.fromInstant(Date.now());
    const rows = Array.from({ length: N }, (_, i) => ({
      title: `Triển khai nhiệm vụ cải cách hành chính số ${i + 1} của đơn vị`,
      unit: units[i % units.length],
      dueOn: CalendarDate.addDays(today, 30 + (i % 200)),
      wf: `bench-footprint-${org.code}-${i}`,
    }));
    const inserted: Array<{ id: string; workflow_id: string }> = await ds.query(
      `INSERT INTO tasks (organization_id, title, search_text, owner_unit_id, state, status_word, due_on, workflow_id)
       SELECT $1, t.title, t.search, t.unit, 'DRAFTING', 'OPEN_ON_TIME', t.due::date, t.wf
       FROM unnest($2::text[], $3::text[], $4::uuid[], $5::text[], $6::text[]) AS t(title, search, unit, due, wf) RETURNING id, workflow_id`,
      [org.organizationId, rows.map((r) => r.title), rows.map((r) => foldForSearch(r.title)), rows.map((r) => r.unit.id), rows.map((r) => r.dueOn), rows.map((r) => r.wf)],
    );
    await ds.query(`INSERT INTO task_units (task_id, unit_id, role) SELECT x.t, x.u, 'lead' FROM unnest($1::uuid[], $2::uuid[]) AS x(t, u)`, [
      inserted.map((r) => r.id),
      rows.map((r) => r.unit.id),
    ]);
    const starter = new TaskWorkflowStarter(client, taskQueue);
    log(`starting ${N} task workflows`);
    await pool(rows, opts.startConcurrency, (r, i) =>
      starter.start(r.wf, {
        taskId: inserted[i].id,
        organizationId: org.organizationId,
        organizationCode: org.code,
        planId: null,
        ownerUnitCode: r.unit.code,
        ownerUnitId: r.unit.id,
        title: r.title,
        dueOn: r.dueOn,
        initialState: 'DRAFTING',
        coordinatingUnits: [],
        settings,
      }),
    );
    const ids = inserted.map((r) => r.id);
    for (;;) {
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM tasks WHERE id = ANY($1) AND version >= 1`, [ids]);
      if (n === N) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    log(`${N} tasks open (CREATED in the read model)`);
    await touchApi();
    await new Promise((r) => setTimeout(r, 3000));
    const loadedWorker = await sampleRss(worker.child.pid!, opts.samples);
    const loadedApi = await sampleRss(api.child.pid!, opts.samples);
    await ds.query(`ANALYZE`);
    const perTenThousand = (bytes: number) => (bytes / N) * 10_000 / MiB;
    const oursDb = perTenThousand((await size()) - sizeBefore);
    await ds.query(`CREATE TABLE bench_bare_tasks (id uuid PRIMARY KEY, title text NOT NULL, status_word text NOT NULL)`);
    await ds.query(`INSERT INTO bench_bare_tasks SELECT id, title, status_word FROM tasks WHERE id = ANY($1)`, [ids]);
    const bareDb = perTenThousand(Number((await ds.query(`SELECT pg_total_relation_size('bench_bare_tasks')::bigint AS b`))[0].b));
    await ds.query(`DROP TABLE bench_bare_tasks`);
    const [{ events }] = await ds.query(`SELECT count(*)::int AS events FROM task_events WHERE task_id = ANY($1)`, [ids]);

    await writeResult({
      name: 'footprint',
      description: `RSS with ${N} open task workflows; Postgres size per 10,000 tasks with their history`,
      parameters: {
        tasks: N,
        samples: opts.samples,
        tables: TABLES,
        workerCache: opts.cache >= 0 ? `WORKER_MAX_CACHED_WORKFLOWS=${opts.cache}` : 'default (sized from memory)',
        maxCachedWorkflows: cacheSize,
      },
      comparisons: [
        compare(`worker RSS, ${N} open tasks`, 'MiB', 'lower', loadedWorker, idleWorker, 'the same worker process, started, no task'),
        compare(`API RSS, ${N} open tasks`, 'MiB', 'lower', loadedApi, idleApi, 'the same API process, started, no task'),
        compare('Postgres per 10,000 tasks', 'MiB', 'lower', [oursDb], [bareDb], 'bare table (id, title, status word) of the same tasks'),
      ],
      extra: {
        eventsPerTask: events / N,
        // What one cached workflow costs: the RSS above idle over the workflows the cache holds.
        workerMiBPerCachedWorkflow: Number(((median(loadedWorker) - median(idleWorker)) / Math.min(N, cacheSize)).toFixed(3)), note: 'tasks here are fresh (CREATED and reminders only): a year of history adds events' },
    });
  } finally {
    await api.stop();
    await worker.stop();
    await connection.close();
    await ds.destroy();
  }
}

runBench(main);
