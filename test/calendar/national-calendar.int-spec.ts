import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { defaultVietnamCalendarConfig, NATIONAL_CALENDAR_YEARS, WorkingCalendar } from '@app/domain';
import { dataSourceOptions, loadNationalCalendarConfig, loadWorkingCalendarConfig, MIGRATIONS, OrganizationCalendarService } from '@app/persistence';
import { env, openDataSource, seedTestOrganization, uniqueSuffix } from '../support/stack';

const ROOT = join(__dirname, '..', '..');
/** A year nobody else's test uses: the national calendar is shared by every organization. */
const SCRATCH_YEAR = 2031;

/**
 * The national calendar as data on the real Postgres (issue 16): seeded by migration from the
 * shipped data, every day with its source; `calendar YEAR --org CODE` prints a year as an
 * organization counts it; `calendar add` records a government decision without a release.
 */
describe('national calendar: tables, CLI report, operator edits', () => {
  let ds: DataSource;
  let org: { code: string; organizationId: string };
  const taskQueue = `${env('TEMPORAL_TASK_QUEUE')}-natcal-${uniqueSuffix()}`;

  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, ['-r', join(ROOT, 'infra/bin/register.js'), join(ROOT, 'apps/cli/src/main.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, TEMPORAL_TASK_QUEUE: taskQueue },
      encoding: 'utf8',
    });
    return { code: r.status, json: JSON.parse(r.stdout), stderr: r.stderr };
  };
  const scratchRows = async () =>
    ds.query(`SELECT to_char(day, 'YYYY-MM-DD') AS day, kind, name, source, verified FROM national_calendar_days WHERE year = $1 ORDER BY day`, [SCRATCH_YEAR]);

  beforeAll(async () => {
    ds = await openDataSource();
    org = await seedTestOrganization(ds);
    await ds.query(`DELETE FROM national_calendar_years WHERE year = $1`, [SCRATCH_YEAR]);
  });
  afterAll(async () => {
    await ds?.query(`DELETE FROM national_calendar_years WHERE year = $1`, [SCRATCH_YEAR]);
    await ds?.destroy();
  });

  it('the migration seeded the shipped data: the stored calendar is the shipped one, with every source', async () => {
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM national_calendar_days WHERE year BETWEEN 2023 AND 2026`);
    expect(n).toBe(NATIONAL_CALENDAR_YEARS.reduce((sum, y) => sum + y.days.length, 0));
    expect(await loadNationalCalendarConfig(ds)).toEqual(defaultVietnamCalendarConfig());
    // What tasks get leaves the names and sources out: a small workflow argument.
    const forTasks = await loadWorkingCalendarConfig(ds, org.organizationId);
    expect(forTasks.overrides.every((o) => o.days === undefined)).toBe(true);
    expect(JSON.stringify(forTasks).length).toBeLessThan(6000); // 16 KB with them
    const [swap] = await ds.query(`SELECT kind, source, verified FROM national_calendar_days WHERE day = '2026-01-10'`);
    expect(swap).toEqual({ kind: 'work', source: 'Công văn 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ', verified: true });
    const [{ rules }] = await ds.query(`SELECT count(*)::int AS rules FROM national_holiday_rules`);
    expect(rules).toBe(7);
  });

  it('calendar 2026 --org CODE lists the official days off and the worked weekend days with their sources', async () => {
    await new OrganizationCalendarService(ds).setDay(org.organizationId, { day: '2026-03-27', kind: 'off', name: 'Kỷ niệm ngày thành lập Sở', note: 'QĐ 5/QĐ-SNV' });
    const r = cli('calendar', '2026', '--org', org.code);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ year: 2026, organizationCode: org.code, official: true, workingDays: 249 });
    const off = new Map<string, { name: string; source: string }>(r.json.daysOff.map((d: { date: string; name: string; source: string }) => [d.date, d]));
    for (const date of ['2026-01-01', '2026-01-02', '2026-02-16', '2026-02-20', '2026-04-26', '2026-04-27', '2026-04-30', '2026-05-01', '2026-09-01', '2026-09-02']) {
      expect([date, off.has(date)]).toEqual([date, true]);
    }
    expect(off.get('2026-01-02')!.source).toContain('12729/VPCP-KGVX ngày 25/12/2025');
    expect(off.get('2026-02-18')).toEqual({ date: '2026-02-18', name: 'Tết Nguyên đán', source: 'Thông báo 9441/TB-BNV ngày 16/10/2025 của Bộ Nội vụ' });
    expect(off.get('2026-08-31')).toEqual({ date: '2026-08-31', name: 'Quốc khánh', source: 'Thông báo 9441/TB-BNV ngày 16/10/2025 của Bộ Nội vụ' });
    expect(off.get('2026-03-27')).toEqual({ date: '2026-03-27', name: 'Kỷ niệm ngày thành lập Sở', source: 'Lịch riêng của cơ quan: QĐ 5/QĐ-SNV' });
    // An ordinary weekday and an ordinary weekend are not listed.
    expect(off.has('2026-03-26') || off.has('2026-03-28')).toBe(false);
    expect(r.json.workingWeekendDays.map((d: { date: string }) => d.date)).toEqual(['2026-01-10', '2026-08-22']);
    expect(r.json.workingWeekendDays[0]).toMatchObject({ name: 'Làm bù cho thứ Sáu 02/01/2026', source: expect.stringContaining('12729/VPCP-KGVX') });
  });

  it('a year the calendar cannot count is refused naming the year; an unknown organization too', () => {
    const far = cli('calendar', '2999', '--org', org.code);
    expect(far.code).toBe(2);
    expect(far.json.error).toMatchObject({ code: 'CALENDAR_YEAR_UNSUPPORTED', message: expect.stringContaining('2999') });
    const none = cli('calendar', '2026', '--org', 'KHONG-CO');
    expect(none.json.error).toMatchObject({ code: 'ORGANIZATION_NOT_FOUND', message: expect.stringContaining('KHONG-CO') });
  });

  it('calendar add records a decision for a year without one: the statutory days are kept, each sourced, and the new day counts', async () => {
    expect(await scratchRows()).toEqual([]);
    const before = new WorkingCalendar(await loadWorkingCalendarConfig(ds, org.organizationId));
    expect(before.isWorkingDay('2031-11-24')).toBe(true); // Monday

    const r = cli('calendar', 'add', '2031-11-24', '--kind', 'off', '--name', 'Ngày Văn hóa Việt Nam', '--source', 'Nghị định 99/2031/NĐ-CP ngày 01/10/2031 (kiểm thử)');
    expect(r.code).toBe(0);
    expect(r.json.day).toMatchObject({ day: '2031-11-24', kind: 'off', verified: true, createdYear: true });
    expect(r.json.tasks).toMatchObject({ failed: [] });

    const rows = await scratchRows();
    expect(rows).toEqual(
      expect.arrayContaining([
        { day: '2031-01-01', kind: 'off', name: 'Tết Dương lịch', source: expect.stringContaining('Điều 112'), verified: true },
        { day: '2031-09-02', kind: 'off', name: 'Quốc khánh', source: expect.stringContaining('Điều 112'), verified: true },
        { day: '2031-11-24', kind: 'off', name: 'Ngày Văn hóa Việt Nam', source: 'Nghị định 99/2031/NĐ-CP ngày 01/10/2031 (kiểm thử)', verified: true },
      ]),
    );
    const after = new WorkingCalendar(await loadWorkingCalendarConfig(ds, org.organizationId));
    expect(after.isWorkingDay('2031-11-24')).toBe(false);
    // Nothing else of 2031 moved: the rules gave the same days.
    for (const d of ['2031-01-01', '2031-01-22', '2031-04-01', '2031-04-30', '2031-05-01', '2031-09-02', '2031-11-25']) {
      expect([d, after.isWorkingDay(d)]).toEqual([d, before.isWorkingDay(d)]);
    }
    const report = cli('calendar', String(SCRATCH_YEAR), '--org', org.code);
    expect(report.json.daysOff).toEqual(expect.arrayContaining([{ date: '2031-11-24', name: 'Ngày Văn hóa Việt Nam', source: 'Nghị định 99/2031/NĐ-CP ngày 01/10/2031 (kiểm thử)' }]));
  });

  it('a refused edit stores nothing: a make-up day on a weekday, a day without a source', async () => {
    const stored = await scratchRows();
    const weekday = cli('calendar', 'add', '2031-11-26', '--kind', 'work', '--name', 'Làm bù', '--source', 'CV 1/VPCP ngày 01/01/2031');
    expect(weekday.code).toBe(3);
    expect(weekday.json.error.code).toBe('CALENDAR_DAY_POINTLESS');
    const blank = cli('calendar', 'add', '2031-11-27', '--kind', 'off', '--name', 'Nghỉ', '--source', '   ');
    expect(blank.json.error.code).toBe('CALENDAR_DAY_INVALID');
    const usage = cli('calendar', 'add', '2031-11-27', '--kind', 'off');
    expect(usage.code).toBe(2);
    expect(await scratchRows()).toEqual(stored);
  });

  it('calendar remove takes a day out of the national calendar', async () => {
    const r = cli('calendar', 'remove', '2031-11-24');
    expect(r.code).toBe(0);
    expect(new WorkingCalendar(await loadWorkingCalendarConfig(ds, org.organizationId)).isWorkingDay('2031-11-24')).toBe(true);
    expect(cli('calendar', 'remove', '2031-11-24').json.error.code).toBe('CALENDAR_DAY_NOT_FOUND');
  });

  it('the migration runs forward on a populated database (organizations and their own days kept), reverts and re-applies', async () => {
    const name = `planflow_natcal_${uniqueSuffix()}`;
    const url = new URL(env('DATABASE_URL'));
    url.pathname = `/${name}`;
    const at = MIGRATIONS.findIndex((m) => m.name === 'NationalCalendar1765160000000');
    expect(at).toBeGreaterThan(0);
    await ds.query(`CREATE DATABASE "${name}"`);
    const open = (upTo: number) => new DataSource(dataSourceOptions(url.toString(), { migrations: MIGRATIONS.slice(0, upTo), logging: false, extra: { max: 1 } }));
    let scratch = open(at);
    try {
      await scratch.initialize();
      await scratch.runMigrations({ transaction: 'each' });
      const [o] = await scratch.query(`INSERT INTO organizations (code, name) VALUES ('MIG', 'Sở thử') RETURNING id`);
      await scratch.query(`INSERT INTO organization_calendar_days (organization_id, day, kind, name) VALUES ($1, '2026-01-02', 'off', 'Nghỉ riêng'), ($1, '2026-03-28', 'work', 'Làm bù')`, [o.id]);
      await scratch.destroy();

      scratch = open(at + 1);
      await scratch.initialize();
      await scratch.runMigrations({ transaction: 'each' });
      const own = await scratch.query(`SELECT to_char(day, 'YYYY-MM-DD') AS day, kind FROM organization_calendar_days WHERE organization_id = $1 ORDER BY day`, [o.id]);
      expect(own).toEqual([{ day: '2026-01-02', kind: 'off' }, { day: '2026-03-28', kind: 'work' }]);
      expect(await loadNationalCalendarConfig(scratch)).toEqual(defaultVietnamCalendarConfig());
      // The organization's own day off that the government later decided too stays valid; its make-up Saturday counts.
      const calendar = new WorkingCalendar(await loadWorkingCalendarConfig(scratch, o.id));
      expect([calendar.isWorkingDay('2026-01-02'), calendar.isWorkingDay('2026-03-28'), calendar.isWorkingDay('2026-01-10')]).toEqual([false, true, true]);

      await scratch.undoLastMigration({ transaction: 'each' });
      const [{ n }] = await scratch.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name LIKE 'national_%'`);
      expect(n).toBe(0);
      expect((await scratch.query(`SELECT count(*)::int AS n FROM organization_calendar_days`))[0].n).toBe(2);
      await scratch.runMigrations({ transaction: 'each' });
      expect(await loadNationalCalendarConfig(scratch)).toEqual(defaultVietnamCalendarConfig());
    } finally {
      if (scratch.isInitialized) await scratch.destroy();
      await ds.query(`DROP DATABASE "${name}"`);
    }
  });
});
