import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '@app/persistence';
import { getSnapshotQuery, TaskSnapshot } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { freePort } from '../../infra/provision/net.util';
import { provisionTask, VIETNAMESE } from '../api/support';
import { LifecycleDriver } from '../lifecycle/support';
import { DEMO_PASSWORD, giveDemoPasswords } from '../support/auth';
import { env, openTemporal, seedTestOrganization, StackContext, starterFor, startWorkerProcess, uniqueSuffix } from '../support/stack';
import { PrivatePostgres, privatePostgres } from './private-postgres';
import { ApiProcess, call, HttpAnswer, loginOver, PROFILE, sized, startApiProcess } from './support';

const TASKS = sized(40, 12);
const OUTAGE_SECONDS = sized(20, 6);
/** Approvals sent together right before Postgres stops: some pass the API's reads and wait in their Update. */
const BURST = sized(8, 4);
jest.setTimeout(sized(900_000, 300_000));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Attempt {
  task: number;
  attempt: number;
  status: number;
  code: string | undefined;
  retryAfter: string | null;
  message: unknown;
  ms: number;
  sentAt: number;
}

type Outcome = { task: number; kind: 'acknowledged'; snapshot: TaskSnapshot; attempts: number } | { task: number; kind: 'closed-on-retry'; attempts: number } | { task: number; kind: 'bad'; answer: string };

/**
 * Issue 8, fault "Postgres down": on a Postgres of its own (embedded, stopped and started again by
 * the test on the same port and data directory), a real API process and a real worker process. A
 * stream of approvals over HTTP, each with its own Idempotency-Key, runs while Postgres is stopped
 * for a few seconds. The API answers 200 or 503 `DEPENDENCY_UNAVAILABLE` with `Retry-After` and a
 * Vietnamese message, never 500 and never a success that did not happen; the read-model activity
 * retries until Postgres is back; every acknowledged approval is then in `task_events` exactly once
 * and the workflows agree. Temporal is the shared dev server of the run (it does not use Postgres).
 */
