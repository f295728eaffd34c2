import { DataSource } from 'typeorm';
import { dataSourceOptions, MIGRATIONS } from '@app/persistence';
import { env, openDataSource, uniqueSuffix } from '../support/stack';

const MINE = 'NationalDay2026Verified1765330000000';
const TB_9441 = 'Thông báo 9441/TB-BNV ngày 16/10/2025 của Bộ Nội vụ';
/** What the release before this one seeded for Quốc khánh 2026 (not verified then). */
const OLD: Record<string, string> = {
  '2026-08-22': `${TB_9441} (theo báo chí; chưa đối chiếu)`,
  '2026-08-29': `${TB_9441} (theo báo chí; hoán đổi 31/8 ↔ 22/8 chưa đối chiếu)`,
  '2026-08-30': `${TB_9441} (theo báo chí; hoán đổi 31/8 ↔ 22/8 chưa đối chiếu)`,
  '2026-08-31': `${TB_9441} (theo báo chí; hoán đổi 31/8 ↔ 22/8 chưa đối chiếu)`,
  '2026-09-01': `${TB_9441} (theo báo chí; ngày liền kề chưa đối chiếu)`,
};
const OLD_NOTE_PART = 'CHƯA đối chiếu được văn bản về hoán đổi 31/8 ↔ 22/8';

/**
 * Migration NationalDay2026Verified (issue 16) on a database seeded by the previous release: the
 * Quốc khánh 2026 days become sourced and verified, a day an operator corrected meanwhile is left
 * as the operator wrote it, no day changes kind, and down restores what was there.
 */
describe('Quốc khánh 2026 verified: the migration on a database of the previous release', () => {
  it('sources the seeded days, keeps an operator’s edit, and reverts', async () => {
    const admin = await openDataSource();
    const name = `planflow_natday_${uniqueSuffix()}`;
    const url = new URL(env('DATABASE_URL'));
    url.pathname = `/${name}`;
    const mine = MIGRATIONS.findIndex((m) => m.name === MINE);
    expect(mine).toBeGreaterThan(0);
    await admin.query(`CREATE DATABASE "${name}"`);
    const open = async (upTo: number) => {
      const ds = new DataSource(dataSourceOptions(url.toString(), { migrations: MIGRATIONS.slice(0, upTo), logging: false, extra: { max: 1 } }));
      await ds.initialize();
      await ds.runMigrations({ transaction: 'each' });
      return ds;
    };
    const days = async (ds: DataSource) =>
      Object.fromEntries(
        (
          await ds.query(
            `SELECT to_char(day, 'YYYY-MM-DD') AS day, kind, source, verified FROM national_calendar_days WHERE day BETWEEN '2026-08-22' AND '2026-09-02' ORDER BY day`,
          )
        ).map((r: { day: string; kind: string; source: string; verified: boolean }) => [r.day, { kind: r.kind, source: r.source, verified: r.verified }]),
      );
    let scratch = await open(mine);
    try {
      // The previous release's seed (this release's seed migration reads the corrected data file).
      for (const [day, source] of Object.entries(OLD)) {
        await scratch.query(`UPDATE national_calendar_days SET source = $2, verified = false WHERE day = $1`, [day, source]);
      }
      const [year] = await scratch.query(`SELECT note FROM national_calendar_years WHERE year = 2026`);
      await scratch.query(`UPDATE national_calendar_years SET note = $1 WHERE year = 2026`, [
        year.note.replace(/Quốc khánh.*$/, `Quốc khánh: báo chí (10/2025) đưa tin đề xuất nghỉ 5 ngày 29/08–02/09 (thứ Ba 01/9 là ngày liền kề, hoán đổi thứ Hai 31/8 với thứ Bảy 22/8) trong cùng đợt với Thông báo 9441/TB-BNV; ${OLD_NOTE_PART} (verified: false): nhà vận hành kiểm tra và sửa bằng \`calendar add\` nếu khác.`),
      ]);
      // An operator corrected one day meanwhile: theirs stays.
      await scratch.query(`UPDATE national_calendar_days SET source = 'Công văn 1/VPCP-KGVX (nhà vận hành ghi)', verified = false WHERE day = '2026-09-01'`);
      const before = await days(scratch);
      await scratch.destroy();

      scratch = await open(mine + 1);
      const after = await days(scratch);
      for (const day of ['2026-08-22', '2026-08-29', '2026-08-30', '2026-08-31']) {
        expect([day, after[day]]).toEqual([day, { kind: before[day].kind, source: TB_9441, verified: true }]);
      }
      expect(after['2026-09-01']).toEqual(before['2026-09-01']);
      expect(after['2026-09-02']).toEqual(before['2026-09-02']);
      expect(after['2026-08-22'].kind).toBe('work');
      const [note] = await scratch.query(`SELECT note FROM national_calendar_years WHERE year = 2026`);
      expect(note.note).not.toContain(OLD_NOTE_PART);
      expect(note.note).toContain('Viet Nam News 17/10/2025');

      await scratch.undoLastMigration({ transaction: 'each' });
      expect(await days(scratch)).toEqual(before);
      const [reverted] = await scratch.query(`SELECT note FROM national_calendar_years WHERE year = 2026`);
      expect(reverted.note).toContain(OLD_NOTE_PART);
    } finally {
      if (scratch.isInitialized) await scratch.destroy();
      await admin.query(`DROP DATABASE "${name}"`);
      await admin.destroy();
    }
  }, 120_000);
});
