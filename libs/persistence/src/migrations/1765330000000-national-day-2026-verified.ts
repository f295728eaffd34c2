import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Quốc khánh 2026 checked against its source (issue 16): the five days 29/08–02/09 with Monday 31/8
 * worked on Saturday 22/8 were announced by the Ministry of Home Affairs together with Tết
 * (Thông báo 9441/TB-BNV of 16/10/2025; Viet Nam News, 17/10/2025, "Ministry of Home Affairs
 * announces 2026 holiday schedule for Lunar New Year, National Day"). The days do not change, so no
 * task's calendar does: only their source and `verified`. Rows and the year's note an operator has
 * edited since the seed (another source, or already verified) are left as they are. The values are
 * written here, not read from the seed file, so the migration does the same on every database.
 */
const TB_9441 = 'Thông báo 9441/TB-BNV ngày 16/10/2025 của Bộ Nội vụ';
const SEEDED: Array<[day: string, source: string]> = [
  ['2026-08-22', `${TB_9441} (theo báo chí; chưa đối chiếu)`],
  ['2026-08-29', `${TB_9441} (theo báo chí; hoán đổi 31/8 ↔ 22/8 chưa đối chiếu)`],
  ['2026-08-30', `${TB_9441} (theo báo chí; hoán đổi 31/8 ↔ 22/8 chưa đối chiếu)`],
  ['2026-08-31', `${TB_9441} (theo báo chí; hoán đổi 31/8 ↔ 22/8 chưa đối chiếu)`],
  ['2026-09-01', `${TB_9441} (theo báo chí; ngày liền kề chưa đối chiếu)`],
];
const NOTE_BEFORE =
  'Quốc khánh: báo chí (10/2025) đưa tin đề xuất nghỉ 5 ngày 29/08–02/09 (thứ Ba 01/9 là ngày liền kề, hoán đổi thứ Hai 31/8 ' +
  'với thứ Bảy 22/8) trong cùng đợt với Thông báo 9441/TB-BNV; CHƯA đối chiếu được văn bản về hoán đổi 31/8 ↔ 22/8 ' +
  '(verified: false): nhà vận hành kiểm tra và sửa bằng `calendar add` nếu khác.';
const NOTE_AFTER =
  'Quốc khánh 29/08–02/09 (thứ Ba 01/9 là ngày liền kề; thứ Hai 31/8 nghỉ, làm bù thứ Bảy 22/8): cùng Thông báo 9441/TB-BNV (16/10/2025), ' +
  'đối chiếu qua Viet Nam News 17/10/2025 (Bộ Nội vụ công bố lịch nghỉ Tết Nguyên đán và Quốc khánh 2026).';

export class NationalDay2026Verified1765330000000 implements MigrationInterface {
  name = 'NationalDay2026Verified1765330000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [day, source] of SEEDED) {
      await queryRunner.query(`UPDATE national_calendar_days SET source = $3, verified = true, updated_at = now() WHERE day = $1 AND source = $2 AND NOT verified`, [
        day,
        source,
        TB_9441,
      ]);
    }
    await queryRunner.query(`UPDATE national_calendar_years SET note = replace(note, $1, $2), updated_at = now() WHERE year = 2026 AND position($1 in note) > 0`, [NOTE_BEFORE, NOTE_AFTER]);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [day, source] of SEEDED) {
      await queryRunner.query(`UPDATE national_calendar_days SET source = $2, verified = false, updated_at = now() WHERE day = $1 AND source = $3 AND verified`, [day, source, TB_9441]);
    }
    await queryRunner.query(`UPDATE national_calendar_years SET note = replace(note, $1, $2), updated_at = now() WHERE year = 2026 AND position($1 in note) > 0`, [NOTE_AFTER, NOTE_BEFORE]);
  }
}
