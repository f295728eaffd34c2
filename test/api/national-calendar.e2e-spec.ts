import { CalendarDate, defaultVietnamCalendar } from '@app/domain';
import { readSamplePlanText } from '@app/domain/plan-import/testing/appendix-fixtures';
import { provisionAdHocTask } from '@app/temporal';
import { login } from '../support/auth';
import { eventually, useStack } from '../support/stack';
import { useApiApp, withBearer } from './support';

/**
 * Issue 16 over HTTP on the real stack: the national calendar read as the caller's organization
 * counts it, edited only by the platform administrator (a recorded role), and dates in years the
 * calendar cannot count refused with 422 CALENDAR_YEAR_UNSUPPORTED naming the year, before any
 * workflow sees them.
 */
describe('national calendar and uncountable years (HTTP, real worker)', () => {
  const stack = useStack('natcal-http');
  const api = useApiApp(stack);
  const savedQueue = process.env.TEMPORAL_TASK_QUEUE;
  let task: { taskId: string; workflowId: string };
  const due = defaultVietnamCalendar().addWorkingDays(CalendarDate.fromInstant(Date.now()), 30);
  const SCRATCH_DAY = '2032-11-24';

  beforeAll(async () => {
    process.env.TEMPORAL_TASK_QUEUE = stack.taskQueue;
    task = await provisionAdHocTask(stack.ds, stack.starter, { organizationCode: stack.org.code, taskKey: 'natcal-1', title: 'Báo cáo thử', ownerUnitCode: 'CCHC', dueOn: due });
    await eventually('the task row has its CREATED event', async () => {
      const [row] = await stack.ds.query(`SELECT version FROM tasks WHERE id = $1`, [task.taskId]);
      return row?.version >= 1;
    });
    await stack.ds.query(`DELETE FROM national_calendar_years WHERE year = 2032`);
  });
  afterAll(async () => {
    process.env.TEMPORAL_TASK_QUEUE = savedQueue;
  });

  it('GET /national-calendar/2026 lists the official 2026 days with their sources to anybody of the organization', async () => {
    const res = await api.people.get('btg.chuyenvien', '/national-calendar/2026');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ year: 2026, organizationCode: stack.org.code, official: true });
    expect(res.body.daysOff).toEqual(expect.arrayContaining([{ date: '2026-01-02', name: 'Tết Dương lịch', source: 'Công văn 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ' }]));
    expect(res.body.workingWeekendDays.map((d: { date: string }) => d.date)).toEqual(['2026-01-10', '2026-08-22']);
    const far = await api.people.get('btg.chuyenvien', '/national-calendar/2999');
    expect(far.status).toBe(422);
    expect(far.body).toMatchObject({ code: 'CALENDAR_YEAR_UNSUPPORTED', message: expect.stringContaining('2999') });
  });

  it('only a platform administrator records a national day; the organization administrator is refused', async () => {
    const body = { kind: 'off', name: 'Ngày Văn hóa Việt Nam', source: 'Nghị định kiểm thử ngày 01/10/2032' };
    const as = async (who: string) => withBearer(api.app, (await login(api.app, api.people.username(who))).accessToken);
    const orgAdmin = await (await as('quantri')).put(`/national-calendar/days/${SCRATCH_DAY}`).send(body);
    expect(orgAdmin.status).toBe(403);
    expect(orgAdmin.body.code).toBe('FORBIDDEN');
    expect((await stack.ds.query(`SELECT 1 FROM national_calendar_days WHERE day = $1`, [SCRATCH_DAY])).length).toBe(0);

    const username = api.people.username('vp.chuyenvien');
    await stack.ds.query(`UPDATE users SET roles = array_append(roles, 'platformAdmin') WHERE username = $1`, [username]);
    const granted = await as('vp.chuyenvien');
    const res = await granted.put(`/national-calendar/days/${SCRATCH_DAY}`).send(body);
    expect(res.status).toBe(200);
    expect(res.body.day).toMatchObject({ day: SCRATCH_DAY, kind: 'off', createdYear: true });
    expect(res.body.tasks.signalled).toBeGreaterThanOrEqual(1);
    const missingSource = await granted.put(`/national-calendar/days/2032-11-25`).send({ kind: 'off', name: 'x' });
    expect(missingSource.status).toBe(400);
    const removed = await granted.delete(`/national-calendar/days/${SCRATCH_DAY}`);
    expect(removed.status).toBe(200);
    // The national calendar is shared by every test of the run: the scratch year goes again.
    await stack.ds.query(`DELETE FROM national_calendar_years WHERE year = 2032`);
  });

  it('an extension or a trigger date in a year the calendar cannot count answers 422 CALENDAR_YEAR_UNSUPPORTED naming the year; the task is untouched', async () => {
    const before = (await stack.ds.query(`SELECT version FROM tasks WHERE id = $1`, [task.taskId]))[0].version;
    const res = await api.people.post('cchc.truongphong', `/tasks/${task.taskId}/request-extension`, { reason: 'Chờ số liệu', newDueOn: '2999-01-05' }, { 'Idempotency-Key': 'ext-2999' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'CALENDAR_YEAR_UNSUPPORTED', message: expect.stringContaining('2999') });
    const old = await api.people.post('cchc.truongphong', `/tasks/${task.taskId}/request-extension`, { reason: 'Chờ số liệu', newDueOn: '2010-01-05' }, { 'Idempotency-Key': 'ext-2010' });
    expect(old.body).toMatchObject({ code: 'CALENDAR_YEAR_UNSUPPORTED', message: expect.stringContaining('2010') });
    const trigger = await api.people.post('vp.truongphong', `/tasks/${task.taskId}/record-trigger`, { eventDate: '2012-05-01', description: 'x' }, { 'Idempotency-Key': 'trg-2012' });
    expect(trigger.body).toMatchObject({ code: 'CALENDAR_YEAR_UNSUPPORTED', message: expect.stringContaining('2012') });
    expect((await stack.ds.query(`SELECT version FROM tasks WHERE id = $1`, [task.taskId]))[0].version).toBe(before);
  });

  it('a 2010 plan previews its CALENDAR_YEAR_UNSUPPORTED errors and confirm answers 422 with that code: nothing stored, no workflow', async () => {
    const preview = await api.people.upload('vp.chuyenvien', '/plans/imports', Buffer.from(readSamplePlanText().replaceAll('2023', '2010')), 'ke-hoach-2010.txt');
    expect(preview.status).toBe(201);
    expect(preview.body.importable).toBe(false);
    expect(preview.body.parse.errors).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'CALENDAR_YEAR_UNSUPPORTED', message: expect.stringContaining('2010') })]));
    const confirm = await api.people.post('vp.chuyenvien', `/plans/imports/${preview.body.id}/confirm`, { acceptWarnings: true });
    expect(confirm.status).toBe(422);
    expect(confirm.body).toMatchObject({ code: 'CALENDAR_YEAR_UNSUPPORTED', message: expect.stringContaining('năm 2010') });
    const [{ plans }] = await stack.ds.query(`SELECT count(*)::int AS plans FROM plans WHERE organization_id = $1`, [stack.org.organizationId]);
    expect(plans).toBe(0);
  });
});
