import { DataSource } from 'typeorm';
import { dataSourceOptions, MIGRATIONS, TaskNotifier } from '@app/persistence';
import type { RecordEventInput, TaskReadModelPatch } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { TaskReadModelActivities } from '../../apps/worker/src/activities/task-read-model.activities';
import { env, openDataSource, seedTestOrganization, uniqueSuffix } from '../support/stack';

const MINE = 'TaskWhoDecides1765150000000';

/**
 * "Who decides, once" (issue 15): migration TaskWhoDecides on a populated database (tasks written
 * before it existed migrate forward: what they wait on, who decides them and their approver are
 * backfilled), it reverts and re-applies; and the read-model activity writes the same columns from
 * the workflow's patch, again when a reassignment changes the lead unit.
 */
describe('who decides: tasks.awaiting_kind, deciding_user_ids, approver_user_ids', () => {
  it('backfills existing tasks, reverts and re-applies (scratch database with data)', async () => {
    const admin = await openDataSource();
    const name = `planflow_who_decides_${uniqueSuffix()}`;
    const url = new URL(env('DATABASE_URL'));
    url.pathname = `/${name}`;
    const before = MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.name === MINE));
    await admin.query(`CREATE DATABASE "${name}"`);
    let scratch = new DataSource(dataSourceOptions(url.toString(), { migrations: before, logging: false, extra: { max: 1 } }));
    try {
      await scratch.initialize();
      await scratch.runMigrations({ transaction: 'each' });
      const org = await seedTestOrganization(scratch);
      const prefix = org.code.toLowerCase();
      const id = async (sql: string, params: unknown[]) => ((await scratch.query(sql, params)) as Array<{ id: string }>)[0].id;
      const unit = (code: string) => id(`SELECT id FROM units WHERE organization_id = $1 AND code = $2`, [org.organizationId, code]);
      const person = (u: string) => id(`SELECT id FROM users WHERE username = $1`, [`${prefix}.${u}`]);
      const [vp, tcbc, pgdA, pgdB, director] = [await unit('VP'), await unit('TCBC'), await person('pgd.a'), await person('pgd.b'), await person('giamdoc')];
      const task = (owner: string | null, state: string, waitingOn: object) =>
        id(
          `INSERT INTO tasks (organization_id, title, owner_unit_id, state, status_word, workflow_id, waiting_on)
           VALUES ($1, 'Nhiệm vụ có từ trước', $2, $3, 'OPEN_ON_TIME', $4, $5) RETURNING id`,
          [org.organizationId, owner, state, `old-${uniqueSuffix()}`, JSON.stringify(waitingOn)],
        );
      const approval = await task(vp, 'AWAITING_APPROVAL', { kind: 'approver', unitIds: [vp], text: 'Chờ lãnh đạo Sở phụ trách phê duyệt' });
      const extension = await task(tcbc, 'DRAFTING', { kind: 'extension_decision', unitIds: [], text: 'Chờ lãnh đạo quyết định gia hạn' });
      const group = await task(null, 'PENDING_TRIGGER', {}); // a group-led parent of the foundation slice: no snapshot
      const done = await task(vp, 'COMPLETED', { kind: 'nobody', unitIds: [], text: 'Đã hoàn thành' });

      await scratch.destroy();
      // Migrations up to this one, so undoLastMigration() runs its down() whatever comes after it.
      const upToMine = MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.name === MINE) + 1);
      scratch = new DataSource(dataSourceOptions(url.toString(), { migrations: upToMine, logging: false, extra: { max: 1 } }));
      await scratch.initialize();
      await scratch.runMigrations({ transaction: 'each' });
      const row = async (taskId: string) =>
        (
          await scratch.query(`SELECT awaiting_kind, deciding_user_ids::text[] AS deciding, approver_user_ids::text[] AS approver FROM tasks WHERE id = $1`, [
            taskId,
          ])
        )[0];
      const sorted = (xs: string[]) => [...xs].sort();
      const a = await row(approval);
      expect(a.awaiting_kind).toBe('approver');
      expect(sorted(a.deciding)).toEqual(sorted([pgdA, director])); // deputy A holds VP; the director decides everything
      expect(a.approver).toEqual([pgdA]);
      const e = await row(extension);
      expect(e.awaiting_kind).toBe('extension_decision');
      expect(sorted(e.deciding)).toEqual(sorted([pgdB, director]));
      expect(e.approver).toEqual([pgdB]);
      const g = await row(group);
      expect(g).toEqual({ awaiting_kind: 'monitor', deciding: [director], approver: [director] });
      expect((await row(done)).awaiting_kind).toBe('nobody');
      const [index] = await scratch.query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_tasks_deciding_users'`);
      expect(index.indexdef).toMatch(/USING gin \(deciding_user_ids\)/);

      await scratch.undoLastMigration({ transaction: 'each' });
      const columns = async () =>
        (
          await scratch.query(
            `SELECT column_name FROM information_schema.columns WHERE table_name = 'tasks' AND column_name IN ('awaiting_kind', 'deciding_user_ids', 'approver_user_ids') ORDER BY 1`,
          )
        ).map((c: { column_name: string }) => c.column_name);
      expect(await columns()).toEqual([]);
      await scratch.runMigrations({ transaction: 'each' });
      expect(await columns()).toEqual(['approver_user_ids', 'awaiting_kind', 'deciding_user_ids']);
      expect((await row(approval)).approver).toEqual([pgdA]);
    } finally {
      if (scratch.isInitialized) await scratch.destroy();
      await admin.query(`DROP DATABASE "${name}"`);
      await admin.destroy();
    }
  });

  it('the read-model activity writes them from the workflow patch, again when the lead unit changes', async () => {
    const ds = await openDataSource();
    try {
      const org = await seedTestOrganization(ds);
      const prefix = org.code.toLowerCase();
      const one = async (sql: string, params: unknown[]) => ((await ds.query(sql, params)) as Array<{ id: string }>)[0].id;
      const vp = await one(`SELECT id FROM units WHERE organization_id = $1 AND code = 'VP'`, [org.organizationId]);
      const tcbc = await one(`SELECT id FROM units WHERE organization_id = $1 AND code = 'TCBC'`, [org.organizationId]);
      const pgdA = await one(`SELECT id FROM users WHERE username = $1`, [`${prefix}.pgd.a`]);
      const pgdB = await one(`SELECT id FROM users WHERE username = $1`, [`${prefix}.pgd.b`]);
      const director = await one(`SELECT id FROM users WHERE username = $1`, [`${prefix}.giamdoc`]);
      const taskId = await one(
        `INSERT INTO tasks (organization_id, title, owner_unit_id, state, status_word, workflow_id) VALUES ($1, 'Nhiệm vụ mới', $2, 'DRAFTING', 'OPEN_ON_TIME', $3) RETURNING id`,
        [org.organizationId, vp, `new-${uniqueSuffix()}`],
      );
      const activities = new TaskReadModelActivities(ds, new TaskNotifier({ publicUrl: 'https://planflow.example' }));
      const patch = (ownerUnitId: string, kind: TaskReadModelPatch['waitingOn']['kind'], state: TaskReadModelPatch['state']): TaskReadModelPatch => ({
        state,
        dueOn: null,
        extendedDueOn: null,
        ownerUnitId,
        coordinatingUnitIds: [],
        pendingReviewUnitIds: [],
        completedOn: null,
        progressPercent: 0,
        milestones: [],
        waitingOn: { kind, unitIds: [], text: '' },
        detail: { taskId, state, version: 0, dueOn: null, originalDueOn: null, commentCount: 0 },
      });
      const event = (version: number, type: string, task: TaskReadModelPatch): RecordEventInput => ({
        taskId,
        organizationId: org.organizationId,
        workflowId: `wf-${taskId}`,
        eventKey: `${type}:${version}`,
        type,
        actor: null,
        fromState: null,
        toState: task.state,
        version,
        dueOn: null,
        occurredAt: new Date().toISOString(),
        payload: {},
        task,
      });
      const row = async () =>
        (await ds.query(`SELECT awaiting_kind, deciding_user_ids::text[] AS deciding, approver_user_ids::text[] AS approver FROM tasks WHERE id = $1`, [taskId]))[0];

      await activities.recordTaskEvent(event(1, 'CREATED', patch(vp, 'lead_unit', 'DRAFTING')));
      expect(await row()).toMatchObject({ awaiting_kind: 'lead_unit', approver: [pgdA] });
      expect([...(await row()).deciding].sort()).toEqual([pgdA, director].sort());
      await activities.recordTaskEvent(event(2, 'SUBMITTED_FOR_APPROVAL', patch(vp, 'approver', 'AWAITING_APPROVAL')));
      expect((await row()).awaiting_kind).toBe('approver');
      await activities.recordTaskEvent(event(3, 'REASSIGNED', patch(tcbc, 'lead_unit', 'DRAFTING')));
      expect(await row()).toMatchObject({ awaiting_kind: 'lead_unit', approver: [pgdB] });
      expect([...(await row()).deciding].sort()).toEqual([pgdB, director].sort());
    } finally {
      await ds.destroy();
    }
  });
});
