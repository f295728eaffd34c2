import { DataSource } from 'typeorm';
import { DEMO_ORG } from '@app/domain/units/demo-org';
import { dataSourceOptions, DEMO_PEOPLE, MIGRATIONS } from '@app/persistence';
import { env, openDataSource, seedTestOrganization, uniqueSuffix } from '../support/stack';

describe('schema and seed on the real Postgres', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await openDataSource();
  });
  afterAll(async () => ds?.destroy());

  it('every migration is applied and the entities match the migrated schema (no drift)', async () => {
    const applied: Array<{ name: string }> = await ds.query(`SELECT name FROM schema_migrations ORDER BY id`);
    expect(applied.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => m.name));
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('the task lifecycle read-model migration reverts and re-applies cleanly (in a scratch database)', async () => {
    const columns = ['completed_on', 'current_milestone', 'detail', 'pending_review_unit_ids', 'progress_percent', 'waiting_on'];
    const indexes = ['ix_tasks_parent', 'ix_tasks_pending_review_units'];
    const name = `planflow_migrations_${uniqueSuffix()}`;
    const url = new URL(env('DATABASE_URL'));
    url.pathname = `/${name}`;
    // Migrations up to this one, so undoLastMigration() runs its down() whatever comes after it.
    const upTo = MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.name === 'TaskLifecycleReadModel1764100000000') + 1);
    expect(upTo.length).toBeGreaterThan(1);
    await ds.query(`CREATE DATABASE "${name}"`);
    const scratch = new DataSource(dataSourceOptions(url.toString(), { migrations: upTo, logging: false, extra: { max: 1 } }));
    const taskColumns = async (): Promise<string[]> =>
      (await scratch.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'tasks' ORDER BY column_name`)).map(
        (c: { column_name: string }) => c.column_name,
      );
    const taskIndexes = async (): Promise<string[]> =>
      (await scratch.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'tasks' ORDER BY indexname`)).map((i: { indexname: string }) => i.indexname);
    try {
      await scratch.initialize();
      await scratch.runMigrations({ transaction: 'each' });
      const [columnsUp, indexesUp] = [await taskColumns(), await taskIndexes()];
      expect(columnsUp).toEqual(expect.arrayContaining(columns));
      expect(indexesUp).toEqual(expect.arrayContaining(indexes));
      const [gin] = await scratch.query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_tasks_pending_review_units'`);
      expect(gin.indexdef).toMatch(/USING gin \(pending_review_unit_ids\)/);

      await scratch.undoLastMigration({ transaction: 'each' });
      expect(await taskColumns()).toEqual(columnsUp.filter((c) => !columns.includes(c)));
      expect(await taskIndexes()).toEqual(indexesUp.filter((i) => !indexes.includes(i)));

      await scratch.runMigrations({ transaction: 'each' });
      expect(await taskColumns()).toEqual(columnsUp);
      expect(await taskIndexes()).toEqual(indexesUp);
    } finally {
      if (scratch.isInitialized) await scratch.destroy();
      await ds.query(`DROP DATABASE "${name}"`);
    }
  });

  it('the audit log is append-only: UPDATE, DELETE and TRUNCATE are refused', async () => {
    const org = await seedTestOrganization(ds);
    const [task] = await ds.query(
      `INSERT INTO tasks (organization_id, title, state, status_word, workflow_id) VALUES ($1, 'x', 'DRAFTING', 'OPEN_ON_TIME', $2) RETURNING id`,
      [org.organizationId, `audit-${org.code}`],
    );
    await ds.query(
      `INSERT INTO task_events (organization_id, task_id, workflow_id, event_key, type, version, occurred_at) VALUES ($1, $2, 'wf', 'created', 'CREATED', 1, now())`,
      [org.organizationId, task.id],
    );
    await expect(ds.query(`UPDATE task_events SET type = 'X' WHERE task_id = $1`, [task.id])).rejects.toThrow(/append-only/);
    await expect(ds.query(`DELETE FROM task_events WHERE task_id = $1`, [task.id])).rejects.toThrow(/append-only/);
    // Notifications reference their event, so a plain TRUNCATE is refused by that foreign key
    // first; with CASCADE it reaches the trigger, which refuses it (and nothing is truncated).
    await expect(ds.query(`TRUNCATE task_events`)).rejects.toThrow(/append-only|referenced in a foreign key/);
    await expect(ds.query(`TRUNCATE task_events CASCADE`)).rejects.toThrow(/append-only/);
    const [{ count }] = await ds.query(`SELECT count(*)::int AS count FROM task_events WHERE task_id = $1`, [task.id]);
    expect(count).toBe(1);
  });

  it('the demo organization seed is complete and idempotent', async () => {
    const counts = async (orgId: string) => {
      const [r] = await ds.query(
        `SELECT (SELECT count(*)::int FROM units WHERE organization_id = $1) AS units,
                (SELECT count(*)::int FROM users WHERE organization_id = $1) AS users,
                (SELECT count(*)::int FROM deputy_portfolios p JOIN users u ON u.id = p.user_id WHERE u.organization_id = $1) AS portfolios`,
        [orgId],
      );
      return r;
    };
    const org = await seedTestOrganization(ds);
    const once = await counts(org.organizationId);
    expect(once).toEqual({ units: DEMO_ORG.units.length, users: DEMO_PEOPLE.length, portfolios: 8 });
    const idsBefore = await ds.query(`SELECT id FROM users WHERE organization_id = $1 ORDER BY id`, [org.organizationId]);

    const again = await seedTestOrganization(ds, org.code);
    expect(again.organizationId).toBe(org.organizationId);
    expect(await counts(org.organizationId)).toEqual(once);
    expect(await ds.query(`SELECT id FROM users WHERE organization_id = $1 ORDER BY id`, [org.organizationId])).toEqual(idsBefore);

    const units: Array<{ code: string; kind: string }> = await ds.query(
      `SELECT code, kind FROM units WHERE organization_id = $1 ORDER BY code`,
      [org.organizationId],
    );
    expect(units).toEqual(
      DEMO_ORG.units.map((u) => ({ code: u.code, kind: u.kind })).sort((a, b) => a.code.localeCompare(b.code)),
    );
    const deputyB: Array<{ code: string }> = await ds.query(
      `SELECT un.code FROM deputy_portfolios p JOIN users u ON u.id = p.user_id JOIN units un ON un.id = p.unit_id
       WHERE u.username = $1 ORDER BY un.code`,
      [`${org.code.toLowerCase()}.pgd.b`],
    );
    expect(deputyB.map((r) => r.code)).toEqual(['BTDKT', 'BTG', 'CCVC', 'TCBC']);
    const monitors: Array<{ username: string }> = await ds.query(
      `SELECT username FROM users WHERE organization_id = $1 AND 'monitor' = ANY(roles) ORDER BY username`,
      [org.organizationId],
    );
    expect(monitors.map((m) => m.username.split('.').slice(1).join('.'))).toEqual(['vp.chuyenvien', 'vp.truongphong']);
  });
});
