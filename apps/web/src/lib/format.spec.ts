import { describe, expect, it } from '@jest/globals';
import { formatCount, overdueText } from './format';

describe('overdue in the words a Sở uses', () => {
  it('working days first, calendar days beside them', () => {
    expect(overdueText(16, 12)).toBe('quá hạn 12 ngày làm việc (16 ngày)');
    expect(overdueText(1, 1)).toBe('quá hạn 1 ngày làm việc (1 ngày)');
  });
  it('a task 1.313 days late reads as years, never as a few days', () => {
    expect(overdueText(1313, 903)).toBe('quá hạn 903 ngày làm việc (1.313 ngày ≈ 3 năm 7 tháng)');
    expect(overdueText(1313, null)).toBe('quá hạn 1.313 ngày ≈ 3 năm 7 tháng');
    expect(overdueText(75, null)).toBe('quá hạn 75 ngày ≈ 2 tháng');
  });
  it('nothing when not late; thousands with a dot', () => {
    expect(overdueText(0, 0)).toBe('');
    expect(formatCount(1234567)).toBe('1.234.567');
  });
});
