import { join } from 'node:path';
import { provisionTask } from '../api/support';
import { DEMO_PASSWORD, giveDemoPasswords } from '../support/auth';
import { env, eventually, useStack } from '../support/stack';
import { ApiProcess, call, loginOver, PROFILE, sized, startApiProcess } from './support';

const USERS = sized(200, 50);
const SECONDS = sized(60, 15);
const TASKS = 20;
jest.setTimeout((SECONDS + 600) * 1000);

const ACTORS = ['vp.chuyenvien', 'vp.truongphong', 'giamdoc', 'cchc.chuyenvien', 'cchc.truongphong'];
const READERS = [...ACTORS, 'pgd.a', 'pgd.b', 'tcbc.chuyenvien', 'btg.truongphong', 'ttra.chuyenvien'];
const BOXES = ['draft', 'review', 'approve', 'escalated', 'overdue', 'waiting', 'notifications'];

/**
 * Scenario 12 under load: many people at once on a real API process, each looping over inbox reads
 * and comments (a Workflow Update each) on shared tasks. No answer is a 5xx or lost on the way,
 * and every acknowledged comment is in the audit log exactly once, with nothing unacknowledged.
 */
describe(`fault: ${USERS} concurrent users for ${SECONDS} s (${PROFILE})`, () => {
  const stack = useStack('fault-load');
  let api: ApiProcess;
  const tokens = new Map<string, string>();
  const tasks: Array<{ taskId: string; workflowId: string }> = [];

  beforeAll(async () => {
    await giveDemoPasswords(stack.ds, stack.org.organizationId);
    for (let i = 0; i < TASKS; i++) {
      tasks.push(await provisionTask(stack, { key: `load-${i}`, title: `Nhiệm vụ chịu tải số ${i + 1}`, owner: 'VP', coordinating: ['CCHC'] }));
    }
    api = await startApiProcess({ TEMPORAL_TASK_QUEUE: stack.taskQueue, ATTACHMENTS_DIR: join(env('PLANFLOW_TEST_DIR'), 'fault-load-attachments') });
    for (const who of READERS) tokens.set(who, await loginOver(api.url, `${stack.org.code.toLowerCase()}.${who}`, DEMO_PASSWORD));
  });

  afterAll(async () => {
    await api?.stop();
  });

  it(`answers no 5xx and loses or duplicates none of the acknowledged comments of ${USERS} users over ${SECONDS} s`, async () => {
    const statuses = new Map<number, number>();
    const acknowledged: Array<{ taskId: string; text: string; version: number }> = [];
    const refused: string[] = [];
    const unanswered: string[] = [];
    const end = Date.now() + SECONDS * 1000;
    let seq = 0;

    const user = async (u: number) => {
      let n = 0;
      while (Date.now() < end) {
        n += 1;
        const reader = READERS[(u + n) % READERS.length];
        const roll = (u * 31 + n * 17) % 10;
        let res;
        if (roll < 3) {
          const actor = ACTORS[(u + n) % ACTORS.length];
          const task = tasks[(u + n * 7) % tasks.length];
          const text = `u${u}-n${n}-${seq++}`;
          res = await call(`${api.url}/tasks/${task.taskId}/comment`, {
            method: 'POST',
            token: tokens.get(actor),
            body: { text },
            headers: { 'Idempotency-Key': `load-${text}` },
            timeoutMs: 120_000,
          });
          if (res.status === 200) acknowledged.push({ taskId: task.taskId, text, version: Number((res.body?.snapshot as { version?: number } | undefined)?.version) });
          else if (res.status === 0) unanswered.push(text);
          else refused.push(`${res.status} ${String(res.body?.code)}`);
        } else if (roll < 6) {
          res = await call(`${api.url}/me/inbox?box=${BOXES[(u + n) % BOXES.length]}&limit=20`, { token: tokens.get(reader), timeoutMs: 120_000 });
        } else if (roll < 8) {
          res = await call(`${api.url}/me/inbox/counts`, { token: tokens.get(reader), timeoutMs: 120_000 });
        } else {
          res = await call(`${api.url}/tasks?limit=20&sort=lastActivity`, { token: tokens.get(reader), timeoutMs: 120_000 });
        }
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: USERS }, (_, u) => user(u)));

    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    const fiveXx = [...statuses.entries()].filter(([s]) => s >= 500).reduce((a, [, n]) => a + n, 0);
    console.log(
      `[faults] ${USERS} users × ${SECONDS} s: ${total} requests (${(total / SECONDS).toFixed(1)}/s), statuses ${JSON.stringify(Object.fromEntries(statuses))}, ` +
        `${acknowledged.length} comments acknowledged, ${refused.length} refused`,
    );
    if (fiveXx) {
      const causes = api.output().match(/"err":"[^"]{0,160}/g) ?? [];
      console.log(`[faults] 5xx causes (API log): ${JSON.stringify([...new Set(causes)].slice(0, 5))}`);
    }
    expect(fiveXx).toBe(0);
    expect(statuses.get(0) ?? 0).toBe(0);
    expect(unanswered).toEqual([]);
    expect(refused).toEqual([]);
    expect(acknowledged.length).toBeGreaterThan(sized(100, 20));

    // Every acknowledged comment is in the audit log once; nothing else was commented.
    const ids = tasks.map((t) => t.taskId);
    const rows: Array<{ text: string; n: number }> = await eventually(
      'every acknowledged comment in task_events',
      async () => {
        const r: Array<{ text: string; n: number }> = await stack.ds.query(
          `SELECT payload->>'text' AS text, count(*)::int AS n FROM task_events WHERE task_id = ANY($1) AND type = 'COMMENTED' GROUP BY 1`,
          [ids],
        );
        return r.length >= acknowledged.length ? r : undefined;
      },
      60_000,
    );
    expect(rows.filter((r) => r.n !== 1)).toEqual([]);
    expect(rows.map((r) => r.text).sort()).toEqual(acknowledged.map((a) => a.text).sort());
    // Versions: no gap, no repeat, per task; the read model's version is the last event's.
    const gaps = await stack.ds.query(
      `SELECT t.id, t.version, count(e.*)::int AS events, max(e.version) AS max FROM tasks t JOIN task_events e ON e.task_id = t.id
       WHERE t.id = ANY($1) GROUP BY t.id HAVING count(e.*) <> t.version OR max(e.version) <> t.version`,
      [ids],
    );
    expect(gaps).toEqual([]);
    // No false success: each answer's snapshot already holds its comment (concurrent comments may follow it).
    const versions: Array<{ text: string; version: number }> = await stack.ds.query(
      `SELECT payload->>'text' AS text, version FROM task_events WHERE task_id = ANY($1) AND type = 'COMMENTED'`,
      [ids],
    );
    const logged = new Map(versions.map((v) => [v.text, v.version]));
    expect(acknowledged.filter((a) => !(logged.get(a.text)! <= a.version))).toEqual([]);
    expect((await call(`${api.url}/health`)).status).toBe(200);
  });
});
