import { DataSource, EntityManager } from 'typeorm';
import { Milestone, OrganizationSettings, resolveOrganizationSettings } from '@app/domain';
import type { LifecycleSettings, MilestoneSpec } from '@app/workflows/task-lifecycle/task-lifecycle.contract';

/** The organization rules both shapes know; the others (reporting calendar…) default in the workflow. */
const SHARED_SETTINGS = [
  'reviewWindowWorkingDays',
  'silentReviewer',
  'maxExtensionsPerTask',
  'eventWindowWorkingDays',
  'reminderWorkingDaysBefore',
  'escalateToDeputyAfterWorkingDays',
  'escalateToDirectorAfterWorkingDays',
  'reviewReminderWorkingDaysBefore',
  'reviewEscalateToDirectorAfterWorkingDays',
  'approvalReminderAfterWorkingDays',
  'approvalEscalateAfterWorkingDays',
  'dayOffRule',
  'reportingDeadlines',
] as const satisfies ReadonlyArray<
  keyof LifecycleSettings & keyof OrganizationSettings
>;

/** `organizations.settings` (missing keys take WORKFLOW.md's defaults) as the workflow input carries them. */
export function lifecycleSettingsOf(stored: Partial<OrganizationSettings> | null | undefined): Partial<LifecycleSettings> {
  const settings = resolveOrganizationSettings(stored);
  const out: Partial<LifecycleSettings> = {};
  for (const key of SHARED_SETTINGS) (out as Record<string, unknown>)[key] = settings[key];
  return out;
}

export async function loadLifecycleSettings(db: DataSource | EntityManager, organizationId: string): Promise<Partial<LifecycleSettings>> {
  const [org] = await db.query(`SELECT settings FROM organizations WHERE id = $1`, [organizationId]);
  return lifecycleSettingsOf(org?.settings);
}

/** A parsed milestone as the workflow runs it (the source text stays with the import). */
export function milestoneSpecOf(m: Milestone): MilestoneSpec {
  return {
    label: m.label,
    kind: m.kind,
    due: m.due,
    start: m.start,
    until: m.until,
    trigger: m.trigger,
    recurrence: m.recurrence,
    ...(m.roundDay !== undefined ? { roundDay: m.roundDay } : {}),
  };
}
