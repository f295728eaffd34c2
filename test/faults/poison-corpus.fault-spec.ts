import { join } from 'node:path';
import { encodeCursor } from '@app/domain';
import { provisionTask } from '../api/support';
import { DEMO_PASSWORD, giveDemoPasswords } from '../support/auth';
import { env, useStack } from '../support/stack';
import { ApiProcess, loginOver, PROFILE, sized, startApiProcess } from './support';

/**
 * The negative corpus of issue 17, generated from the OpenAPI document the API serves and sent to
 * every JSON endpoint (bodies and query strings) as every role, against a real API process, worker,
 * Temporal and Postgres: control characters, NUL, lone surrogates, huge strings, deep nesting,
 * wrong types, boundary numbers, edited cursors, absurd dates, an Idempotency-Key reused with
 * another body, "KT." without a grant. It asserts no 5xx, every request answered within 10 s,
 * every 4xx a `{code, message}`, a reused key refused, and every task touched still answering an
 * action afterwards. Before the fixes of issue 17 it found: comments that never answered and
 * wedged their task, 500s on 30 February cursors, %00, deep JSON and bodies over 100 KB, and key
 * reuse answering 200 (README "Fault suite").
 */

const ROLES = sized(['vp.chuyenvien', 'vp.truongphong', 'cchc.chuyenvien', 'pgd.a', 'giamdoc', 'quantri', 'pgd.b>giamdoc'], ['vp.chuyenvien', 'giamdoc', 'pgd.b>giamdoc']);
const ANSWER_MS = 10_000;
const PARALLEL = 6;
/** Tasks the task routes are fuzzed on (both are touched by the after-check). */
const TASKS_FUZZED = sized(2, 1);
jest.setTimeout(sized(1_800_000, 600_000));

const ID = '3f1c2a4e-1111-4222-8333-444455556666';
const nest = (depth: number): unknown => {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};

