import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { CalendarDate, defaultVietnamCalendar } from '@app/domain';
import { provisionAdHocTask } from '@app/temporal';
import { getSnapshotQuery } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { createApiApp } from '../../apps/api/src/bootstrap-app';
import { giveDemoPasswords, login } from '../support/auth';
import { eventually, useStack } from '../support/stack';

/**
 * The organization's working calendar and the monthly unit rating over HTTP, on the real stack:
 * an administrator adds a day off, every open task of the organization receives the new calendar
 * (its history shows the signal, its timers are recomputed), nobody else may edit; the rating
 * counts the task in its unit and month, whole-organization for the monitor, own unit otherwise.
 */
describe('calendar administration and unit ratings (HTTP, real worker)', () => {
  const stack = useStack('calendar');
  let app: INestApplication;
  const tokens: Record<string, string> = {};
  let task: { taskId: string; workflowId: string };
  const national = defaultVietnamCalendar();
  const today = CalendarDate.fromInstant(Date.now());
  const due = national.addWorkingDays(today, 30);
  const http = () => request(app.getHttpServer());
  const user = (name: string) => `${stack.org.code.toLowerCase()}.${name}`;

  beforeAll(async () => {
    await giveDemoPasswords(stack.ds, stack.org.organizationId);
    app = await createApiApp();
    await app.init();
    for (const name of ['quantri', 'vp.truongphong', 'cchc.truongphong', 'btg.chuyenvien']) tokens[name] = (await login(app, user(name))).accessToken;
    task = await provisionAdHocTask(stack.ds, stack.starter, { organizationCode: stack.org.code, taskKey: 'calendar-1', title: 'Rà soát thủ tục hành chính', ownerUnitCode: 'CCHC', dueOn: due });
    await eventually('the task row has its CREATED event', async () => {
      const [row] = await stack.ds.query(`SELECT version FROM tasks WHERE id = $1`, [task.taskId]);
      return row?.version >= 1;
    });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('shows the year with its holidays and make-up days to anybody of the organization', async () => {
    const res = await http().get('/calendar/2025').auth(tokens['btg.chuyenvien'], { type: 'bearer' }).expect(200);
    expect(res.body.year).toBe(2025);
    expect(res.body.daysOff.map((d: { day: string }) => d.day)).toEqual(expect.arrayContaining(['2025-01-01', '2025-04-30', '2025-05-01', '2025-09-02']));
    expect(res.body.workingDays).toBeGreaterThan(240);
  });

  it('lets only the administrator add a day off, and hands the new calendar to every open task', async () => {
    const dayOff = national.addWorkingDays(today, 10);
    const refused = await http().put(`/calendar/days/${dayOff}`).auth(tokens['vp.truongphong'], { type: 'bearer' }).send({ kind: 'off', name: 'Nghỉ riêng' }).expect(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    const invalid = await http().put('/calendar/days/2025-02-30').auth(tokens.quantri, { type: 'bearer' }).send({ kind: 'off' }).expect(422);
    expect(invalid.body).toMatchObject({ code: 'CALENDAR_DAY_INVALID', message: expect.stringContaining('không hợp lệ') });
    await http().put(`/calendar/days/${dayOff}`).auth(tokens.quantri, { type: 'bearer' }).send({ kind: 'off', extra: 1 }).expect(400);

    const res = await http()
      .put(`/calendar/days/${dayOff}`)
      .auth(tokens.quantri, { type: 'bearer' })
      .send({ kind: 'off', name: 'Kỷ niệm ngày thành lập Sở' })
      .expect(200);
    expect(res.body.entry).toMatchObject({ day: dayOff, kind: 'off', name: 'Kỷ niệm ngày thành lập Sở' });
    expect(res.body.tasks).toEqual({ signalled: 1, closed: 0, notStartedYet: 0, failed: [] });

    const history = await stack.client.workflow.getHandle(task.workflowId).fetchHistory();
    const signals = (history.events ?? []).filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'calendarChanged');
    expect(signals).toHaveLength(1);
    // The task took it and goes on (nothing of its state changed).
    expect((await stack.client.workflow.getHandle(task.workflowId).query(getSnapshotQuery)).state).toBe('DRAFTING');

    const year = await http().get(`/calendar/${dayOff.slice(0, 4)}`).auth(tokens['vp.truongphong'], { type: 'bearer' }).expect(200);
    expect(year.body.daysOff).toEqual(expect.arrayContaining([expect.objectContaining({ day: dayOff, source: 'organization' })]));

    const removed = await http().delete(`/calendar/days/${dayOff}`).auth(tokens.quantri, { type: 'bearer' }).expect(200);
    expect(removed.body.tasks.signalled).toBe(1);
    await http().delete(`/calendar/days/${dayOff}`).auth(tokens.quantri, { type: 'bearer' }).expect(404);
  });

  it('the task\'s deadline made a day off: its working end moves to the next working day at once (day-off rule), and back', async () => {
    const detail = async () => (await http().get(`/tasks/${task.taskId}`).auth(tokens['cchc.truongphong'], { type: 'bearer' }).expect(200)).body;
    expect(await detail()).toMatchObject({ dueOn: due, effectiveDueOn: due, workingDueOn: due, statusWord: 'OPEN_ON_TIME' });
    await http().put(`/calendar/days/${due}`).auth(tokens.quantri, { type: 'bearer' }).send({ kind: 'off', name: 'Nghỉ riêng của Sở' }).expect(200);
    expect(await detail()).toMatchObject({ dueOn: due, effectiveDueOn: due, workingDueOn: national.addWorkingDays(due, 1) });
    await http().delete(`/calendar/days/${due}`).auth(tokens.quantri, { type: 'bearer' }).expect(200);
    expect((await detail()).workingDueOn).toBe(due);
  });

  it('rates the unit for the month: the whole organization for the monitor, one unit for everybody else', async () => {
    const month = due.slice(0, 7);
    const monitor = await http().get(`/reports/unit-ratings?from=${month}&to=${month}`).auth(tokens['vp.truongphong'], { type: 'bearer' }).expect(200);
    expect(monitor.body.rows).toEqual([expect.objectContaining({ month, unitCode: 'CCHC', tasksDue: 1, openInTime: 1, overdueOpen: 0, completedOnTime: 0 })]);

    const own = await http().get(`/reports/unit-ratings?from=${month}&to=${month}`).auth(tokens['cchc.truongphong'], { type: 'bearer' }).expect(200);
    expect(own.body.rows).toHaveLength(1);
    const other = await http().get(`/reports/unit-ratings?from=${month}&to=${month}`).auth(tokens['btg.chuyenvien'], { type: 'bearer' }).expect(200);
    expect(other.body.rows).toEqual([]);
    const [cchc] = await stack.ds.query(`SELECT id FROM units WHERE organization_id = $1 AND code = 'CCHC'`, [stack.org.organizationId]);
    const forbidden = await http().get(`/reports/unit-ratings?from=${month}&to=${month}&unitId=${cchc.id}`).auth(tokens['btg.chuyenvien'], { type: 'bearer' }).expect(403);
    expect(forbidden.body.code).toBe('FORBIDDEN');
    const bad = await http().get('/reports/unit-ratings?from=2025-13&to=2025-01').auth(tokens['vp.truongphong'], { type: 'bearer' }).expect(400);
    expect(bad.body.code).toBeDefined();
  });
});
