import { DataSource } from 'typeorm';
import { CalendarDate } from '@app/domain';
import { recomputeOrganizationRatings, refreshUnitMonthlyRatings, unitMonthlyRatings } from '@app/persistence';
import type { LifecycleState, RecordEventInput, TaskReadModelPatch } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { TaskReadModelActivities } from '../../apps/worker/src/activities/task-read-model.activities';
import { openDataSource, seedTestOrganization, uniqueSuffix } from '../support/stack';
import { readModelEvent } from '../support/read-model';

/**
 * Monthly unit ratings kept by the real read-model activity: task rows inserted as the importer
 * stores them, driven through recordTaskEvent (completed on time and late, an extension moving the
 * due month, a deadline passed, a cancellation, a reassignment, a group-led row), then the exact
 * counts per unit and month; a rebuild from the task rows gives the same numbers.
 */
describe('unit monthly ratings', () => {
  let ds: DataSource;
  let activities: TaskReadModelActivities;
  let org: { code: string; organizationId: string };
  const unit: Record<string, string> = {};
  const nextYear = Number(CalendarDate.fromInstant(Date.now()).slice(0, 4)) + 1;

  beforeAll(async () => {
    ds = await openDataSource();
    activities = new TaskReadModelActivities(ds);
    org = await seedTestOrganization(ds);
    for (const u of await ds.query(`SELECT code, id FROM units WHERE organization_id = $1`, [org.organizationId])) unit[u.code] = u.id;
  });
  afterAll(async () => ds?.destroy());

  interface Task {
    taskId: string;
    workflowId: string;
    ownerUnitId: string | null;
    dueOn: string | null;
    version: number;
  }

  /** A task row as the importer stores it (no rating yet: ratings follow events). */
  async function importedTask(
    ownerCode: string | null,
    dueOn: string | null,
    opts: { state?: LifecycleState; parentTaskId?: string } = {},
  ): Promise<Task> {
    const workflowId = `rating-${uniqueSuffix()}`;
    const state = opts.state ?? 'DRAFTING';
    const ownerUnitId = ownerCode ? unit[ownerCode] : null;
    const [task] = await ds.query(
      `INSERT INTO tasks (organization_id, title, owner_unit_id, state, status_word, due_on, workflow_id, parent_task_id)
       VALUES ($1, 'Báo cáo công tác cải cách hành chính', $2, $3, $4, $5, $6, $7) RETURNING id`,
      [org.organizationId, ownerUnitId, state, state === 'PENDING_TRIGGER' ? 'WAITING' : 'OPEN_ON_TIME', dueOn, workflowId, opts.parentTaskId ?? null],
    );
    return { taskId: task.id, workflowId, ownerUnitId, dueOn, version: 0 };
  }

  /** The next event of the task with its row after it; the task keeps owner and dates unless the patch moves them. */
  async function record(t: Task, type: string, occurredAt: string, patch: Partial<TaskReadModelPatch> & { state: LifecycleState }): Promise<void> {
    const version = ++t.version;
    const fields = { dueOn: t.dueOn, extendedDueOn: null, ownerUnitId: t.ownerUnitId, completedOn: null, ...patch };
    t.ownerUnitId = fields.ownerUnitId;
    const task: TaskReadModelPatch = {
      coordinatingUnitIds: [],
      pendingReviewUnitIds: [],
      progressPercent: fields.state === 'COMPLETED' ? 100 : 0,
      milestones: [],
      waitingOn: { kind: 'lead_unit', unitIds: fields.ownerUnitId ? [fields.ownerUnitId] : [], text: 'Chờ đơn vị chủ trì' },
      detail: { taskId: t.taskId, state: fields.state, version, dueOn: fields.extendedDueOn ?? fields.dueOn, originalDueOn: fields.dueOn, commentCount: 0 },
      ...fields,
    };
    const input = readModelEvent({ ...t, organizationId: org.organizationId }, type, version, occurredAt, task);
    expect(await activities.recordTaskEvent(input)).toEqual({ applied: true });
  }

  const counts = ['tasksDue', 'completedOnTime', 'completedLate', 'overdueOpen', 'openInTime', 'cancelled', 'waitingForEvent'] as const;
  /** Ratings as "UNIT YYYY-MM": [tasksDue, onTime, late, overdue, openInTime, cancelled, waiting] rate. */
  async function ratings(range = { from: '2023-01', to: `${nextYear}-12` }): Promise<Record<string, string>> {
    const rows = await unitMonthlyRatings(ds, org.organizationId, range);
    return Object.fromEntries(rows.map((r) => [`${r.unitCode} ${r.month}`, `[${counts.map((c) => r[c]).join(',')}] ${r.onTimeRate ?? '-'}`]));
  }
  const storedRows = async () =>
    ds.query(
      `SELECT unit_id, to_char(month, 'YYYY-MM-DD') AS month, tasks_due, completed_on_time, completed_late, overdue_open, open_in_time,
              cancelled, waiting_for_event, on_time_rate
       FROM unit_monthly_ratings WHERE organization_id = $1 ORDER BY unit_id, month`,
      [org.organizationId],
    );

  it('counts each lead unit and due month by status word as events arrive; a rebuild gives the same numbers', async () => {
    // VP, March 2023: one on time, one late.
    const onTime = await importedTask('VP', '2023-03-31');
    await record(onTime, 'CREATED', '2023-01-10T02:00:00Z', { state: 'DRAFTING' });
    await record(onTime, 'APPROVED', '2023-03-30T08:00:00Z', { state: 'COMPLETED', completedOn: '2023-03-30' });
    const late = await importedTask('VP', '2023-03-15');
    await record(late, 'CREATED', '2023-01-10T02:00:00Z', { state: 'DRAFTING' });
    await record(late, 'APPROVED', '2023-03-20T08:00:00Z', { state: 'COMPLETED', completedOn: '2023-03-20' });
    expect(await ratings()).toEqual({ 'VP 2023-03': '[2,1,1,0,0,0,0] 0.5' });

    // An extension moves a March task into May; it is completed within the extension.
    const extended = await importedTask('VP', '2023-03-10');
    await record(extended, 'CREATED', '2023-01-10T02:00:00Z', { state: 'DRAFTING' });
    expect((await ratings())['VP 2023-03']).toBe('[3,1,1,1,0,0,0] 0.3333');
    await record(extended, 'EXTENSION_GRANTED', '2023-03-08T02:00:00Z', { state: 'DRAFTING', extendedDueOn: '2023-05-10' });
    expect(await ratings()).toEqual({ 'VP 2023-03': '[2,1,1,0,0,0,0] 0.5', 'VP 2023-05': '[1,0,0,1,0,0,0] 0' });
    await record(extended, 'APPROVED', '2023-05-08T08:00:00Z', { state: 'COMPLETED', extendedDueOn: '2023-05-10', completedOn: '2023-05-08' });
    expect((await ratings())['VP 2023-05']).toBe('[1,1,0,0,0,0,0] 1');

    // CCHC, April 2023: the deadline passed on one task (still open), another was cancelled, a
    // third waits for its event (a later milestone's trigger; the last due date stays on the row).
    const overdue = await importedTask('CCHC', '2023-04-14');
    await record(overdue, 'CREATED', '2023-01-10T02:00:00Z', { state: 'DRAFTING' });
    await record(overdue, 'DEADLINE_PASSED', '2023-04-14T17:00:00Z', { state: 'DRAFTING' });
    expect(await ds.query(`SELECT status_word FROM tasks WHERE id = $1`, [overdue.taskId])).toEqual([{ status_word: 'OPEN_OVERDUE' }]);
    const cancelled = await importedTask('CCHC', '2023-04-20');
    await record(cancelled, 'CREATED', '2023-01-10T02:00:00Z', { state: 'DRAFTING' });
    await record(cancelled, 'CANCELLED', '2023-04-02T02:00:00Z', { state: 'CANCELLED' });
    const waiting = await importedTask('CCHC', '2023-04-28');
    await record(waiting, 'MILESTONE_APPROVED', '2023-04-25T02:00:00Z', { state: 'PENDING_TRIGGER' });
    expect((await ratings())['CCHC 2023-04']).toBe('[1,0,0,1,0,1,1] 0');

    // Reassigned from CCVC to TCBC: the task leaves CCVC's June and enters TCBC's.
    const reassigned = await importedTask('CCVC', '2023-06-30');
    await record(reassigned, 'CREATED', '2023-01-10T02:00:00Z', { state: 'DRAFTING' });
    expect((await ratings())['CCVC 2023-06']).toBe('[1,0,0,1,0,0,0] 0');
    await record(reassigned, 'REASSIGNED', '2023-05-02T02:00:00Z', { state: 'DRAFTING', ownerUnitId: unit.TCBC });
    const afterReassign = await ratings();
    expect(afterReassign['CCVC 2023-06']).toBeUndefined(); // all zero: the row is gone
    expect(afterReassign['TCBC 2023-06']).toBe('[1,0,0,1,0,0,0] 0');

    // A group-led row counts through its units' tasks, never through the parent.
    const parent = await importedTask(null, '2023-03-31');
    const vpShare = await importedTask('VP', '2023-03-31', { parentTaskId: parent.taskId });
    const cchcShare = await importedTask('CCHC', '2023-03-31', { parentTaskId: parent.taskId });
    await record(parent, 'CREATED', '2023-01-10T02:00:00Z', { state: 'DRAFTING' });
    for (const share of [vpShare, cchcShare]) await record(share, 'CREATED', '2023-01-10T02:00:00Z', { state: 'DRAFTING' });
    await record(vpShare, 'APPROVED', '2023-03-28T08:00:00Z', { state: 'COMPLETED', completedOn: '2023-03-28' });

    // TCBC, next year: open and still in time, so no rate yet.
    const inTime = await importedTask('TCBC', `${nextYear}-06-15`);
    await record(inTime, 'CREATED', '2023-01-10T02:00:00Z', { state: 'DRAFTING' });

    // A foundation-slice event (no task patch) cancels a CCVC task: recounted too.
    const legacy = await importedTask('CCVC', '2023-07-31');
    const legacyEvent: RecordEventInput = {
      taskId: legacy.taskId,
      organizationId: org.organizationId,
      workflowId: legacy.workflowId,
      eventKey: 'cancelled',
      type: 'CANCELLED',
      actor: null,
      fromState: 'DRAFTING',
      toState: 'CANCELLED',
      version: 1,
      dueOn: '2023-07-31',
      occurredAt: '2023-07-01T02:00:00Z',
      payload: {},
    };
    expect(await activities.recordTaskEvent(legacyEvent)).toEqual({ applied: true });

    const expected = {
      'CCHC 2023-03': '[1,0,0,1,0,0,0] 0',
      'VP 2023-03': '[3,2,1,0,0,0,0] 0.6667',
      'CCHC 2023-04': '[1,0,0,1,0,1,1] 0',
      'VP 2023-05': '[1,1,0,0,0,0,0] 1',
      'TCBC 2023-06': '[1,0,0,1,0,0,0] 0',
      'CCVC 2023-07': '[0,0,0,0,0,1,0] -',
      [`TCBC ${nextYear}-06`]: '[1,0,0,0,1,0,0] -',
    };
    expect(await ratings()).toEqual(expected);
    // Ordered by month, then unit code.
    expect(Object.keys(await ratings())).toEqual(Object.keys(expected));

    // Retries and late deliveries change nothing.
    expect(await activities.recordTaskEvent(legacyEvent)).toEqual({ applied: false });
    expect(await ratings()).toEqual(expected);

    // Query filters: a month range, one unit; unit code and name come with the counts.
    const vp = await unitMonthlyRatings(ds, org.organizationId, { from: '2023-03', to: '2023-04', unitId: unit.VP });
    expect(vp).toEqual([
      expect.objectContaining({
        month: '2023-03',
        unitId: unit.VP,
        unitCode: 'VP',
        unitName: 'Văn phòng Sở',
        tasksDue: 3,
        completedOnTime: 2,
        completedLate: 1,
        onTimeRate: 0.6667,
        computedAt: expect.any(Date),
      }),
    ]);
    expect(Object.keys(await ratings({ from: '2023-04', to: '2023-06' }))).toEqual(['CCHC 2023-04', 'VP 2023-05', 'TCBC 2023-06']);
    for (const range of [
      { from: '2023-13', to: '2023-12' },
      { from: '2023-06', to: '2023-05' },
      { from: '2023-01-01', to: '2023-12' },
      { from: '2023-01', to: '2023-12', unitId: 'VP' },
    ]) {
      await expect(unitMonthlyRatings(ds, org.organizationId, range)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    }

    // A rebuild from the task rows gives the same table: from nothing, and over wrong rows.
    const incremental = await storedRows();
    await ds.query(`DELETE FROM unit_monthly_ratings WHERE organization_id = $1`, [org.organizationId]);
    expect(await recomputeOrganizationRatings(ds, org.organizationId)).toEqual({ rows: incremental.length });
    expect(await storedRows()).toEqual(incremental);
    await ds.query(`UPDATE unit_monthly_ratings SET tasks_due = 99, on_time_rate = 0.1 WHERE organization_id = $1`, [org.organizationId]);
    await ds.query(`INSERT INTO unit_monthly_ratings (organization_id, unit_id, month, tasks_due) VALUES ($1, $2, '2023-01-01', 4)`, [
      org.organizationId,
      unit.BTG,
    ]);
    await recomputeOrganizationRatings(ds, org.organizationId);
    expect(await storedRows()).toEqual(incremental);
  });

  it('a row counted while its tasks were in time is recounted when read after their due day', async () => {
    const t = await importedTask('TTRA', '2023-09-20');
    // Counted on 2023-09-01, as if nothing had happened since (no deadline event).
    await ds.transaction((tx) => refreshUnitMonthlyRatings(tx, org.organizationId, [unit.TTRA], ['2023-09'], { today: '2023-09-01' }));
    await ds.query(`UPDATE unit_monthly_ratings SET computed_at = '2023-09-01T10:00:00+07:00' WHERE organization_id = $1 AND unit_id = $2`, [
      org.organizationId,
      unit.TTRA,
    ]);
    const range = { from: '2023-09', to: '2023-09', unitId: unit.TTRA };
    // Read the same day: as counted.
    expect(await unitMonthlyRatings(ds, org.organizationId, range, { today: '2023-09-01' })).toEqual([
      expect.objectContaining({ tasksDue: 1, openInTime: 1, overdueOpen: 0, computedAt: new Date('2023-09-01T03:00:00Z') }),
    ]);
    // Read today, long after 2023-09-20: recounted before it is returned, and stored so.
    expect(await unitMonthlyRatings(ds, org.organizationId, range)).toEqual([expect.objectContaining({ tasksDue: 1, openInTime: 0, overdueOpen: 1 })]);
    const [row] = await ds.query(`SELECT overdue_open FROM unit_monthly_ratings WHERE organization_id = $1 AND unit_id = $2`, [
      org.organizationId,
      t.ownerUnitId,
    ]);
    expect(row).toEqual({ overdue_open: 1 });
  });

  it('events of many tasks of one unit and month recorded at once lose no count', async () => {
    const tasks = await Promise.all(Array.from({ length: 8 }, () => importedTask('BTDKT', '2023-10-16')));
    await Promise.all(tasks.map((t) => record(t, 'CREATED', '2023-01-10T02:00:00Z', { state: 'DRAFTING' })));
    expect((await ratings())['BTDKT 2023-10']).toBe('[8,0,0,8,0,0,0] 0');
    await Promise.all(
      tasks.map((t, i) =>
        record(t, 'APPROVED', '2023-10-12T08:00:00Z', { state: 'COMPLETED', completedOn: i % 2 ? '2023-10-12' : '2023-10-18' }),
      ),
    );
    expect((await ratings())['BTDKT 2023-10']).toBe('[8,4,4,0,0,0,0] 0.5');
  });

  it('a refresh ignores nulls and unreadable months, and never counts the units of another organization', async () => {
    const other = await seedTestOrganization(ds);
    const [foreign] = await ds.query(`SELECT id FROM units WHERE organization_id = $1 AND code = 'VP'`, [other.organizationId]);
    const foreignTask = await importedTask('VP', '2023-02-10');
    await ds.query(`UPDATE tasks SET owner_unit_id = $2, organization_id = $3 WHERE id = $1`, [foreignTask.taskId, foreign.id, other.organizationId]);
    const before = await storedRows();
    await ds.transaction((tx) =>
      refreshUnitMonthlyRatings(tx, org.organizationId, [null, unit.VP, foreign.id], ['not a month', null, '2023-02', '2023-02-31']),
    );
    expect(await storedRows()).toEqual(before);
    expect(await ds.query(`SELECT 1 FROM unit_monthly_ratings WHERE unit_id = $1`, [foreign.id])).toEqual([]);
  });
});
