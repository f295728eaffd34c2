import { defaultVietnamCalendarConfig, WorkingCalendar } from '@app/domain';
import { workingCalendarConfigOf } from './working-calendar.loader';

describe('workingCalendarConfigOf', () => {
  it('is the national config plus the organization days, split by kind and sorted whatever the input order', () => {
    const config = workingCalendarConfigOf([
      { day: '2024-08-19', kind: 'off' },
      { day: '2024-04-06', kind: 'work' },
      { day: '2024-04-01', kind: 'off' },
    ]);
    expect(config).toEqual({ ...defaultVietnamCalendarConfig(), extraOffDays: ['2024-04-01', '2024-08-19'], extraWorkDays: ['2024-04-06'] });
    // Same bytes for the same days: the config is a workflow argument, and replay compares it.
    expect(JSON.stringify(workingCalendarConfigOf([{ day: '2024-04-06', kind: 'work' }, { day: '2024-04-01', kind: 'off' }]))).toBe(
      JSON.stringify(workingCalendarConfigOf([{ day: '2024-04-01', kind: 'off' }, { day: '2024-04-06', kind: 'work' }])),
    );
    const calendar = new WorkingCalendar(config);
    expect(calendar.addWorkingDays('2024-03-29', 1)).toBe('2024-04-02');
  });

  it('without organization days is exactly the national default', () => {
    expect(workingCalendarConfigOf([])).toEqual(defaultVietnamCalendarConfig());
  });
});
