import type { Actor } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { SqlParams } from './sql-params';
import { accessSql, visibilityOf, visibleTaskSql } from './task-access.repository';

const ORG = '00000000-0000-4000-8000-000000000001';
const VP = '00000000-0000-4000-8000-0000000000a1';
const CCHC = '00000000-0000-4000-8000-0000000000a2';
const BTG = '00000000-0000-4000-8000-0000000000a3';

function actor(roles: string[], extra: Partial<Actor> = {}): Actor {
  return { userId: 'u', unitId: null, roles, organizationId: ORG, ...extra };
}

describe('task visibility', () => {
  it.each([
    ['the monitor', actor(['officer', 'monitor'], { unitId: VP }), { all: true, unitIds: [] }],
    ['the director', actor(['director']), { all: true, unitIds: [] }],
    ['a deputy signing KT. for the director', actor(['deputyDirector'], { portfolioUnitIds: [BTG], onBehalfOfUserId: 'd', onBehalfOfRoles: ['director'] }), { all: true, unitIds: [] }],
    ['an officer: their unit', actor(['officer'], { unitId: BTG }), { all: false, unitIds: [BTG] }],
    ['a unit head: their unit', actor(['unitHead'], { unitId: CCHC }), { all: false, unitIds: [CCHC] }],
    ['a deputy: the portfolio', actor(['deputyDirector'], { portfolioUnitIds: [VP, CCHC] }), { all: false, unitIds: [VP, CCHC].sort() }],
    ['the administrator: nothing', actor(['admin']), { all: false, unitIds: [] }],
    ['somebody with a unit but no staff role: nothing', actor(['admin'], { unitId: VP }), { all: false, unitIds: [] }],
  ])('%s', (_who, a, expected) => {
    expect(visibilityOf(a)).toEqual({ organizationId: ORG, ...expected });
  });

  it('never widens to every organization: an actor without one is a programming error', () => {
    expect(() => visibilityOf({ userId: 'u', unitId: null, roles: ['director'] })).toThrow(/without organization/);
  });

  it('builds one parameterized filter: organization, then the units that lead or coordinate', () => {
    const p = new SqlParams();
    const sql = visibleTaskSql(visibilityOf(actor(['deputyDirector'], { portfolioUnitIds: [VP] })), p);
    expect(sql).toContain('t.organization_id = $1::uuid');
    expect(sql).toMatch(/t\.id IN \(SELECT tu\.task_id FROM task_units tu WHERE tu\.unit_id = ANY\(\$2::uuid\[\]\)/);
    expect(sql).toContain('ot.owner_unit_id = ANY($2::uuid[])');
    expect(p.values).toEqual([ORG, [VP]]);
  });

  it('is TRUE for whoever sees everything and FALSE for whoever sees nothing, without parameters', () => {
    const p = new SqlParams();
    expect(accessSql(visibilityOf(actor(['director'])), p)).toBe('TRUE');
    expect(accessSql(visibilityOf(actor(['admin'])), p)).toBe('FALSE');
    expect(p.values).toEqual([]);
  });
});
