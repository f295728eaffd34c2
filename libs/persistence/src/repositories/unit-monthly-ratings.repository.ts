import { DataSource, EntityManager } from 'typeorm';
import type { UnitMonthlyRating } from '../ratings/unit-monthly-ratings';

type Db = DataSource | EntityManager;

/** A (lead unit, month) of the ratings; month is the first day of the month, 'YYYY-MM-DD'. */
export interface RatingPair {
  unitId: string;
  month: string;
}

/** Where a task counts: its organization, lead unit and effective due date ('YYYY-MM-DD'). */
export interface TaskRatingKey {
  organizationId: string;
  ownerUnitId: string | null;
  due: string | null;
}

/** Months from `from` to `to` (first days, both included), optionally of one unit. */
export interface RatingRange {
  from: string;
  to: string;
  unitId: string | null;
}

/**
 * The monthly unit ratings (`unit_monthly_ratings`) and the counts of `tasks` they are derived
 * from (the rules: ratings/unit-monthly-ratings.ts). Recounts must run in a transaction: their
 * advisory locks are transaction-scoped.
 */
export class UnitMonthlyRatingsRepository {
  constructor(private readonly db: Db) {}

  async ratingKeyOfTask(taskId: string): Promise<TaskRatingKey | undefined> {
    const [row]: TaskRatingKey[] = await this.db.query(
      `SELECT organization_id AS "organizationId", owner_unit_id AS "ownerUnitId", to_char(COALESCE(extended_due_on, due_on), 'YYYY-MM-DD') AS due
       FROM tasks WHERE id = $1`,
      [taskId],
    );
    return row;
  }

  /** Every (unit, month) an organization's tasks count in, and every one it has a rating row of. */
  async pairsOfOrganization(organizationId: string): Promise<RatingPair[]> {
    return this.db.query(
      `SELECT owner_unit_id AS "unitId", to_char(date_trunc('month', COALESCE(extended_due_on, due_on)), 'YYYY-MM-DD') AS month
       FROM tasks WHERE organization_id = $1 AND owner_unit_id IS NOT NULL AND COALESCE(extended_due_on, due_on) IS NOT NULL
       UNION
       SELECT unit_id, to_char(month, 'YYYY-MM-DD') FROM unit_monthly_ratings WHERE organization_id = $1`,
      [organizationId],
    );
  }

  async countOfOrganization(organizationId: string): Promise<number> {
    const [{ rows }]: Array<{ rows: number }> = await this.db.query(`SELECT count(*)::int AS rows FROM unit_monthly_ratings WHERE organization_id = $1`, [
      organizationId,
    ]);
    return rows;
  }

  /** Stale rows of the range: counted on an earlier day than `today`, with tasks in time, in a month that has begun. */
  async stalePairs(organizationId: string, range: RatingRange, today: string): Promise<RatingPair[]> {
    return this.db.query(
      `SELECT unit_id AS "unitId", to_char(month, 'YYYY-MM-DD') AS month FROM unit_monthly_ratings
       WHERE organization_id = $1 AND month BETWEEN $2 AND $3 AND ($4::uuid IS NULL OR unit_id = $4)
         AND open_in_time > 0 AND month <= $5::date AND (computed_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date < $5::date`,
      [organizationId, range.from, range.to, range.unitId, today],
    );
  }

  /** The rating rows of the range with their units, by month then unit code. */
  async ratings(organizationId: string, range: RatingRange): Promise<UnitMonthlyRating[]> {
    const rows: Array<Omit<UnitMonthlyRating, 'onTimeRate'> & { onTimeRate: string | null }> = await this.db.query(
      `SELECT to_char(r.month, 'YYYY-MM') AS month, r.unit_id AS "unitId", u.code AS "unitCode", u.name AS "unitName",
              r.tasks_due AS "tasksDue", r.completed_on_time AS "completedOnTime", r.completed_late AS "completedLate",
              r.overdue_open AS "overdueOpen", r.open_in_time AS "openInTime", r.cancelled, r.waiting_for_event AS "waitingForEvent",
              r.not_arisen AS "notArisen", r.on_time_rate AS "onTimeRate", r.computed_at AS "computedAt"
       FROM unit_monthly_ratings r JOIN units u ON u.id = r.unit_id
       WHERE r.organization_id = $1 AND r.month BETWEEN $2 AND $3 AND ($4::uuid IS NULL OR r.unit_id = $4)
       ORDER BY r.month, u.code`,
      [organizationId, range.from, range.to, range.unitId],
    );
    // numeric comes back as text.
    return rows.map((r) => ({ ...r, onTimeRate: r.onTimeRate === null ? null : Number(r.onTimeRate) }));
  }

