import { describe, expect, it } from '@jest/globals';
import { countWorkingDays, yearDays } from './working-days';

// 2025: Reunification Day and Labour Day (30/04–01/05, Wednesday–Thursday) off, with 02/05 (Friday) off
// and Saturday 26/04 worked in exchange, as the government decided that year.
const y2025 = yearDays({
  year: 2025,
  daysOff: [{ day: '2025-04-30' }, { day: '2025-05-01' }, { day: '2025-05-02' }],
  workDays: [{ day: '2025-04-26' }],
});
const years = new Map([[2025, y2025]]);

describe('countWorkingDays', () => {
  it('counts weekdays after the first day up to the last, skipping the weekend', () => {
    expect(countWorkingDays('2025-03-03', '2025-03-10', years)).toBe(5); // Monday → next Monday
    expect(countWorkingDays('2025-03-07', '2025-03-09', years)).toBe(0); // Friday → Sunday
    expect(countWorkingDays('2025-03-10', '2025-03-10', years)).toBe(0);
    expect(countWorkingDays('2025-03-10', '2025-03-01', years)).toBe(0);
  });

  it('skips the days off and counts the weekend days worked', () => {
    // 25/04 (Friday) → 05/05 (Monday): 26/04 worked, 28/04, 29/04, 05/05; 30/04–02/05 off.
    expect(countWorkingDays('2025-04-25', '2025-05-05', years)).toBe(4);
  });

  it('says it does not know when a year of the span has no calendar', () => {
    expect(countWorkingDays('2025-12-30', '2026-01-05', years)).toBeNull();
  });
});
