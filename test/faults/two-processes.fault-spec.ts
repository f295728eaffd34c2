import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pool } from '../../bench/lib/options';
import { provisionTask } from '../api/support';
import { LifecycleDriver } from '../lifecycle/support';
import { DEMO_PASSWORD, giveDemoPasswords } from '../support/auth';
import { env, eventually, startWorkerProcess, useStack, type WorkerProcess } from '../support/stack';
import { ApiProcess, call, loginOver, PROFILE, sized, startApiProcess } from './support';

const USERS = sized(200, 50);
const SECONDS = sized(60, 15);
const COMMENT_TASKS = 20;
const APPROVAL_TASKS = sized(40, 12);
jest.setTimeout((SECONDS + 900) * 1000);

const COMMENTERS = ['vp.chuyenvien', 'vp.truongphong', 'giamdoc', 'cchc.chuyenvien', 'cchc.truongphong'];
/** Both may approve a task of Văn phòng Sở: the director, and the deputy whose portfolio holds VP. */
const APPROVERS = ['giamdoc', 'pgd.a'];
const READERS = [...COMMENTERS, 'pgd.a', 'pgd.b', 'tcbc.chuyenvien', 'btg.truongphong', 'ttra.chuyenvien'];
const BOXES = ['draft', 'review', 'approve', 'escalated', 'overdue', 'waiting', 'notifications'];

/**
 * More than one of each process (issue 20): two API processes and two worker processes on one
 * Temporal server and one Postgres, under the load of scenario 12. Every user sends each request
 * to the other API than the one before, so the Updates of one task arrive from both processes at
 * once: comments on 20 shared tasks, and the director and the deputy in charge racing to approve
 * the same tasks. No answer is a 5xx or lost; every acknowledged comment is recorded exactly once
 * (and nothing unacknowledged), each task someone tried to approve is approved exactly once, by the one approval that was
 * acknowledged (the other approvers are refused with a 409), versions have no gap, and the
 * workflow tasks were run by both workers.
 */
