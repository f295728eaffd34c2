/**
 * The national calendar as data (issue 16): the statutory holiday rules and the government's
 * yearly decisions for civil servants (cơ quan hành chính, sự nghiệp, tổ chức chính trị, chính
 * trị - xã hội working Monday to Friday), every entry naming where it comes from.
 *
 * This file is the shipped seed: migration 1765160000000 copies it into the tables
 * `national_holiday_rules`, `national_calendar_years` and `national_calendar_days`; from then on
 * the tables are the truth (an operator adds a decision with `npm run -s cli -- calendar add …`
 * or `PUT /national-calendar/days/:day`, without a release). Tasks never read this file or the
 * tables while they run: they carry their organization's calendar in their input.
 *
 * Verification (December 2026, through press reports quoting the documents; the gazette text
 * itself was not at hand): `verified: true` means the document number, its date and the days were
 * all found in at least one report quoting the document; `verified: false` means something of it
 * (number, date, or the exact days) could not be confirmed, and `note` says what.
 */
import * as CalendarDate from './calendar-date';
import type { IsoDate } from './calendar-date';

/**
 * A statutory holiday as a rule. A new holiday (say 24/11 "Ngày Văn hóa Việt Nam", if the Labour
 * Code amendment enacts it) is a new row with its `fromYear`, not code.
 * - `solar` / `lunar`: the day `day`/`month` of that calendar, `length` consecutive days starting
 *   `offset` days from it (Tết: the last day of the old year, offset −1, and mùng 1–4);
 * - `adjacent`: one day next to the solar date `day`/`month`, on the side that joins the weekend
 *   (the second Quốc khánh day; the government announces which side each year).
 */
export interface HolidayRule {
  id: string;
  name: string;
  calendar: 'solar' | 'lunar' | 'adjacent';
  month: number;
  day: number;
  offset: number;
  length: number;
  fromYear: number;
  /** Last year the rule applies; null while in force. */
  toYear: number | null;
  /** The article of law. */
  source: string;
}

export interface NationalCalendarDay {
  date: IsoDate;
  /** off: a day not worked; work: a weekend day worked (làm bù). */
  kind: 'off' | 'work';
  name: string;
  /** Document number and date (or article of law) the day comes from. */
  source: string;
  verified: boolean;
}

/**
 * One year's official schedule. Authoritative for its year (the rules are not applied to a year
 * that has one), so it lists every holiday off-day; weekend days inside an announced range are kept
 * so the list reads like the announcement.
 */
export interface NationalCalendarYear {
  year: number;
  note: string;
  days: NationalCalendarDay[];
}

const BLLD_112 = 'Bộ luật Lao động 45/2019/QH14, Điều 112 khoản 1';
const BLLD_111 = 'Bộ luật Lao động 45/2019/QH14, Điều 111 khoản 3 (nghỉ bù)';

export const NATIONAL_HOLIDAY_RULES: readonly HolidayRule[] = [
  { id: 'new-year', name: 'Tết Dương lịch', calendar: 'solar', month: 1, day: 1, offset: 0, length: 1, fromYear: 2013, toYear: null, source: `${BLLD_112} điểm a` },
  { id: 'lunar-new-year', name: 'Tết Nguyên đán', calendar: 'lunar', month: 1, day: 1, offset: -1, length: 5, fromYear: 2013, toYear: null, source: `${BLLD_112} điểm b` },
  { id: 'hung-kings', name: 'Giỗ Tổ Hùng Vương', calendar: 'lunar', month: 3, day: 10, offset: 0, length: 1, fromYear: 2013, toYear: null, source: `${BLLD_112} điểm e` },
  { id: 'reunification-day', name: 'Ngày Chiến thắng', calendar: 'solar', month: 4, day: 30, offset: 0, length: 1, fromYear: 2013, toYear: null, source: `${BLLD_112} điểm c` },
  { id: 'labour-day', name: 'Quốc tế Lao động', calendar: 'solar', month: 5, day: 1, offset: 0, length: 1, fromYear: 2013, toYear: null, source: `${BLLD_112} điểm d` },
  { id: 'national-day', name: 'Quốc khánh', calendar: 'solar', month: 9, day: 2, offset: 0, length: 1, fromYear: 2013, toYear: null, source: `${BLLD_112} điểm đ` },
  { id: 'national-day', name: 'Quốc khánh', calendar: 'adjacent', month: 9, day: 2, offset: 0, length: 1, fromYear: 2021, toYear: null, source: `${BLLD_112} điểm đ (01 ngày liền kề trước hoặc sau)` },
];

