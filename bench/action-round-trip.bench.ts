/**
 * Benchmark 2, action round trip: HTTP POST /tasks/:id/approve by the director, through the real API
 * process (JWT guard, actor from Postgres, Workflow Update with validator) and the real worker
 * process (recordTaskEvent writes the read model before the Update answers): latency until the
 * response with the new state, at concurrency 1 and 20, N approvals each (default 1,000). Each
 * task is created, drafted and submitted first (not measured); every response must say COMPLETED
 * and, at the end, every row in Postgres too.
 *
 * Baseline, same run, same server: a raw Workflow Update (`executeUpdate`) on a minimal workflow
 * (bench/baseline: a handler that bumps a number, no validator, no activity, no database), same
 * counts and concurrency, in alternating rounds with ours (`--rounds`). Also measured: the approve
 * as a Workflow Update sent directly (`--breakdown` tasks), to split the API's share off.
 */
import { Client, Connection } from '@temporalio/client';
import { CalendarDate, foldForSearch } from '@app/domain';
import { loadActor } from '@app/persistence';
import { loadLifecycleSettings, TaskCommands, TaskWorkflowStarter } from '@app/temporal';
import { giveDemoPasswords, DEMO_PASSWORD } from '../test/support/auth';
import { env, openDataSource, seedTestOrganization, startWorkerProcess, uniqueSuffix } from '../test/support/stack';
import { actUpdate } from './baseline/baseline.workflows';
import { loginToken, startApiProcess } from './lib/api-process';
import { quietTemporalRuntime, startBaselineWorker } from './lib/baseline-worker';
import { benchOptions, log, pool } from './lib/options';
import { compare, runBench, writeResult } from './lib/results';

const opts = benchOptions({ actions: 1000, concurrency: 20, setupConcurrency: 10, breakdown: 100, rounds: 10 });

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const out = await fn();
  return [performance.now() - t, out];
}

