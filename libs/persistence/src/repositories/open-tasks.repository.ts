import { DataSource, EntityManager } from 'typeorm';

type Db = DataSource | EntityManager;

/**
 * Counts of an organization's open tasks (neither completed nor cancelled), for the directory's
 * checks that no change leaves open tasks without a unit or a person to act on them.
 */
export class OpenTasksRepository {
  constructor(private readonly db: Db) {}

  /** Open tasks a unit leads or whose review waits on it. */
  async countOfUnit(organizationId: string, unitId: string): Promise<number> {
    const [{ n }]: Array<{ n: number }> = await this.db.query(
      `SELECT count(*)::int AS n FROM tasks t
       WHERE t.organization_id = $1 AND t.state NOT IN ('COMPLETED', 'CANCELLED')
         AND (t.owner_unit_id = $2 OR $2 = ANY(t.pending_review_unit_ids))`,
      [organizationId, unitId],
    );
    return n;
  }

  /** Every open task of the organization. */
  async countOfOrganization(organizationId: string): Promise<number> {
    const [{ n }]: Array<{ n: number }> = await this.db.query(
      `SELECT count(*)::int AS n FROM tasks WHERE organization_id = $1 AND state NOT IN ('COMPLETED', 'CANCELLED')`,
      [organizationId],
    );
    return n;
  }
}
