import { boxSql, filterSql, SqlParams, summarySelectSql, TASK_BOXES, visibilityOf, visibleTaskSql } from '@app/persistence';
import type { MilestoneSpec } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { LifecycleDriver } from '../lifecycle/support';
import { eventually, useStack } from '../support/stack';
import { day, provisionTask, TODAY, useApiApp } from './support';

type Body = Record<string, unknown>;
interface Item {
  id: string;
  title: string;
  effectiveDueOn: string | null;
  lastActivityAt: string;
}

const EVENT: MilestoneSpec = { label: 'Sau khi UBND tỉnh ban hành', kind: 'event', due: null, start: null, until: null, trigger: 'Sau khi UBND tỉnh ban hành', recurrence: null };

/**
 * The inboxes over HTTP after a few steps of several tasks: the boxes and their counts for several
 * people (a unit officer and head, the monitor, both deputies, the director, a deputy signing KT.),
 * escalations that still hold and one that an extension closed, filters, sorting, keyset
 * pagination that neither repeats nor skips while tasks move, the diacritics-insensitive search,
 * the notifications and their unread badge.
 */
describe('inboxes over HTTP', () => {
  const stack = useStack('api-inbox');
  const api = useApiApp(stack);
  let t: LifecycleDriver;
  const ids: Record<string, string> = {};
  const wfs: Record<string, string> = {};

  const box = async (who: string, name: string, query: Body = {}): Promise<Item[]> => {
    const res = await api.people.get(who, '/me/inbox', { box: name, ...query });
    if (res.status !== 200) throw new Error(`${name} of ${who}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.items;
  };
  const named = (items: Array<{ id: string }>) => items.map((i) => Object.keys(ids).find((k) => ids[k] === i.id) ?? i.id);
  const list = async (who: string, query: Body = {}): Promise<string[]> => {
    const res = await api.people.get(who, '/tasks', { limit: 200, ...query });
    if (res.status !== 200) throw new Error(`/tasks of ${who}: ${res.status} ${JSON.stringify(res.body)}`);
    return named(res.body.items);
  };

  beforeAll(async () => {
    t = new LifecycleDriver(stack);

    const specs = {
      A: { title: 'Kế hoạch cải cách hành chính năm sau', owner: 'VP', coordinating: ['CCHC', 'TCBC'], dueOn: day(20) },
      B: { title: 'Báo cáo kết quả Cải Cách thủ tục hành chính', owner: 'CCHC', dueOn: day(25) },
      C: { title: 'Rà soát vị trí việc làm', owner: 'TCBC', dueOn: day(30) },
      D: { title: 'Tổng kết công tác tôn giáo', owner: 'BTG', dueOn: day(-30) },
      E: { title: 'Cải cách chế độ công vụ, công chức', owner: 'CCVC', dueOn: day(-30) },
      F: { title: 'Quy chế thi đua, khen thưởng', owner: 'VP', dueOn: null, initialState: 'PENDING_TRIGGER' as const, milestones: [EVENT] },
      G: { title: 'Sổ tay công tác văn thư', owner: 'VP', dueOn: day(40) },
      H: { title: 'Danh mục hồ sơ năm', owner: 'VP', dueOn: day(45) },
    };
    await Promise.all(
      Object.entries(specs).map(async ([key, spec]) => {
        const task = await provisionTask(stack, { key: `inbox-${key}`, ...spec });
        ids[key] = task.taskId;
        wfs[key] = task.workflowId;
      }),
    );
    // A in review by CCHC and TCBC; B awaiting approval; E escalated to deputy B and the director, then extended.
    await t.act(wfs.A, 'saveDraft', 'vp.chuyenvien', { text: 'Dự thảo' });
    await t.act(wfs.A, 'submit', 'vp.truongphong');
    await t.act(wfs.B, 'saveDraft', 'cchc.chuyenvien', { text: 'Báo cáo' });
    await t.act(wfs.B, 'submit', 'cchc.truongphong');
    const ladder = ['DEADLINE_PASSED', 'ESCALATED_TO_DEPUTY', 'ESCALATED_TO_DIRECTOR'];
    for (const key of ['D', 'E']) {
      await eventually(`ladder of ${key} climbed`, async () => (await t.types(wfs[key])).filter((x) => ladder.includes(x)).length === 3);
    }
    await t.act(wfs.E, 'requestExtension', 'ccvc.truongphong', { reason: 'Chờ hướng dẫn', newDueOn: day(15) });
    // Every notification of the ladder was written with its event, in the same transaction.
    await t.act(wfs.E, 'decideExtension', 'pgd.b', { decision: 'grant' });
  }, 180_000);

  it('counts every box for several people', async () => {
    const counts = async (who: string) => (await api.people.get(who, '/me/inbox/counts')).body;
    const zero = { draft: 0, review: 0, approve: 0, extensions: 0, escalated: 0, overdue: 0, waiting: 0, mine: 0, notifications: 0 };
    // mine ("Việc của tôi"): an officer's unassigned unit drafts; a head's drafts and the opinions the unit owes.
    expect(await counts('vp.chuyenvien')).toEqual({ ...zero, draft: 2, mine: 2, overdue: 1, waiting: 1, notifications: 2 }); // VP officer and monitor
    // Hand-offs notify (issue 15): A's reviewers were asked, B's approver and E's deciding deputy told.
    expect(await counts('cchc.truongphong')).toEqual({ ...zero, review: 1, mine: 1, notifications: 1 });
    expect(await counts('tcbc.chuyenvien')).toEqual({ ...zero, draft: 1, review: 1, mine: 1, notifications: 1 });
    expect(await counts('btg.truongphong')).toEqual({ ...zero, draft: 1, mine: 1, overdue: 1, notifications: 1 });
    expect(await counts('pgd.a')).toEqual({ ...zero, approve: 1, waiting: 1, notifications: 1 });
    expect(await counts('pgd.b')).toEqual({ ...zero, escalated: 1, overdue: 1, notifications: 3 });
    expect(await counts('giamdoc')).toEqual({ ...zero, approve: 1, escalated: 1, overdue: 1, waiting: 1, notifications: 2 });
    // KT.: the director's boxes; the notifications stay the deputy's own.
    expect(await counts('pgd.a>giamdoc')).toEqual({ ...zero, approve: 1, escalated: 1, overdue: 1, waiting: 1, notifications: 1 });
    expect(await counts('quantri')).toEqual(zero);
  });

  it('holds the tasks the counts say, each box by its rule', async () => {
    expect(named(await box('vp.chuyenvien', 'draft'))).toEqual(['G', 'H']);
    expect(named(await box('vp.chuyenvien', 'mine'))).toEqual(['G', 'H']);
    expect(named(await box('cchc.truongphong', 'mine'))).toEqual(['A']);
    expect(named(await box('tcbc.chuyenvien', 'mine'))).not.toContain('A'); // an officer gives no opinion
    expect(named(await box('vp.chuyenvien', 'waiting'))).toEqual(['F']);
    expect(named(await box('vp.chuyenvien', 'overdue'))).toEqual(['D']);
    expect(named(await box('cchc.truongphong', 'review'))).toEqual(['A']);
    expect(named(await box('tcbc.chuyenvien', 'review'))).toEqual(['A']);
    expect(named(await box('pgd.a', 'approve'))).toEqual(['B']);
    expect(named(await box('pgd.b', 'approve'))).toEqual([]);
    // Escalated to deputy B (in charge of BTG) and to the director; E's escalations ended with its extension.
    expect(named(await box('pgd.b', 'escalated'))).toEqual(['D']);
    expect(named(await box('giamdoc', 'escalated'))).toEqual(['D']);
    expect(named(await box('pgd.a>giamdoc', 'escalated'))).toEqual(['D']);
    expect(named(await box('pgd.a', 'escalated'))).toEqual([]);
    const d = (await box('giamdoc', 'overdue'))[0] as unknown as Body;
    expect(d).toMatchObject({ statusWord: 'OPEN_OVERDUE', statusLabel: 'Đang thực hiện quá hạn', effectiveDueOn: day(-30), ownerUnitCode: 'BTG' });

    // A step moves a task from box to box: the approval empties the leadership's.
    await t.act(wfs.B, 'approve', 'pgd.a');
    expect(named(await box('pgd.a', 'approve'))).toEqual([]);
    expect((await api.people.get('giamdoc', '/me/inbox/counts')).body.approve).toBe(0);
  });

  it('filters by plan, unit, status word and deadline, and sorts by deadline or last activity', async () => {
    const [cchc] = await stack.ds.query(`SELECT id FROM units WHERE organization_id = $1 AND code = 'CCHC'`, [stack.org.organizationId]);
    expect(await list('vp.truongphong', { unitId: cchc.id })).toEqual(['B']);
    expect(await list('vp.truongphong', { statusWord: 'OPEN_OVERDUE' })).toEqual(['D']);
    expect(await list('vp.truongphong', { statusWord: 'WAITING' })).toEqual(['F']);
    expect(await list('vp.truongphong', { dueBefore: TODAY, sort: 'dueOn' })).toEqual(['D']);
    expect(await list('vp.truongphong', { dueAfter: day(21), sort: 'dueOn' })).toEqual(['B', 'C', 'G', 'H']);
    expect(await list('vp.truongphong', { planId: '7d0f8a9e-1111-4a4a-8a8a-000000000000' })).toEqual([]);
    expect(named(await box('vp.chuyenvien', 'draft', { dueAfter: day(42) }))).toEqual(['H']);

    // Nearest deadline first (the extended one for E), tasks without a deadline last.
    expect(await list('vp.truongphong', { sort: 'dueOn' })).toEqual(['D', 'E', 'A', 'B', 'C', 'G', 'H', 'F']);
    const byActivity = (await api.people.get('vp.truongphong', '/tasks', { sort: 'lastActivity', limit: 200 })).body.items as Item[];
    const times = byActivity.map((i) => i.lastActivityAt);
    expect(times).toEqual([...times].sort().reverse());

    const bad = await api.people.get('vp.truongphong', '/me/inbox', { box: 'everything' });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const badDate = await api.people.get('vp.truongphong', '/tasks', { dueBefore: '30/12/2026' });
    expect([badDate.status, badDate.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('finds titles with or without diacritics: "cai cach" finds "cải cách"', async () => {
    expect((await list('vp.truongphong', { q: 'cai cach', sort: 'dueOn' })).sort()).toEqual(['A', 'B', 'E']);
    expect((await list('vp.truongphong', { q: 'CẢI CÁCH hành' })).sort()).toEqual(['A', 'B']);
    expect(await list('vp.truongphong', { q: 'ton giao' })).toEqual(['D']);
    expect(await list('vp.truongphong', { q: '100%_' })).toEqual([]);
    // Search narrows what the person may see, never widens it.
    expect(await list('btg.chuyenvien', { q: 'cai cach' })).toEqual([]);
    expect(named(await box('cchc.truongphong', 'review', { q: 'cai cach' }))).toEqual(['A']);
  });

  it('pages by keyset: the pages add up to the list, with no repeat and no gap while tasks move', async () => {
    const full = await list('vp.truongphong', { sort: 'dueOn' });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await api.people.get('vp.truongphong', '/tasks', { sort: 'dueOn', limit: 3, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      seen.push(...named(res.body.items));
      cursor = res.body.nextCursor ?? undefined;
      pages += 1;
      // Activity between pages changes nothing of a deadline order.
      if (pages === 1) await t.act(wfs.H, 'comment', 'vp.truongphong', { text: 'Đã xem' });
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(full);

    const first = await box('vp.chuyenvien', 'draft', { limit: 1 });
    const page = await api.people.get('vp.chuyenvien', '/me/inbox', { box: 'draft', limit: 1 });
    expect(named(first)).toEqual(['G']);
    const second = await api.people.get('vp.chuyenvien', '/me/inbox', { box: 'draft', limit: 1, cursor: page.body.nextCursor });
    expect([named(second.body.items), second.body.nextCursor]).toEqual([['H'], null]);

    // A cursor of another sort, or one not made here, is refused.
    const other = await api.people.get('vp.chuyenvien', '/me/inbox', { box: 'draft', limit: 1, sort: 'lastActivity', cursor: page.body.nextCursor });
    expect([other.status, other.body.code]).toEqual([400, 'INVALID_CURSOR']);
    const forged = await api.people.get('vp.chuyenvien', '/tasks', { cursor: Buffer.from('{"s":"created","k":"x"}').toString('base64url') });
    expect([forged.status, forged.body.code]).toEqual([400, 'INVALID_CURSOR']);
  });

  it('shows the person’s notifications, newest first, with the unread badge; marking read is theirs only', async () => {
    let res = await api.people.get('vp.chuyenvien', '/me/notifications');
    expect(res.status).toBe(200);
    // The monitor: two deadlines passed, then B approved (hand-offs notify, issue 15).
    expect(res.body.unread).toBe(3);
    expect(res.body.items.map((n: Body) => n.type)).toEqual(['APPROVED', 'DEADLINE_PASSED', 'DEADLINE_PASSED']);
    // The kind is named by the API (the event's label of the task history), so the web keeps no list of kinds.
    expect(res.body.items.map((n: Body) => n.typeLabel)).toEqual([
      'Lãnh đạo phê duyệt, hoàn thành',
      'Quá hạn: báo trưởng đơn vị chủ trì và bộ phận theo dõi',
      'Quá hạn: báo trưởng đơn vị chủ trì và bộ phận theo dõi',
    ]);
    expect(res.body.items.map((n: { task: Item }) => named([n.task])[0]).sort()).toEqual(['B', 'D', 'E']);
    expect(res.body.items[0]).toMatchObject({ readAt: null, title: expect.any(String), link: expect.stringContaining('/tasks/') });
    const [newest, older] = res.body.items as Array<{ id: string; createdAt: string }>;
    expect(newest.createdAt >= older.createdAt).toBe(true);

    const inbox = await api.people.get('vp.chuyenvien', '/me/inbox', { box: 'notifications' });
    expect(inbox.body).toMatchObject({ box: 'notifications', items: res.body.items, nextCursor: null });
    const filtered = await api.people.get('vp.chuyenvien', '/me/inbox', { box: 'notifications', q: 'x' });
    expect([filtered.status, filtered.body.code]).toEqual([400, 'VALIDATION_FAILED']);

    const paged = await api.people.get('vp.chuyenvien', '/me/notifications', { limit: 1 });
    const second = await api.people.get('vp.chuyenvien', '/me/notifications', { limit: 1, cursor: paged.body.nextCursor });
    const rest = await api.people.get('vp.chuyenvien', '/me/notifications', { limit: 1, cursor: second.body.nextCursor });
    expect([...paged.body.items, ...second.body.items, ...rest.body.items].map((n: Body) => n.id)).toEqual(res.body.items.map((n: Body) => n.id));

    // Somebody else's notification does not exist for the caller.
    const foreign = await api.people.post('pgd.b', `/me/notifications/${newest.id}/read`);
    expect([foreign.status, foreign.body.code]).toEqual([404, 'NOTIFICATION_NOT_FOUND']);
    const read = await api.people.post('vp.chuyenvien', `/me/notifications/${newest.id}/read`);
    expect([read.status, read.body]).toEqual([200, { marked: 1, unread: 2 }]);
    expect((await api.people.get('vp.chuyenvien', '/me/inbox/counts')).body.notifications).toBe(2);
    const unread = await api.people.get('vp.chuyenvien', '/me/notifications', { unreadOnly: 'true' });
    expect(unread.body.items.map((n: Body) => n.id)).toEqual(res.body.items.slice(1).map((n: Body) => n.id));
    expect(unread.body.items.map((n: Body) => n.id)).toContain(older.id);

    const all = await api.people.post('vp.chuyenvien', '/me/notifications/read-all');
    expect([all.status, all.body]).toEqual([200, { marked: 2, unread: 0 }]);
    res = await api.people.get('vp.chuyenvien', '/me/notifications');
    expect(res.body.items.every((n: Body) => typeof n.readAt === 'string')).toBe(true);
    // Deputy B's own notifications are untouched.
    expect((await api.people.get('pgd.b', '/me/inbox/counts')).body.notifications).toBe(3);
  });

  it('every box and the search can be served from indexes (EXPLAIN: no sequential scan of tasks)', async () => {
    const plans: string[] = [];
    for (const who of ['vp.truongphong', 'pgd.b', 'btg.chuyenvien', 'pgd.a>giamdoc']) {
      const actor = await t.actor(who);
      const statements: Array<(p: SqlParams, today: string) => string[]> = [
        ...TASK_BOXES.map((b) => (p: SqlParams, today: string) => boxSql(b, actor, p, today)),
        (p, today) => filterSql({ q: 'cai cach' }, p, today),
      ];
      for (const where of statements) {
        const p = new SqlParams();
        const today = p.add(TODAY);
        const sql = `${summarySelectSql(today)} WHERE ${[visibleTaskSql(visibilityOf(actor), p), ...where(p, today)].join(' AND ')}`;
        plans.push(
          await stack.ds.transaction(async (tx) => {
            // A few dozen rows are always read sequentially; with that path priced out, a sequential
            // scan left in the plan means no index can serve the statement.
            await tx.query('SET LOCAL enable_seqscan = off');
            const rows: Array<{ 'QUERY PLAN': string }> = await tx.query(`EXPLAIN ${sql}`, p.values);
            return rows.map((r) => r['QUERY PLAN']).join('\n');
          }),
        );
      }
    }
    expect(plans.filter((plan) => /Seq Scan on tasks /.test(plan))).toEqual([]);

    // The search itself is answered by the trigram index over the folded titles.
    const p = new SqlParams();
    const search = filterSql({ q: 'cai cach' }, p, '$0');
    const plan = await stack.ds.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      const rows: Array<{ 'QUERY PLAN': string }> = await tx.query(`EXPLAIN SELECT t.id FROM tasks t WHERE ${search.join(' AND ')}`, p.values);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('ix_tasks_search_trgm');
  });
});
