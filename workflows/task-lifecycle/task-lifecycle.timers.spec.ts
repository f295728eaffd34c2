import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { WorkflowHandle } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Runtime, DefaultLogger, Worker } from '@temporalio/worker';
import {
  acknowledgeReportUpdate,
  Actor,
  approveUpdate,
  calendarChangedSignal,
  returnUpdate,
  cancelUpdate,
  decideExtensionUpdate,
  recordTriggerUpdate,
  requestExtensionUpdate,
  getSnapshotQuery,
  LifecycleSettings,
  RecordEventInput,
  settingsChangedSignal,
  reviewUpdate,
  saveDraftUpdate,
  submitReportUpdate,
  submitUpdate,
  TaskLifecycleInput,
} from './task-lifecycle.contract';
import { taskLifecycle } from './task-lifecycle.workflow';
import { groupTask } from '../group-task/group-task.workflow';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { SEARCH_ATTRIBUTES } from '../common/search-attributes';
import { addDays, fromInstant } from '../../libs/domain/src/calendar/calendar-date';
import { defaultVietnamCalendar, defaultVietnamCalendarConfig, WorkingCalendar } from '../../libs/domain/src/calendar/working-calendar';

/**
 * The workflow's own timers (review window, report rounds, plan end, continueAsNew) on Temporal's
 * time-skipping test server: weeks pass in milliseconds, the code path is the real one. The
 * read-model activity is replaced by a recorder (Postgres is covered by the integration suite).
 */
jest.setTimeout(120_000);

const ORG = randomUUID();
const VP = { unitId: randomUUID(), unitCode: 'VP' };
const CCHC = { unitId: randomUUID(), unitCode: 'CCHC' };
const TTRA = { unitId: randomUUID(), unitCode: 'TTRA' };
const head = (unit: { unitId: string }): Actor => ({ userId: randomUUID(), unitId: unit.unitId, roles: ['unitHead'], organizationId: ORG });
const monitor: Actor = { userId: randomUUID(), unitId: VP.unitId, roles: ['unitHead', 'monitor'], organizationId: ORG };

