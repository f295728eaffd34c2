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
