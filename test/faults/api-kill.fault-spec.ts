import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pool } from '../../bench/lib/options';
import { provisionTask } from '../api/support';
import { LifecycleDriver } from '../lifecycle/support';
import { DEMO_PASSWORD, giveDemoPasswords } from '../support/auth';
import { env, eventually, useStack } from '../support/stack';
import { ApiProcess, call, HttpAnswer, loginOver, PROFILE, sized, startApiProcess } from './support';

const TASKS = sized(60, 24);
jest.setTimeout(900_000);

/**
 * Scenario 12 for the API: the director approves a stream of tasks from the leadership inbox and
 * the API process is killed with SIGKILL in the middle of it. Approvals in flight get no answer;
 * the client sends them again, with the same Idempotency-Key, to a new API process. Every task is
 * approved exactly once (one APPROVED event), whether its first request reached the workflow
 * before the kill or not, and no answer is a 5xx.
 */
describe(`fault: kill -9 of the API under a stream of ${TASKS} approvals (${PROFILE})`, () => {
  const stack = useStack('fault-api-kill');
  const tasks: Array<{ taskId: string; workflowId: string }> = [];
  let api: ApiProcess;

  beforeAll(async () => {
    await giveDemoPasswords(stack.ds, stack.org.organizationId);
    const driver = new LifecycleDriver(stack);
    for (let i = 0; i < TASKS; i++) {
      tasks.push(await provisionTask(stack, { key: `api-kill-${i}`, title: `Phê duyệt khi API bị dừng đột ngột số ${i + 1}`, owner: 'VP', coordinating: ['CCHC'] }));
    }
    await pool(tasks, 4, (t) => driver.toApproval(t.workflowId, 'VP'));
    await eventually('every task awaiting approval in the read model', async () => {
      const [{ n }] = await stack.ds.query(`SELECT count(*)::int AS n FROM tasks WHERE id = ANY($1) AND state = 'AWAITING_APPROVAL'`, [tasks.map((t) => t.taskId)]);
      return n === TASKS;
    });
  });

  afterAll(async () => {
    await api?.stop();
  });

  it(`approves each of ${TASKS} tasks exactly once across a SIGKILL of the API, the unanswered ones sent again with their Idempotency-Key`, async () => {
    // Both processes sign with one JWT_SECRET, as a deployment does (without it each process has a key of its own).
    const apiEnv = {
      TEMPORAL_TASK_QUEUE: stack.taskQueue,
      ATTACHMENTS_DIR: join(env('PLANFLOW_TEST_DIR'), 'fault-api-kill-attachments'),
      JWT_SECRET: randomBytes(48).toString('base64url'),
    };
    api = await startApiProcess(apiEnv);
    const token = await loginOver(api.url, `${stack.org.code.toLowerCase()}.giamdoc`, DEMO_PASSWORD);
    const approve = (url: string, i: number): Promise<HttpAnswer> =>
      call(`${url}/tasks/${tasks[i].taskId}/approve`, {
        method: 'POST',
        token,
        body: { comment: `Đồng ý (${i + 1})` },
        headers: { 'Idempotency-Key': `approve-${i}` },
        timeoutMs: 60_000,
      });

    // First pass: the API is killed once a third of the approvals have been answered.
    const first = new Map<number, HttpAnswer>();
    const killAfter = Math.floor(TASKS / 3);
    let killed = false;
    const victim = api;
    await pool(
      tasks.map((_, i) => i),
      4,
      async (i) => {
        const res = await approve(victim.url, i);
        first.set(i, res);
        if (!killed && [...first.values()].filter((r) => r.status === 200).length >= killAfter) {
          killed = true;
          victim.child.kill('SIGKILL');
        }
      },
    );
    await victim.stop();
    expect(killed).toBe(true);
    const statuses = (answers: Iterable<HttpAnswer>) => [...answers].reduce<Record<number, number>>((m, r) => ({ ...m, [r.status]: (m[r.status] ?? 0) + 1 }), {});
    const unanswered = [...first.entries()].filter(([, r]) => r.status === 0).map(([i]) => i);
    expect(Object.keys(statuses(first.values())).map(Number).sort()).toEqual([0, 200]);
    expect(unanswered.length).toBeGreaterThan(0);

    // Which of the unanswered ones reached the workflow before the process died.
    const approvedIds = async (): Promise<Set<string>> =>
      new Set(
        (
          await stack.ds.query(`SELECT DISTINCT task_id::text AS id FROM task_events WHERE task_id = ANY($1) AND type = 'APPROVED'`, [tasks.map((t) => t.taskId)])
        ).map((r: { id: string }) => r.id),
      );
    const appliedBeforeRetry = await approvedIds();

    // Second pass: a new API process; every unanswered approval again, same key, until answered.
    api = await startApiProcess(apiEnv);
    const retried = new Map<number, HttpAnswer>();
    for (const i of unanswered) {
      const res = await approve(api.url, i);
      retried.set(i, res);
    }
    expect(statuses(retried.values())).toEqual({ 200: unanswered.length });
    for (const [i, res] of retried) expect(res.body).toMatchObject({ action: 'approve', task: { id: tasks[i].taskId, state: 'COMPLETED' } });
    const alreadyApplied = unanswered.filter((i) => appliedBeforeRetry.has(tasks[i].taskId)).length;
    console.log(
      `[faults] ${TASKS} approvals: ${TASKS - unanswered.length} answered before the SIGKILL, ${unanswered.length} unanswered ` +
        `(${alreadyApplied} of them had reached the workflow), all ${unanswered.length} answered 200 on the new API process`,
    );

    // Exactly one APPROVED event per task; every task COMPLETED; versions without gap.
    const ids = tasks.map((t) => t.taskId);
    const rows: Array<{ id: string; approved: number; state: string; version: number; events: number }> = await stack.ds.query(
      `SELECT t.id, t.state, t.version,
              (SELECT count(*)::int FROM task_events e WHERE e.task_id = t.id AND e.type = 'APPROVED') AS approved,
              (SELECT count(*)::int FROM task_events e WHERE e.task_id = t.id) AS events
       FROM tasks t WHERE t.id = ANY($1)`,
      [ids],
    );
    expect(rows).toHaveLength(TASKS);
    expect(rows.filter((r) => r.approved !== 1 || r.state !== 'COMPLETED' || r.events !== r.version)).toEqual([]);
    expect((await approvedIds()).size).toBe(TASKS);
  });
});
