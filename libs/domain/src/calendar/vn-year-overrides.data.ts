/**
 * FROZEN (issue 16): the schedules as the workflow bundle shipped them before tasks carried their
 * own calendar; only `legacyBundleCalendar()` reads them, so old histories replay with the timers
 * they had. The national calendar now lives in national-calendar.data.ts and the national_* tables.
 *
 * The government's yearly holiday schedules for civil servants (công chức, viên chức: cơ quan
 * hành chính, sự nghiệp, tổ chức chính trị, chính trị - xã hội working a 5-day week).
 *
 * Each year is the full list of holiday off-days (weekend days inside an announced range are kept
 * so the list reads like the announcement) plus make-up Saturdays. Keep `note` in step with the
 * dates: it is the audit trail an administrator checks against the published notice.
 *
 * Provenance: compiled from memory of the announcements and cross-checked against press reports
 * quoting them; document numbers marked "unverified" were not checked against the gazette.
 */
import type { YearOverrides } from './vn-holidays';

export const VN_CIVIL_SERVICE_OVERRIDES: readonly YearOverrides[] = [
  {
    year: 2023,
    offDays: [
      // Tết Dương lịch: 1/1 is a Sunday → nghỉ bù Monday 2/1 (art. 111(3); no separate decision).
      '2023-01-01',
      '2023-01-02',
      // Tết Quý Mão: Fri 20/1 (29 Chạp) – Thu 26/1 (mùng 5), 7 days.
      '2023-01-20',
      '2023-01-21',
      '2023-01-22',
      '2023-01-23',
      '2023-01-24',
      '2023-01-25',
      '2023-01-26',
      // Giỗ Tổ (Sat 29/4) and 30/4 (Sun) fall on the weekend → nghỉ bù Tue 2/5 and Wed 3/5,
      // giving Sat 29/4 – Wed 3/5 with no make-up day.
      '2023-04-29',
      '2023-04-30',
      '2023-05-01',
      '2023-05-02',
      '2023-05-03',
      // Quốc khánh: Fri 1/9 (extra day) + Sat 2/9 → nghỉ bù Mon 4/9; 1/9 – 4/9.
      '2023-09-01',
      '2023-09-02',
      '2023-09-03',
      '2023-09-04',
    ],
    makeUpWorkDays: [],
    note:
      'Tết 20/01–26/01 and Quốc khánh 01/09–04/09: Prime Minister\'s approval in Công văn 8056/VPCP-KGVX ' +
      '(01/12/2022), announced by a Bộ LĐTB&XH notice (number unverified). 1/1 and Giỗ Tổ/30-4/1-5 ' +
      'follow the nghỉ bù rule of Labour Code art. 111(3): 29/04–03/05 (Giỗ Tổ on Saturday → 02/05, ' +
      '30/04 on Sunday → 03/05). No make-up Saturday in 2023 as far as we know (not 06/05).',
  },
  {
    year: 2024,
    offDays: [
      // Tết Dương lịch: Monday 1/1.
      '2024-01-01',
      // Tết Giáp Thìn: Thu 8/2 (29 Chạp) – Wed 14/2 (mùng 5), 7 days.
      '2024-02-08',
      '2024-02-09',
      '2024-02-10',
      '2024-02-11',
      '2024-02-12',
      '2024-02-13',
      '2024-02-14',
      // Giỗ Tổ: Thursday 18/4.
      '2024-04-18',
      // 30/4–1/5: Sat 27/4 – Wed 1/5, Monday 29/4 swapped with Saturday 4/5.
      '2024-04-27',
      '2024-04-28',
      '2024-04-29',
      '2024-04-30',
      '2024-05-01',
      // Quốc khánh: Sat 31/8 – Tue 3/9 (2/9 Monday + 3/9 extra day).
      '2024-08-31',
      '2024-09-01',
      '2024-09-02',
      '2024-09-03',
    ],
    makeUpWorkDays: ['2024-05-04'],
    note:
      'Tết 08/02–14/02 and Quốc khánh 31/08–03/09: Công văn 8662/VPCP-KGVX (03/11/2023) approving ' +
      'Bộ LĐTB&XH proposal 4594/LĐTBXH-ATLĐ, then a Bộ LĐTB&XH notice (number unverified). ' +
      'Swap of Mon 29/04 with make-up Sat 04/05: Công văn 2450/VPCP-KGVX (2024).',
  },
  {
    year: 2025,
    offDays: [
      // Tết Dương lịch: Wednesday 1/1.
      '2025-01-01',
      // Tết Ất Tỵ: Sat 25/1 (26 Chạp) – Sun 2/2 (mùng 5), 9 days, no make-up day.
      '2025-01-25',
      '2025-01-26',
      '2025-01-27',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-02-01',
      '2025-02-02',
      // Giỗ Tổ: Monday 7/4.
      '2025-04-07',
      // 30/4–1/5: Wed 30/4 – Sun 4/5, Friday 2/5 swapped with Saturday 26/4.
      '2025-04-30',
      '2025-05-01',
      '2025-05-02',
      '2025-05-03',
      '2025-05-04',
      // Quốc khánh: Sat 30/8 – Tue 2/9 (1/9 extra day + 2/9).
      '2025-08-30',
      '2025-08-31',
      '2025-09-01',
      '2025-09-02',
    ],
    makeUpWorkDays: ['2025-04-26'],
    note:
      'Tết 25/01–02/02, swap of Fri 02/05 with make-up Sat 26/04, and Quốc khánh 30/08–02/09: ' +
      'Công văn 8726/VPCP-KGVX (26/11/2024) and Thông báo 6150/TB-BLĐTBXH (2024). 1/1 and Giỗ Tổ ' +
      '07/04 fall on weekdays and need no decision.',
  },
];
