import { DataSource, EntityManager } from 'typeorm';
import { extensionPendingSql } from './task-inbox.repository';
import { overdueSql } from './task-search.sql';

type Db = DataSource | EntityManager;

/** An organization's tasks per inbox box (counts as text, as Postgres answers bigint). */
export interface InboxTaskCountsRow {
  organization: string;
  draft: string;
  review: string;
  approve: string;
  extensions: string;
  overdue: string;
  waiting: string;
}

/**
 * What waits in the inboxes, per organization (code), as of `today`: unit tasks being drafted, in
 * review, awaiting approval, with an extension request undecided, overdue; plan rows waiting for
 * their starting event. Every organization has a row, with zeros when it has no task.
 */
export async function countInboxTasksByOrganization(db: Db, today: string): Promise<InboxTaskCountsRow[]> {
  return db.query(
    `SELECT o.code AS organization,
              count(*) FILTER (WHERE t.owner_unit_id IS NOT NULL AND t.state = 'DRAFTING') AS draft,
              count(*) FILTER (WHERE t.owner_unit_id IS NOT NULL AND t.state = 'IN_REVIEW') AS review,
              count(*) FILTER (WHERE t.owner_unit_id IS NOT NULL AND t.state = 'AWAITING_APPROVAL') AS approve,
              count(*) FILTER (WHERE t.owner_unit_id IS NOT NULL AND ${extensionPendingSql()}) AS extensions,
              count(*) FILTER (WHERE t.owner_unit_id IS NOT NULL AND ${overdueSql('$1')}) AS overdue,
              count(*) FILTER (WHERE t.parent_task_id IS NULL AND t.state = 'PENDING_TRIGGER') AS waiting
         FROM organizations o LEFT JOIN tasks t ON t.organization_id = o.id
        GROUP BY o.code`,
    [today],
  );
}