describe(`fault: 2 API and 2 worker processes, ${USERS} users for ${SECONDS} s (${PROFILE})`, () => {
  const stack = useStack('fault-two');
  const apis: ApiProcess[] = [];
  let secondWorker: WorkerProcess;
  const tokens = new Map<string, string>();
  const commentTasks: Array<{ taskId: string; workflowId: string }> = [];
  const approvalTasks: Array<{ taskId: string; workflowId: string }> = [];

  beforeAll(async () => {
    await giveDemoPasswords(stack.ds, stack.org.organizationId);
    secondWorker = await startWorkerProcess({ taskQueue: stack.taskQueue });
    for (let i = 0; i < COMMENT_TASKS; i++) {
      commentTasks.push(await provisionTask(stack, { key: `two-c-${i}`, title: `Nhiệm vụ dùng chung số ${i + 1}`, owner: 'VP', coordinating: ['CCHC'] }));
    }
    for (let i = 0; i < APPROVAL_TASKS; i++) {
      approvalTasks.push(await provisionTask(stack, { key: `two-a-${i}`, title: `Nhiệm vụ chờ phê duyệt số ${i + 1}`, owner: 'VP', coordinating: ['CCHC'] }));
    }
    const driver = new LifecycleDriver(stack);
    await pool(approvalTasks, 4, (t) => driver.toApproval(t.workflowId, 'VP'));
    await eventually('every approval task awaiting approval in the read model', async () => {
      const [{ n }] = await stack.ds.query(`SELECT count(*)::int AS n FROM tasks WHERE id = ANY($1) AND state = 'AWAITING_APPROVAL'`, [
        approvalTasks.map((t) => t.taskId),
      ]);
      return n === APPROVAL_TASKS;
    });
    // Both API processes sign with one JWT_SECRET, as a deployment behind a load balancer does.
    const apiEnv = {
      TEMPORAL_TASK_QUEUE: stack.taskQueue,
      ATTACHMENTS_DIR: join(env('PLANFLOW_TEST_DIR'), 'fault-two-attachments'),
      JWT_SECRET: randomBytes(48).toString('base64url'),
    };
    apis.push(...(await Promise.all([startApiProcess(apiEnv), startApiProcess(apiEnv)])));
    for (const who of READERS) tokens.set(who, await loginOver(apis[0].url, `${stack.org.code.toLowerCase()}.${who}`, DEMO_PASSWORD));
  });

  afterAll(async () => {
    await Promise.all(apis.map((a) => a.stop()));
    await secondWorker?.stop();
  });

  it(`answers no 5xx, records every acknowledged comment and approval once, versions without gaps`, async () => {
    const statuses = new Map<number, number>();
    const perApi = [0, 0];
    const comments: Array<{ taskId: string; text: string; version: number }> = [];
    const approvals: Array<{ taskId: string; who: string; state: string }> = [];
    const approvalRefusals = new Map<string, number>();
    const refused: string[] = [];
    const unanswered: string[] = [];
    const end = Date.now() + SECONDS * 1000;
    let seq = 0;
    let approvalSeq = 0;
    const attempted = new Set<string>();

    const user = async (u: number) => {
      let n = 0;
      while (Date.now() < end) {
        n += 1;
        const which = (u + n) % 2;
        const api = apis[which].url;
        const reader = READERS[(u + n) % READERS.length];
        const roll = (u * 31 + n * 17) % 10;
        let res;
        if (roll < 3) {
          const actor = COMMENTERS[(u + n) % COMMENTERS.length];
          const task = commentTasks[(u + n * 7) % commentTasks.length];
          const text = `u${u}-n${n}-${seq++}`;
          res = await call(`${api}/tasks/${task.taskId}/comment`, {
            method: 'POST',
            token: tokens.get(actor),
            body: { text },
            headers: { 'Idempotency-Key': `two-${text}` },
            timeoutMs: 120_000,
          });
          if (res.status === 200) comments.push({ taskId: task.taskId, text, version: Number((res.body?.snapshot as { version?: number } | undefined)?.version) });
          else if (res.status === 0) unanswered.push(`comment ${text}`);
          else refused.push(`comment ${res.status} ${String(res.body?.code)}`);
        } else if (roll === 3) {
          // Approvals go to the tasks in turn, two per task, one by each approver: the second of a
          // pair usually races the first (the next request of another user, often on the other API).
          const a = approvalSeq++;
          const who = APPROVERS[a % APPROVERS.length];
          const task = approvalTasks[Math.floor(a / 2) % approvalTasks.length];
          attempted.add(task.taskId);
          res = await call(`${api}/tasks/${task.taskId}/approve`, {
            method: 'POST',
            token: tokens.get(who),
            body: { comment: `Đồng ý (${who})` },
            headers: { 'Idempotency-Key': `two-approve-u${u}-n${n}` },
            timeoutMs: 120_000,
          });
          if (res.status === 200) approvals.push({ taskId: task.taskId, who, state: String((res.body?.snapshot as { state?: string } | undefined)?.state) });
          else if (res.status === 0) unanswered.push(`approve ${task.taskId}`);
          else if (res.status === 409) approvalRefusals.set(String(res.body?.code), (approvalRefusals.get(String(res.body?.code)) ?? 0) + 1);
          else refused.push(`approve ${res.status} ${String(res.body?.code)}`);
        } else if (roll < 6) {
          res = await call(`${api}/me/inbox?box=${BOXES[(u + n) % BOXES.length]}&limit=20`, { token: tokens.get(reader), timeoutMs: 120_000 });
        } else if (roll < 8) {
          res = await call(`${api}/me/inbox/counts`, { token: tokens.get(reader), timeoutMs: 120_000 });
        } else {
          res = await call(`${api}/tasks?limit=20&sort=lastActivity`, { token: tokens.get(reader), timeoutMs: 120_000 });
        }
        perApi[which] += 1;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: USERS }, (_, u) => user(u)));

    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    const fiveXx = [...statuses.entries()].filter(([s]) => s >= 500).reduce((a, [, n]) => a + n, 0);
    console.log(
      `[faults] 2 APIs + 2 workers, ${USERS} users × ${SECONDS} s: ${total} requests (${perApi.join(' + ')}), statuses ${JSON.stringify(Object.fromEntries(statuses))}, ` +
        `${comments.length} comments acknowledged, ${approvals.length} approvals acknowledged (${attempted.size} tasks tried), approvals refused ${JSON.stringify(Object.fromEntries(approvalRefusals))}`,
    );
    if (fiveXx) {
      const causes = apis.flatMap((a) => a.output().match(/"err":"[^"]{0,160}/g) ?? []);
      console.log(`[faults] 5xx causes (API logs): ${JSON.stringify([...new Set(causes)].slice(0, 5))}`);
    }
    expect(fiveXx).toBe(0);
    expect(statuses.get(0) ?? 0).toBe(0);
    expect(unanswered).toEqual([]);
    expect(refused).toEqual([]);
    expect(perApi.every((n) => n > total / 3)).toBe(true);
    expect(comments.length).toBeGreaterThan(sized(100, 20));
    // A losing approver is told the task is no longer awaiting approval (or already closed), never more.
    expect([...approvalRefusals.keys()].filter((code) => !['TASK_CLOSED', 'INVALID_STATE', 'STALE_VERSION'].includes(code))).toEqual([]);

    // Comments: every acknowledged one in the audit log once; nothing else was commented.
    const commentIds = commentTasks.map((t) => t.taskId);
    const rows: Array<{ text: string; n: number }> = await eventually(
      'every acknowledged comment in task_events',
      async () => {
        const r: Array<{ text: string; n: number }> = await stack.ds.query(
          `SELECT payload->>'text' AS text, count(*)::int AS n FROM task_events WHERE task_id = ANY($1) AND type = 'COMMENTED' GROUP BY 1`,
          [commentIds],
        );
        return r.length >= comments.length ? r : undefined;
      },
      60_000,
    );
    expect(rows.filter((r) => r.n !== 1)).toEqual([]);
    expect(rows.map((r) => r.text).sort()).toEqual(comments.map((a) => a.text).sort());
    const logged = new Map(
      ((await stack.ds.query(`SELECT payload->>'text' AS text, version FROM task_events WHERE task_id = ANY($1) AND type = 'COMMENTED'`, [commentIds])) as Array<{
        text: string;
        version: number;
      }>).map((v) => [v.text, v.version]),
    );
    // No false success: each answer's snapshot already holds its comment.
    expect(comments.filter((a) => !(logged.get(a.text)! <= a.version))).toEqual([]);

    // Approvals: every task someone tried to approve was approved by exactly one acknowledged
    // approval (one APPROVED event, COMPLETED); the others still await approval, untouched.
    const approvalIds = approvalTasks.map((t) => t.taskId);
    expect(attempted.size).toBeGreaterThanOrEqual(Math.min(APPROVAL_TASKS, sized(20, 4)));
    expect(approvals.filter((a) => a.state !== 'COMPLETED')).toEqual([]);
    const acknowledgedPerTask = new Map<string, number>();
    for (const a of approvals) acknowledgedPerTask.set(a.taskId, (acknowledgedPerTask.get(a.taskId) ?? 0) + 1);
    expect([...acknowledgedPerTask.values()].filter((n) => n !== 1)).toEqual([]);
    expect([...acknowledgedPerTask.keys()].sort()).toEqual([...attempted].sort());
    const approved: Array<{ task_id: string; n: number; state: string }> = await stack.ds.query(
      `SELECT t.id AS task_id, t.state, count(e.*) FILTER (WHERE e.type = 'APPROVED')::int AS n
       FROM tasks t LEFT JOIN task_events e ON e.task_id = t.id WHERE t.id = ANY($1) GROUP BY t.id, t.state`,
      [approvalIds],
    );
    const expected = (id: string) => (attempted.has(id) ? { n: 1, state: 'COMPLETED' } : { n: 0, state: 'AWAITING_APPROVAL' });
    expect(approved.filter((r) => r.n !== expected(r.task_id).n || r.state !== expected(r.task_id).state)).toEqual([]);

    // Versions: no gap, no repeat, per task; the read model's version is the last event's.
    const gaps = await stack.ds.query(
      `SELECT t.id, t.version, count(e.*)::int AS events, max(e.version) AS max FROM tasks t JOIN task_events e ON e.task_id = t.id
       WHERE t.id = ANY($1) GROUP BY t.id HAVING count(e.*) <> t.version OR max(e.version) <> t.version OR count(DISTINCT e.version) <> t.version`,
      [[...commentIds, ...approvalIds]],
    );
    expect(gaps).toEqual([]);

    // Both workers ran workflow tasks of these workflows (the SDK's identity is pid@host).
    const identities = new Set<string>();
    for (const t of [...commentTasks, ...approvalTasks]) {
      const history = await stack.client.workflow.getHandle(t.workflowId).fetchHistory();
      for (const e of history.events ?? []) {
        const identity = e.workflowTaskStartedEventAttributes?.identity;
        if (identity) identities.add(identity.split('@')[0]);
      }
    }
    expect([stack.worker!.child.pid, secondWorker.child.pid].map((pid) => identities.has(String(pid)))).toEqual([true, true]);
    for (const api of apis) expect((await call(`${api.url}/health`)).status).toBe(200);
  });
});
