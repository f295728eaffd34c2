import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { settingsChangedSignal } from '@app/workflows/task-lifecycle/task-lifecycle.contract';
import type { CalendarBroadcastReport } from './calendar-broadcast';
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
  const rows: Array<{ workflow_id: string }> = await ds.query(
    `SELECT workflow_id FROM tasks
     WHERE organization_id = $1 AND workflow_id IS NOT NULL AND state NOT IN ('COMPLETED', 'CANCELLED')
     ORDER BY workflow_id`,
    [organizationId],
  );
  const report: CalendarBroadcastReport = { signalled: 0, closed: 0, failed: [] };
  const queue = rows.map((r) => r.workflow_id);
  await Promise.all(
    Array.from({ length: Math.min(opts.concurrency ?? 8, queue.length) }, async () => {
      for (let id = queue.shift(); id; id = queue.shift()) {
        try {
          await client.workflow.getHandle(id).signal(settingsChangedSignal, { settings });
          report.signalled += 1;
        } catch (err) {
          if (err instanceof WorkflowNotFoundError) report.closed += 1;
          else report.failed.push(id);
        }
      }
    }),
  );
  return report;
}
