import { DEFAULT_ORGANIZATION_SETTINGS, OrganizationSettings } from '@app/domain';
import { settingsProblems } from './settings';

const keysOf = (patch: Partial<OrganizationSettings>) => settingsProblems({ ...DEFAULT_ORGANIZATION_SETTINGS, ...patch } as OrganizationSettings).map((p) => p.key);

describe('settingsProblems', () => {
  it('accepts the defaults of WORKFLOW.md', () => {
    expect(settingsProblems(DEFAULT_ORGANIZATION_SETTINGS)).toEqual([]);
  });

  it('names each bad setting', () => {
    expect(keysOf({ reviewWindowWorkingDays: 0 })).toEqual(['reviewWindowWorkingDays']);
    expect(keysOf({ maxExtensionsPerTask: 1.5 })).toEqual(['maxExtensionsPerTask']);
    expect(keysOf({ silentReviewer: 'maybe' as 'agree' })).toEqual(['silentReviewer']);
    expect(keysOf({ reminderWorkingDaysBefore: [3, 3] })).toEqual(['reminderWorkingDaysBefore']);
    expect(keysOf({ reminderWorkingDaysBefore: [0] })).toEqual(['reminderWorkingDaysBefore']);
  });

  it('keeps the ladders in order', () => {
    expect(keysOf({ escalateToDirectorAfterWorkingDays: 3 })).toEqual(['escalateToDirectorAfterWorkingDays']);
    expect(keysOf({ reviewWindowWorkingDays: 1, reviewReminderWorkingDaysBefore: 1 })).toEqual(['reviewReminderWorkingDaysBefore']);
    expect(keysOf({ approvalReminderAfterWorkingDays: 5 })).toEqual(['approvalEscalateAfterWorkingDays']);
    expect(keysOf({ maxExtensionsPerTask: 0, reviewWindowWorkingDays: 10 })).toEqual([]);
  });
});

describe('settingsProblems: the reporting calendar (issue 16 item 4)', () => {
  const rd = (over: Record<string, unknown>) => keysOf({ reportingDeadlines: { ...DEFAULT_ORGANIZATION_SETTINGS.reportingDeadlines, ...over } as OrganizationSettings['reportingDeadlines'] });
  it('takes real month-days in the order of the year, defaults on the 14th of each period\'s last month (NĐ 09/2019 art. 12)', () => {
    expect(DEFAULT_ORGANIZATION_SETTINGS.reportingDeadlines).toEqual({ q1: '03-14', h1: '06-14', q3: '09-14', year: '12-14' });
    expect(rd({ q1: '03-20', h1: '06-20', q3: '09-20', year: '12-20' })).toEqual([]);
    expect(rd({ q1: '02-29' })).toEqual(['reportingDeadlines']);
    expect(rd({ q1: '3-14' })).toEqual(['reportingDeadlines']);
    expect(rd({ q1: '13-01' })).toEqual(['reportingDeadlines']);
    expect(rd({ q1: '07-01' })).toEqual(['reportingDeadlines']); // after the six-month report
    expect(rd({ extra: '05-01' })).toEqual(['reportingDeadlines']);
  });
});
