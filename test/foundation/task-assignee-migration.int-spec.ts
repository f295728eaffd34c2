import { DataSource } from 'typeorm';
import { dataSourceOptions, MIGRATIONS } from '@app/persistence';
import { env, openDataSource, seedTestOrganization, uniqueSuffix } from '../support/stack';

const MINE = 'TaskAssignee1765151000000';

/**
 * Migration TaskAssignee (issue 19 item 4) on a populated database: tasks written before it keep
 * everything and have no assignee (null); the column takes a person and the partial index exists.
 */
describe('tasks.assignee_user_id migrates a populated database forward', () => {
  it('existing tasks get a null assignee; the column and its index are there', async () => {
    const admin = await openDataSource();
    const name = `planflow_assignee_${uniqueSuffix()}`;
    const url = new URL(env('DATABASE_URL'));
    url.pathname = `/${name}`;
    const before = MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.name === MINE));
    expect(before.length).toBeGreaterThan(0);
    await admin.query(`CREATE DATABASE "${name}"`);
    let scratch = new DataSource(dataSourceOptions(url.toString(), { migrations: before, logging: false, extra: { max: 1 } }));
    try {
      await scratch.initialize();
      await scratch.runMigrations({ transaction: 'each' });
      const org = await seedTestOrganization(scratch);
      const [vp] = await scratch.query(`SELECT id FROM units WHERE organization_id = $1 AND code = 'VP'`, [org.organizationId]);
      const [task] = await scratch.query(
        `INSERT INTO tasks (organization_id, title, owner_unit_id, state, status_word, workflow_id) VALUES ($1, 'Nhiệm vụ có từ trước', $2, 'DRAFTING', 'OPEN_ON_TIME', $3) RETURNING id`,
        [org.organizationId, vp.id, `old-${uniqueSuffix()}`],
      );
      await scratch.destroy();
      scratch = new DataSource(dataSourceOptions(url.toString(), { migrations: MIGRATIONS, logging: false, extra: { max: 1 } }));
      await scratch.initialize();
      await scratch.runMigrations({ transaction: 'each' });
      const [row] = await scratch.query(`SELECT title, state, owner_unit_id, assignee_user_id FROM tasks WHERE id = $1`, [task.id]);
      expect(row).toEqual({ title: 'Nhiệm vụ có từ trước', state: 'DRAFTING', owner_unit_id: vp.id, assignee_user_id: null });
      const [officer] = await scratch.query(`SELECT id FROM users WHERE organization_id = $1 AND username LIKE '%.vp.chuyenvien'`, [org.organizationId]);
      await scratch.query(`UPDATE tasks SET assignee_user_id = $2 WHERE id = $1`, [task.id, officer.id]);
      expect((await scratch.query(`SELECT assignee_user_id FROM tasks WHERE id = $1`, [task.id]))[0].assignee_user_id).toBe(officer.id);
      const [index] = await scratch.query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_tasks_assignee'`);
      expect(index.indexdef).toMatch(/\(organization_id, assignee_user_id\) WHERE \(assignee_user_id IS NOT NULL\)/);
    } finally {
      if (scratch.isInitialized) await scratch.destroy();
      await admin.query(`DROP DATABASE "${name}"`);
      await admin.destroy();
    }
  }, 120_000);
});