/** Strings no person or Postgres can hold, and strings too big. */
const TEXT_POISON: Array<[string, string]> = [
  ['NUL', 'Báo cáo\u0000'],
  ['only NUL', '\u0000'],
  ['lone high surrogate', 'Ý kiến \ud800'],
  ['lone low surrogate', '\udfff Ý kiến'],
  ['escape', '\u001b[2J'],
  ['bell', 'chuông\u0007'],
  ['vertical tab', 'a\u000bb'],
  ['huge', 'đ'.repeat(sized(60_000, 40_000))],
];
/** Values of the wrong type or at the edges of numbers and dates. */
const VALUE_POISON: Array<[string, unknown]> = [
  ['number', 12],
  ['negative', -1],
  ['int overflow', 2 ** 31],
  ['unsafe integer', 2 ** 53 + 1],
  ['float max', 1.7976931348623157e308],
  ['boolean', true],
  ['null', null],
  ['array', ['a', 1]],
  ['object', { x: 1 }],
  ['empty', ''],
  ['year 2999', '2999-12-31'],
  ['year 2000', '2000-01-01'],
  ['year 10000', '10000-01-01'],
  ['30 February', '2026-02-30'],
  ['month 13', '2026-13-01'],
  ['zero date', '0000-00-00'],
  ['deep', nest(40)],
];
/** Whole bodies. */
const BODY_POISON: Array<[string, unknown]> = [
  ['deep body', nest(64)],
  // As text: JSON.stringify of so deep an object overflows the sender's own stack.
  ['very deep body', '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000)],
  ['malformed', '{"text": "ok",'],
  ['array body', [1, 2, 3]],
  ['body over 100 KB', { text: 'x'.repeat(150 * 1024) }],
  ['body over 256 KB', { text: 'x'.repeat(300 * 1024) }],
];
/** Cursors that decode to no real position. */
const CURSOR_POISON: Array<[string, string]> = [
  ['30 February', encodeCursor({ s: 'dueOn', k: '2026-02-30', id: ID })],
  ['hour 25', encodeCursor({ s: 'lastActivity', k: '2026-02-03T25:00:00.000Z', id: ID })],
  ['created 30 February', encodeCursor({ s: 'created', k: '2026-02-30T00:00:00.000Z', id: ID })],
  ['plain 30 February', encodeCursor({ t: '2026-02-30T10:00:00.000Z', id: ID })],
  ['year 0', encodeCursor({ t: '0000-01-01T00:00:00.000Z', id: ID })],
  ['huge version', encodeCursor({ v: 2 ** 40, id: '99999999999999999999' })],
  ['not base64', '%%%'],
  ['NUL', encodeCursor({ t: '\u0000', id: ID })],
];
/** Query values; raw: already percent-encoded (a lone surrogate cannot be percent-encoded as UTF-8). */
const QUERY_POISON: Array<[string, string]> = [
  ['%00', '%00'],
  ['a%00b', 'a%00b'],
  ['CESU lone surrogate', '%ED%A0%80'],
  ['invalid UTF-8', '%C3%28'],
  ['%1B', '%1B%5B2J'],
  ['huge', 'a'.repeat(6_000)],
  ['year 2999', '2999-12-31'],
  ['30 February', '2026-02-30'],
  ['negative', '-1'],
  ['int overflow', '2147483648'],
  ['array', 'x&$name=y'],
];

interface Operation {
  method: string;
  path: string;
  bodyProps: string[];
  queryParams: string[];
}

type Schema = { $ref?: string; properties?: Record<string, unknown>; allOf?: Schema[] };

/** The JSON operations of the OpenAPI document: method, path, body properties, query parameters. */
function operationsOf(doc: { paths: Record<string, Record<string, Record<string, unknown>>>; components?: { schemas?: Record<string, Schema> } }): Operation[] {
  const resolve = (s: Schema | undefined): Schema | undefined => (s?.$ref ? doc.components?.schemas?.[s.$ref.split('/').pop()!] : s);
  const propsOf = (s: Schema | undefined): string[] => {
    const r = resolve(s);
    return [...Object.keys(r?.properties ?? {}), ...(r?.allOf ?? []).flatMap(propsOf)];
  };
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'delete', 'patch'].includes(method)) continue;
      if (path === '/auth/logout') continue; // would end the session the rest of the run uses
      const content = (op.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content;
      if (content && !content['application/json']) continue; // multipart: test/faults/hostile-import-files
      const params = (op.parameters as Array<{ in: string; name: string }> | undefined) ?? [];
      ops.push({ method: method.toUpperCase(), path, bodyProps: propsOf(content?.['application/json']?.schema), queryParams: params.filter((p) => p.in === 'query').map((p) => p.name) });
    }
  }
  return ops;
}

interface Sent {
  role: string;
  what: string;
  method: string;
  url: string;
  status: number;
  ms: number;
  body: Record<string, unknown> | null;
}

