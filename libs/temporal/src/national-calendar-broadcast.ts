import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { broadcastOrganizationCalendar, type CalendarBroadcastReport } from './calendar-broadcast';

/**
 * After an edit of the national calendar, every organization's open tasks get their (new)
 * organization calendar, as after an edit of the organization's own days: the change reaches
 * running workflows through the calendarChanged signal, never through data in the bundle.
 */
export async function broadcastNationalCalendar(db: DataSource, client: Client): Promise<CalendarBroadcastReport> {
  const organizations: Array<{ id: string }> = await db.query(`SELECT id FROM organizations ORDER BY id`);
  const total: CalendarBroadcastReport = { signalled: 0, closed: 0, notStartedYet: 0, failed: [] };
  for (const { id } of organizations) {
    const report = await broadcastOrganizationCalendar(db, client, id);
    total.signalled += report.signalled;
    total.closed += report.closed;
    total.notStartedYet += report.notStartedYet;
    total.failed.push(...report.failed);
  }
  return total;
}