describe('taskLifecycle timers (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const events: RecordEventInput[] = [];
  const taskQueue = 'timers';

  beforeAll(async () => {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    const path = process.env.TEMPORAL_TEST_SERVER_BIN;
    if (!path) throw new Error('TEMPORAL_TEST_SERVER_BIN is not set (run through npm test)');
    env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
    // The workflows upsert our search attributes; the test server knows them once registered.
    await env.connection.operatorService.addSearchAttributes({
      namespace: env.namespace ?? 'default',
      searchAttributes: Object.fromEntries(SEARCH_ATTRIBUTES.map((k) => [k.name, encodeSearchAttributeIndexedValueType(k.type)!])),
    });
    const bundlePath = process.env.WORKFLOW_BUNDLE_PATH;
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      ...(bundlePath ? { workflowBundle: { codePath: bundlePath } } : { workflowsPath: require.resolve('../index') }),
      activities: {
        recordTaskEvent: async (e: RecordEventInput) => {
          events.push(e);
          return { applied: true };
        },
      },
    });
    running = worker.run();
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  const serverToday = async () => fromInstant(await env.currentTimeMs());
  /** With RECORD_HISTORIES=1, saves the history as a replay fixture (task-lifecycle.replay.spec.ts replays them). */
  const maybeRecord = async (handle: WorkflowHandle, name: string) => {
    if (process.env.RECORD_HISTORIES !== '1') return;
    writeFileSync(join(__dirname, '../../test/fixtures/histories', `${name}.json`), historyToJSON(await handle.fetchHistory()));
  };
  const typesOf = (taskId: string) => events.filter((e) => e.taskId === taskId).map((e) => e.type);

  async function startTask(extra: Partial<TaskLifecycleInput> & { settings?: Partial<LifecycleSettings> }): Promise<{ handle: WorkflowHandle<typeof taskLifecycle>; taskId: string }> {
    const taskId = randomUUID();
    const handle = await env.client.workflow.start(taskLifecycle, {
      workflowId: `timers-${taskId}`,
      taskQueue,
      args: [
        {
          taskId,
          organizationId: ORG,
          organizationCode: 'SNV-BD',
          planId: null,
          ownerUnitCode: 'VP',
          ownerUnitId: VP.unitId,
          title: 'Nhiệm vụ thử',
          dueOn: addDays(await serverToday(), 60),
          initialState: 'DRAFTING',
          ...extra,
        },
      ],
    });
    return { handle, taskId };
  }

  async function submitWithReviewers(handle: WorkflowHandle<typeof taskLifecycle>) {
    const lead = head(VP);
    await handle.executeUpdate(saveDraftUpdate, { args: [{ actor: { ...lead, roles: ['officer'] }, idempotencyKey: 'd1', text: 'Dự thảo kế hoạch' }] });
    const s = await handle.executeUpdate(submitUpdate, { args: [{ actor: lead, idempotencyKey: 's1' }] });
    expect(s.state).toBe('IN_REVIEW');
    return { lead, windowEndsOn: s.review!.windowEndsOn };
  }

  it('counts a unit silent past the review window as agreeing, and moves on to approval', async () => {
    const { handle, taskId } = await startTask({ coordinatingUnits: [CCHC, TTRA], settings: { silentReviewer: 'agree', reviewWindowWorkingDays: 5 } });
    const { windowEndsOn } = await submitWithReviewers(handle);
    await handle.executeUpdate(reviewUpdate, { args: [{ actor: head(CCHC), idempotencyKey: 'r1', opinion: 'agree' }] });
    expect((await handle.query(getSnapshotQuery)).state).toBe('IN_REVIEW');

    await env.sleep('9 days'); // 5 working days plus a weekend or a holiday, at most
    const s = await handle.query(getSnapshotQuery);
    expect(s.state).toBe('AWAITING_APPROVAL');
    expect(s.lastReview?.outcome).toBe('silent');
    const silentEvent = events.find((e) => e.taskId === taskId && e.type === 'REVIEW_SILENT_AGREED')!;
    expect(silentEvent.payload).toMatchObject({ units: ['TTRA'], windowEndsOn });
    // The window is a whole day in Vietnam: the silence is recorded only after windowEndsOn.
    expect(fromInstant(new Date(silentEvent.occurredAt))).toBe(addDays(windowEndsOn, 1));
    expect(typesOf(taskId)).toEqual(['CREATED', 'DRAFT_SAVED', 'SUBMITTED_FOR_REVIEW', 'REVIEW_GIVEN', 'REVIEW_REMINDER', 'REVIEW_SILENT_AGREED', 'REVIEW_COMPLETED']);
    // The unit still silent was reminded once, on the morning one working day before the window ends.
    const reminder = events.find((e) => e.taskId === taskId && e.type === 'REVIEW_REMINDER')!;
    expect(reminder.payload).toMatchObject({ units: ['TTRA'], unitIds: [TTRA.unitId], windowEndsOn, workingDays: 1, notify: ['reviewUnitHead'] });
    expect(fromInstant(new Date(reminder.occurredAt))).toBe(defaultVietnamCalendar().addWorkingDays(windowEndsOn, -1));
    expect(new Date(reminder.occurredAt).getUTCHours()).toBe(0); // 07:30 in Vietnam
  });

  it('escalates a silent unit when the organization says so, and lets the head submit over it with a justification', async () => {
    const { handle, taskId } = await startTask({ coordinatingUnits: [CCHC, TTRA], settings: { silentReviewer: 'escalate', reviewWindowWorkingDays: 3 } });
    const { lead } = await submitWithReviewers(handle);
    await env.sleep('8 days');
    let s = await handle.query(getSnapshotQuery);
    expect(s.state).toBe('IN_REVIEW');
    expect(s.review?.escalated).toBe(true);
    expect(events.find((e) => e.taskId === taskId && e.type === 'REVIEW_ESCALATED')?.payload).toMatchObject({ units: ['CCHC', 'TTRA'] });

    // Still escalated once only, however long it waits; the director hears of it 3 working days later, once.
    await env.sleep('20 days');
    expect(typesOf(taskId).filter((t) => t === 'REVIEW_ESCALATED')).toHaveLength(1);
    const toDirector = events.filter((e) => e.taskId === taskId && e.type === 'REVIEW_ESCALATED_TO_DIRECTOR');
    expect(toDirector).toHaveLength(1);
    expect(toDirector[0].payload).toMatchObject({ units: ['CCHC', 'TTRA'], workingDays: 3, notify: ['director'] });
    expect(fromInstant(new Date(toDirector[0].occurredAt))).toBe(defaultVietnamCalendar().addWorkingDays(s.review!.windowEndsOn, 3));

    await expect(handle.executeUpdate(submitUpdate, { args: [{ actor: lead, idempotencyKey: 's2', overrideReview: true }] })).rejects.toMatchObject({
      cause: { type: 'INVALID_INPUT', message: expect.stringMatching(/lý do/) },
    });
    s = await handle.executeUpdate(submitUpdate, { args: [{ actor: lead, idempotencyKey: 's3', overrideReview: true, justification: 'Đã quá hạn lấy ý kiến' }] });
    expect(s.state).toBe('AWAITING_APPROVAL');
    expect(s.submission).toMatchObject({ overrideReview: true, justification: 'Đã quá hạn lấy ý kiến' });
    await maybeRecord(handle, 'wait-ladders-review-escalated-to-director-then-overridden');
  });

  it('climbs the deadline ladder once per step: reminder, overdue, deputy, director; an extension starts it again for the new date', async () => {
    const calendar = defaultVietnamCalendar();
    const today = await serverToday();
    const due = calendar.addWorkingDays(today, 8);
    const { handle, taskId } = await startTask({ dueOn: due, coordinatingUnits: [] });
    const ladder = () => events.filter((e) => e.taskId === taskId && e.type !== 'CREATED');
    await env.sleep('4 days');
    // Far enough from the due date: nothing yet but, possibly, the first reminder.
    expect(ladder().every((e) => e.type === 'DEADLINE_REMINDER')).toBe(true);

    await env.sleep('40 days'); // past +10 working days
    let fired = ladder();
    expect(fired.map((e) => `${e.type}:${e.payload.workingDays}`)).toEqual([
      'DEADLINE_REMINDER:5',
      'DEADLINE_REMINDER:1',
      'DEADLINE_PASSED:0',
      'ESCALATED_TO_DEPUTY:3',
      'ESCALATED_TO_DIRECTOR:10',
    ]);
    // Each at its moment in Vietnam: reminders and escalations on working-day mornings, overdue when the due day is over.
    const vnDate = (e: RecordEventInput) => fromInstant(new Date(e.occurredAt));
    expect(fired.map(vnDate)).toEqual([
      calendar.addWorkingDays(due, -5),
      calendar.addWorkingDays(due, -1),
      addDays(due, 1),
      calendar.addWorkingDays(due, 3),
      calendar.addWorkingDays(due, 10),
    ]);
    expect(fired[2].payload).toMatchObject({ dueOn: due, notify: ['leadUnitHead', 'monitor'] });

    // The head asks for more time, the deputy grants it: a fresh ladder for the new date.
    const newDue = calendar.addWorkingDays(await serverToday(), 2);
    const deputy: Actor = { userId: randomUUID(), unitId: null, roles: ['deputyDirector'], portfolioUnitIds: [VP.unitId], organizationId: ORG };
    await handle.executeUpdate(requestExtensionUpdate, { args: [{ actor: head(VP), idempotencyKey: 'x1', reason: 'Chờ số liệu', newDueOn: newDue }] });
    await handle.executeUpdate(decideExtensionUpdate, { args: [{ actor: deputy, idempotencyKey: 'x2', decision: 'grant' }] });
    await env.sleep('30 days');
    fired = ladder().filter((e) => e.payload.dueOn === newDue && e.type !== 'EXTENSION_GRANTED');
    expect(fired.map((e) => e.type)).toEqual(['DEADLINE_REMINDER', 'DEADLINE_PASSED', 'ESCALATED_TO_DEPUTY', 'ESCALATED_TO_DIRECTOR']);
    // Nothing of the first ladder fired twice.
    expect(ladder().filter((e) => e.type === 'DEADLINE_PASSED')).toHaveLength(2);

    // A closed task fires nothing more.
    await handle.executeUpdate(cancelUpdate, { args: [{ actor: deputy, idempotencyKey: 'c1', reason: 'Không còn phù hợp' }] });
    const count = ladder().length;
    await env.sleep('60 days');
    expect(ladder()).toHaveLength(count);
  });

  it('reminds the leadership an approval waits on after 2 working days and escalates after 5, once per wait; a new submission waits afresh', async () => {
    const calendar = defaultVietnamCalendar();
    const { handle, taskId } = await startTask({ coordinatingUnits: [] });
    const lead = head(VP);
    await handle.executeUpdate(saveDraftUpdate, { args: [{ actor: lead, idempotencyKey: 'd1', text: 'Dự thảo báo cáo' }] });
    let s = await handle.executeUpdate(submitUpdate, { args: [{ actor: lead, idempotencyKey: 's1' }] });
    expect(s.state).toBe('AWAITING_APPROVAL');
    const since = await serverToday();
    const waits = () => events.filter((e) => e.taskId === taskId && e.type.startsWith('APPROVAL_'));

    await env.sleep('30 days');
    expect(waits().map((e) => `${e.type}:${e.payload.workingDays}`)).toEqual(['APPROVAL_REMINDER:2', 'APPROVAL_ESCALATED:5']);
    expect(waits().map((e) => fromInstant(new Date(e.occurredAt)))).toEqual([calendar.addWorkingDays(since, 2), calendar.addWorkingDays(since, 5)]);
    expect(waits()[0].payload).toMatchObject({ since, notify: ['approver'], ownerUnitId: VP.unitId });
    expect(waits()[1].payload).toMatchObject({ since, notify: ['director', 'monitor'] });

    // Returned and resubmitted: a new wait with its own reminder; approved before the escalation, nothing more.
    const deputy: Actor = { userId: randomUUID(), unitId: null, roles: ['deputyDirector'], portfolioUnitIds: [VP.unitId], organizationId: ORG };
    await handle.executeUpdate(returnUpdate, { args: [{ actor: deputy, idempotencyKey: 'ret1', comment: 'Bổ sung số liệu' }] });
    s = await handle.executeUpdate(submitUpdate, { args: [{ actor: lead, idempotencyKey: 's2' }] });
    const since2 = await serverToday();
    // To one hour after the reminder's morning (07:30 in Vietnam is 00:30 UTC), well before the escalation.
    const reminderAt = Date.parse(`${calendar.addWorkingDays(since2, 2)}T01:30:00Z`);
    await env.sleep(reminderAt - (await env.currentTimeMs()));
    expect(waits().map((e) => e.type)).toEqual(['APPROVAL_REMINDER', 'APPROVAL_ESCALATED', 'APPROVAL_REMINDER']);
    expect(waits()[2].payload).toMatchObject({ since: since2 });
    await handle.executeUpdate(approveUpdate, { args: [{ actor: deputy, idempotencyKey: 'a1' }] });
    await env.sleep('30 days');
    expect(waits()).toHaveLength(3);
    expect(s.version).toBeGreaterThan(0);
    await maybeRecord(handle, 'wait-ladders-approval-reminded-escalated-returned-approved');
  });

  it('counts on the calendar the task carries, and moves its timers when the organization edits it', async () => {
    const national = defaultVietnamCalendar();
    const today = await serverToday();
    const due = national.addWorkingDays(today, 4);
    // The organization's own day off right after the due date pushes "+3 working days" back by one.
    const dayOff = national.addWorkingDays(due, 1);
    const config = { ...defaultVietnamCalendarConfig(), extraOffDays: [dayOff] };
    const { handle, taskId } = await startTask({ dueOn: due, coordinatingUnits: [], calendar: config });
    const own = new WorkingCalendar(config);
    expect(own.addWorkingDays(due, 3)).toBe(national.addWorkingDays(due, 4));

    // Before the deputy's step, the organization adds one more day off: the step moves once more.
    await env.sleep('5 days');
    const secondOff = own.addWorkingDays(due, 2);
    const edited = { ...config, extraOffDays: [dayOff, secondOff] };
    await handle.signal(calendarChangedSignal, { calendar: edited });
    await env.sleep('40 days');
    const deputyStep = events.filter((e) => e.taskId === taskId && e.type === 'ESCALATED_TO_DEPUTY');
    expect(deputyStep).toHaveLength(1);
    expect(fromInstant(new Date(deputyStep[0].occurredAt))).toBe(new WorkingCalendar(edited).addWorkingDays(due, 3));
    expect(new WorkingCalendar(edited).addWorkingDays(due, 3)).toBe(national.addWorkingDays(due, 5));

    // A calendar the library refuses changes nothing (and does not stop the task).
    await handle.signal(calendarChangedSignal, { calendar: { overrides: [{ year: 2026, offDays: ['2026-12-01'], makeUpWorkDays: ['2026-12-01'], note: 'mâu thuẫn' }] } });
    expect((await handle.query(getSnapshotQuery)).state).toBe('DRAFTING');
    await handle.executeUpdate(cancelUpdate, {
      args: [{ actor: { userId: randomUUID(), unitId: null, roles: ['director'], organizationId: ORG }, idempotencyKey: 'c1', reason: 'Kết thúc thử' }],
    });
    await maybeRecord(handle, 'wait-ladders-calendar-edited-mid-ladder');
  });

  /** A group-led row waiting for its event, led by several units (VP coordinates). */
  const groupRow = (title: string, trigger: string) => ({
    taskId: randomUUID(),
    organizationId: ORG,
    organizationCode: 'SNV-BD',
    planId: null,
    ownerUnitCode: null,
    ownerUnitId: null,
    title,
    dueOn: null,
    initialState: 'PENDING_TRIGGER' as const,
    coordinatingUnits: [VP],
    milestones: [{ label: '', kind: 'event' as const, due: null, start: null, until: null, trigger, recurrence: null }],
  });

  it('a group row forwards its recorded event to every unit, and the director cancels the whole row', async () => {
    const base = groupRow('Nhiệm vụ của các đơn vị', 'Sau khi UBND tỉnh ban hành');
    const parentId = `group-${base.taskId}`;
    const parent = await env.client.workflow.start(groupTask, {
      workflowId: parentId,
      taskQueue,
      args: [{ base, children: [CCHC, TTRA].map((unit) => ({ taskId: randomUUID(), workflowId: `${parentId}/${unit.unitCode}`, unit })) }],
    });
    const child = (code: string) => env.client.workflow.getHandle(`${parentId}/${code}`);
    await waitUntil(async () => (await child('TTRA').query(getSnapshotQuery).catch(() => null))?.state === 'PENDING_TRIGGER', () => env.sleep('1 second'));

    const today = await serverToday();
    const director: Actor = { userId: randomUUID(), unitId: null, roles: ['director'], organizationId: ORG };
    const deputy: Actor = { userId: randomUUID(), unitId: null, roles: ['deputyDirector'], portfolioUnitIds: [CCHC.unitId, TTRA.unitId], organizationId: ORG };
    await expect(
      parent.executeUpdate(recordTriggerUpdate, { args: [{ actor: monitor, idempotencyKey: 't0', eventDate: addDays(today, 2), description: 'UBND tỉnh ban hành' }] }),
    ).rejects.toMatchObject({ cause: { type: 'INVALID_INPUT' } });
    await parent.executeUpdate(recordTriggerUpdate, { args: [{ actor: monitor, idempotencyKey: 't1', eventDate: today, description: 'UBND tỉnh ban hành Quy chế' }] });
    const expectedDue = defaultVietnamCalendar().addWorkingDays(today, 10);
    for (const code of ['CCHC', 'TTRA']) {
      await waitUntil(async () => (await child(code).query(getSnapshotQuery)).state === 'DRAFTING', () => env.sleep('1 second'));
      expect(await child(code).query(getSnapshotQuery)).toMatchObject({ state: 'DRAFTING', dueOn: expectedDue, trigger: { eventDate: today } });
    }

    await expect(parent.executeUpdate(cancelUpdate, { args: [{ actor: deputy, idempotencyKey: 'c0', reason: 'x' }] })).rejects.toMatchObject({ cause: { type: 'FORBIDDEN' } });
    await parent.executeUpdate(cancelUpdate, { args: [{ actor: director, idempotencyKey: 'c1', reason: 'UBND tỉnh giao đơn vị khác' }] });
    const result = await parent.result();
    expect(result).toMatchObject({ state: 'CANCELLED', lateUnitCodes: [] });
    expect(result.children.map((c) => c.state)).toEqual(['CANCELLED', 'CANCELLED']);
  });

  it('a group row hands the organization settings to its units: those it starts after a change start with it, those running hear it', async () => {
    const base = { ...groupRow('Rà soát thủ tục hành chính của các đơn vị', 'Khi có văn bản mới'), settings: { maxExtensionsPerTask: 1 } };
    const parentId = `group-settings-${base.taskId}`;
    const children = [CCHC, TTRA].map((unit) => ({ taskId: randomUUID(), workflowId: `${parentId}/${unit.unitCode}`, unit }));
    // The change reaches the row before its first step, so before it starts any unit's task (what
    // the settings broadcast meets when it finds no workflow for a unit's task yet).
    const parent = await env.client.workflow.signalWithStart(groupTask, {
      workflowId: parentId,
      taskQueue,
      args: [{ base, children }],
      signal: settingsChangedSignal,
      signalArgs: [{ settings: { maxExtensionsPerTask: 3 } }],
    });
    const child = (code: string) => env.client.workflow.getHandle(`${parentId}/${code}`);
    for (const code of ['CCHC', 'TTRA']) {
      await waitUntil(async () => (await child(code).query(getSnapshotQuery).catch(() => null))?.state === 'PENDING_TRIGGER', () => env.sleep('1 second'));
      expect((await child(code).query(getSnapshotQuery)).extensions?.max).toBe(3);
    }
    // A later change reaches the row only (as the broadcast would if the units were not told): both units hear it.
    await parent.signal(settingsChangedSignal, { settings: { maxExtensionsPerTask: 2 } });
    for (const code of ['CCHC', 'TTRA']) {
      await waitUntil(async () => (await child(code).query(getSnapshotQuery)).extensions?.max === 2, () => env.sleep('1 second'));
    }
    const director: Actor = { userId: randomUUID(), unitId: null, roles: ['director'], organizationId: ORG };
    await parent.executeUpdate(cancelUpdate, { args: [{ actor: director, idempotencyKey: 'c1', reason: 'Không còn cần thiết' }] });
    expect((await parent.result()).state).toBe('CANCELLED');
  });

  it('an event row whose event never came closes at the plan end as "Không phát sinh", not as done; one whose event came runs as before', async () => {
    const today = await serverToday();
    const planEndsOn = addDays(today, 40);
    const waitingRow = {
      initialState: 'PENDING_TRIGGER' as const,
      dueOn: null,
      planEndsOn,
      milestones: [{ label: 'Khi có văn bản QPPL mới', kind: 'event' as const, due: null, start: null, until: null, trigger: 'Khi có văn bản QPPL mới', recurrence: null }],
    };
    const never = await startTask(waitingRow);
    const came = await startTask(waitingRow);
    // "Khi có …" as a report per event (on-event rounds): no event, no round.
    const onEvent = await startTask({
      dueOn: null,
      planEndsOn,
      milestones: [{ label: 'Đột xuất', kind: 'recurring' as const, due: null, start: null, until: null, trigger: null, recurrence: 'on-event' as const }],
    });
    // A row imported after its plan ended (an old plan entered for the record) waits as before.
    const late = await startTask({ ...waitingRow, planEndsOn: addDays(today, -1) });
    await came.handle.executeUpdate(recordTriggerUpdate, { args: [{ actor: monitor, idempotencyKey: 't1', eventDate: today, description: 'UBND tỉnh ban hành Quy chế' }] });

    await env.sleep(Date.parse(`${addDays(planEndsOn, 1)}T05:00:00Z`) - (await env.currentTimeMs()));
    for (const t of [never, onEvent]) {
      const snap = await t.handle.result();
      expect(snap).toMatchObject({ state: 'COMPLETED', outcome: 'not-arisen', completedOn: addDays(planEndsOn, 1) });
      const last = events.filter((e) => e.taskId === t.taskId).pop()!;
      expect(last).toMatchObject({ type: 'NOT_ARISEN', toState: 'COMPLETED', payload: { planEndsOn } });
      expect(last.task).toMatchObject({ state: 'COMPLETED', notArisen: true });
      expect(typesOf(t.taskId)).not.toContain('COMPLETED');
    }
    expect(events.filter((e) => e.taskId === never.taskId).pop()!.payload).toMatchObject({ trigger: 'Khi có văn bản QPPL mới', notify: ['leadUnitHead', 'monitor'] });
    // The row whose event came is an ordinary task: still drafting (overdue), never "not arisen".
    const open = await came.handle.query(getSnapshotQuery);
    expect(open.state).toBe('DRAFTING');
    expect(open.outcome).toBeUndefined();
    expect(typesOf(came.taskId)).not.toContain('NOT_ARISEN');
    expect((await late.handle.query(getSnapshotQuery)).state).toBe('PENDING_TRIGGER');
    expect(typesOf(late.taskId)).not.toContain('NOT_ARISEN');
    await maybeRecord(never.handle, 'not-arisen-event-row');
  });

  it('a new execution runs its rounds on their round day (round-days-v1): monthly on the 14th, "trước ngày 10 hằng tháng" on the 10th', async () => {
    const year = Number((await serverToday()).slice(0, 4)) + 1;
    const monthly = (roundDay?: number) => ({
      dueOn: null,
      planEndsOn: `${year}-12-31`,
      milestones: [{ label: 'Hằng tháng', kind: 'recurring' as const, due: null, start: null, until: null, trigger: null, recurrence: 'monthly' as const, ...(roundDay ? { roundDay } : {}) }],
    });
    for (const [t, day] of [[await startTask(monthly()), '14'], [await startTask(monthly(10)), '10']] as const) {
      const rounds = (await t.handle.query(getSnapshotQuery)).rounds!;
      expect(rounds).toHaveLength(12);
      expect(rounds.every((r) => r.dueOn.slice(8) === day)).toBe(true);
      await t.handle.terminate('end of test');
    }
  });

  it('runs report rounds on the reporting calendar, continues as new without losing anything, and completes at the plan end', async () => {
    // Time on the test server has moved on with the tests before: its "today" is what counts.
    const today = await serverToday();
    const year = Number(today.slice(0, 4)) + 1;
    const { handle, taskId } = await startTask({
      dueOn: null,
      milestones: [{ label: '', kind: 'recurring', due: null, start: `${year}-01-01`, until: `${year}-12-31`, trigger: null, recurrence: 'reporting-calendar' }],
      planEndsOn: `${year}-12-31`,
      settings: { continueAsNewAfterHistoryEvents: 40 },
    });
    const firstRun = (await handle.describe()).runId;
    let s = await handle.query(getSnapshotQuery);
    expect(s.mode).toBe('recurring');
    expect(s.rounds!.map((r) => [r.key, r.opensOn, r.dueOn])).toEqual([
      [`${year}-Q1`, `${year}-01-01`, `${year}-03-14`],
      [`${year}-H1`, `${year}-03-15`, `${year}-06-14`],
      [`${year}-Q3`, `${year}-06-15`, `${year}-09-14`],
      [`${year}-Y`, `${year}-09-15`, `${year}-12-14`],
    ]);
    expect(s.rounds!.every((r) => r.state === 'UPCOMING')).toBe(true);
    expect(s.dueOn).toBe(`${year}-03-14`);

    const lead = head(VP);
    for (const [i, round] of s.rounds!.entries()) {
      // Wait until the round opens (the server skips the time), then report and acknowledge it.
      await waitUntil(async () => (await handle.query(getSnapshotQuery)).rounds![i].state === 'OPEN', () => env.sleep('5 days'));
      await handle.executeUpdate(submitReportUpdate, { args: [{ actor: lead, idempotencyKey: `rep-${round.key}`, roundKey: round.key, text: `Báo cáo ${round.label}` }] });
      // The same report twice with its key: applied once.
      await handle.executeUpdate(submitReportUpdate, { args: [{ actor: lead, idempotencyKey: `rep-${round.key}`, roundKey: round.key, text: `Báo cáo ${round.label}` }] });
      await handle.executeUpdate(acknowledgeReportUpdate, { args: [{ actor: monitor, idempotencyKey: `ack-${round.key}`, roundKey: round.key }] });
    }
    s = await handle.query(getSnapshotQuery);
    expect(s.rounds!.every((r) => r.state === 'ACKNOWLEDGED')).toBe(true);
    expect(s.state).toBe('DRAFTING'); // the plan has not ended yet

    const result = await handle.result(); // the server skips to the end of the plan year
    expect(result.state).toBe('COMPLETED');
    const types = typesOf(taskId);
    expect(types.filter((t) => t === 'REPORT_SUBMITTED')).toHaveLength(4);
    expect(types.filter((t) => t === 'ROUND_OPENED')).toHaveLength(4);
    expect(types.filter((t) => t === 'CREATED')).toHaveLength(1);
    expect(types.at(-1)).toBe('COMPLETED');
    // Versions are consecutive across runs: nothing lost, nothing twice.
    const versions = events.filter((e) => e.taskId === taskId).map((e) => e.version);
    expect(versions).toEqual(versions.map((_, i) => i + 1));
    expect((await handle.describe()).runId).not.toBe(firstRun);
  });
});

async function waitUntil(probe: () => Promise<boolean>, advance: () => Promise<void>, attempts = 200): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await probe()) return;
    await advance();
  }
  throw new Error('condition not reached');
}