type DayTuple = [from: IsoDate, to: IsoDate, name: string, source: string, verified: boolean];

/** Every day of [from, to] off, named and sourced. */
function off(...ranges: DayTuple[]): NationalCalendarDay[] {
  return ranges.flatMap(([from, to, name, source, verified]) =>
    CalendarDate.range(from, to).map((date) => ({ date, kind: 'off' as const, name, source, verified })),
  );
}

function work(date: IsoDate, name: string, source: string, verified: boolean): NationalCalendarDay {
  return { date, kind: 'work', name, source, verified };
}

const CV_8056 = 'Công văn 8056/VPCP-KGVX ngày 01/12/2022 của Văn phòng Chính phủ';
const CV_8662 = 'Công văn 8662/VPCP-KGVX ngày 03/11/2023 của Văn phòng Chính phủ';
const CV_2450 = 'Công văn 2450/VPCP-KGVX ngày 12/04/2024 của Văn phòng Chính phủ';
const CV_8726 = 'Công văn 8726/VPCP-KGVX ngày 26/11/2024 của Văn phòng Chính phủ';
const CV_12729 = 'Công văn 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ';
const TB_9441 = 'Thông báo 9441/TB-BNV ngày 16/10/2025 của Bộ Nội vụ';

export const NATIONAL_CALENDAR_YEARS: readonly NationalCalendarYear[] = [
  {
    year: 2023,
    note:
      'Tết 20/01–26/01 (7 ngày, Phó Thủ tướng Vũ Đức Đam đồng ý đề nghị của Bộ LĐTB&XH) và Quốc khánh 01/09–04/09: ' +
      'số và ngày của công văn (8056/VPCP-KGVX, 01/12/2022) chưa đối chiếu được với văn bản. 1/1 và 29/04–03/05 theo quy tắc nghỉ bù ' +
      '(Giỗ Tổ thứ Bảy 29/4 → 02/5, 30/4 Chủ nhật → 03/5); không có ngày làm bù.',
    days: off(
      ['2023-01-01', '2023-01-02', 'Tết Dương lịch', `${BLLD_112}; ${BLLD_111}`, true],
      ['2023-01-20', '2023-01-26', 'Tết Nguyên đán', CV_8056, false],
      ['2023-04-29', '2023-04-29', 'Giỗ Tổ Hùng Vương', BLLD_112, true],
      ['2023-04-30', '2023-04-30', 'Ngày Chiến thắng', BLLD_112, true],
      ['2023-05-01', '2023-05-01', 'Quốc tế Lao động', BLLD_112, true],
      ['2023-05-02', '2023-05-02', 'Giỗ Tổ Hùng Vương', BLLD_111, true],
      ['2023-05-03', '2023-05-03', 'Ngày Chiến thắng', BLLD_111, true],
      ['2023-09-01', '2023-09-04', 'Quốc khánh', CV_8056, false],
    ),
  },
  {
    year: 2024,
    note:
      'Tết 08/02–14/02 và Quốc khánh 31/08–03/09: Công văn 8662/VPCP-KGVX (03/11/2023) đồng ý đề xuất 4594/LĐTBXH-ATLĐ (27/10/2023). ' +
      'Hoán đổi thứ Hai 29/4 với thứ Bảy 04/5: Công văn 2450/VPCP-KGVX (12/04/2024).',
    days: [
      ...off(
        ['2024-01-01', '2024-01-01', 'Tết Dương lịch', BLLD_112, true],
        ['2024-02-08', '2024-02-14', 'Tết Nguyên đán', CV_8662, true],
        ['2024-04-18', '2024-04-18', 'Giỗ Tổ Hùng Vương', BLLD_112, true],
        ['2024-04-27', '2024-04-29', 'Ngày Chiến thắng', CV_2450, true],
        ['2024-04-30', '2024-04-30', 'Ngày Chiến thắng', BLLD_112, true],
        ['2024-05-01', '2024-05-01', 'Quốc tế Lao động', BLLD_112, true],
        ['2024-08-31', '2024-09-03', 'Quốc khánh', CV_8662, true],
      ),
      work('2024-05-04', 'Làm bù cho thứ Hai 29/04/2024', CV_2450, true),
    ],
  },
  {
    year: 2025,
    note:
      'Tết 25/01–02/02 (9 ngày), hoán đổi thứ Sáu 02/5 với thứ Bảy 26/4, Quốc khánh 30/08–02/09: Công văn 8726/VPCP-KGVX (26/11/2024). ' +
      '1/1 và Giỗ Tổ 07/4 rơi vào ngày thường.',
    days: [
      ...off(
        ['2025-01-01', '2025-01-01', 'Tết Dương lịch', BLLD_112, true],
        ['2025-01-25', '2025-02-02', 'Tết Nguyên đán', CV_8726, true],
        ['2025-04-07', '2025-04-07', 'Giỗ Tổ Hùng Vương', BLLD_112, true],
        ['2025-04-30', '2025-04-30', 'Ngày Chiến thắng', BLLD_112, true],
        ['2025-05-01', '2025-05-01', 'Quốc tế Lao động', BLLD_112, true],
        ['2025-05-02', '2025-05-04', 'Quốc tế Lao động', CV_8726, true],
        ['2025-08-30', '2025-09-02', 'Quốc khánh', CV_8726, true],
      ),
      work('2025-04-26', 'Làm bù cho thứ Sáu 02/05/2025', CV_8726, true),
    ],
  },
  {
    year: 2026,
    note:
      'Tết Dương lịch 01/01–04/01, hoán đổi thứ Sáu 02/01 với thứ Bảy 10/01: Công văn 12729/VPCP-KGVX (25/12/2025). ' +
      'Tết Bính Ngọ 14/02–22/02 (ngày làm việc nghỉ: thứ Hai 16/02 – thứ Sáu 20/02): Thông báo 9441/TB-BNV (16/10/2025) của Bộ Nội vụ. ' +
      'Giỗ Tổ 26/4 (Chủ nhật) → nghỉ bù thứ Hai 27/4; 30/4 (thứ Năm), 1/5 (thứ Sáu): Bộ luật Lao động. ' +
      'Quốc khánh 29/08–02/09 (thứ Ba 01/9 là ngày liền kề; thứ Hai 31/8 nghỉ, làm bù thứ Bảy 22/8): cùng Thông báo 9441/TB-BNV (16/10/2025), ' +
      'đối chiếu qua Viet Nam News 17/10/2025 (Bộ Nội vụ công bố lịch nghỉ Tết Nguyên đán và Quốc khánh 2026).',
    days: [
      ...off(
        ['2026-01-01', '2026-01-01', 'Tết Dương lịch', BLLD_112, true],
        ['2026-01-02', '2026-01-04', 'Tết Dương lịch', CV_12729, true],
        ['2026-02-14', '2026-02-22', 'Tết Nguyên đán', TB_9441, true],
        ['2026-04-26', '2026-04-26', 'Giỗ Tổ Hùng Vương', BLLD_112, true],
        ['2026-04-27', '2026-04-27', 'Giỗ Tổ Hùng Vương', BLLD_111, true],
        ['2026-04-30', '2026-04-30', 'Ngày Chiến thắng', BLLD_112, true],
        ['2026-05-01', '2026-05-01', 'Quốc tế Lao động', BLLD_112, true],
        ['2026-08-29', '2026-08-31', 'Quốc khánh', TB_9441, true],
        ['2026-09-01', '2026-09-01', 'Quốc khánh', TB_9441, true],
        ['2026-09-02', '2026-09-02', 'Quốc khánh', BLLD_112, true],
      ),
      work('2026-01-10', 'Làm bù cho thứ Sáu 02/01/2026', CV_12729, true),
      work('2026-08-22', 'Làm bù cho thứ Hai 31/08/2026', TB_9441, true),
    ],
  },
  // 2027: no decision could be verified (December 2026): the year counts on the rules above, a
  // forecast, until an operator records the decision with `calendar add`.
];
