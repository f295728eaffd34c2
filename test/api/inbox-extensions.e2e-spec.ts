import { boxSql, SqlParams, summarySelectSql, visibilityOf, visibleTaskSql } from '@app/persistence';
import { LifecycleDriver } from '../lifecycle/support';
import { useStack } from '../support/stack';
import { day, provisionTask, route, TODAY, useApiApp } from './support';

type Body = Record<string, unknown>;

/**
 * The leadership inbox's `extensions` box over HTTP: a request of a drafting task (VP, deputy A's
 * portfolio) and one of a task awaiting approval (TCBC, deputy B's) reach the leaders who decide
 * them (the deputy in charge, the director, a deputy signing KT.) and nobody else, are counted, and
 * leave the box once decided; the box is served by its partial index. And `GET /me/delegations`:
 * whom the caller may sign for, by the rule of X-On-Behalf-Of.
 */
describe('inbox: extension requests waiting for leadership, and whom a deputy signs for', () => {
  const stack = useStack('api-inbox-extensions');
  const api = useApiApp(stack);
  let t: LifecycleDriver;
  const ids: Record<string, string> = {};

  const act = async (who: string, key: string, action: string, body: Body = {}): Promise<Body> => {
    const res = await api.people.post(who, `/tasks/${ids[key]}/${route(action)}`, body);
    if (res.status !== 200) throw new Error(`${action} by ${who}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.task as Body;
  };
  const box = async (who: string): Promise<string[]> => {
    const res = await api.people.get(who, '/me/inbox', { box: 'extensions' });
    if (res.status !== 200) throw new Error(`extensions of ${who}: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body.items as Array<{ id: string }>).map((i) => Object.keys(ids).find((k) => ids[k] === i.id) ?? i.id).sort();
  };
  const count = async (who: string): Promise<number> => (await api.people.get(who, '/me/inbox/counts')).body.extensions;

  beforeAll(async () => {
    t = new LifecycleDriver(stack);
    const specs = {
      X: { title: 'Sổ tay nghiệp vụ văn phòng', owner: 'VP', dueOn: day(20) },
      Y: { title: 'Đề án vị trí việc làm', owner: 'TCBC', dueOn: day(25) },
      Z: { title: 'Báo cáo cải cách hành chính quý', owner: 'CCHC', dueOn: day(30) },
    };
    await Promise.all(
      Object.entries(specs).map(async ([key, spec]) => {
        ids[key] = (await provisionTask(stack, { key: `ext-${key}`, ...spec })).taskId;
      }),
    );
    await act('vp.truongphong', 'X', 'requestExtension', { reason: 'Chờ ý kiến của Bộ Nội vụ', newDueOn: day(40) });
    // Y asks while it waits for approval: not only a drafting task's request reaches the box.
    await act('tcbc.chuyenvien', 'Y', 'saveDraft', { text: 'Đề án' });
    expect((await act('tcbc.truongphong', 'Y', 'submit')).state).toBe('AWAITING_APPROVAL');
    await act('tcbc.truongphong', 'Y', 'requestExtension', { reason: 'Bổ sung số liệu biên chế', newDueOn: day(45) });
  }, 120_000);

  it('holds the requests the person decides, and counts them', async () => {
    expect(await box('pgd.a')).toEqual(['X']);
    expect(await box('pgd.b')).toEqual(['Y']);
    expect(await box('giamdoc')).toEqual(['X', 'Y']);
    expect(await box('pgd.a>giamdoc')).toEqual(['X', 'Y']);
    for (const who of ['vp.truongphong', 'tcbc.truongphong', 'cchc.truongphong', 'vp.chuyenvien', 'quantri']) expect(await box(who)).toEqual([]);
    expect([await count('pgd.a'), await count('pgd.b'), await count('giamdoc'), await count('pgd.a>giamdoc'), await count('vp.truongphong')]).toEqual([1, 1, 2, 2, 0]);
    // The box takes the filters of every task list.
    expect((await api.people.get('giamdoc', '/me/inbox', { box: 'extensions', q: 'vi tri viec lam' })).body.items.map((i: Body) => i.id)).toEqual([ids.Y]);
  });

  it('is served by its partial index (EXPLAIN)', async () => {
    for (const who of ['giamdoc', 'pgd.b']) {
      const actor = await t.actor(who);
      const p = new SqlParams();
      const today = p.add(TODAY);
      const sql = `${summarySelectSql(today)} WHERE ${[visibleTaskSql(visibilityOf(actor), p), ...boxSql('extensions', actor, p, today)].join(' AND ')}`;
      const plan = await stack.ds.transaction(async (tx) => {
        await tx.query('SET LOCAL enable_seqscan = off');
        const rows: Array<{ 'QUERY PLAN': string }> = await tx.query(`EXPLAIN ${sql}`, p.values);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      });
      expect(plan).not.toMatch(/Seq Scan on tasks /);
      if (who === 'giamdoc') expect(plan).toContain('ix_tasks_extension_pending');
    }
  });

  it('a decision takes the request out of the box', async () => {
    await act('pgd.b', 'Y', 'decideExtension', { decision: 'refuse', comment: 'Hoàn thành theo hạn đã giao' });
    expect(await box('pgd.b')).toEqual([]);
    expect(await box('giamdoc')).toEqual(['X']);
    const granted = await act('pgd.a>giamdoc', 'X', 'decideExtension', { decision: 'grant_other_date', newDueOn: day(30) });
    expect(granted.extendedDueOn).toBe(day(30));
    expect([await box('giamdoc'), await box('pgd.a')]).toEqual([[], []]);
    expect([await count('giamdoc'), await count('pgd.a')]).toEqual([0, 0]);
  });

  it('GET /me/delegations: the grants a deputy holds (in force and upcoming), nobody else any', async () => {
    const director = { username: api.people.username('giamdoc'), fullName: 'Lê Minh Tuấn', title: 'Giám đốc' };
    // pgd.a signed "KT." above: the harness recorded a grant for it (test/api/support.ts People).
    for (const who of ['pgd.a', 'pgd.a>giamdoc']) {
      const res = await api.people.get(who, '/me/delegations');
      expect(res.status).toBe(200);
      expect(res.body).toEqual([
        { userId: expect.any(String), ...director, grantId: expect.any(String), startsOn: day(-30), endsOn: day(30), inForce: true, unitCodes: null, actions: null },
      ]);
    }
    // pgd.b has none yet: an empty list, and the header is refused.
    expect((await api.people.get('pgd.b', '/me/delegations')).body).toEqual([]);
    for (const who of ['giamdoc', 'vp.truongphong', 'cchc.chuyenvien', 'quantri']) expect((await api.people.get(who, '/me/delegations')).body).toEqual([]);
    // What the list offers, the header accepts; what it does not, the header refuses.
    const [offered] = (await api.people.get('pgd.a', '/me/delegations')).body as Array<{ username: string; userId: string }>;
    expect((await api.people.get('pgd.a>giamdoc', '/me')).body.actingOnBehalfOf).toEqual({ userId: offered.userId, fullName: 'Lê Minh Tuấn' });
    expect((await api.people.get('vp.truongphong>giamdoc', '/me')).body.code).toBe('DELEGATION_NOT_GRANTED');
  });
});
