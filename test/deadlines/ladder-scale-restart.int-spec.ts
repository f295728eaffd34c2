import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DataSource } from 'typeorm';
import { CalendarDate, defaultVietnamCalendar, defaultVietnamCalendarConfig } from '@app/domain';
import { TaskWorkflowStarter } from '@app/temporal';
import { SEARCH_ATTRIBUTES } from '@app/workflows/common/search-attributes';
import { env, eventually, openDataSource, seedTestOrganization, startWorkerProcess, uniqueSuffix, WorkerProcess } from '../support/stack';
import { insertTaskRows } from '../support/task-rows';

/**
 * Scenario 5 of SCENARIOS.md at scale and across crashes, on Temporal's time-skipping test server
 * (weeks pass in seconds) with the real worker process and the real Postgres read model:
 *  - a task passes its deadline untouched: lead unit head + monitor at once, the deputy in charge
 *    after 3 working days, the director after 10, each exactly once, also when the worker is
 *    killed between the steps and while a step is due;
 *  - 1,000 tasks due at the same instant all become "quá hạn" and notify, none twice.
 * Counts come from Postgres (events, notifications, e-mails) and from the tasks' version numbers:
 * a step that fired twice would bump the version without a second audit line.
 */
jest.setTimeout(900_000);

const calendar = defaultVietnamCalendar();
/**
 * 1,000 tasks with `LADDER_SCALE=1000 npm test -- test/deadlines` (or FAULTS_PROFILE=full);
 * 400 in `npm test` (profile `ci`), which has a 15-minute budget on two cores.
 */
const SCALE = Number(process.env.LADDER_SCALE ?? (process.env.FAULTS_PROFILE === 'full' ? 1000 : 400));