  /**
   * Takes the transaction-scoped advisory locks of the pairs, in a fixed order (by hash), so two
   * transactions locking overlapping pairs cannot deadlock.
   */
  async lockPairs(organizationId: string, pairs: readonly RatingPair[]): Promise<void> {
    await this.db.query(
      `SELECT pg_advisory_xact_lock(h) FROM (
         SELECT DISTINCT hashtextextended('unit-monthly-rating:' || $1 || ':' || p.unit_id || ':' || p.month, 0) AS h
         FROM unnest($2::text[], $3::text[]) AS p(unit_id, month) ORDER BY h) locks`,
      [organizationId, pairs.map((p) => p.unitId), pairs.map((p) => p.month)],
    );
  }

  /**
   * Counts the tasks of each pair in one grouped statement as of `today`, upserts the pairs that
   * have tasks and deletes the pairs that have none.
   */
  async recountPairs(organizationId: string, pairs: readonly RatingPair[], today: string): Promise<void> {
    await this.db.query(
      `WITH pairs AS (
         SELECT DISTINCT p.unit_id, p.month FROM unnest($2::uuid[], $3::date[]) AS p(unit_id, month)
       ),
       counted AS (
         SELECT p.unit_id, p.month,
                count(*) FILTER (WHERE t.state IN ('COMPLETED', 'DRAFTING', 'IN_REVIEW', 'AWAITING_APPROVAL') AND NOT t.not_arisen)::int AS tasks_due,
                count(*) FILTER (WHERE t.state = 'COMPLETED' AND NOT t.not_arisen AND (t.completed_on IS NULL OR t.completed_on <= t.working_due))::int AS completed_on_time,
                count(*) FILTER (WHERE t.state = 'COMPLETED' AND NOT t.not_arisen AND t.completed_on > t.working_due)::int AS completed_late,
                count(*) FILTER (WHERE t.state IN ('DRAFTING', 'IN_REVIEW', 'AWAITING_APPROVAL')
                                   AND (t.working_due < $4::date OR t.status_word = 'OPEN_OVERDUE'))::int AS overdue_open,
                count(*) FILTER (WHERE t.state IN ('DRAFTING', 'IN_REVIEW', 'AWAITING_APPROVAL')
                                   AND NOT (t.working_due < $4::date OR t.status_word = 'OPEN_OVERDUE'))::int AS open_in_time,
                count(*) FILTER (WHERE t.state = 'CANCELLED')::int AS cancelled,
                count(*) FILTER (WHERE t.state = 'PENDING_TRIGGER')::int AS waiting_for_event,
                count(*) FILTER (WHERE t.not_arisen)::int AS not_arisen
         FROM pairs p
         LEFT JOIN LATERAL (
           SELECT t.state, t.status_word, t.completed_on, COALESCE(t.working_due_on, t.extended_due_on, t.due_on) AS working_due,
                  t.state = 'COMPLETED' AND t.status_word = 'NOT_ARISEN' AS not_arisen
           FROM tasks t
           WHERE t.organization_id = $1 AND t.owner_unit_id = p.unit_id
             AND COALESCE(t.extended_due_on, t.due_on) >= p.month
             AND COALESCE(t.extended_due_on, t.due_on) < (p.month + interval '1 month')::date
             AND NOT EXISTS (SELECT 1 FROM tasks c WHERE c.parent_task_id = t.id)
         ) t ON true
         GROUP BY p.unit_id, p.month
       ),
       upserted AS (
         INSERT INTO unit_monthly_ratings (organization_id, unit_id, month, tasks_due, completed_on_time, completed_late, overdue_open,
                                           open_in_time, cancelled, waiting_for_event, not_arisen, on_time_rate, computed_at)
         SELECT $1, c.unit_id, c.month, c.tasks_due, c.completed_on_time, c.completed_late, c.overdue_open, c.open_in_time,
                c.cancelled, c.waiting_for_event, c.not_arisen,
                CASE WHEN c.completed_on_time + c.completed_late + c.overdue_open > 0
                     THEN round(c.completed_on_time::numeric / (c.completed_on_time + c.completed_late + c.overdue_open), 4) END,
                now()
         FROM counted c
         WHERE c.tasks_due + c.cancelled + c.waiting_for_event + c.not_arisen > 0
         ON CONFLICT (organization_id, unit_id, month) DO UPDATE SET
           tasks_due = EXCLUDED.tasks_due, completed_on_time = EXCLUDED.completed_on_time, completed_late = EXCLUDED.completed_late,
           overdue_open = EXCLUDED.overdue_open, open_in_time = EXCLUDED.open_in_time, cancelled = EXCLUDED.cancelled,
           waiting_for_event = EXCLUDED.waiting_for_event, not_arisen = EXCLUDED.not_arisen, on_time_rate = EXCLUDED.on_time_rate, computed_at = EXCLUDED.computed_at
       )
       DELETE FROM unit_monthly_ratings r USING counted c
       WHERE r.organization_id = $1 AND r.unit_id = c.unit_id AND r.month = c.month
         AND c.tasks_due + c.cancelled + c.waiting_for_event + c.not_arisen = 0`,
      [organizationId, pairs.map((p) => p.unitId), pairs.map((p) => p.month), today],
    );
  }
}
