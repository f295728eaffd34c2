import { DataSource, QueryRunner } from 'typeorm';
import { CalendarDate, foldForSearch } from '@app/domain';
import { loadActor } from '@app/persistence';
import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { TASK_BOXES, type TaskBox } from '../../apps/api/src/inbox/inbox-boxes';
import type { InboxQuery } from '../../apps/api/src/inbox/inbox.dto';
import { InboxService } from '../../apps/api/src/inbox/inbox.service';
import { SqlParams } from '../../apps/api/src/tasks/task-access';
import { TaskQueryService, type SqlStatement } from '../../apps/api/src/tasks/task-query.service';
import { filterSql, liveStatusWordSql, nextCursorOf } from '../../apps/api/src/tasks/task-search';
import { openDataSource, seedTestOrganization } from '../support/stack';

const TASKS = 100_000;
const UNITS = 50;
const TODAY = CalendarDate.fromInstant(Date.now());

/** Titles of the generated tasks; "cải cách" in one of twelve, as in a department's real mix. */
const TITLES = [
  'Cải cách hành chính',
  'Rà soát thủ tục hành chính nội bộ',
  'Xây dựng kế hoạch biên chế',
  'Tuyển dụng công chức, viên chức',
  'Đào tạo, bồi dưỡng cán bộ',
  'Chuyển đổi số trong cơ quan',
  'Thi đua, khen thưởng',
  'Cập nhật cơ sở dữ liệu',
  'Tuyên truyền, phổ biến pháp luật',
  'Kiểm tra công tác văn thư, lưu trữ',
  'Báo cáo định kỳ',
  'Tổ chức hội nghị sơ kết',
];

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Alias?: string;
  Filter?: string;
  'Actual Rows'?: number;
  Plans?: PlanNode[];
}

/** Every node of an EXPLAIN (FORMAT JSON) plan tree, init plans and sub plans included. */
function nodesOf(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodesOf)];
}

/**
 * Inbox queries on 100,000 tasks answer from indexes (issue 6, "Done when"): a fresh organization
 * of 50 units gets 100,000 tasks (set-based, one INSERT … SELECT generate_series) with their
 * task_units rows, a deputy's portfolio and escalation notifications, all inside one transaction
 * that is rolled back at the end, so nothing is left for other test files. After ANALYZE, every
 * statement the inbox service runs, as it builds it (InboxService.boxStatements), for every task
 * box and every kind of person, with the default sort, the other sort, the search and the count,
 * is EXPLAINed with the planner's real costs (sequential scans are not priced out here): no plan
 * may read `tasks` sequentially.
 */