describe(`fault: Postgres stopped for ${OUTAGE_SECONDS} s under a stream of ${TASKS} approvals (${PROFILE})`, () => {
  const dataDir = join(env('PLANFLOW_TEST_DIR'), `fault-postgres-${uniqueSuffix()}`);
  const ctx = { taskQueue: `${env('TEMPORAL_TASK_QUEUE')}-fault-pg-${uniqueSuffix()}` } as StackContext;
  let port: number;
  let pg: PrivatePostgres | undefined;
  let api: ApiProcess | undefined;
  const tasks: Array<{ taskId: string; workflowId: string }> = [];
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    port = await freePort();
    pg = await privatePostgres({ dataDir, port, database: 'planflow_fault' });
    await runMigrations(pg!.url);
    ctx.ds = await new DataSource(dataSourceOptions(pg!.url, { extra: { max: 4 }, logging: false })).initialize();
    ({ connection: ctx.connection, client: ctx.client } = await openTemporal());
    ctx.starter = starterFor(ctx.client, ctx.taskQueue);
    ctx.org = await seedTestOrganization(ctx.ds);
    await giveDemoPasswords(ctx.ds, ctx.org.organizationId);
    ctx.worker = await startWorkerProcess({ taskQueue: ctx.taskQueue, env: { DATABASE_URL: pg!.url } });

    // N tasks of the lead unit VP, reviewed by CCHC, waiting for leadership's approval.
    const driver = new LifecycleDriver(ctx);
    for (let i = 0; i < TASKS; i += 4) {
      await Promise.all(
        Array.from({ length: Math.min(4, TASKS - i) }, async (_, j) => {
          const n = i + j;
          const task = await provisionTask(ctx, { key: `pg-outage-${n}`, title: `Nhiệm vụ chờ phê duyệt số ${n + 1}`, owner: 'VP', coordinating: ['CCHC'] });
          const snap = await driver.toApproval(task.workflowId, 'VP');
          if (snap.state !== 'AWAITING_APPROVAL') throw new Error(`task ${n} is ${snap.state}`);
          tasks[n] = task;
        }),
      );
    }
    api = await startApiProcess({
      DATABASE_URL: pg!.url,
      TEMPORAL_TASK_QUEUE: ctx.taskQueue,
      ATTACHMENTS_DIR: join(dataDir, 'attachments'),
    });
    for (const who of ['giamdoc', 'pgd.a']) tokens.set(who, await loginOver(api.url, `${ctx.org.code.toLowerCase()}.${who}`, DEMO_PASSWORD));
  });

  afterAll(async () => {
    await api?.stop();
    await ctx.worker?.stop();
    await ctx.connection?.close();
    await ctx.ds?.destroy().catch(() => undefined);
    await pg?.stop();
  });

  it(`answers 200 or 503 + Retry-After (never 500, never a false success) and records each of the ${TASKS} acknowledged approvals exactly once after Postgres returns`, async () => {
    const attempts: Attempt[] = [];
    const t0 = Date.now();
    let outage = { from: 0, to: 0 };

    /** One client: approves its task, retries a 503 (after Retry-After) or a lost answer with the same key until it is acknowledged. */
    const approve = async (n: number): Promise<Outcome> => {
      const who = n % 2 ? 'giamdoc' : 'pgd.a';
      const key = `pg-outage-approve-${n}`;
      const giveUp = Date.now() + 240_000;
      for (let attempt = 1; Date.now() < giveUp; attempt++) {
        const sentAt = Date.now() - t0;
        const res: HttpAnswer = await call(`${api!.url}/tasks/${tasks[n].taskId}/approve`, {
          method: 'POST',
          token: tokens.get(who),
          body: { comment: `Đồng ý (phê duyệt số ${n + 1})` },
          headers: { 'Idempotency-Key': key },
          timeoutMs: 180_000,
        });
        const code = res.body?.code as string | undefined;
        attempts.push({ task: n, attempt, status: res.status, code, retryAfter: res.headers.get('retry-after'), message: res.body?.message, ms: Date.now() - t0 - sentAt, sentAt });
        if (res.status === 200) return { task: n, kind: 'acknowledged', snapshot: res.body!.snapshot as TaskSnapshot, attempts: attempt };
        if (res.status === 503) {
          await sleep(Math.min(Number(res.headers.get('retry-after')) || 1, 5) * 1000);
          continue;
        }
        if (res.status === 0) {
          await sleep(1000);
          continue;
        }
        // A retry of an approval that was applied while its answer was lost: the task is closed.
        if (res.status === 409 && attempt > 1 && code === 'TASK_CLOSED') return { task: n, kind: 'closed-on-retry', attempts: attempt };
        return { task: n, kind: 'bad', answer: `${res.status} ${JSON.stringify(res.body)}` };
      }
      return { task: n, kind: 'bad', answer: 'not acknowledged in 240 s' };
    };

    // The stream: a first third before the outage, a burst right as Postgres stops, the rest
    // spread over the outage and after it.
    const before = Math.floor((TASKS - BURST) / 3);
    const running: Array<Promise<Outcome>> = [];
    for (let n = 0; n < before; n++) {
      running.push(approve(n));
      await sleep(300);
    }
    for (let n = before; n < before + BURST; n++) running.push(approve(n));
    await sleep(40);
    outage.from = Date.now() - t0;
    await pg!.stop();
    const spread = TASKS - before - BURST;
    const gap = Math.floor(((OUTAGE_SECONDS + 3) * 1000) / Math.max(spread, 1));
    const sending = (async () => {
      for (let n = before + BURST; n < TASKS; n++) {
        running.push(approve(n));
        await sleep(gap);
      }
    })();
    await sleep(OUTAGE_SECONDS * 1000);
    await pg!.start();
    outage = { from: outage.from, to: Date.now() - t0 };
    await sending;
    const outcomes = await Promise.all(running);
    const took = Date.now() - t0;

    const byStatus: Record<string, number> = {};
    for (const a of attempts) byStatus[`${a.status}${a.code ? ` ${a.code}` : ''}`] = (byStatus[`${a.status}${a.code ? ` ${a.code}` : ''}`] ?? 0) + 1;
    const acknowledged = outcomes.filter((o) => o.kind === 'acknowledged');
    const closedOnRetry = outcomes.filter((o) => o.kind === 'closed-on-retry');
    // Answered 200 after waiting out the outage: the Update was in flight when Postgres stopped and
    // answered once its APPROVED event reached Postgres.
    const heldThrough = attempts.filter((a) => a.status === 200 && a.sentAt < outage.to && a.sentAt + a.ms > outage.to);
    console.log(
      `[faults] postgres outage ${((outage.to - outage.from) / 1000).toFixed(1)} s (from ${(outage.from / 1000).toFixed(1)} s): ${TASKS} approvals, ` +
        `${attempts.length} requests in ${(took / 1000).toFixed(1)} s, answers ${JSON.stringify(byStatus)}; ${acknowledged.length} acknowledged, ` +
        `${closedOnRetry.length} closed on retry, ${heldThrough.length} held through the outage (longest ${Math.max(0, ...heldThrough.map((a) => a.ms))} ms)`,
    );

    // What the API saw (its log): the errors it answered 503 for, and any it did not recognise.
    const causes = [...new Set((api!.output().match(/"err":"[^"]{0,100}/g) ?? []).map((c) => c.slice(7).replace(/[0-9.:]{6,}/g, '…')))];
    console.log(`[faults] errors behind the 503s (API log): ${JSON.stringify(causes.slice(0, 8))}`);

    // Never 500, never anything but 200, 503 or a TASK_CLOSED refusal of a retry; nothing unanswered.
    expect(outcomes.filter((o) => o.kind === 'bad')).toEqual([]);
    expect(attempts.filter((a) => ![200, 503, 409].includes(a.status))).toEqual([]);
    expect(acknowledged.length + closedOnRetry.length).toBe(TASKS);
    // The outage was really hit, and every 503 says when to come back, in Vietnamese.
    const unavailable = attempts.filter((a) => a.status === 503);
    expect(unavailable.length).toBeGreaterThan(0);
    expect(unavailable.filter((a) => !(a.code === 'DEPENDENCY_UNAVAILABLE' && /^\d+$/.test(a.retryAfter ?? '') && typeof a.message === 'string' && VIETNAMESE.test(a.message)))).toEqual([]);
    // A success is a real one: the snapshot it carried is the approved task.
    expect(acknowledged.filter((o) => o.kind === 'acknowledged' && o.snapshot.state !== 'COMPLETED')).toEqual([]);

    // The read model: exactly one APPROVED per task (acknowledged or closed on a retry), no version
    // twice, no gap, every row completed.
    const ids = tasks.map((t) => t.taskId);
    const approved: Array<{ task_id: string; n: number }> = await ctx.ds.query(
      `SELECT task_id, count(*)::int AS n FROM task_events WHERE task_id = ANY($1) AND type = 'APPROVED' GROUP BY task_id`,
      [ids],
    );
    expect(approved.length).toBe(TASKS);
    expect(approved.filter((r) => r.n !== 1)).toEqual([]);
    const twice = await ctx.ds.query(`SELECT task_id, version FROM task_events WHERE task_id = ANY($1) GROUP BY 1, 2 HAVING count(*) > 1`, [ids]);
    expect(twice).toEqual([]);
    const rows: Array<{ id: string; state: string; version: number; events: number; max: number }> = await ctx.ds.query(
      `SELECT t.id, t.state, t.version, count(e.*)::int AS events, max(e.version)::int AS max FROM tasks t JOIN task_events e ON e.task_id = t.id
       WHERE t.id = ANY($1) GROUP BY t.id`,
      [ids],
    );
    expect(rows.filter((r) => r.state !== 'COMPLETED' || r.events !== r.version || r.max !== r.version)).toEqual([]);

    // The workflows agree: completed, with the read model's version and one approval in their history.
    const states = await Promise.all(
      tasks.map(async (t) => {
        const handle = ctx.client.workflow.getHandle(t.workflowId);
        const [description, snapshot] = await Promise.all([handle.describe(), handle.query(getSnapshotQuery)]);
        const row = rows.find((r) => r.id === t.taskId)!;
        return { status: description.status.name, state: snapshot.state, agrees: snapshot.version === row.version };
      }),
    );
    expect(states.filter((s) => s.status !== 'COMPLETED' || s.state !== 'COMPLETED' || !s.agrees)).toEqual([]);
    // The API serves reads again.
    expect((await call(`${api!.url}/health`)).status).toBe(200);
  });
});
