import { DataSource } from 'typeorm';
import { NewPlanRow, NewPlanTaskRow, STORE_BATCH, storePlanImport } from '@app/persistence';
import { openDataSource, seedTestOrganization, uniqueSuffix } from '../support/stack';

/**
 * The store of a plan import (libs/persistence `storePlanImport`) on the real Postgres, without
 * Temporal: one transaction, rows keyed by business keys, an existing row kept as it is with its
 * units and milestones, batches of STORE_BATCH.
 */
describe('storePlanImport', () => {
  let ds: DataSource;
  let org: { code: string; organizationId: string };

  beforeAll(async () => {
    ds = await openDataSource();
    org = await seedTestOrganization(ds);
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  const planRow = (planKey: string, title = 'Kế hoạch thử'): NewPlanRow => ({
    planKey,
    number: '12/KH-SNV',
    title,
    issuer: 'SỞ NỘI VỤ',
    place: 'Bình Định',
    issuedOn: '2023-01-05',
    startYear: 2023,
    endYear: 2023,
    signerName: 'Nguyễn Văn A',
    signedOnBehalf: false,
    sourceFileName: 'ke-hoach.txt',
    sourceChecksum: 'abc',
  });

  const task = (workflowId: string, over: Partial<NewPlanTaskRow> = {}): NewPlanTaskRow => ({
    workflowId,
    parentWorkflowId: null,
    sectionCode: 'I',
    rowKey: workflowId.split('-row-')[1] ?? workflowId,
    title: `Nhiệm vụ ${workflowId}`,
    searchText: `nhiem vu ${workflowId}`,
    leadRaw: 'Văn phòng Sở',
    coordinatingRaw: 'Thanh tra Sở',
    timelineRaw: 'Tháng 3/2023',
    note: '',
    extra: {},
    ownerUnitCode: 'VP',
    state: 'DRAFTING',
    statusWord: 'OPEN_ON_TIME',
    dueOn: '2023-03-31',
    units: [
      { unitCode: 'VP', role: 'lead', viaGroup: null },
      { unitCode: 'TTRA', role: 'coordinating', viaGroup: null },
    ],
    milestones: [{ label: '', kind: 'deadline', dueOn: '2023-03-31', trigger: null }],
    ...over,
  });

  const countsOf = async (planId: string) => {
    const [r] = await ds.query(
      `SELECT (SELECT count(*)::int FROM tasks WHERE plan_id = $1) AS tasks,
              (SELECT count(*)::int FROM plan_sections WHERE plan_id = $1) AS sections,
              (SELECT count(*)::int FROM task_units tu JOIN tasks t ON t.id = tu.task_id WHERE t.plan_id = $1) AS units,
              (SELECT count(*)::int FROM milestones m JOIN tasks t ON t.id = m.task_id WHERE t.plan_id = $1) AS milestones`,
      [planId],
    );
    return r as { tasks: number; sections: number; units: number; milestones: number };
  };

  it('stores the plan, its sections, a row and a group-led row with its unit tasks; the same again creates nothing and keeps what is stored', async () => {
    const key = `plan-${uniqueSuffix()}`;
    const tasksOf = (planId: string, title?: string) => {
      const row = (n: string) => `plan-${planId}-row-I.${n}`;
      return {
        rows: [
          task(row('1'), title ? { title } : {}),
          task(row('2'), { ownerUnitCode: null, units: [{ unitCode: 'VP', role: 'lead', viaGroup: 'ALL_UNITS' }, { unitCode: 'CCVC', role: 'lead', viaGroup: 'ALL_UNITS' }] }),
          task(row('3'), { sectionCode: 'IX', state: 'PENDING_TRIGGER', statusWord: 'WAITING', dueOn: null, milestones: [] }),
        ],
        unitTasks: ['VP', 'CCVC'].map((code) =>
          task(`${row('2')}/${code}`, { parentWorkflowId: row('2'), rowKey: `I.2/${code}`, ownerUnitCode: code, units: [{ unitCode: code, role: 'lead', viaGroup: 'ALL_UNITS' }] }),
        ),
      };
    };
    const sections = [
      { code: 'I', title: 'Mục I' },
      { code: 'II', title: 'Mục II' },
    ];
    const first = await storePlanImport(ds, { organizationCode: org.code, plan: planRow(key), sections, tasksOf: (id) => tasksOf(id) });
    expect(first.organizationId).toBe(org.organizationId);
    expect(first.unitIds.get('VP')).toEqual(expect.any(String));
    expect(first.calendar).toBeDefined();
    const wf = (n: string) => `plan-${first.planId}-row-I.${n}`;
    expect([...first.tasks.keys()].sort()).toEqual([wf('1'), wf('2'), `${wf('2')}/CCVC`, `${wf('2')}/VP`, wf('3')].sort());
    expect([...first.tasks.values()].every((t) => t.created)).toBe(true);
    expect(await countsOf(first.planId)).toEqual({ tasks: 5, sections: 2, units: 2 + 2 + 2 + 1 + 1, milestones: 4 });

    const stored: Array<{ workflow_id: string; parent: string | null; section: string | null; owner: string | null; state: string; status_word: string; due_on: string | null }> =
      await ds.query(
        `SELECT t.workflow_id, p.workflow_id AS parent, s.code AS section, u.code AS owner, t.state, t.status_word, to_char(t.due_on, 'YYYY-MM-DD') AS due_on
         FROM tasks t LEFT JOIN tasks p ON p.id = t.parent_task_id LEFT JOIN plan_sections s ON s.id = t.section_id LEFT JOIN units u ON u.id = t.owner_unit_id
         WHERE t.plan_id = $1 ORDER BY t.workflow_id`,
        [first.planId],
      );
    expect(stored).toEqual([
      { workflow_id: wf('1'), parent: null, section: 'I', owner: 'VP', state: 'DRAFTING', status_word: 'OPEN_ON_TIME', due_on: '2023-03-31' },
      { workflow_id: wf('2'), parent: null, section: 'I', owner: null, state: 'DRAFTING', status_word: 'OPEN_ON_TIME', due_on: '2023-03-31' },
      { workflow_id: `${wf('2')}/CCVC`, parent: wf('2'), section: 'I', owner: 'CCVC', state: 'DRAFTING', status_word: 'OPEN_ON_TIME', due_on: '2023-03-31' },
      { workflow_id: `${wf('2')}/VP`, parent: wf('2'), section: 'I', owner: 'VP', state: 'DRAFTING', status_word: 'OPEN_ON_TIME', due_on: '2023-03-31' },
      // A section the plan does not list stores no section.
      { workflow_id: wf('3'), parent: null, section: null, owner: 'VP', state: 'PENDING_TRIGGER', status_word: 'WAITING', due_on: null },
    ]);

    // Again, with a changed title of the plan, a section's title and a row's title: the same rows, kept as they were.
    const again = await storePlanImport(ds, {
      organizationCode: org.code,
      plan: planRow(key, 'Tiêu đề khác'),
      sections: [{ code: 'I', title: 'Mục I (sửa)' }, ...sections.slice(1)],
      tasksOf: (id) => tasksOf(id, 'Nội dung đã sửa'),
    });
    expect(again.planId).toBe(first.planId);
    expect([...again.tasks.entries()].sort()).toEqual([...first.tasks.entries()].map(([id, t]) => [id, { ...t, created: false }]).sort());
    expect(await countsOf(first.planId)).toEqual({ tasks: 5, sections: 2, units: 8, milestones: 4 });
    const [kept] = await ds.query(
      `SELECT p.title AS plan, s.title AS section, t.title AS task FROM tasks t JOIN plans p ON p.id = t.plan_id JOIN plan_sections s ON s.id = t.section_id WHERE t.workflow_id = $1`,
      [wf('1')],
    );
    expect(kept).toEqual({ plan: 'Kế hoạch thử', section: 'Mục I', task: `Nhiệm vụ ${wf('1')}` });
  });

  it('stores more rows than a batch, unit tasks pointing at rows of another batch', async () => {
    const n = STORE_BATCH + 5;
    const result = await storePlanImport(ds, {
      organizationCode: org.code,
      plan: planRow(`plan-${uniqueSuffix()}`),
      sections: [{ code: 'I', title: 'Mục I' }],
      tasksOf: (planId) => {
        const row = (i: number) => `plan-${planId}-row-I.${i}`;
        return {
          rows: Array.from({ length: n }, (_, i) => task(row(i + 1))),
          unitTasks: [1, n].map((i) => task(`${row(i)}/CCVC`, { parentWorkflowId: row(i), ownerUnitCode: 'CCVC', units: [{ unitCode: 'CCVC', role: 'lead', viaGroup: null }] })),
        };
      },
    });
    expect(result.tasks.size).toBe(n + 2);
    expect(await countsOf(result.planId)).toEqual({ tasks: n + 2, sections: 1, units: 2 * n + 2, milestones: n + 2 });
    const parents: Array<{ workflow_id: string; parent: string }> = await ds.query(
      `SELECT t.workflow_id, p.workflow_id AS parent FROM tasks t JOIN tasks p ON p.id = t.parent_task_id WHERE t.plan_id = $1 ORDER BY t.row_key`,
      [result.planId],
    );
    expect(parents.map((p) => p.parent).sort()).toEqual([`plan-${result.planId}-row-I.1`, `plan-${result.planId}-row-I.${n}`].sort());
  });

  it('a workflow id given twice stores nothing (the transaction is rolled back)', async () => {
    const key = `plan-${uniqueSuffix()}`;
    await expect(
      storePlanImport(ds, {
        organizationCode: org.code,
        plan: planRow(key),
        sections: [{ code: 'I', title: 'Mục I' }],
        tasksOf: (planId) => ({ rows: [task(`plan-${planId}-row-I.1`), task(`plan-${planId}-row-I.1`)], unitTasks: [] }),
      }),
    ).rejects.toThrow(/given twice/);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM plans WHERE organization_id = $1 AND plan_key = $2`, [org.organizationId, key]);
    expect(n).toBe(0);
  });
});
