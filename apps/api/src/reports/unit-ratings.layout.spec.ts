import type { UnitMonthlyRating } from '@app/persistence';
import { assertWellFormed } from './report-document';
import { onTimeRateOf, unitRatingsDocument, type UnitRatingsInput } from './unit-ratings.layout';

function rating(month: string, unitCode: string, counts: Partial<UnitMonthlyRating>): UnitMonthlyRating {
  const c = { completedOnTime: 0, completedLate: 0, overdueOpen: 0, openInTime: 0, cancelled: 0, waitingForEvent: 0, notArisen: 0, ...counts };
  const tasksDue = c.completedOnTime + c.completedLate + c.overdueOpen + c.openInTime;
  return {
    month,
    unitId: `id-${unitCode}`,
    unitCode,
    unitName: { VP: 'Văn phòng Sở', BTG: 'Ban Tôn giáo' }[unitCode] ?? unitCode,
    tasksDue,
    ...c,
    onTimeRate: onTimeRateOf({ ...c, tasksDue }),
    computedAt: new Date(),
  };
}

const base: UnitRatingsInput = {
  organization: { code: 'SNV-BD', name: 'Sở Nội vụ tỉnh Bình Định' },
  from: '2023-01',
  to: '2023-12',
  unit: null,
  asOf: '2025-03-31',
  rows: [],
};

type Cells = Array<{ value: unknown }>;
const values = (row: unknown) => (row as { cells: Cells }).cells.map((c) => c.value);

describe('unit ratings layout', () => {
  it('rates on time among the decided tasks', () => {
    expect(onTimeRateOf({ tasksDue: 4, completedOnTime: 2, completedLate: 1, overdueOpen: 1, openInTime: 0, waitingForEvent: 0, notArisen: 0, cancelled: 0 })).toBe(0.5);
    expect(onTimeRateOf({ tasksDue: 1, completedOnTime: 0, completedLate: 0, overdueOpen: 0, openInTime: 1, waitingForEvent: 0, notArisen: 0, cancelled: 0 })).toBeNull();
  });

  it('lists each month with its units and sum, then the whole period per unit and the total', () => {
    const doc = unitRatingsDocument({
      ...base,
      rows: [
        rating('2023-01', 'VP', { completedOnTime: 1, overdueOpen: 1 }),
        rating('2023-02', 'VP', { completedLate: 1, waitingForEvent: 2 }),
        rating('2023-02', 'BTG', { completedOnTime: 2, openInTime: 1 }),
      ],
    });
    assertWellFormed(doc);
    expect(doc.columns.map((c) => c.header)).toEqual([
      'STT',
      'Đơn vị',
      'Nhiệm vụ đến hạn',
      'Hoàn thành đúng hạn',
      'Hoàn thành quá hạn',
      'Đang thực hiện quá hạn',
      'Đang thực hiện trong hạn',
      'Chờ sự kiện',
      'Không phát sinh',
      'Đã hủy',
      'Tỷ lệ đúng hạn',
    ]);
    expect(doc.rows.map((r) => (r.kind === 'band' ? r.text : values(r)))).toEqual([
      'Tháng 01/2023',
      [1, 'Văn phòng Sở', 2, 1, 0, 1, 0, 0, 0, 0, 0.5],
      'Tháng 02/2023',
      [1, 'Ban Tôn giáo', 3, 2, 0, 0, 1, 0, 0, 0, 1],
      [2, 'Văn phòng Sở', 1, 0, 1, 0, 0, 2, 0, 0, 0],
      ['Cộng tháng 02/2023', 4, 2, 1, 0, 1, 2, 0, 0, 2 / 3],
      'Cả kỳ: từ tháng 01/2023 đến tháng 12/2023',
      [1, 'Ban Tôn giáo', 3, 2, 0, 0, 1, 0, 0, 0, 1],
      [2, 'Văn phòng Sở', 3, 1, 1, 1, 0, 2, 0, 0, 1 / 3],
      ['Tổng cộng', 6, 3, 1, 1, 1, 2, 0, 0, 0.6],
    ]);
    expect(doc.heading.map((l) => l.text)).toEqual([
      'SỞ NỘI VỤ TỈNH BÌNH ĐỊNH',
      'ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NHIỆM VỤ CỦA CÁC ĐƠN VỊ THEO THÁNG',
      'Từ tháng 01/2023 đến tháng 12/2023',
      'Tính đến ngày 31/03/2025',
    ]);
    expect(doc.fileName).toBe('Đánh giá đơn vị theo tháng 01-2023 đến 12-2023');
  });

  it('names the unit of a one-unit report and says when nothing was due', () => {
    const doc = unitRatingsDocument({ ...base, from: '2024-05', to: '2024-05', unit: { code: 'BTG', name: 'Ban Tôn giáo' } });
    expect(doc.heading.map((l) => l.text)).toContain('Đơn vị: Ban Tôn giáo');
    expect(doc.heading.map((l) => l.text)).toContain('Tháng 05/2024');
    expect(doc.rows).toEqual([{ kind: 'band', text: 'Không có nhiệm vụ nào đến hạn trong khoảng thời gian này.', fill: 'FFFFFF' }]);
    expect(doc.fileName).toBe('Đánh giá đơn vị theo tháng 05-2024 - Ban Tôn giáo');
  });
});