async function main(): Promise<void> {
  quietTemporalRuntime();
  const N = opts.actions;
  const ds = await openDataSource();
  const connection = await Connection.connect({ address: env('TEMPORAL_ADDRESS') });
  const namespace = env('TEMPORAL_NAMESPACE');
  const client = new Client({ connection, namespace });
  const org = await seedTestOrganization(ds);
  await giveDemoPasswords(ds, org.organizationId);
  const taskQueue = `bench-action-${uniqueSuffix()}`;
  const worker = await startWorkerProcess({ taskQueue });
  const api = await startApiProcess({ taskQueue });
  try {
    // --- Baseline: raw Workflow Updates -------------------------------------------------------------
    const baseQueue = `bench-action-baseline-${uniqueSuffix()}`;
    const baseWorker = await startBaselineWorker({ address: env('TEMPORAL_ADDRESS'), namespace, taskQueue: baseQueue });
    const baseIds = Array.from({ length: 2 * N }, (_, i) => `bench-upd-${baseQueue}-${i}`);
    await pool(baseIds, opts.setupConcurrency, (workflowId) => client.workflow.start('updatable', { taskQueue: baseQueue, workflowId, args: [] }));
    const baseUpdate = async (workflowId: string) => {
      const [ms, r] = await timed(() => client.workflow.getHandle(workflowId).executeUpdate(actUpdate, { args: ['approve'] }));
      if (r.version !== 2) throw new Error(`baseline update answered ${JSON.stringify(r)}`);
      return ms;
    };
    log(`baseline: ${2 * N} workflows waiting for their update`);

    // --- Ours: tasks drafted and submitted, then approved over HTTP ---------------------------------
    const [vp] = await ds.query(`SELECT id FROM units WHERE organization_id = $1 AND code = 'VP'`, [org.organizationId]);
    const settings = await loadLifecycleSettings(ds, org.organizationId);
    const dueOn = CalendarDate.addDays(CalendarDate.fromInstant(Date.now()), 30);
    const B = Math.min(opts.breakdown, N);
    const titles = Array.from({ length: 2 * N + B }, (_, i) => `Xây dựng báo cáo chuyên đề số ${i + 1} về cải cách hành chính`);
    const wfs = titles.map((_, i) => `bench-action-${org.code}-${i}`);
    const inserted: Array<{ id: string; workflow_id: string }> = await ds.query(
      `INSERT INTO tasks (organization_id, title, search_text, owner_unit_id, state, status_word, due_on, workflow_id)
       SELECT $1, t.title, t.search, $2, 'DRAFTING', 'OPEN_ON_TIME', $3, t.wf FROM unnest($4::text[], $5::text[], $6::text[]) AS t(title, search, wf)
       RETURNING id, workflow_id`,
      [org.organizationId, vp.id, dueOn, titles, titles.map(foldForSearch), wfs],
    );
    await ds.query(`INSERT INTO task_units (task_id, unit_id, role) SELECT unnest($1::uuid[]), $2, 'lead'`, [inserted.map((r) => r.id), vp.id]);
    const starter = new TaskWorkflowStarter(client, taskQueue);
    await pool(inserted, opts.setupConcurrency, (r, i) =>
      starter.start(r.workflow_id, {
        taskId: r.id,
        organizationId: org.organizationId,
        organizationCode: org.code,
        planId: null,
        ownerUnitCode: 'VP',
        ownerUnitId: vp.id,
        title: titles[i],
        dueOn,
        initialState: 'DRAFTING',
        coordinatingUnits: [],
        settings,
      }),
    );
    const ids = inserted.map((r) => r.id);
    const prefix = org.code.toLowerCase();
    const [officer, head, director] = await Promise.all(
      ['vp.chuyenvien', 'vp.truongphong', 'giamdoc'].map((u) => loginToken(api.url, `${prefix}.${u}`, DEMO_PASSWORD)),
    );
    const act = async (token: string, id: string, action: string, body: object, expectState: string): Promise<number> => {
      const [ms, res] = await timed(() =>
        fetch(`${api.url}/tasks/${id}/${action}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );
      const json = (await res.json()) as { snapshot?: { state?: string } };
      if (res.status !== 200 || json.snapshot?.state !== expectState) throw new Error(`${action} of ${id} answered ${res.status}: ${JSON.stringify(json)}`);
      return ms;
    };
    // Wait for every CREATED, then draft and submit each task (setup, not measured).
    for (;;) {
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM tasks WHERE id = ANY($1) AND version >= 1`, [ids]);
      if (n === ids.length) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    log(`ours: ${ids.length} tasks created; drafting and submitting`);
    await pool(ids, opts.setupConcurrency, async (id) => {
      await act(officer, id, 'save-draft', { text: 'Dự thảo báo cáo chuyên đề' }, 'DRAFTING');
      await act(head, id, 'submit', {}, 'AWAITING_APPROVAL');
    });
    log('ours: approving');
    const approve = (id: string) => act(director, id, 'approve', { comment: 'Đồng ý' }, 'COMPLETED');
    // Where the time goes (concurrency 1): the same approve as a Workflow Update sent from here
    // (validator, workflow task, read-model local activity; no HTTP, no API work), and the API's
    // own share of an HTTP approve (guard, actor, access check, detail re-read) is the difference.
    const [{ id: directorId }] = await ds.query(`SELECT id FROM users WHERE username = $1`, [`${prefix}.giamdoc`]);
    const directorActor = await loadActor(ds, { userId: directorId });
    const commands = new TaskCommands(client);
    const directApprove = async (r: { id: string; workflow_id: string }) => {
      const [ms, snap] = await timed(() => commands.execute(r.workflow_id, 'approve', { actor: directorActor, idempotencyKey: `bench-${r.id}`, comment: 'Đồng ý' }));
      if (snap.state !== 'COMPLETED') throw new Error(`direct approve of ${r.id} answered ${snap.state}`);
      return ms;
    };
    // Baseline and ours alternate in rounds (a slice of each per round), so load from other jobs
    // on the shared box weighs on both sides alike.
    const R = Math.max(1, Math.min(opts.rounds, N));
    const slice = <T>(xs: readonly T[], r: number, n: number) => xs.slice(Math.floor((r * n) / R), Math.floor(((r + 1) * n) / R));
    const base1: number[] = [];
    const baseC: number[] = [];
    const ours1: number[] = [];
    const oursC: number[] = [];
    const direct: number[] = [];
    for (let r = 0; r < R; r++) {
      base1.push(...(await pool(slice(baseIds.slice(0, N), r, N), 1, baseUpdate)));
      ours1.push(...(await pool(slice(ids.slice(0, N), r, N), 1, approve)));
      direct.push(...(await pool(slice(inserted.slice(2 * N), r, B), 1, directApprove)));
    }
    for (let r = 0; r < R; r++) {
      baseC.push(...(await pool(slice(baseIds.slice(N), r, N), opts.concurrency, baseUpdate)));
      oursC.push(...(await pool(slice(ids.slice(N, 2 * N), r, N), opts.concurrency, approve)));
    }
    await baseWorker.stop();
    const [{ n: completed }] = await ds.query(`SELECT count(*)::int AS n FROM tasks WHERE id = ANY($1) AND state = 'COMPLETED'`, [ids]);
    if (completed !== ids.length) throw new Error(`${completed} of ${ids.length} rows COMPLETED in the read model`);

    const baselineIs = 'raw executeUpdate on a minimal workflow (no validator, no activity, no database)';
    await writeResult({
      name: 'action-round-trip',
      description: `HTTP approve → response with the new state, read model updated (${N} approvals per concurrency)`,
      parameters: { actions: N, breakdown: B, rounds: R, concurrency: [1, opts.concurrency], server: 'dev server (SQLite)', api: 'own process', worker: 'own process' },
      comparisons: [
        compare('approve, concurrency 1', 'ms', 'lower', ours1, base1, baselineIs),
        compare(`approve, concurrency ${opts.concurrency}`, 'ms', 'lower', oursC, baseC, baselineIs),
        compare('approve as a Workflow Update alone (no HTTP, no API work), concurrency 1', 'ms', 'lower', direct, base1, baselineIs),
      ],
      extra: { completedInReadModel: completed },
      notes: ['Every response was checked (200, state COMPLETED); every row was COMPLETED in Postgres afterwards.'],
    });
  } finally {
    await api.stop();
    await worker.stop();
    await connection.close();
    await ds.destroy();
  }
}

runBench(main);