describe('inbox queries at 100,000 tasks (EXPLAIN)', () => {
  let ds: DataSource;
  let qr: QueryRunner;
  let org: { code: string; organizationId: string };
  let inbox: InboxService;
  let tasks: TaskQueryService;

  beforeAll(async () => {
    ds = await openDataSource();
    org = await seedTestOrganization(ds);
    tasks = new TaskQueryService(ds);
    inbox = new InboxService(ds, tasks);
    qr = ds.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
  });

  afterAll(async () => {
    if (qr?.isTransactionActive) await qr.rollbackTransaction();
    await qr?.release();
    await ds?.destroy();
  });

  it('generates 100,000 tasks across 50 units in a few seconds', async () => {
    const started = Date.now();
    const o = org.organizationId;
    await qr.query(
      `INSERT INTO units (organization_id, code, name, kind)
       SELECT $1, 'P' || lpad(g::text, 2, '0'), 'Phòng chuyên môn số ' || g, 'internal' FROM generate_series(1, $2::int - 8) g`,
      [o, UNITS],
    );
    // Deputy B answers for 12 of the 50 units: the 4 of the demo organization and 8 more.
    await qr.query(
      `INSERT INTO deputy_portfolios (user_id, unit_id)
       SELECT u.id, n.id FROM users u, units n
       WHERE u.username = $2 AND n.organization_id = $1 AND n.code BETWEEN 'P01' AND 'P08'`,
      [o, `${org.code.toLowerCase()}.pgd.b`],
    );
    // State by g % 100: 80 % done, 3 % cancelled, 8 % drafting, 3 % in review, 2 % awaiting approval,
    // 4 % waiting for an event. Done tasks are due over the past five years; open ones mostly
    // ahead, about one in ten past its deadline; one open task in fifty has an extension.
    await qr.query(
      `WITH u AS (SELECT array_agg(id ORDER BY code) AS ids FROM units WHERE organization_id = $1),
       g AS (
         SELECT g, u.ids,
                CASE WHEN g % 100 < 80 THEN 'COMPLETED' WHEN g % 100 < 83 THEN 'CANCELLED' WHEN g % 100 < 91 THEN 'DRAFTING'
                     WHEN g % 100 < 94 THEN 'IN_REVIEW' WHEN g % 100 < 96 THEN 'AWAITING_APPROVAL' ELSE 'PENDING_TRIGGER' END AS state,
                CASE WHEN g % 100 < 83 THEN $3::date - (g % 1800) ELSE $3::date - 30 + (g / 100) % 300 END AS due
         FROM generate_series(1, $2::int) g, u
       )
       INSERT INTO tasks (organization_id, title, search_text, owner_unit_id, state, status_word, due_on, extended_due_on, completed_on,
                          completed_at, pending_review_unit_ids, workflow_id, version, last_activity_at, created_at)
       SELECT $1, ($5::text[])[1 + g % 12] || ' số ' || g, ($6::text[])[1 + g % 12] || ' so ' || g, ids[1 + g % 50], state,
              CASE state WHEN 'COMPLETED' THEN CASE WHEN g % 7 = 0 THEN 'DONE_LATE' ELSE 'DONE_ON_TIME' END
                         WHEN 'CANCELLED' THEN 'CANCELLED' WHEN 'PENDING_TRIGGER' THEN 'WAITING'
                         ELSE CASE WHEN due < $3::date THEN 'OPEN_OVERDUE' ELSE 'OPEN_ON_TIME' END END,
              CASE WHEN state = 'PENDING_TRIGGER' THEN NULL ELSE due END,
              CASE WHEN state IN ('DRAFTING', 'IN_REVIEW', 'AWAITING_APPROVAL') AND g % 50 = 7 THEN due + 10 END,
              CASE WHEN state = 'COMPLETED' THEN due - (g % 5) + CASE WHEN g % 7 = 0 THEN 6 ELSE 0 END END,
              CASE WHEN state = 'COMPLETED' THEN (due - (g % 5))::timestamptz END,
              CASE WHEN state = 'IN_REVIEW' THEN ARRAY[ids[1 + (g + 7) % 50], ids[1 + (g + 13) % 50]] ELSE '{}' END,
              'explain-' || $4 || '-' || g, 1 + g % 9, now() - g * interval '7 minutes', now() - g * interval '9 minutes'
       FROM g`,
      [o, TASKS, TODAY, org.code, TITLES, TITLES.map(foldForSearch)],
    );
    // Units: the lead on every task, one coordinating unit on two tasks in three.
    await qr.query(
      `INSERT INTO task_units (task_id, unit_id, role)
       SELECT id, owner_unit_id, 'lead' FROM tasks WHERE organization_id = $1`,
      [o],
    );
    await qr.query(
      `WITH u AS (SELECT array_agg(id ORDER BY code) AS ids FROM units WHERE organization_id = $1)
       INSERT INTO task_units (task_id, unit_id, role)
       SELECT t.id, u.ids[1 + (n + 17) % 50], 'coordinating'
       FROM (SELECT id, substring(workflow_id FROM '[0-9]+$')::int AS n FROM tasks WHERE organization_id = $1) t, u
       WHERE t.n % 3 <> 0`,
      [o],
    );
    // Escalations: the director and deputy B were told about 500 overdue tasks each.
    await qr.query(
      `WITH overdue AS (
         SELECT t.id, t.workflow_id, t.version, coalesce(t.extended_due_on, t.due_on) AS due, row_number() OVER (ORDER BY t.id) AS n
         FROM tasks t WHERE t.organization_id = $1 AND t.state IN ('DRAFTING', 'IN_REVIEW', 'AWAITING_APPROVAL') AND coalesce(t.extended_due_on, t.due_on) < $2::date
         LIMIT 1000
       ),
       events AS (
         INSERT INTO task_events (organization_id, task_id, workflow_id, event_key, type, version, payload, occurred_at)
         SELECT $1, id, workflow_id, 'escalation-' || due, CASE WHEN n % 2 = 0 THEN 'ESCALATED_TO_DIRECTOR' ELSE 'ESCALATED_TO_DEPUTY' END,
                version, jsonb_build_object('dueOn', to_char(due, 'YYYY-MM-DD')), now()
         FROM overdue
         RETURNING id, task_id, type
       )
       INSERT INTO notifications (organization_id, user_id, task_id, task_event_id, type, title, body, link)
       SELECT $1, u.id, e.task_id, e.id, e.type, 'Quá hạn', 'Nhiệm vụ quá hạn', 'http://127.0.0.1/tasks/' || e.task_id
       FROM events e JOIN users u ON u.username = CASE e.type WHEN 'ESCALATED_TO_DIRECTOR' THEN $3 ELSE $4 END`,
      [o, TODAY, `${org.code.toLowerCase()}.giamdoc`, `${org.code.toLowerCase()}.pgd.b`],
    );
    for (const table of ['tasks', 'task_units', 'units', 'deputy_portfolios', 'task_events', 'notifications']) await qr.query(`ANALYZE ${table}`);

    const [counts] = await qr.query(
      `SELECT (SELECT count(*)::int FROM tasks WHERE organization_id = $1) AS tasks,
              (SELECT count(*)::int FROM units WHERE organization_id = $1) AS units,
              (SELECT count(*)::int FROM task_units tu JOIN units u ON u.id = tu.unit_id WHERE u.organization_id = $1) AS task_units,
              (SELECT count(*)::int FROM notifications WHERE organization_id = $1) AS notifications`,
      [o],
    );
    expect(counts).toEqual({ tasks: TASKS, units: UNITS, task_units: TASKS + (TASKS - Math.floor(TASKS / 3)), notifications: 1000 });
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  /** The demo people of the organization, loaded inside the transaction (deputy B's larger portfolio is not committed). */
  async function actors(): Promise<Record<string, Actor>> {
    const prefix = org.code.toLowerCase();
    const people: Record<string, string> = {
      officer: 'btg.chuyenvien',
      unitHead: 'btg.truongphong',
      monitor: 'vp.truongphong',
      deputy: 'pgd.b',
      director: 'giamdoc',
      'KT.': 'pgd.a>giamdoc',
      admin: 'quantri',
    };
    const out: Record<string, Actor> = {};
    for (const [kind, who] of Object.entries(people)) {
      const [user, principal] = who.split('>');
      out[kind] = await loadActor(qr.manager, { username: `${prefix}.${user}` }, principal ? { username: `${prefix}.${principal}` } : undefined);
    }
    expect(out.deputy.portfolioUnitIds).toHaveLength(12);
    return out;
  }

  /** EXPLAIN ANALYZE of each statement: the sequential scans of `tasks` and the statements slower than a second. */
  async function explain(statements: Array<{ name: string; statement: SqlStatement }>): Promise<{ sequential: string[]; slow: string[] }> {
    const sequential: string[] = [];
    const slow: string[] = [];
    for (const { name, statement } of statements) {
      const [{ 'QUERY PLAN': plan }] = await qr.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${statement.sql}`, statement.params);
      const [{ Plan: root, 'Execution Time': ms }] = plan as Array<{ Plan: PlanNode; 'Execution Time': number }>;
      for (const scan of nodesOf(root).filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'tasks')) {
        sequential.push(`${name}: Seq Scan on tasks ${scan.Alias ?? ''} (${scan['Actual Rows']} rows) ${scan.Filter ?? ''}`.slice(0, 400));
      }
      if (ms > 1000) slow.push(`${name}: ${ms.toFixed(0)} ms`);
    }
    return { sequential, slow };
  }

  it('answers every box of every kind of person from indexes: no sequential scan of tasks', async () => {
    const variants: Array<{ name: string; q: Omit<InboxQuery, 'box'> }> = [
      { name: 'page', q: { limit: 50 } as Omit<InboxQuery, 'box'> },
      { name: 'page by last activity', q: { limit: 50, sort: 'lastActivity' } as Omit<InboxQuery, 'box'> },
      { name: 'page searching "cai cach"', q: { limit: 50, q: 'cai cach' } as Omit<InboxQuery, 'box'> },
    ];
    const statements: Array<{ name: string; statement: SqlStatement }> = [];
    for (const [kind, actor] of Object.entries(await actors())) {
      for (const box of TASK_BOXES as TaskBox[]) {
        for (const v of variants) statements.push({ name: `${kind} ${box} ${v.name}`, statement: inbox.boxStatements(actor, box, v.q, TODAY).page });
        statements.push({ name: `${kind} ${box} count`, statement: inbox.boxStatements(actor, box, { limit: 50 } as Omit<InboxQuery, 'box'>, TODAY).count });
      }
    }
    expect(statements).toHaveLength(7 * 6 * 4);
    expect(await explain(statements)).toEqual({ sequential: [], slow: [] });
  });

  it('answers the task list (GET /tasks) of the whole organization from indexes too: every sort, the filters, a next page', async () => {
    type Request = Parameters<TaskQueryService['pageStatement']>[1];
    const listings: Array<{ name: string; r: Request }> = [
      { name: 'by creation', r: { filters: {}, sort: 'created', limit: 50 } },
      { name: 'by deadline', r: { filters: {}, sort: 'dueOn', limit: 50 } },
      { name: 'by last activity', r: { filters: {}, sort: 'lastActivity', limit: 50 } },
      { name: 'searching "cai cach"', r: { filters: { q: 'cai cach' }, sort: 'created', limit: 50 } },
      { name: 'overdue by deadline', r: { filters: { statusWord: 'OPEN_OVERDUE' }, sort: 'dueOn', limit: 50 } },
      { name: 'done late by last activity', r: { filters: { statusWord: 'DONE_LATE' }, sort: 'lastActivity', limit: 50 } },
      { name: 'drafting by creation', r: { filters: { state: 'DRAFTING' }, sort: 'created', limit: 50 } },
      { name: 'due in the last 30 days', r: { filters: { dueBefore: TODAY, dueAfter: CalendarDate.addDays(TODAY, -30) }, sort: 'dueOn', limit: 50 } },
    ];
    const people = await actors();
    // A next page: the cursor after the director's first page of each sort (read in the transaction).
    for (const sort of ['created', 'dueOn', 'lastActivity'] as const) {
      const { sql, params } = tasks.pageStatement(people.director, { filters: {}, sort, limit: 50 }, TODAY);
      const rows: Array<Record<string, unknown>> = await qr.query(sql, params);
      listings.push({ name: `next page by ${sort}`, r: { filters: {}, sort, limit: 50, cursor: nextCursorOf(sort, rows[49], true)! } });
    }
    const statements = Object.entries(people).flatMap(([kind, actor]) =>
      listings.map((l) => ({ name: `${kind} list ${l.name}`, statement: tasks.pageStatement(actor, l.r, TODAY) })),
    );
    expect(await explain(statements)).toEqual({ sequential: [], slow: [] });
  });

  it('filters by status word exactly as the live status word reads (the indexable form of the filter)', async () => {
    const words = ['OPEN_ON_TIME', 'OPEN_OVERDUE', 'DONE_ON_TIME', 'DONE_LATE', 'WAITING', 'CANCELLED'];
    // Some rows whose stored word lags (the deadline passed, no DEADLINE_PASSED event yet) or has no deadline.
    await qr.query(
      `UPDATE tasks SET status_word = 'OPEN_ON_TIME' WHERE organization_id = $1 AND state = 'DRAFTING' AND due_on < $2::date AND id IN (
         SELECT id FROM tasks WHERE organization_id = $1 AND state = 'DRAFTING' AND due_on < $2::date LIMIT 50)`,
      [org.organizationId, TODAY],
    );
    await qr.query(
      `UPDATE tasks SET due_on = NULL, extended_due_on = NULL WHERE id IN (
         SELECT id FROM tasks WHERE organization_id = $1 AND state = 'IN_REVIEW' LIMIT 50)`,
      [org.organizationId],
    );
    const counts: Array<[string, number, number]> = [];
    for (const word of words) {
      const p = new SqlParams();
      const today = p.add(TODAY);
      const org$ = p.add(org.organizationId);
      const [r] = await qr.query(
        `SELECT count(*) FILTER (WHERE ${liveStatusWordSql(today)} = ${p.add(word)})::int AS live,
                count(*) FILTER (WHERE ${filterSql({ statusWord: word }, p, today).join(' AND ')})::int AS filtered
         FROM tasks t WHERE t.organization_id = ${org$}::uuid`,
        p.values,
      );
      counts.push([word, r.live, r.filtered]);
    }
    expect(counts.map(([word, , filtered]) => [word, filtered])).toEqual(counts.map(([word, live]) => [word, live]));
    expect(counts.reduce((n, [, live]) => n + live, 0)).toBe(TASKS);
  });
});