describe(`fault: a negative corpus to every JSON endpoint as every role (${PROFILE})`, () => {
  const stack = useStack('fault-poison');
  let api: ApiProcess;
  const tokens = new Map<string, string>();
  const tasks: Array<{ taskId: string; workflowId: string }> = [];

  beforeAll(async () => {
    await giveDemoPasswords(stack.ds, stack.org.organizationId);
    api = await startApiProcess({ TEMPORAL_TASK_QUEUE: stack.taskQueue, ATTACHMENTS_DIR: join(env('PLANFLOW_TEST_DIR'), 'fault-poison-attachments') });
    for (const role of ROLES) {
      const user = role.split('>')[0];
      if (!tokens.has(user)) tokens.set(user, await loginOver(api.url, `${stack.org.code.toLowerCase()}.${user}`, DEMO_PASSWORD));
    }
    tasks.push(await provisionTask(stack, { key: 'poison-vp', title: 'Rà soát quy chế làm việc', owner: 'VP', coordinating: ['CCHC'] }));
    tasks.push(await provisionTask(stack, { key: 'poison-cchc', title: 'Kiểm tra thủ tục hành chính', owner: 'CCHC' }));
  });

  afterAll(async () => {
    await api?.stop();
  });

  /** One request, raw: status 0 is no answer within ANSWER_MS (a hang counts as a failure). */
  const send = async (role: string, what: string, method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Sent> => {
    const [user, principal] = role.split('>');
    const started = performance.now();
    let status = 0;
    let parsed: Record<string, unknown> | null = null;
    try {
      const res = await fetch(`${api.url}${url}`, {
        method,
        headers: {
          authorization: `Bearer ${tokens.get(user)}`,
          ...(principal ? { 'x-on-behalf-of': `${stack.org.code.toLowerCase()}.${principal}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        signal: AbortSignal.timeout(ANSWER_MS),
      });
      status = res.status;
      const text = await res.text();
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        parsed = { raw: text.slice(0, 200) };
      }
    } catch (err) {
      const name = (err as { name?: unknown })?.name;
      if (name !== 'TimeoutError' && name !== 'AbortError') throw err; // ours, not the API's
      status = 0;
    }
    return { role, what, method, url: url.length > 200 ? `${url.slice(0, 200)}…` : url, status, ms: Math.round(performance.now() - started), body: parsed };
  };

  /**
   * Runs the jobs PARALLEL at a time. After GIVE_UP_AFTER unanswered requests the rest is not sent:
   * a wedged task makes every later request to it wait the full 10 s, and the findings are clear.
   */
  const GIVE_UP_AFTER = 30;
  const pool = async (jobs: Array<() => Promise<Sent>>): Promise<Sent[]> => {
    const out: Sent[] = [];
    let next = 0;
    let unanswered = 0;
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        while (next < jobs.length && unanswered < GIVE_UP_AFTER) {
          const i = next++;
          out[i] = await jobs[i]();
          if (out[i].status === 0) unanswered += 1;
        }
      }),
    );
    if (unanswered >= GIVE_UP_AFTER) console.log(`[faults] gave up after ${unanswered} unanswered requests (${out.filter(Boolean).length} of ${jobs.length} sent)`);
    return out.filter(Boolean);
  };

  it('no 5xx, every request answered within 10 s with {code, message} when refused, key reuse refused, every task still answers', async () => {
    const doc = (await (await fetch(`${api.url}/docs/openapi.json`)).json()) as Parameters<typeof operationsOf>[0];
    const ops = operationsOf(doc);
    expect(ops.length).toBeGreaterThan(30);
    const fill = (path: string, taskId: string) => path.replace(/\{id\}/g, path.startsWith('/tasks/') ? taskId : ID).replace(/\{[^}]+\}/g, ID);

    const jobs: Array<() => Promise<Sent>> = [];
    for (const role of ROLES) {
      for (const op of ops) {
        for (const task of tasks) {
          const url = fill(op.path, task.taskId);
          if (op.method !== 'GET' && op.method !== 'DELETE') {
            for (const prop of op.bodyProps.length ? op.bodyProps : ['text']) {
              for (const [what, value] of [...TEXT_POISON, ...VALUE_POISON]) jobs.push(() => send(role, `${prop}: ${what}`, op.method, url, { [prop]: value }));
            }
            for (const [what, value] of BODY_POISON) jobs.push(() => send(role, what, op.method, url, value));
            jobs.push(() => send(role, 'poisoned key', op.method, url, { ['k\u0000']: 1 }));
          }
          for (const param of op.queryParams) {
            const poisons = param === 'cursor' ? CURSOR_POISON.map(([w, c]) => [w, encodeURIComponent(c)] as [string, string]) : QUERY_POISON;
            for (const [what, raw] of poisons) jobs.push(() => send(role, `?${param}: ${what}`, op.method, `${url}?${param}=${raw.replace('$name', param)}`));
          }
          if (!op.path.includes('{id}') || tasks.indexOf(task) + 1 >= TASKS_FUZZED) break; // one task is enough for paths without one
        }
      }
    }
    const sent = await pool(jobs);

    // Key reuse: the same Idempotency-Key with another body, on the task actions.
    const reuse: string[] = [];
    for (const role of ROLES.slice(0, 2)) {
      for (const op of ops.filter((o) => /^\/tasks\/\{id\}\/(comment|save-draft)$/.test(o.path))) {
        const url = fill(op.path, tasks[0].taskId);
        const key = `fuzz-${role.replace(/\W/g, '')}-${op.path.split('/').pop()}`;
        const first = await send(role, 'key reuse 1', 'POST', url, { text: 'Ý kiến thứ nhất' }, { 'idempotency-key': key });
        const second = await send(role, 'key reuse 2', 'POST', url, { text: 'Ý kiến khác' }, { 'idempotency-key': key });
        sent.push(first, second);
        if (first.status === 200 && second.status !== 422) reuse.push(`${role} ${url}: same key, other body → ${second.status}`);
      }
    }

    // Every task touched still answers an action, and its read model kept up.
    const after: string[] = [];
    for (const task of tasks) {
      // A leader may have closed it with a valid reason ("2999-12-31" is one): 409 TASK_CLOSED is an answer too.
      const res = await send('vp.chuyenvien', 'after', 'POST', `/tasks/${task.taskId}/comment`, { text: 'Nhiệm vụ vẫn trả lời' });
      if (!(res.status === 200 || (res.status === 409 && res.body?.code === 'TASK_CLOSED'))) after.push(`${task.taskId}: comment after the corpus → ${res.status} ${JSON.stringify(res.body)} in ${res.ms} ms`);
      const [row] = await stack.ds.query(`SELECT version, (SELECT count(*)::int FROM task_events WHERE task_id = $1) AS events FROM tasks WHERE id = $1`, [task.taskId]);
      if (row.version !== row.events) after.push(`${task.taskId}: version ${row.version} but ${row.events} events`);
    }

    const serverErrors = sent.filter((s) => s.status >= 500).map((s) => `${s.role} ${s.method} ${s.url} [${s.what}] → ${s.status} ${JSON.stringify(s.body).slice(0, 120)}`);
    const unanswered = sent.filter((s) => s.status === 0).map((s) => `${s.role} ${s.method} ${s.url} [${s.what}]: no answer in ${ANSWER_MS / 1000} s`);
    const badBodies = sent
      .filter((s) => s.status >= 400 && s.status < 500 && (typeof s.body?.code !== 'string' || typeof s.body?.message !== 'string'))
      .map((s) => `${s.role} ${s.method} ${s.url} [${s.what}] → ${s.status} ${JSON.stringify(s.body).slice(0, 120)}`);
    const statuses = new Map<number, number>();
    for (const s of sent) statuses.set(s.status, (statuses.get(s.status) ?? 0) + 1);
    const slowest = Math.max(...sent.map((s) => s.ms));
    console.log(
      `[faults] poison corpus: ${sent.length} requests, ${ops.length} operations, ${ROLES.length} roles; statuses ${JSON.stringify(Object.fromEntries(statuses))}; ` +
        `slowest ${slowest} ms; ${serverErrors.length} 5xx, ${unanswered.length} unanswered, ${badBodies.length} 4xx without {code, message}, ${reuse.length} key reuses accepted, ${after.length} tasks not answering`,
    );
    for (const line of [...serverErrors, ...unanswered, ...after].slice(0, 40)) console.log(`[faults] ${line}`);
    expect(serverErrors.slice(0, 25)).toEqual([]);
    expect(unanswered.slice(0, 25)).toEqual([]);
    expect(badBodies.slice(0, 25)).toEqual([]);
    expect(reuse).toEqual([]);
    expect(after).toEqual([]);
    expect(sent.length).toBeGreaterThan(sized(20_000, 4_000));
    expect(api.child.exitCode).toBeNull();
  });
});