describe(`deadline ladder: worker restarts and ${SCALE} tasks due at once (time-skipping server, real worker, Postgres)`, () => {
  let testEnv: TestWorkflowEnvironment;
  let ds: DataSource;
  let org: { code: string; organizationId: string };
  let starter: TaskWorkflowStarter;
  let worker: WorkerProcess | undefined;
  const taskQueue = `ladder-${uniqueSuffix()}`;

  const startWorker = async (cachedWorkflows = '0') => {
    worker = await startWorkerProcess({
      taskQueue,
      temporalAddress: testEnv.address,
      // No sticky queue: the time-skipping server never moves a workflow task off a killed worker's
      // sticky queue (the dev server does, see test/lifecycle/worker-crash), and every task replays
      // its whole history, which is the harder test of determinism anyway.
      env: { TEMPORAL_NAMESPACE: testEnv.namespace ?? 'default', WORKER_MAX_CACHED_WORKFLOWS: cachedWorkflows },
    });
  };

  beforeAll(async () => {
    ds = await openDataSource();
    org = await seedTestOrganization(ds);
    testEnv = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: env('TEMPORAL_TEST_SERVER_BIN') } },
    });
    await testEnv.connection.operatorService.addSearchAttributes({
      namespace: testEnv.namespace ?? 'default',
      searchAttributes: Object.fromEntries(SEARCH_ATTRIBUTES.map((k) => [k.name, encodeSearchAttributeIndexedValueType(k.type)!])),
    });
    starter = new TaskWorkflowStarter(testEnv.client, taskQueue);
    await startWorker();
  });

  afterAll(async () => {
    await worker?.stop();
    await testEnv?.teardown();
    await ds?.destroy();
  });

  const serverToday = async () => CalendarDate.fromInstant(await testEnv.currentTimeMs());
  /**
   * A due day that is a working day, today's or the next one: on a Saturday, a Sunday or a holiday
   * (in Vietnam, which is 7 hours ahead: a run on Friday evening UTC is on Saturday there), the
   * day-off rule moves the deadline to the next working day, and the steps with it.
   */
  const workingDueDay = async () => calendar.workingDue(await serverToday());
  /** Lets server time pass up to `iso` (time skips while nothing is running). */
  const sleepUntil = async (iso: string) => {
    const ms = Date.parse(iso) - (await testEnv.currentTimeMs());
    if (ms > 0) await testEnv.sleep(ms);
  };

  /** Task rows first (the read model knows them), then their workflows; the organization's units own them. */
  async function createTasks(count: number, dueOn: string, unitCodes: string[], label: string): Promise<Array<{ id: string; unitCode: string }>> {
    const units: Array<{ id: string; code: string }> = await ds.query(`SELECT id, code FROM units WHERE organization_id = $1 AND code = ANY($2)`, [
      org.organizationId,
      unitCodes,
    ]);
    const rows = Array.from({ length: count }, (_, i) => {
      const unit = units[i % units.length];
      const title = `Nhiệm vụ ${label} số ${i + 1}`;
      return { title, unit, workflowId: `ladder-${label}-${uniqueSuffix()}-${i}` };
    });
    const idByWorkflow = await insertTaskRows(ds, org.organizationId, dueOn, rows.map((r) => ({ title: r.title, unitId: r.unit.id, workflowId: r.workflowId })));
    // Started 25 at a time: the test server and the worker share two cores with Postgres.
    for (let i = 0; i < rows.length; i += 25) {
      await Promise.all(
        rows.slice(i, i + 25).map((r) =>
          starter.start(r.workflowId, {
            taskId: idByWorkflow.get(r.workflowId)!,
            organizationId: org.organizationId,
            organizationCode: org.code,
            planId: null,
            ownerUnitCode: r.unit.code,
            ownerUnitId: r.unit.id,
            title: r.title,
            dueOn,
            initialState: 'DRAFTING',
            calendar: defaultVietnamCalendarConfig(),
          }),
        ),
      );
    }
    return rows.map((r) => ({ id: idByWorkflow.get(r.workflowId)!, unitCode: r.unit.code }));
  }

  const countEvents = async (ids: string[], type: string): Promise<number> => {
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM task_events WHERE task_id = ANY($1) AND type = $2`, [ids, type]);
    return n;
  };

  /** Who was told what, as "type:username" with how many times. */
  const notified = async (ids: string[]): Promise<Record<string, number>> => {
    const rows: Array<{ type: string; username: string; n: number }> = await ds.query(
      `SELECT n.type, u.username, count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id
       WHERE n.task_id = ANY($1) AND n.type <> 'DEADLINE_REMINDER' GROUP BY n.type, u.username`,
      [ids],
    );
    const prefix = `${org.code.toLowerCase()}.`;
    return Object.fromEntries(rows.map((r) => [`${r.type}:${r.username.replace(prefix, '')}`, r.n]));
  };

  it('tells the right people once at due, +3 and +10 working days, with the worker killed between steps and while a step is due', async () => {
    const due = await workingDueDay();
    const tasks = await createTasks(2, due, ['CCHC', 'TCBC'], 'restart');
    const ids = tasks.map((t) => t.id);
    await eventually('CREATED recorded', async () => (await countEvents(ids, 'CREATED')) === 2);

    // The due day ends: overdue, the lead unit head and the monitor are told.
    await sleepUntil(`${CalendarDate.addDays(due, 1)}T00:00:00Z`);
    await eventually('DEADLINE_PASSED recorded', async () => (await countEvents(ids, 'DEADLINE_PASSED')) === 2, 180_000);

    // Killed between steps; started again before the deputy's step.
    await worker!.kill9();
    await startWorker();
    await sleepUntil(`${calendar.addWorkingDays(due, 3)}T01:30:00Z`);
    await eventually('ESCALATED_TO_DEPUTY recorded', async () => (await countEvents(ids, 'ESCALATED_TO_DEPUTY')) === 2, 180_000);

    // Killed while the director's step comes due: time passes with no worker at all, then one
    // starts and catches up from the history.
    await worker!.kill9();
    const sleeping = sleepUntil(`${calendar.addWorkingDays(due, 10)}T01:30:00Z`);
    await new Promise((r) => setTimeout(r, 2000));
    await startWorker();
    await sleeping;
    await eventually('ESCALATED_TO_DIRECTOR recorded', async () => (await countEvents(ids, 'ESCALATED_TO_DIRECTOR')) === 2, 180_000);
    await sleepUntil(`${calendar.addWorkingDays(due, 25)}T01:30:00Z`);

    const rows: Array<{ id: string; version: number; events: number; status_word: string }> = await ds.query(
      `SELECT t.id, t.version, t.status_word, (SELECT count(*)::int FROM task_events e WHERE e.task_id = t.id) AS events FROM tasks t WHERE t.id = ANY($1)`,
      [ids],
    );
    for (const r of rows) {
      expect(r.status_word).toBe('OPEN_OVERDUE');
      expect(r.events).toBe(r.version); // nothing fired twice: every version has its one audit line
    }
    const steps: Array<{ type: string; day: string; n: number }> = await ds.query(
      `SELECT type, to_char(occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS day, count(*)::int AS n
       FROM task_events WHERE task_id = ANY($1) AND type NOT IN ('CREATED', 'DEADLINE_REMINDER') GROUP BY type, day ORDER BY day, type`,
      [ids],
    );
    expect(steps).toEqual([
      { type: 'DEADLINE_PASSED', day: CalendarDate.addDays(due, 1), n: 2 },
      { type: 'ESCALATED_TO_DEPUTY', day: calendar.addWorkingDays(due, 3), n: 2 },
      { type: 'ESCALATED_TO_DIRECTOR', day: calendar.addWorkingDays(due, 10), n: 2 },
    ]);

    // A task started on its due day was reminded once that it is due today (a reminder more than a
    // working day late is not sent), never more.
    expect(await countEvents(ids, 'DEADLINE_REMINDER')).toBeLessThanOrEqual(2);

    // CCHC is in deputy A's portfolio, TCBC in deputy B's; Văn phòng's head and officer are the monitor.
    expect(await notified(ids)).toEqual({
      'DEADLINE_PASSED:cchc.truongphong': 1,
      'DEADLINE_PASSED:tcbc.truongphong': 1,
      'DEADLINE_PASSED:vp.truongphong': 2,
      'DEADLINE_PASSED:vp.chuyenvien': 2,
      'ESCALATED_TO_DEPUTY:pgd.a': 1,
      'ESCALATED_TO_DEPUTY:pgd.b': 1,
      'ESCALATED_TO_DIRECTOR:giamdoc': 2,
    });
    expect(worker!.output()).not.toMatch(/nondetermin/i);
  });

  it(`brings ${SCALE} tasks due at the same instant to "quá hạn" and tells everyone once`, async () => {
    // Nothing is killed here, so the worker keeps its sticky cache (as deployed): without one, every
    // read-model write (a local activity) replays the workflow again, and 1,000 starts at once took
    // more than 300 s in CI (README, Performance: timer storm).
    await worker?.stop();
    await startWorker(String(SCALE));
    const due = await workingDueDay();
    const tasks = await createTasks(SCALE, due, ['CCHC', 'TCBC', 'BTG', 'TTRA'], 'scale');
    const ids = tasks.map((t) => t.id);
    await eventually(`${SCALE} CREATED recorded`, async () => (await countEvents(ids, 'CREATED')) === SCALE, 300_000);

    await sleepUntil(`${CalendarDate.addDays(due, 1)}T00:00:00Z`);
    await eventually(`${SCALE} DEADLINE_PASSED recorded`, async () => (await countEvents(ids, 'DEADLINE_PASSED')) === SCALE, 300_000);

    const words: Array<{ status_word: string; n: number }> = await ds.query(
      `SELECT status_word, count(*)::int AS n FROM tasks WHERE id = ANY($1) GROUP BY status_word`,
      [ids],
    );
    expect(words).toEqual([{ status_word: 'OPEN_OVERDUE', n: SCALE }]);
    const [check] = await ds.query(
      `SELECT count(*) FILTER (WHERE t.version <> e.events)::int AS version_gaps, sum(e.passed)::int AS passed, max(e.passed)::int AS most
       FROM tasks t JOIN LATERAL (SELECT count(*)::int AS events, count(*) FILTER (WHERE type = 'DEADLINE_PASSED')::int AS passed
                                  FROM task_events WHERE task_id = t.id) e ON true
       WHERE t.id = ANY($1)`,
      [ids],
    );
    expect(check).toEqual({ version_gaps: 0, passed: SCALE, most: 1 });

    // Each task told its lead unit head and the two monitor accounts, once each.
    const perTask: Array<{ recipients: number; n: number }> = await ds.query(
      `SELECT recipients, count(*)::int AS n FROM (
         SELECT t.id, count(n.id)::int AS recipients, count(DISTINCT n.user_id)::int AS distinct_users
         FROM tasks t LEFT JOIN notifications n ON n.task_id = t.id AND n.type = 'DEADLINE_PASSED'
         WHERE t.id = ANY($1) GROUP BY t.id HAVING count(n.id) = count(DISTINCT n.user_id)) x
       GROUP BY recipients`,
      [ids],
    );
    expect(perTask).toEqual([{ recipients: 3, n: SCALE }]);

    // Every notification has its one e-mail queued (delivery itself: test/notifications, with a real SMTP listener).
    const [mail] = await ds.query(
      `SELECT count(o.id)::int AS queued, count(DISTINCT o.notification_id)::int AS distinct_notifications, count(n.id)::int AS notifications
       FROM notifications n LEFT JOIN email_outbox o ON o.notification_id = n.id WHERE n.task_id = ANY($1) AND n.type = 'DEADLINE_PASSED'`,
      [ids],
    );
    expect(mail).toEqual({ queued: SCALE * 3, distinct_notifications: SCALE * 3, notifications: SCALE * 3 });
  });
});
