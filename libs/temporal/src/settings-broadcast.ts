import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { refreshWorkingDue } from '@app/persistence';
import { settingsChangedSignal } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import { signalOpenTasks, type CalendarBroadcastReport } from './calendar-broadcast';
import { loadLifecycleSettings } from './lifecycle-input';

/**
 * After an administrator saved the organization's settings, hands them to every open task of the
 * organization, the way {@link broadcastOrganizationCalendar} hands a new calendar: each workflow
 * takes the rules (review window, silence, ladder days, extension cap) and recomputes the timers
 * still to come. The settings are sent whole, so running it again converges.
 */
export async function broadcastOrganizationSettings(
  ds: DataSource,
  client: Client,
  organizationId: string,
  opts: { concurrency?: number } = {},
): Promise<CalendarBroadcastReport> {
  const settings = await loadLifecycleSettings(ds, organizationId);
  // The day-off rule may have turned on or off: the read model's working ends first.
  await refreshWorkingDue(ds, organizationId, { dayOffRule: settings.dayOffRule !== false });
  return signalOpenTasks(ds, organizationId, (id) => client.workflow.getHandle(id).signal(settingsChangedSignal, { settings }), opts);
}
