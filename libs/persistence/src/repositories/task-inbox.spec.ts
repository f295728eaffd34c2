import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { SqlParams } from './sql-params';
import { boxImpliesAccess, boxSql, extensionPendingSql, TASK_BOXES } from './task-inbox.repository';

const ORG = '00000000-0000-4000-8000-000000000001';
const VP = '00000000-0000-4000-8000-0000000000a1';
const CCHC = '00000000-0000-4000-8000-0000000000a2';

function actor(roles: string[], extra: Partial<Actor> = {}): Actor {
  return { userId: 'u-1', unitId: null, roles, organizationId: ORG, ...extra };
}

function sql(box: (typeof TASK_BOXES)[number], a: Actor): { where: string; values: unknown[] } {
  const p = new SqlParams();
  const today = p.add('2026-11-24');
  return { where: boxSql(box, a, p, today).join(' AND '), values: p.values.slice(1) };
}

describe('inbox boxes', () => {
  it('draft and review belong to a unit’s staff; nobody else has them', () => {
    expect(sql('draft', actor(['officer'], { unitId: VP }))).toEqual({ where: `t.owner_unit_id = $2::uuid AND t.state = 'DRAFTING'`, values: [VP] });
    expect(sql('review', actor(['unitHead'], { unitId: CCHC })).values).toEqual([CCHC]);
    expect(sql('review', actor(['unitHead'], { unitId: CCHC })).where).toContain('pending_review_unit_ids @> ARRAY[$2::uuid]');
    for (const a of [actor(['director']), actor(['deputyDirector'], { portfolioUnitIds: [VP] }), actor(['admin'], { unitId: VP })]) {
      expect(sql('draft', a).where).toBe('FALSE');
      expect(sql('review', a).where).toBe('FALSE');
    }
  });

  it('approve: the tasks whose stored deciders (tasks.deciding_user_ids) hold me, or under KT. the director', () => {
    const decides = (people: string[]) => ({ where: `t.state = 'AWAITING_APPROVAL' AND t.deciding_user_ids && $2::uuid[]`, values: [people] });
    expect(sql('approve', actor(['director']))).toEqual(decides(['u-1']));
    expect(sql('approve', actor(['deputyDirector'], { onBehalfOfUserId: 'gd', onBehalfOfRoles: ['director'] }))).toEqual(decides(['u-1', 'gd']));
    expect(sql('approve', actor(['deputyDirector'], { portfolioUnitIds: [VP, CCHC] }))).toEqual(decides(['u-1']));
    // No SQL copy of the portfolio rule: the worker wrote who decides from the action registry.
    expect(sql('approve', actor(['deputyDirector'], { portfolioUnitIds: [VP, CCHC] })).where).not.toContain('owner_unit_id');
  });

  it('extensions: a pending request in the snapshot, decided by the same stored deciders, in the partial index’s own words', () => {
    const pending = `(t.detail #>> '{extensions,pending}') IS NOT NULL`;
    expect(sql('extensions', actor(['director']))).toEqual({ where: `${pending} AND t.deciding_user_ids && $2::uuid[]`, values: [['u-1']] });
    expect(sql('extensions', actor(['deputyDirector'], { onBehalfOfUserId: 'gd', onBehalfOfRoles: ['director'] })).values).toEqual([['u-1', 'gd']]);
    // The migration's index predicate is the box's condition, so the planner matches the two.
    expect(extensionPendingSql('x')).toBe(`(x.detail #>> '{extensions,pending}') IS NOT NULL`);
  });

  it('escalated reads my notifications, and under KT. the director’s as well', () => {
    expect(sql('escalated', actor(['deputyDirector'])).values[0]).toEqual(['u-1']);
    expect(sql('escalated', actor(['deputyDirector'], { onBehalfOfUserId: 'gd', onBehalfOfRoles: ['director'] })).values[0]).toEqual(['u-1', 'gd']);
  });

  it('overdue compares the working end of the deadline in force (day-off rule) with today; waiting is the event rows', () => {
    expect(sql('overdue', actor(['monitor'])).where).toBe(`t.state IN ('DRAFTING','IN_REVIEW','AWAITING_APPROVAL') AND coalesce(t.working_due_on, t.extended_due_on, t.due_on) < $1::date`);
    expect(sql('waiting', actor(['monitor'])).where).toBe(`t.state = 'PENDING_TRIGGER'`);
  });

  it('leaves the access condition out only where the box implies it or checks it itself', () => {
    expect(boxImpliesAccess('approve', actor(['deputyDirector']))).toBe(true);
    expect(boxImpliesAccess('extensions', actor(['director']))).toBe(true);
    expect(boxImpliesAccess('escalated', actor(['unitHead']))).toBe(true);
    expect(boxImpliesAccess('approve', actor(['unitHead']))).toBe(false);
    for (const box of ['draft', 'review', 'overdue', 'waiting'] as const) expect(boxImpliesAccess(box, actor(['deputyDirector']))).toBe(false);
    // escalated probes the same rule as the listings' access condition, per task.
    expect(sql('escalated', actor(['unitHead'], { unitId: VP })).where).toContain('t.owner_unit_id = ANY(');
    expect(sql('escalated', actor(['unitHead'], { unitId: VP })).where).toContain('EXISTS (SELECT 1 FROM task_units tu WHERE tu.task_id = t.id AND tu.unit_id = ANY(');
  });
});
