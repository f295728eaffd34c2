import { DataSource } from 'typeorm';
import { defaultVietnamCalendar, defaultVietnamCalendarConfig as shippedConfig, DomainError, WorkingCalendar, workflowCalendarConfig } from '@app/domain';

/** The shipped national calendar as a workflow argument (without the days' names and sources). */
const defaultVietnamCalendarConfig = () => workflowCalendarConfig(shippedConfig());
import { loadWorkingCalendarConfig, OrganizationCalendarService } from '@app/persistence';
import { openDataSource, seedTestOrganization } from '../support/stack';

/**
 * An organization's own working-day calendar on the real Postgres: its days off and make-up days
 * change the working-day arithmetic of that organization only, and every refused edit stores
 * nothing. 2024 is a year with a shipped government schedule (Monday 29/04 swapped with make-up
 * Saturday 04/05).
 */
describe('organization calendar: stored days, loaded config, edits', () => {
  let ds: DataSource;
  let calendars: OrganizationCalendarService;
  let orgA: { code: string; organizationId: string };
  let orgB: { code: string; organizationId: string };
  let adminA: string;
  let adminB: string;
  const national = defaultVietnamCalendar();

  beforeAll(async () => {
    ds = await openDataSource();
    calendars = new OrganizationCalendarService(ds);
    [orgA, orgB] = [await seedTestOrganization(ds), await seedTestOrganization(ds)];
    const userId = async (org: { code: string }, name: string): Promise<string> =>
      (await ds.query(`SELECT id FROM users WHERE username = $1`, [`${org.code.toLowerCase()}.${name}`]))[0].id;
    [adminA, adminB] = [await userId(orgA, 'quantri'), await userId(orgB, 'quantri')];
  });
  afterAll(async () => ds?.destroy());

  /** Everything stored for an organization, to prove a refused edit changed nothing. */
  const stored = async (organizationId: string) =>
    ds.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, kind, name, note, created_by, updated_by, updated_at
       FROM organization_calendar_days WHERE organization_id = $1 ORDER BY day`,
      [organizationId],
    );
  const calendarOf = async (organizationId: string) => new WorkingCalendar(await loadWorkingCalendarConfig(ds, organizationId));

  it('a local day off and a make-up Saturday move the working-day arithmetic of that organization only', async () => {
    // Monday 01/04/2024: the province's liberation day (31/03 fell on a Sunday); Saturday 06/04 worked instead.
    await calendars.setDay(orgA.organizationId, { day: '2024-04-01', kind: 'off', name: 'Kỷ niệm Ngày giải phóng tỉnh', note: 'QĐ 12/QĐ-SNV' }, adminA);
    const saturday = await calendars.setDay(orgA.organizationId, { day: '2024-04-06', kind: 'work', name: 'Làm bù thứ Bảy' }, adminA);
    expect(saturday).toMatchObject({ day: '2024-04-06', kind: 'work', name: 'Làm bù thứ Bảy', note: '', createdBy: adminA, updatedBy: adminA });

    const config = await loadWorkingCalendarConfig(ds, orgA.organizationId);
    expect(config).toEqual({ ...defaultVietnamCalendarConfig(), extraOffDays: ['2024-04-01'], extraWorkDays: ['2024-04-06'] });
    const a = new WorkingCalendar(config);
    expect([a.isWorkingDay('2024-04-01'), a.isWorkingDay('2024-04-06')]).toEqual([false, true]);
    expect([national.isWorkingDay('2024-04-01'), national.isWorkingDay('2024-04-06')]).toEqual([true, false]);

    // Friday 29/03 + 1 working day: Monday nationally, Tuesday for the organization.
    expect(national.addWorkingDays('2024-03-29', 1)).toBe('2024-04-01');
    expect(a.addWorkingDays('2024-03-29', 1)).toBe('2024-04-02');
    // + 5: Friday 05/04 nationally; the organization's fifth is the make-up Saturday.
    expect(national.addWorkingDays('2024-03-29', 5)).toBe('2024-04-05');
    expect(a.addWorkingDays('2024-03-29', 5)).toBe('2024-04-06');
    expect(a.addWorkingDays('2024-04-05', 1)).toBe('2024-04-06');
    expect(a.addWorkingDays('2024-04-08', -2)).toBe('2024-04-05');
    expect(national.workingDaysBetween('2024-03-31', '2024-04-05')).toBe(5);
    expect(a.workingDaysBetween('2024-03-31', '2024-04-05')).toBe(4);
    expect(a.workingDaysBetween('2024-03-31', '2024-04-07')).toBe(5);
    // The government's schedule still applies: the 29/04 swap and the make-up Saturday 04/05.
    expect(a.isWorkingDay('2024-04-29')).toBe(false);
    expect(a.isWorkingDay('2024-05-04')).toBe(true);

    // The other organization keeps the national calendar, and its own day is not A's.
    expect(await loadWorkingCalendarConfig(ds, orgB.organizationId)).toEqual(defaultVietnamCalendarConfig());
    await calendars.setDay(orgB.organizationId, { day: '2024-04-02', kind: 'off', name: 'Ngày truyền thống ngành' }, adminB);
    const b = await calendarOf(orgB.organizationId);
    expect([b.isWorkingDay('2024-04-01'), b.isWorkingDay('2024-04-02'), b.isWorkingDay('2024-04-06')]).toEqual([true, false, false]);
    expect((await calendarOf(orgA.organizationId)).isWorkingDay('2024-04-02')).toBe(true);
    expect(b.addWorkingDays('2024-03-29', 1)).toBe('2024-04-01');
  });

  it('lists the year with names and sources: statutory holidays, the government decision, the organization', async () => {
    const year = await calendars.listYear(orgA.organizationId, 2024);
    const off = new Map(year.daysOff.map((d) => [d.day, d]));
    expect(off.get('2024-01-01')).toEqual({ day: '2024-01-01', name: 'Tết Dương lịch', source: 'statutory', holiday: 'new-year' });
    // Tết 2024 by the rules is 09/02–13/02; the decision added 08/02 and 14/02.
    expect(off.get('2024-02-12')).toMatchObject({ source: 'statutory', holiday: 'lunar-new-year' });
    expect(off.get('2024-02-08')).toMatchObject({ source: 'government', name: 'Tết Nguyên đán', holiday: 'lunar-new-year' });
    expect(off.get('2024-04-29')).toMatchObject({ source: 'government' });
    expect(off.get('2024-09-02')).toMatchObject({ source: 'statutory', holiday: 'national-day' });
    expect(off.get('2024-04-01')).toEqual({ day: '2024-04-01', name: 'Kỷ niệm Ngày giải phóng tỉnh', source: 'organization', holiday: null });
    expect(off.has('2024-04-06')).toBe(false);
    expect(off.has('2024-04-13')).toBe(false); // an ordinary Saturday is not listed
    expect(year.daysOff.map((d) => d.day)).toEqual([...year.daysOff.map((d) => d.day)].sort());

    expect(year.workDays).toEqual([
      { day: '2024-04-06', name: 'Làm bù thứ Bảy', source: 'organization', holiday: null },
      { day: '2024-05-04', name: 'Làm bù theo thông báo của Chính phủ', source: 'government', holiday: null },
    ]);
    expect(year.entries.map((e) => [e.day, e.kind, e.name, e.note])).toEqual([
      ['2024-04-01', 'off', 'Kỷ niệm Ngày giải phóng tỉnh', 'QĐ 12/QĐ-SNV'],
      ['2024-04-06', 'work', 'Làm bù thứ Bảy', ''],
    ]);
    // One day off and one day worked: as many working days as the nation.
    expect(year.workingDays).toBe(national.workingDaysBetween('2023-12-31', '2024-12-31'));
    expect((await calendars.listYear(orgB.organizationId, 2024)).workingDays).toBe(year.workingDays - 1);
  });

  it('refuses pointless, invalid and absurd edits and stores nothing of them', async () => {
    const before = await stored(orgA.organizationId);
    const refused = async (edit: Promise<unknown>, code: string) => {
      const error = await edit.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code });
      return error as DomainError;
    };
    const org = orgA.organizationId;

    expect((await refused(calendars.setDay(org, { day: '2024-02-30', kind: 'off' }), 'CALENDAR_DAY_INVALID')).message).toMatch(/không hợp lệ/);
    await refused(calendars.setDay(org, { day: '01/04/2024', kind: 'off' }), 'CALENDAR_DAY_INVALID');
    await refused(calendars.setDay(org, { day: '2024-04-10', kind: 'holiday' as 'off' }), 'CALENDAR_DAY_INVALID');
    await refused(calendars.setDay(org, { day: '2024-04-10', kind: 'off', name: 'x'.repeat(201) }), 'CALENDAR_DAY_INVALID');
    await refused(calendars.setDay(org, { day: '2012-04-10', kind: 'off' }), 'CALENDAR_YEAR_UNSUPPORTED');
    await refused(calendars.listYear(org, 2200), 'CALENDAR_YEAR_UNSUPPORTED');

    // Off already (a Saturday, a holiday, the organization's own day), or working already.
    expect((await refused(calendars.setDay(org, { day: '2024-04-13', kind: 'off' }), 'CALENDAR_DAY_POINTLESS')).message).toBe(
      'Ngày 13/04/2024 đã là ngày nghỉ, không cần khai báo thêm.',
    );
    await refused(calendars.setDay(org, { day: '2024-09-02', kind: 'off' }), 'CALENDAR_DAY_POINTLESS');
    await refused(calendars.setDay(org, { day: '2024-04-09', kind: 'work' }), 'CALENDAR_DAY_POINTLESS');
    await refused(calendars.setDay(org, { day: '2024-05-04', kind: 'work' }), 'CALENDAR_DAY_POINTLESS');
    // Turning the organization's day off into a working day would just be the national calendar.
    await refused(calendars.setDay(org, { day: '2024-04-01', kind: 'work' }), 'CALENDAR_DAY_POINTLESS');

    // Every weekday of January to mid-March off: far fewer working days than any real year.
    const weekdays = national.addWorkingDays('2023-12-31', 1);
    const absurd = Array.from({ length: 55 }, (_, i) => ({ day: national.addWorkingDays(weekdays, i), kind: 'off' as const }));
    const error = await refused(calendars.replaceYear(org, 2024, absurd, adminA), 'CALENDAR_YEAR_ABSURD');
    expect(error.details).toMatchObject({ year: 2024 });
    // One pointless day spoils the whole replacement; a day of another year or twice too.
    const good = { day: '2024-06-14', kind: 'off' as const, name: 'Ngày hội' };
    await refused(calendars.replaceYear(org, 2024, [good, { day: '2024-06-15', kind: 'off' }], adminA), 'CALENDAR_DAY_POINTLESS');
    await refused(calendars.replaceYear(org, 2024, [good, { day: '2025-01-02', kind: 'off' }], adminA), 'CALENDAR_DAY_INVALID');
    await refused(calendars.replaceYear(org, 2024, [good, good], adminA), 'CALENDAR_DAY_INVALID');

    // Only the organization's own users edit it; unknown organizations and days are named as such.
    await refused(calendars.setDay(org, good, adminB), 'FORBIDDEN');
    await refused(calendars.setDay('00000000-0000-4000-8000-000000000000', good, null), 'ORGANIZATION_NOT_FOUND');
    await refused(calendars.setDay('SNV-BD', good, null), 'ORGANIZATION_NOT_FOUND');
    await refused(calendars.removeDay(org, '2024-06-14'), 'CALENDAR_DAY_NOT_FOUND');

    expect(await stored(orgA.organizationId)).toEqual(before);
  });

  it('replaces a year in one transaction, keeps the other years and who created a kept day; removes a day', async () => {
    const org = orgA.organizationId;
    await calendars.setDay(org, { day: '2025-03-31', kind: 'off', name: 'Kỷ niệm Ngày giải phóng tỉnh' }, null);
    const [createdBefore] = (await stored(org)).filter((d: { day: string }) => d.day === '2024-04-01');

    const replaced = await calendars.replaceYear(
      org,
      2024,
      [
        { day: '2024-04-01', kind: 'off', name: 'Kỷ niệm Ngày giải phóng tỉnh', note: 'QĐ 15/QĐ-SNV thay QĐ 12' },
        { day: '2024-04-29', kind: 'work', name: 'Trực cơ quan' },
        { day: '2024-08-19', kind: 'off', name: 'Ngày truyền thống' },
      ],
      adminA,
    );
    expect(replaced.map((e) => [e.day, e.kind, e.note])).toEqual([
      ['2024-04-01', 'off', 'QĐ 15/QĐ-SNV thay QĐ 12'],
      ['2024-04-29', 'work', ''],
      ['2024-08-19', 'off', ''],
    ]);
    const rows = await stored(org);
    expect(rows.map((r: { day: string; kind: string }) => `${r.day}:${r.kind}`)).toEqual([
      '2024-04-01:off',
      '2024-04-29:work',
      '2024-08-19:off',
      '2025-03-31:off',
    ]);
    expect(rows[0]).toMatchObject({ created_by: createdBefore.created_by, updated_by: adminA });
    expect(rows[3]).toMatchObject({ created_by: null });

    const a = await calendarOf(org);
    expect([a.isWorkingDay('2024-04-06'), a.isWorkingDay('2024-04-29'), a.isWorkingDay('2024-08-19'), a.isWorkingDay('2025-03-31')]).toEqual([
      false,
      true,
      false,
      false,
    ]);
    expect(a.addWorkingDays('2024-04-26', 1)).toBe('2024-04-29');

    await calendars.removeDay(org, '2024-04-29');
    expect((await calendarOf(org)).isWorkingDay('2024-04-29')).toBe(false);
    expect(await calendars.replaceYear(org, 2024, [], adminA)).toEqual([]);
    expect(await loadWorkingCalendarConfig(ds, org)).toEqual({ ...defaultVietnamCalendarConfig(), extraOffDays: ['2025-03-31'], extraWorkDays: [] });
  });
});
