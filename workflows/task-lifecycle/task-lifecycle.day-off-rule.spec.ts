import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { WorkflowHandle } from '@temporalio/client';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { addDays, dayOfWeek, fromInstant } from '../../libs/domain/src/calendar/calendar-date';
import { defaultVietnamCalendarConfig, WorkingCalendar } from '../../libs/domain/src/calendar/working-calendar';
import { SEARCH_ATTRIBUTES } from '../common/search-attributes';
import { cancelUpdate, LifecycleSettings, RecordEventInput, settingsChangedSignal, TaskLifecycleInput } from './task-lifecycle.contract';
import { taskLifecycle } from './task-lifecycle.workflow';

/**
 * The day-off rule (BLDS 2015 art. 148(5)) on Temporal's time-skipping server: a deadline whose
 * last day is a day off ends at the end of the next working day, so the task is not overdue, and
 * nobody is alerted, before that. Its own environment, so the server's clock starts at today
 * (the Tết case needs the next Tết still ahead).
 */
jest.setTimeout(120_000);

const ORG = randomUUID();
const VP = { unitId: randomUUID(), unitCode: 'VP' };
const config = defaultVietnamCalendarConfig();
const calendar = new WorkingCalendar(config);

describe('the day-off rule moves the deadline ladder to the working end (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const events: RecordEventInput[] = [];
  const taskQueue = 'day-off-rule';

  beforeAll(async () => {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    const path = process.env.TEMPORAL_TEST_SERVER_BIN;
    if (!path) throw new Error('TEMPORAL_TEST_SERVER_BIN is not set (run through npm test)');
    env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
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
  const maybeRecord = async (handle: WorkflowHandle, name: string) => {
    if (process.env.RECORD_HISTORIES !== '1') return;
    writeFileSync(join(__dirname, '../../test/fixtures/histories', `${name}.json`), historyToJSON(await handle.fetchHistory()));
  };
  const ladderOf = (taskId: string) =>
    events.filter((e) => e.taskId === taskId && e.type !== 'CREATED').map((e) => ({ type: e.type, on: fromInstant(new Date(e.occurredAt)), payload: e.payload }));

  async function startTask(dueOn: string, settings: Partial<LifecycleSettings> = {}): Promise<{ handle: WorkflowHandle<typeof taskLifecycle>; taskId: string }> {
    const taskId = randomUUID();
    const input: TaskLifecycleInput = {
      taskId,
      organizationId: ORG,
      organizationCode: 'SNV-BD',
      planId: null,
      ownerUnitCode: 'VP',
      ownerUnitId: VP.unitId,
      title: 'Báo cáo thử',
      dueOn,
      initialState: 'DRAFTING',
      coordinatingUnits: [],
      calendar: config,
      settings: { reminderWorkingDaysBefore: [1], ...settings },
    };
    const handle = await env.client.workflow.start(taskLifecycle, { workflowId: `day-off-${taskId}`, taskQueue, args: [input] });
    return { handle, taskId };
  }

  const director = { userId: randomUUID(), unitId: null, roles: ['director'], organizationId: ORG };
  async function waitFor(ok: () => boolean): Promise<void> {
    for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 25));
    expect(ok()).toBe(true);
  }

  it('the organization turns the rule off while the task runs: its ladder and its read-model row count on the date as written from then on', async () => {
    const today = await serverToday();
    let saturday = addDays(today, 14);
    while (dayOfWeek(saturday) !== 6 || calendar.isWorkingDay(saturday) || !calendar.isWorkingDay(addDays(saturday, 2))) saturday = addDays(saturday, 1);
    const { handle, taskId } = await startTask(saturday);
    await handle.signal(settingsChangedSignal, { settings: { dayOffRule: false } });
    await env.sleep(Date.parse(`${addDays(saturday, 2)}T05:00:00Z`) - (await env.currentTimeMs()));
    const fired = ladderOf(taskId);
    expect(fired.map((e) => `${e.type} ${e.on}`)).toEqual([`DEADLINE_REMINDER ${calendar.addWorkingDays(saturday, -1)}`, `DEADLINE_PASSED ${addDays(saturday, 1)}`]);
    expect(events.filter((e) => e.taskId === taskId && e.type === 'DEADLINE_PASSED').map((e) => e.task?.workingDueOn)).toEqual([saturday]);
    await handle.executeUpdate(cancelUpdate, { args: [{ actor: director, idempotencyKey: 'c1', reason: 'Kết thúc thử' }] });
  });

  it('a deadline on a Saturday: overdue only after Monday, the deputy 3 working days after Monday; without the rule, on Sunday', async () => {
    const today = await serverToday();
    // The first Saturday at least two weeks ahead whose Monday is a working day.
    let saturday = addDays(today, 14);
    while (dayOfWeek(saturday) !== 6 || calendar.isWorkingDay(saturday) || !calendar.isWorkingDay(addDays(saturday, 2))) saturday = addDays(saturday, 1);
    const monday = addDays(saturday, 2);
    expect(calendar.workingDue(saturday)).toBe(monday);

    const withRule = await startTask(saturday);
    const withoutRule = await startTask(saturday, { dayOffRule: false });
    // The read model gets the same working end with the task's first row (tasks.working_due_on).
    const created = async (taskId: string) => {
      await waitFor(() => events.some((e) => e.taskId === taskId && e.type === 'CREATED'));
      return events.find((e) => e.taskId === taskId && e.type === 'CREATED')!.task!;
    };
    expect(await created(withRule.taskId)).toMatchObject({ dueOn: saturday, workingDueOn: monday });
    expect(await created(withoutRule.taskId)).toMatchObject({ dueOn: saturday, workingDueOn: saturday });

    // To Monday noon in Vietnam: the task with the rule is not overdue yet, the other one is.
    await env.sleep(Date.parse(`${monday}T05:00:00Z`) - (await env.currentTimeMs()));
    expect(ladderOf(withRule.taskId).map((e) => e.type)).toEqual(['DEADLINE_REMINDER']);
    expect(ladderOf(withoutRule.taskId).map((e) => e.type)).toEqual(['DEADLINE_REMINDER', 'DEADLINE_PASSED']);

    await env.sleep('30 days');
    const fired = ladderOf(withRule.taskId);
    expect(fired.map((e) => `${e.type} ${e.on}`)).toEqual([
      `DEADLINE_REMINDER ${calendar.addWorkingDays(monday, -1)}`,
      `DEADLINE_PASSED ${addDays(monday, 1)}`,
      `ESCALATED_TO_DEPUTY ${calendar.addWorkingDays(monday, 3)}`,
      `ESCALATED_TO_DIRECTOR ${calendar.addWorkingDays(monday, 10)}`,
    ]);
    expect(fired[1].payload).toMatchObject({ dueOn: saturday, workingDueOn: monday });
    const old = ladderOf(withoutRule.taskId);
    expect(old.map((e) => `${e.type} ${e.on}`)).toEqual([
      `DEADLINE_REMINDER ${calendar.addWorkingDays(saturday, -1)}`,
      `DEADLINE_PASSED ${addDays(saturday, 1)}`,
      `ESCALATED_TO_DEPUTY ${calendar.addWorkingDays(saturday, 3)}`,
      `ESCALATED_TO_DIRECTOR ${calendar.addWorkingDays(saturday, 10)}`,
    ]);
    expect(old[1].payload).not.toHaveProperty('workingDueOn');
    for (const t of [withRule, withoutRule]) await t.handle.executeUpdate(cancelUpdate, { args: [{ actor: director, idempotencyKey: 'c1', reason: 'Kết thúc thử' }] });
    await maybeRecord(withRule.handle, 'day-off-rule-saturday-deadline');
  });

  it('a deadline inside Tết: overdue only after the first working day after the break', async () => {
    const today = await serverToday();
    // The next Tết break ahead (at least 3 weeks away): its mùng 3, a weekday off.
    let inside = addDays(today, 21);
    const isTet = (d: string) => !calendar.isWorkingDay(d) && (calendar.nationalDayOf(d)?.name ?? calendar.statutoryHolidayOf(d)?.name) === 'Tết Nguyên đán';
    while (!isTet(inside) || dayOfWeek(inside) === 0 || dayOfWeek(inside) === 6) inside = addDays(inside, 1);
    const end = calendar.workingDue(inside);
    expect(isTet(inside)).toBe(true);
    // A Tết break is several days long: the working end is days later, not the next morning.
    expect(calendar.workingDaysBetween(inside, end)).toBe(1);
    expect(Date.parse(end) - Date.parse(inside)).toBeGreaterThanOrEqual(2 * 86_400_000);

    const { handle, taskId } = await startTask(inside);
    await env.sleep(Date.parse(`${end}T05:00:00Z`) - (await env.currentTimeMs()));
    expect(ladderOf(taskId).map((e) => e.type)).toEqual(['DEADLINE_REMINDER']);
    await env.sleep('30 days');
    expect(ladderOf(taskId).map((e) => `${e.type} ${e.on}`)).toEqual([
      `DEADLINE_REMINDER ${calendar.addWorkingDays(end, -1)}`,
      `DEADLINE_PASSED ${addDays(end, 1)}`,
      `ESCALATED_TO_DEPUTY ${calendar.addWorkingDays(end, 3)}`,
      `ESCALATED_TO_DIRECTOR ${calendar.addWorkingDays(end, 10)}`,
    ]);
    await handle.executeUpdate(cancelUpdate, { args: [{ actor: director, idempotencyKey: 'c1', reason: 'Kết thúc thử' }] });
    await maybeRecord(handle, 'day-off-rule-deadline-inside-tet');
  });
});
