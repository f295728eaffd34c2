/**
 * Per-organization rules of WORKFLOW.md, with the defaults the document gives. Stored as JSON in
 * `organizations.settings`; missing keys fall back to these defaults.
 */
export interface OrganizationSettings {
  /** Working days a coordinating unit has to give its opinion. */
  reviewWindowWorkingDays: number;
  /** What a unit silent past the review window means. */
  silentReviewer: 'agree' | 'escalate';
  /** Reminders to the lead unit, in working days before the due date. */
  reminderWorkingDaysBefore: number[];
  /** Escalation to the deputy in charge, in working days overdue. */
  escalateToDeputyAfterWorkingDays: number;
  /** Escalation to the director, in working days overdue. */
  escalateToDirectorAfterWorkingDays: number;
  /** How many extensions one task may get. */
  maxExtensionsPerTask: number;
  /** Working days after a recorded event for an event-triggered task. */
  eventWindowWorkingDays: number;
  /** Reminder to a coordinating unit whose opinion is missing, in working days before the review window ends. */
  reviewReminderWorkingDaysBefore: number;
  /** An escalated review (silentReviewer 'escalate') still silent reaches the director after this many working days. */
  reviewEscalateToDirectorAfterWorkingDays: number;
  /** Reminder to the leadership an approval waits on, in working days after submission. */
  approvalReminderAfterWorkingDays: number;
  /** An approval still waiting is escalated to the director and the monitor after this many working days. */
  approvalEscalateAfterWorkingDays: number;
  /**
   * The day-off rule (Bộ luật Dân sự 2015, Điều 148 khoản 5): a time limit whose last day is a day
   * off ends at the end of the next working day. On by default.
   */
  dayOffRule: boolean;
  /**
   * The reporting calendar of continuous rows: the month-day ('MM-DD') each periodic report falls
   * due, quarter I, six months, quarter III and the year, in that order. Defaults from seed 004 and
   * NĐ 09/2019/NĐ-CP art. 12 (the 14th of the period's last month). New tasks take it; the rounds of
   * running ones stay as they were generated.
   */
  reportingDeadlines: ReportingDeadlines;
}

export interface ReportingDeadlines {
  q1: string;
  h1: string;
  q3: string;
  year: string;
}

export const DEFAULT_ORGANIZATION_SETTINGS: OrganizationSettings = {
  reviewWindowWorkingDays: 5,
  silentReviewer: 'agree',
  reminderWorkingDaysBefore: [5, 1],
  escalateToDeputyAfterWorkingDays: 3,
  escalateToDirectorAfterWorkingDays: 10,
  maxExtensionsPerTask: 1,
  eventWindowWorkingDays: 10,
  reviewReminderWorkingDaysBefore: 1,
  reviewEscalateToDirectorAfterWorkingDays: 3,
  approvalReminderAfterWorkingDays: 2,
  approvalEscalateAfterWorkingDays: 5,
  dayOffRule: true,
  reportingDeadlines: { q1: '03-14', h1: '06-14', q3: '09-14', year: '12-14' },
};

export function resolveOrganizationSettings(stored: Partial<OrganizationSettings> | null | undefined): OrganizationSettings {
  return {
    ...DEFAULT_ORGANIZATION_SETTINGS,
    ...(stored ?? {}),
    reportingDeadlines: { ...DEFAULT_ORGANIZATION_SETTINGS.reportingDeadlines, ...(stored?.reportingDeadlines ?? {}) },
  };
}
