import { DataSource } from 'typeorm';
import { CalendarDate, defaultVietnamCalendar } from '@app/domain';
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

/**
 * Migration TaskWorkingDue (issue 16, the day-off rule in the read model) on a populated database:
 * every task gets the working end of its deadline in force by its organization's calendar and
 * day-off rule; status words and monthly ratings are judged again by it (a task done on the Monday
 * after a Saturday deadline is on time, unless the organization turned the rule off); the partial
 * index of the overdue box is there; down drops the column, and up again gives the same.
 */
describe('tasks.working_due_on migrates a populated database forward (TaskWorkingDue)', () => {
  it('backfills the working end with the workflow\'s function, judges status words and ratings by it, reverts and re-applies', async () => {
    const admin = await openDataSource();
    const name = `planflow_working_due_${uniqueSuffix()}`;
    const url = new URL(env('DATABASE_URL'));
    url.pathname = `/${name}`;
    // The migrations up to it, then up to and with it (later ones are not this test's: undoing "the
    // last" must undo this one).
    const at = MIGRATIONS.findIndex((m) => m.name === 'TaskWorkingDue1765310000000');
    expect(at).toBeGreaterThan(0);
    const before = MIGRATIONS.slice(0, at);
    const through = MIGRATIONS.slice(0, at + 1);
    await admin.query(`CREATE DATABASE "${name}"`);
    let scratch = new DataSource(dataSourceOptions(url.toString(), { migrations: before, logging: false, extra: { max: 1 } }));
    // An open task due on a Saturday ahead: in time until its Monday.
    const cal = defaultVietnamCalendar();
    let saturday = CalendarDate.addDays(CalendarDate.fromInstant(Date.now()), 7);
    while (CalendarDate.dayOfWeek(saturday) !== 6 || cal.isWorkingDay(saturday)) saturday = CalendarDate.addDays(saturday, 1);
    try {
      await scratch.initialize();
      await scratch.runMigrations({ transaction: 'each' });
      const withRule = await seedTestOrganization(scratch);
      const withoutRule = await seedTestOrganization(scratch);
      await scratch.query(`UPDATE organizations SET settings = coalesce(settings, '{}'::jsonb) || '{"dayOffRule": false}'::jsonb WHERE id = $1`, [withoutRule.organizationId]);
      const vp = async (orgId: string) => (await scratch.query(`SELECT id FROM units WHERE organization_id = $1 AND code = 'VP'`, [orgId]))[0].id as string;
      const ids: Record<string, string> = {};
      const task = async (key: string, orgId: string, f: { state: string; word: string; due: string | null; extended?: string; done?: string }) => {
        const [row] = await scratch.query(
          `INSERT INTO tasks (organization_id, title, owner_unit_id, state, status_word, due_on, extended_due_on, completed_on, workflow_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
          [orgId, `Nhiệm vụ ${key}`, await vp(orgId), f.state, f.word, f.due, f.extended ?? null, f.done ?? null, `wd-${key}-${uniqueSuffix()}`],
        );
        ids[key] = row.id;
      };
      // Saturday 29/03/2025 → Monday 31/03/2025; 30/04/2025 → Monday 05/05/2025 (1/5, 2/5 moved, the weekend).
      await task('doneMonday', withRule.organizationId, { state: 'COMPLETED', word: 'DONE_LATE', due: '2025-03-29', done: '2025-03-31' });
      await task('extendedToSaturday', withRule.organizationId, { state: 'COMPLETED', word: 'DONE_LATE', due: '2025-03-21', extended: '2025-03-29', done: '2025-03-31' });
      await task('doneTuesday', withRule.organizationId, { state: 'COMPLETED', word: 'DONE_LATE', due: '2025-03-29', done: '2025-04-01' });
      await task('overdue', withRule.organizationId, { state: 'DRAFTING', word: 'OPEN_OVERDUE', due: '2025-04-30' });
      await task('ahead', withRule.organizationId, { state: 'IN_REVIEW', word: 'OPEN_ON_TIME', due: saturday });
      await task('waiting', withRule.organizationId, { state: 'PENDING_TRIGGER', word: 'WAITING', due: null });
      await task('ruleOff', withoutRule.organizationId, { state: 'COMPLETED', word: 'DONE_LATE', due: '2025-03-29', done: '2025-03-31' });
      await scratch.destroy();

      scratch = new DataSource(dataSourceOptions(url.toString(), { migrations: through, logging: false, extra: { max: 1 } }));
      await scratch.initialize();
      await scratch.runMigrations({ transaction: 'each' });
      const rows = async () => {
        const out: Record<string, { working: string | null; word: string }> = {};
        for (const [key, id] of Object.entries(ids)) {
          const [r] = await scratch.query(`SELECT to_char(working_due_on, 'YYYY-MM-DD') AS working, status_word AS word FROM tasks WHERE id = $1`, [id]);
          out[key] = r;
        }
        return out;
      };
      const expected = {
        doneMonday: { working: '2025-03-31', word: 'DONE_ON_TIME' },
        extendedToSaturday: { working: '2025-03-31', word: 'DONE_ON_TIME' },
        doneTuesday: { working: '2025-03-31', word: 'DONE_LATE' },
        overdue: { working: '2025-05-05', word: 'OPEN_OVERDUE' },
        ahead: { working: cal.workingDue(saturday), word: 'OPEN_ON_TIME' },
        waiting: { working: null, word: 'WAITING' },
        ruleOff: { working: '2025-03-29', word: 'DONE_LATE' },
      };
      expect(await rows()).toEqual(expected);
      // The ratings were rebuilt from the rows as they are now.
      const [march] = await scratch.query(
        `SELECT completed_on_time, completed_late, not_arisen FROM unit_monthly_ratings WHERE organization_id = $1 AND month = '2025-03-01'`,
        [withRule.organizationId],
      );
      expect(march).toEqual({ completed_on_time: 2, completed_late: 1, not_arisen: 0 });
      const [index] = await scratch.query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_tasks_open_working_due'`);
      expect(index.indexdef).toMatch(/COALESCE\(working_due_on, extended_due_on, due_on\)\) WHERE \(state = ANY/);

      await scratch.undoLastMigration({ transaction: 'each' });
      expect(await scratch.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'tasks' AND column_name = 'working_due_on'`)).toEqual([]);
      await scratch.runMigrations({ transaction: 'each' });
      expect(await rows()).toEqual(expected);
    } finally {
      if (scratch.isInitialized) await scratch.destroy();
      await admin.query(`DROP DATABASE "${name}"`);
      await admin.destroy();
    }
  }, 120_000);
});
