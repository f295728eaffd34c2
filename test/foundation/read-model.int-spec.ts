import type { LoggerService } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  LifecycleState,
  MilestoneView,
  RecordEventInput,
  TaskReadModelPatch,
  WaitingOn,
} from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { CalendarDate, WorkingCalendar } from '@app/domain';
import { loadWorkingCalendarConfig, refreshWorkingDue, unitMonthlyRatings } from '@app/persistence';
import { TaskReadModelActivities } from '../../apps/worker/src/activities/task-read-model.activities';
import { liveStatusWordSql, overdueSql } from '../../apps/api/src/tasks/task-search';
import { openDataSource, seedTestOrganization, uniqueSuffix } from '../support/stack';
import { readModelEvent } from '../support/read-model';

/**
 * The read-model activity called directly against the real Postgres, the way the worker calls it:
 * events move the task row forward only, retries and late deliveries change nothing, and the task's
 * units and milestones follow the workflow.
 */
describe('read model: recordTaskEvent with the task patch', () => {
  let ds: DataSource;
  let activities: TaskReadModelActivities;
  let org: { code: string; organizationId: string };
  const unit: Record<string, string> = {};

  beforeAll(async () => {
    ds = await openDataSource();
    activities = new TaskReadModelActivities(ds);
    org = await seedTestOrganization(ds);
    for (const u of await ds.query(`SELECT code, id FROM units WHERE organization_id = $1`, [org.organizationId])) unit[u.code] = u.id;
  });
  afterAll(async () => ds?.destroy());

  /** A task row as the importer stores it: lead VP, coordinating CCHC and TCBC (from "all units"), two milestones. */
  async function importedTask(dueOn: string | null, state: LifecycleState = 'DRAFTING'): Promise<{ taskId: string; workflowId: string }> {
    const workflowId = `rm-${uniqueSuffix()}`;
    const [task] = await ds.query(
      `INSERT INTO tasks (organization_id, title, owner_unit_id, state, status_word, due_on, workflow_id)
       VALUES ($1, 'Rà soát quy chế làm việc', $2, $3, $4, $5, $6) RETURNING id`,
      [org.organizationId, unit.VP, state, state === 'PENDING_TRIGGER' ? 'WAITING' : 'OPEN_ON_TIME', dueOn, workflowId],
    );
    await ds.query(
      `INSERT INTO task_units (task_id, unit_id, role, via_group) VALUES ($1, $2, 'lead', NULL), ($1, $3, 'coordinating', 'ALL_UNITS'), ($1, $4, 'coordinating', 'ALL_UNITS')`,
      [task.id, unit.VP, unit.CCHC, unit.TCBC],
    );
    await ds.query(
      `INSERT INTO milestones (task_id, position, label, kind, due_on) VALUES ($1, 0, 'Dự thảo', 'deadline', '2023-02-28'), ($1, 1, 'Ban hành', 'deadline', $2)`,
      [task.id, dueOn],
    );
    return { taskId: task.id, workflowId };
  }

  const milestone = (position: number, state: MilestoneView['state'], dueOn: string | null, completedOn: string | null = null): MilestoneView => ({
    position,
    label: position === 0 ? 'Dự thảo' : 'Ban hành',
    kind: 'deadline',
    dueOn,
    state,
    completedOn,
  });

  /** One event with the task row after it; `patch` overrides the defaults of an open task led by VP. */
  function event(
    t: { taskId: string; workflowId: string },
    version: number,
    type: string,
    occurredAt: string,
    patch: Partial<TaskReadModelPatch> & { state: LifecycleState },
  ): RecordEventInput {
    const { detail, ...rest } = patch;
    const fields: Omit<TaskReadModelPatch, 'detail'> = {
      dueOn: '2023-03-31',
      extendedDueOn: null,
      ownerUnitId: unit.VP,
      coordinatingUnitIds: [unit.CCHC, unit.TCBC],
      pendingReviewUnitIds: [],
      completedOn: null,
      progressPercent: 0,
      milestones: [milestone(0, 'OPEN', '2023-02-28'), milestone(1, 'WAITING', '2023-03-31')],
      waitingOn: { kind: 'lead_unit', unitIds: [unit.VP], text: 'Chờ Văn phòng Sở dự thảo' },
      ...rest,
    };
    const open = fields.milestones.findIndex((m) => m.state !== 'DONE');
    const task: TaskReadModelPatch = {
      ...fields,
      detail: detail ?? {
        taskId: t.taskId,
        state: fields.state,
        version,
        dueOn: fields.extendedDueOn ?? fields.dueOn,
        originalDueOn: fields.dueOn,
        commentCount: 0,
        currentMilestone: open < 0 ? fields.milestones.length - 1 : open,
        waitingOn: fields.waitingOn,
      },
    };
    return readModelEvent({ ...t, organizationId: org.organizationId }, type, version, occurredAt, task);
  }

  async function taskRow(taskId: string) {
    const [row] = await ds.query(
      `SELECT state, status_word, version, to_char(due_on, 'YYYY-MM-DD') AS due_on, to_char(extended_due_on, 'YYYY-MM-DD') AS extended_due_on,
              owner_unit_id, to_char(completed_on, 'YYYY-MM-DD') AS completed_on, completed_at, progress_percent,
              pending_review_unit_ids::text[] AS pending_review_unit_ids, waiting_on, detail, current_milestone, last_activity_at, updated_at
       FROM tasks WHERE id = $1`,
      [taskId],
    );
    return row;
  }

  async function taskUnits(taskId: string) {
    const rows: Array<{ code: string; role: string; via_group: string | null }> = await ds.query(
      `SELECT u.code, tu.role, tu.via_group FROM task_units tu JOIN units u ON u.id = tu.unit_id WHERE tu.task_id = $1 ORDER BY tu.role, u.code`,
      [taskId],
    );
    return rows.map((r) => `${r.role}:${r.code}${r.via_group ? `(${r.via_group})` : ''}`);
  }

  async function milestones(taskId: string) {
    return ds.query(
      `SELECT position, state, to_char(due_on, 'YYYY-MM-DD') AS due_on, completed_at FROM milestones WHERE task_id = $1 ORDER BY position`,
      [taskId],
    ) as Promise<Array<{ position: number; state: string; due_on: string | null; completed_at: Date | null }>>;
  }

  const everything = async (taskId: string) => ({
    row: await taskRow(taskId),
    units: await taskUnits(taskId),
    milestones: await milestones(taskId),
    events: (await ds.query(`SELECT count(*)::int AS n FROM task_events WHERE task_id = $1`, [taskId]))[0].n as number,
  });

  it('moves the row forward event by event; retries and late deliveries change nothing; units and milestones follow', async () => {
    const t = await importedTask('2023-03-31');

    // v1 CREATED: the row takes the patch; the overdue plan date shows (2023 is past).
    expect(await activities.recordTaskEvent(event(t, 1, 'CREATED', '2023-01-10T02:00:00Z', { state: 'DRAFTING' }))).toEqual({ applied: true });
    expect(await taskRow(t.taskId)).toMatchObject({
      state: 'DRAFTING',
      status_word: 'OPEN_OVERDUE',
      version: 1,
      due_on: '2023-03-31',
      owner_unit_id: unit.VP,
      current_milestone: 0,
      waiting_on: { kind: 'lead_unit', unitIds: [unit.VP] },
    });
    expect(await taskUnits(t.taskId)).toEqual(['coordinating:CCHC(ALL_UNITS)', 'coordinating:TCBC(ALL_UNITS)', 'lead:VP']);

    // v2 submitted for review after the lead unit named CCHC and CCVC: TCBC leaves, CCVC joins,
    // CCHC stays with the group it came from.
    const submitted = event(t, 2, 'SUBMITTED', '2023-02-20T03:00:00Z', {
      state: 'IN_REVIEW',
      coordinatingUnitIds: [unit.CCHC, unit.CCVC],
      pendingReviewUnitIds: [unit.CCHC, unit.CCVC],
      progressPercent: 60,
      waitingOn: { kind: 'reviewers', unitIds: [unit.CCHC, unit.CCVC], text: 'Chờ ý kiến các đơn vị phối hợp' },
    });
    expect(await activities.recordTaskEvent(submitted)).toEqual({ applied: true });
    const afterSubmit = await everything(t.taskId);
    expect(afterSubmit.row).toMatchObject({ state: 'IN_REVIEW', version: 2, progress_percent: 60, waiting_on: { kind: 'reviewers' } });
    expect([...afterSubmit.row.pending_review_unit_ids].sort()).toEqual([unit.CCHC, unit.CCVC].sort());
    expect(afterSubmit.units).toEqual(['coordinating:CCHC(ALL_UNITS)', 'coordinating:CCVC', 'lead:VP']);
    // The GIN-indexed column answers "tasks waiting on my unit's review".
    const waitingOnCcvc = await ds.query(`SELECT id FROM tasks WHERE pending_review_unit_ids @> ARRAY[$1]::uuid[]`, [unit.CCVC]);
    expect(waitingOnCcvc.map((r: { id: string }) => r.id)).toContain(t.taskId);

    // The same event again (activity retried after a crash): nothing changes, not even updated_at.
    expect(await activities.recordTaskEvent(submitted)).toEqual({ applied: false });
    expect(await everything(t.taskId)).toEqual(afterSubmit);

    // v4 (extension granted) overtakes v3 (milestone 0 approved on 2023-03-05).
    const v4 = event(t, 4, 'EXTENSION_GRANTED', '2023-03-20T04:00:00Z', {
      state: 'DRAFTING',
      extendedDueOn: '2023-04-30',
      coordinatingUnitIds: [unit.CCHC, unit.CCVC],
      milestones: [milestone(0, 'DONE', '2023-02-28', '2023-03-05'), milestone(1, 'OPEN', '2023-04-30')],
    });
    expect(await activities.recordTaskEvent(v4)).toEqual({ applied: true });
    const afterV4 = await everything(t.taskId);
    expect(afterV4.row).toMatchObject({ state: 'DRAFTING', version: 4, due_on: '2023-03-31', extended_due_on: '2023-04-30', current_milestone: 1 });
    expect(afterV4.row.pending_review_unit_ids).toEqual([]);
    // v3 never reached the row, so milestone 0's completion instant is the start of its day in Vietnam.
    expect(afterV4.milestones).toEqual([
      { position: 0, state: 'DONE', due_on: '2023-02-28', completed_at: new Date('2023-03-04T17:00:00Z') },
      { position: 1, state: 'OPEN', due_on: '2023-04-30', completed_at: null },
    ]);

    // v3 arrives late: its line joins the audit trail, the row stays at v4.
    const v3 = event(t, 3, 'MILESTONE_APPROVED', '2023-03-05T08:30:00Z', {
      state: 'DRAFTING',
      coordinatingUnitIds: [unit.TCBC],
      milestones: [milestone(0, 'DONE', '2023-02-28', '2023-03-05'), milestone(1, 'OPEN', '2023-03-31')],
    });
    expect(await activities.recordTaskEvent(v3)).toEqual({ applied: true });
    expect(await everything(t.taskId)).toEqual({ ...afterV4, events: afterV4.events + 1 });

    // v5 reassigned to CCVC (which leaves the coordinating units): the lead row follows the owner.
    await activities.recordTaskEvent(
      event(t, 5, 'REASSIGNED', '2023-04-02T02:00:00Z', {
        state: 'DRAFTING',
        ownerUnitId: unit.CCVC,
        extendedDueOn: '2023-04-30',
        coordinatingUnitIds: [unit.CCHC],
        milestones: [milestone(0, 'DONE', '2023-02-28', '2023-03-05'), milestone(1, 'OPEN', '2023-04-30')],
      }),
    );
    expect(await taskRow(t.taskId)).toMatchObject({ version: 5, owner_unit_id: unit.CCVC });
    expect(await taskUnits(t.taskId)).toEqual(['coordinating:CCHC(ALL_UNITS)', 'lead:CCVC']);

    // v6 completed on 2023-04-25: after the plan date, within the extension, so on time.
    const completedAt = '2023-04-25T09:15:00.000Z';
    await activities.recordTaskEvent(
      event(t, 6, 'APPROVED', completedAt, {
        state: 'COMPLETED',
        ownerUnitId: unit.CCVC,
        extendedDueOn: '2023-04-30',
        coordinatingUnitIds: [unit.CCHC],
        completedOn: '2023-04-25',
        progressPercent: 100,
        waitingOn: { kind: 'nobody', unitIds: [], text: '' },
        milestones: [milestone(0, 'DONE', '2023-02-28', '2023-03-05'), milestone(1, 'DONE', '2023-04-30', '2023-04-25')],
      }),
    );
    const done = await everything(t.taskId);
    expect(done.row).toMatchObject({
      state: 'COMPLETED',
      status_word: 'DONE_ON_TIME',
      version: 6,
      due_on: '2023-03-31',
      extended_due_on: '2023-04-30',
      completed_on: '2023-04-25',
      completed_at: new Date(completedAt),
      progress_percent: 100,
      current_milestone: 1,
      waiting_on: { kind: 'nobody' },
      detail: { state: 'COMPLETED', version: 6, dueOn: '2023-04-30', originalDueOn: '2023-03-31' },
    });
    expect(done.milestones[1]).toEqual({ position: 1, state: 'DONE', due_on: '2023-04-30', completed_at: new Date(completedAt) });
    expect(done.events).toBe(6);
  });

  it('an event-triggered task gets its due date from the trigger, follows the plan date of its current step, and is late against the extended date', async () => {
    const t = await importedTask(null, 'PENDING_TRIGGER');
    const waiting = { waitingOn: { kind: 'monitor', unitIds: [], text: 'Chờ ghi nhận sự kiện' } as WaitingOn };
    await activities.recordTaskEvent(event(t, 1, 'CREATED', '2023-01-10T02:00:00Z', { state: 'PENDING_TRIGGER', dueOn: null, ...waiting }));
    expect(await taskRow(t.taskId)).toMatchObject({ state: 'PENDING_TRIGGER', status_word: 'WAITING', due_on: null });

    await activities.recordTaskEvent(event(t, 2, 'TRIGGER_RECORDED', '2023-05-02T02:00:00Z', { state: 'DRAFTING', dueOn: '2023-05-16' }));
    expect(await taskRow(t.taskId)).toMatchObject({ state: 'DRAFTING', due_on: '2023-05-16' });

    // An extension keeps the plan date in due_on and shows the new one in extended_due_on.
    await activities.recordTaskEvent(event(t, 3, 'EXTENSION_GRANTED', '2023-05-10T02:00:00Z', { state: 'DRAFTING', dueOn: '2023-05-16', extendedDueOn: '2023-05-31' }));
    expect(await taskRow(t.taskId)).toMatchObject({ due_on: '2023-05-16', extended_due_on: '2023-05-31' });

    await activities.recordTaskEvent(
      event(t, 4, 'APPROVED', '2023-06-05T03:00:00Z', { state: 'COMPLETED', dueOn: '2023-05-16', extendedDueOn: '2023-05-31', completedOn: '2023-06-05' }),
    );
    expect(await taskRow(t.taskId)).toMatchObject({ state: 'COMPLETED', status_word: 'DONE_LATE', completed_on: '2023-06-05' });

    // The next milestone's plan date replaces the row's due date (the workflow is the authority);
    // a patch without any date leaves the last one.
    const next = await importedTask('2023-03-31');
    await activities.recordTaskEvent(event(next, 1, 'CREATED', '2023-01-10T02:00:00Z', { state: 'DRAFTING', dueOn: '2023-03-31' }));
    await activities.recordTaskEvent(event(next, 2, 'MILESTONE_APPROVED', '2023-03-20T02:00:00Z', { state: 'DRAFTING', dueOn: '2023-06-30' }));
    expect(await taskRow(next.taskId)).toMatchObject({ due_on: '2023-06-30', extended_due_on: null });
    await activities.recordTaskEvent(event(next, 3, 'COMMENTED', '2023-03-21T02:00:00Z', { state: 'DRAFTING', dueOn: null }));
    expect(await taskRow(next.taskId)).toMatchObject({ due_on: '2023-06-30' });
  });

  it('a second event under a stored event key (another type or version) is logged as an error and not stored; a retry of the same event stays silent', async () => {
    const errors: string[] = [];
    const logger: LoggerService = { log: () => undefined, warn: () => undefined, error: (message: unknown) => void errors.push(String(message)) };
    const logged = new TaskReadModelActivities(ds, undefined, logger);
    const t = await importedTask('2999-12-31');
    const created = event(t, 1, 'CREATED', '2023-01-10T02:00:00Z', { state: 'DRAFTING' });
    expect(await logged.recordTaskEvent(created)).toEqual({ applied: true });
    expect(await logged.recordTaskEvent(created)).toEqual({ applied: false });
    expect(errors).toEqual([]);

    // Another event (type and version) under the key of the first: a no-op for the trail, not an exception.
    const clash = { ...event(t, 2, 'COMMENTED', '2023-01-11T02:00:00Z', { state: 'DRAFTING' }), eventKey: created.eventKey };
    await expect(logged.recordTaskEvent(clash)).resolves.toEqual({ applied: false });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`event key ${created.eventKey} of task ${t.taskId}`);
    expect(errors[0]).toContain('stored as CREATED version 1, received as COMMENTED version 2');
    // The same version under another type is no retry either; the clash retried is reported again.
    await logged.recordTaskEvent({ ...created, type: 'SUBMITTED' });
    await logged.recordTaskEvent(clash);
    expect(errors).toHaveLength(3);
    expect(errors[1]).toContain('stored as CREATED version 1, received as SUBMITTED version 1');
    const trail = await ds.query(`SELECT event_key, type, version FROM task_events WHERE task_id = $1`, [t.taskId]);
    expect(trail).toEqual([{ event_key: created.eventKey, type: 'CREATED', version: 1 }]);
    // As before: the row itself takes the newer patch (the workflow is the authority over the row).
    expect(await taskRow(t.taskId)).toMatchObject({ version: 2 });
  });

  it('an event without the task patch (foundation histories) still moves state and version only', async () => {
    const t = await importedTask('2999-12-31');
    const legacy: RecordEventInput = {
      taskId: t.taskId,
      organizationId: org.organizationId,
      workflowId: t.workflowId,
      eventKey: 'created',
      type: 'CREATED',
      actor: null,
      fromState: null,
      toState: 'DRAFTING',
      version: 1,
      dueOn: '2999-12-31',
      occurredAt: '2023-01-10T02:00:00Z',
      payload: { title: 'x' },
    };
    expect(await activities.recordTaskEvent(legacy)).toEqual({ applied: true });
    expect(await taskRow(t.taskId)).toMatchObject({ state: 'DRAFTING', status_word: 'OPEN_ON_TIME', version: 1, detail: {}, waiting_on: {}, progress_percent: 0 });
    expect(await taskUnits(t.taskId)).toEqual(['coordinating:CCHC(ALL_UNITS)', 'coordinating:TCBC(ALL_UNITS)', 'lead:VP']);
    expect(await activities.recordTaskEvent(legacy)).toEqual({ applied: false });
  });

  it('a deadline on a day off counts to its working end (BLDS 2015 art. 148(5)): status word, overdue box, ratings; a calendar edit or the rule turned off moves it', async () => {
    const { addDays, dayOfWeek } = CalendarDate;
    const cal = new WorkingCalendar(await loadWorkingCalendarConfig(ds, org.organizationId));
    // A Saturday ahead (the writer judges by the later of the clock and the event) whose Friday, Monday and Tuesday are working days.
    let saturday = addDays(CalendarDate.fromInstant(Date.now()), 7);
    while (dayOfWeek(saturday) !== 6 || cal.isWorkingDay(saturday) || ![-1, 2, 3].every((n) => cal.isWorkingDay(addDays(saturday, n)))) saturday = addDays(saturday, 1);
    const [friday, sunday, monday, tuesday] = [-1, 1, 2, 3].map((n) => addDays(saturday, n));
    const noon = (d: string) => `${d}T05:00:00Z`;

    const t = await importedTask(saturday);
    await activities.recordTaskEvent(event(t, 1, 'CREATED', noon(sunday), { state: 'DRAFTING', dueOn: saturday, workingDueOn: monday }));
    expect(await ds.query(`SELECT status_word, to_char(working_due_on, 'YYYY-MM-DD') AS w FROM tasks WHERE id = $1`, [t.taskId])).toEqual([{ status_word: 'OPEN_ON_TIME', w: monday }]);
    // A patch without the working end (an older writer): judged on the date as written, overdue on the Sunday.
    const old = await importedTask(saturday);
    await activities.recordTaskEvent(event(old, 1, 'CREATED', noon(sunday), { state: 'DRAFTING', dueOn: saturday, ownerUnitId: unit.CCHC }));
    expect(await ds.query(`SELECT status_word, working_due_on FROM tasks WHERE id = $1`, [old.taskId])).toEqual([{ status_word: 'OPEN_OVERDUE', working_due_on: null }]);

    // The live status word and the overdue box's condition, as of each day.
    const live = async (today: string) =>
      (await ds.query(`SELECT ${liveStatusWordSql('$2')} AS word, (${overdueSql('$2')}) AS overdue FROM tasks t WHERE t.id = $1`, [t.taskId, today]))[0];
    expect(await live(sunday)).toEqual({ word: 'OPEN_ON_TIME', overdue: false });
    expect(await live(monday)).toEqual({ word: 'OPEN_ON_TIME', overdue: false });
    expect(await live(tuesday)).toEqual({ word: 'OPEN_OVERDUE', overdue: true });
    // The lead unit's rating of the deadline's month: in time on the Monday, overdue on the Tuesday.
    const month = saturday.slice(0, 7);
    const rating = async (today: string) => (await unitMonthlyRatings(ds, org.organizationId, { from: month, to: month, unitId: unit.VP }, { today }))[0];
    expect(await rating(monday)).toMatchObject({ tasksDue: 1, openInTime: 1, overdueOpen: 0 });
    expect(await rating(tuesday)).toMatchObject({ tasksDue: 1, openInTime: 0, overdueOpen: 1 });

    // Done on the Monday: on time.
    await activities.recordTaskEvent(event(t, 2, 'APPROVED', noon(monday), { state: 'COMPLETED', dueOn: saturday, workingDueOn: monday, completedOn: monday }));
    expect((await taskRow(t.taskId)).status_word).toBe('DONE_ON_TIME');
    expect(await rating(tuesday)).toMatchObject({ tasksDue: 1, completedOnTime: 1, completedLate: 0, onTimeRate: 1 });

    // The organization declares the Friday off: an open task due that Friday ends on the Monday
    // (the broadcast's refreshWorkingDue); the rule turned off, the Friday again. Closed tasks stay.
    const f = await importedTask(friday);
    await activities.recordTaskEvent(event(f, 1, 'CREATED', noon(sunday), { state: 'DRAFTING', dueOn: friday, workingDueOn: friday, ownerUnitId: unit.TCBC }));
    expect((await taskRow(f.taskId)).status_word).toBe('OPEN_OVERDUE');
    await ds.query(`INSERT INTO organization_calendar_days (organization_id, day, kind, name) VALUES ($1, $2, 'off', 'Kỷ niệm ngày thành lập Sở')`, [org.organizationId, friday]);
    const working = async (id: string) => (await ds.query(`SELECT to_char(working_due_on, 'YYYY-MM-DD') AS w, status_word FROM tasks WHERE id = $1`, [id]))[0];
    // The refresh, and which of the organization's rows it moved (the other tests' open tasks move too).
    const refreshed = async (opts: Parameters<typeof refreshWorkingDue>[2]) => {
      const ends = async () =>
        new Map<string, string | null>(
          (await ds.query(`SELECT id, to_char(working_due_on, 'YYYY-MM-DD') AS w FROM tasks WHERE organization_id = $1`, [org.organizationId])).map(
            (r: { id: string; w: string | null }) => [r.id, r.w],
          ),
        );
      const before = await ends();
      const report = await refreshWorkingDue(ds, org.organizationId, opts);
      const moved = [...(await ends())].filter(([id, w]) => before.get(id) !== w).map(([id]) => id);
      expect(report.updated).toBe(moved.length);
      return moved;
    };
    const onTheFriday = await refreshed({ today: sunday });
    expect(onTheFriday).toEqual(expect.arrayContaining([f.taskId, old.taskId])); // f, and old (its first working end)
    expect(onTheFriday).not.toContain(t.taskId);
    expect(await working(f.taskId)).toEqual({ w: monday, status_word: 'OPEN_ON_TIME' });
    expect(await working(old.taskId)).toEqual({ w: monday, status_word: 'OPEN_ON_TIME' });
    const ruleOff = await refreshed({ today: sunday, dayOffRule: false });
    expect(ruleOff).toEqual(expect.arrayContaining([f.taskId, old.taskId]));
    expect(await working(f.taskId)).toEqual({ w: friday, status_word: 'OPEN_OVERDUE' });
    expect(await working(t.taskId)).toEqual({ w: monday, status_word: 'DONE_ON_TIME' });
    // Again with nothing to move: none moved (a bare UPDATE's [rows, count] was once counted as 2 rows).
    expect(await refreshed({ today: sunday, dayOffRule: false })).toEqual([]);
    await ds.query(`DELETE FROM organization_calendar_days WHERE organization_id = $1 AND day = $2`, [org.organizationId, friday]);
  });

  it('an event row closed at the plan end without its event is "Không phát sinh": its own status word, counted apart in the ratings', async () => {
    // A row whose first step was due in July 2024 and whose second waited for an event that never came.
    const t = await importedTask('2024-07-15');
    await activities.recordTaskEvent(event(t, 1, 'CREATED', '2024-01-10T02:00:00Z', { state: 'PENDING_TRIGGER', dueOn: '2024-07-15', ownerUnitId: unit.CCHC }));
    await activities.recordTaskEvent(
      event(t, 2, 'NOT_ARISEN', '2025-01-01T02:00:00Z', { state: 'COMPLETED', dueOn: '2024-07-15', ownerUnitId: unit.CCHC, completedOn: '2025-01-01', notArisen: true }),
    );
    expect(await taskRow(t.taskId)).toMatchObject({ state: 'COMPLETED', status_word: 'NOT_ARISEN' });
    expect((await ds.query(`SELECT ${liveStatusWordSql('$2')} AS word FROM tasks t WHERE t.id = $1`, [t.taskId, '2025-01-02']))[0].word).toBe('NOT_ARISEN');
    const [july] = await unitMonthlyRatings(ds, org.organizationId, { from: '2024-07', to: '2024-07', unitId: unit.CCHC });
    expect(july).toMatchObject({ tasksDue: 0, completedOnTime: 0, completedLate: 0, notArisen: 1, onTimeRate: null });
    // A recount of working ends over every task (the TaskWorkingDue migration's) keeps its word: it was never due.
    await refreshWorkingDue(ds, org.organizationId, { scope: 'all' });
    expect(await taskRow(t.taskId)).toMatchObject({ state: 'COMPLETED', status_word: 'NOT_ARISEN' });
  });
});
