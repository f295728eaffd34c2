import { foldForSearch } from '@app/domain';

/** The size of issue 6's inbox data: 100,000 tasks over 50 units. */
export const INBOX_LOAD_TASKS = 100_000;
export const INBOX_LOAD_UNITS = 50;

/** Titles of the generated tasks; "cải cách" in one of twelve, as in a department's real mix. */
export const INBOX_LOAD_TITLES = [
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

/** A DataSource, an EntityManager or a QueryRunner (inside a transaction): anything with `query`. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * Fills a demo organization (test/support/stack.ts seedTestOrganization: 8 units) up to 50 units
 * with `tasks` read-model rows (default 100,000; set-based, one INSERT … SELECT generate_series),
 * their task_units rows, a deputy's larger portfolio and escalation notifications, then ANALYZEs.
 * Deterministic for a given `today`. Used by test/api/inbox-explain.int-spec.ts (inside a
 * transaction it rolls back) and bench/inbox-under-load.bench.ts (committed, for the API process).
 *
 *  - units: P01…P42 ("Phòng chuyên môn số n") beside the 8 of the demo organization; a task's
 *    lead unit is the (g % 50)-th by code, and one task in three has no coordinating unit. As the
 *    state follows g % 100 too, each state then sits in a few units only (the drafts in P30…P37,
 *    no approval of a deputy's portfolio): `spreadUnits` shifts the lead (and reviewing) units by
 *    one per hundred tasks, so every unit has tasks in every state (the bench's people need that);
 *  - deputy B (`<org>.pgd.b`) answers for 12 units: the 4 of the demo organization and P01…P08;
 *  - state by g % 100: 80 % done, 3 % cancelled, 8 % drafting, 3 % in review (two units' opinions
 *    awaited), 2 % awaiting approval, 4 % waiting for an event. Done tasks are due over the past
 *    five years; open ones mostly ahead, about one in ten past its deadline; one open task in
 *    fifty has an extension;
 *  - escalations: the director and deputy B were told about 500 overdue tasks each.
 *
 * Tasks get no workflow: only the read model, which is all the inboxes read.
 */
export async function generateInboxTasks(
  db: Queryable,
  org: { code: string; organizationId: string },
  opts: { today: string; tasks?: number; workflowPrefix?: string; spreadUnits?: boolean },
): Promise<void> {
  const o = org.organizationId;
  const tasks = opts.tasks ?? INBOX_LOAD_TASKS;
  const prefix = opts.workflowPrefix ?? 'explain-';
  await db.query(
    `INSERT INTO units (organization_id, code, name, kind)
     SELECT $1, 'P' || lpad(g::text, 2, '0'), 'Phòng chuyên môn số ' || g, 'internal' FROM generate_series(1, $2::int - 8) g`,
    [o, INBOX_LOAD_UNITS],
  );
  // Deputy B answers for 12 of the 50 units: the 4 of the demo organization and 8 more.
  await db.query(
    `INSERT INTO deputy_portfolios (user_id, unit_id)
     SELECT u.id, n.id FROM users u, units n
     WHERE u.username = $2 AND n.organization_id = $1 AND n.code BETWEEN 'P01' AND 'P08'`,
    [o, `${org.code.toLowerCase()}.pgd.b`],
  );
  // State by g % 100: 80 % done, 3 % cancelled, 8 % drafting, 3 % in review, 2 % awaiting approval,
  // 4 % waiting for an event. Done tasks are due over the past five years; open ones mostly
  // ahead, about one in ten past its deadline; one open task in fifty has an extension.
  await db.query(
    `WITH u AS (SELECT array_agg(id ORDER BY code) AS ids FROM units WHERE organization_id = $1),
     -- Who decides a task of each lead unit, as the read-model activity stores it (migration
     -- TaskWhoDecides): the director(s) and the deputies in charge; the approver, those deputies else the director.
     d AS (
       SELECT un.id AS unit_id, dep.ids || dir.ids AS deciding, CASE WHEN cardinality(dep.ids) > 0 THEN dep.ids ELSE dir.ids END AS approver
       FROM units un,
            LATERAL (SELECT ARRAY(SELECT p.user_id FROM deputy_portfolios p JOIN users x ON x.id = p.user_id
                                  WHERE p.unit_id = un.id AND x.is_active AND 'deputyDirector' = ANY(x.roles) ORDER BY p.user_id) AS ids) dep,
            LATERAL (SELECT ARRAY(SELECT x.id FROM users x WHERE x.organization_id = $1 AND x.is_active AND 'director' = ANY(x.roles) ORDER BY x.id) AS ids) dir
       WHERE un.organization_id = $1),
     g AS (
       -- k picks the units: g itself, or g shifted by one unit per hundred (spreadUnits).
       SELECT g, u.ids, CASE WHEN $8::boolean THEN g + g / 100 ELSE g END AS k,
              CASE WHEN g % 100 < 80 THEN 'COMPLETED' WHEN g % 100 < 83 THEN 'CANCELLED' WHEN g % 100 < 91 THEN 'DRAFTING'
                   WHEN g % 100 < 94 THEN 'IN_REVIEW' WHEN g % 100 < 96 THEN 'AWAITING_APPROVAL' ELSE 'PENDING_TRIGGER' END AS state,
              CASE WHEN g % 100 < 83 THEN $3::date - (g % 1800) ELSE $3::date - 30 + (g / 100) % 300 END AS due
       FROM generate_series(1, $2::int) g, u
     )
     INSERT INTO tasks (organization_id, title, search_text, owner_unit_id, state, status_word, due_on, extended_due_on, completed_on,
                        completed_at, pending_review_unit_ids, workflow_id, version, last_activity_at, created_at,
                        deciding_user_ids, approver_user_ids)
     SELECT $1, ($5::text[])[1 + g % 12] || ' số ' || g, ($6::text[])[1 + g % 12] || ' so ' || g, ids[1 + k % 50], state,
            CASE state WHEN 'COMPLETED' THEN CASE WHEN g % 7 = 0 THEN 'DONE_LATE' ELSE 'DONE_ON_TIME' END
                       WHEN 'CANCELLED' THEN 'CANCELLED' WHEN 'PENDING_TRIGGER' THEN 'WAITING'
                       ELSE CASE WHEN due < $3::date THEN 'OPEN_OVERDUE' ELSE 'OPEN_ON_TIME' END END,
            CASE WHEN state = 'PENDING_TRIGGER' THEN NULL ELSE due END,
            CASE WHEN state IN ('DRAFTING', 'IN_REVIEW', 'AWAITING_APPROVAL') AND g % 50 = 7 THEN due + 10 END,
            CASE WHEN state = 'COMPLETED' THEN due - (g % 5) + CASE WHEN g % 7 = 0 THEN 6 ELSE 0 END END,
            CASE WHEN state = 'COMPLETED' THEN (due - (g % 5))::timestamptz END,
            CASE WHEN state = 'IN_REVIEW' THEN ARRAY[ids[1 + (k + 7) % 50], ids[1 + (k + 13) % 50]] ELSE '{}' END,
            $7::text || $4 || '-' || g, 1 + g % 9, now() - g * interval '7 minutes', now() - g * interval '9 minutes',
            d.deciding, d.approver
     FROM g JOIN d ON d.unit_id = g.ids[1 + g.k % 50]`,
    [o, tasks, opts.today, org.code, INBOX_LOAD_TITLES, INBOX_LOAD_TITLES.map(foldForSearch), prefix, opts.spreadUnits ?? false],
  );
  // Units: the lead on every task, one coordinating unit on two tasks in three.
  await db.query(
    `INSERT INTO task_units (task_id, unit_id, role)
     SELECT id, owner_unit_id, 'lead' FROM tasks WHERE organization_id = $1`,
    [o],
  );
  await db.query(
    `WITH u AS (SELECT array_agg(id ORDER BY code) AS ids FROM units WHERE organization_id = $1)
     INSERT INTO task_units (task_id, unit_id, role)
     SELECT t.id, u.ids[1 + (n + 17) % 50], 'coordinating'
     FROM (SELECT id, substring(workflow_id FROM '[0-9]+$')::int AS n FROM tasks WHERE organization_id = $1) t, u
     WHERE t.n % 3 <> 0`,
    [o],
  );
  // Escalations: the director and deputy B were told about 500 overdue tasks each.
  await db.query(
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
    [o, opts.today, `${org.code.toLowerCase()}.giamdoc`, `${org.code.toLowerCase()}.pgd.b`],
  );
  for (const table of ['tasks', 'task_units', 'units', 'deputy_portfolios', 'task_events', 'notifications']) await db.query(`ANALYZE ${table}`);
}
