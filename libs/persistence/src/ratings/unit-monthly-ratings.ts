/**
 * Monthly unit ratings (WORKFLOW.md, "Status words"): for each lead unit and month of the effective
 * due date (extended_due_on ?? due_on, a calendar date in Asia/Ho_Chi_Minh), the tasks due that
 * month counted by status word.
 *
 * What counts:
 * - the lead unit is tasks.owner_unit_id; a group-led row counts through its per-unit child rows,
 *   never through the parent (which has children, and no owner);
 * - tasks_due = completed_on_time + completed_late + overdue_open + open_in_time; cancelled,
 *   waiting-for-event and not-arisen tasks ("Không phát sinh": closed at the plan end without
 *   their event) are counted apart and never due;
 * - on time means completed_on <= the working end of the effective due date (tasks.working_due_on:
 *   a deadline on a day off ends at the end of the next working day, BLDS 2015 art. 148(5), when the
 *   organization applies the rule; a completion without a date counts as on time, as statusWordOf
 *   says); overdue means open and that working end is over. The month is the deadline's as written.
 *
 * The table is derived data with one invariant: it equals a rebuild from the task rows. So a
 * (unit, month) whose counts all drop to zero loses its row (rather than keeping a row of zeros),
 * and the read-model activity recomputes, in the transaction that changes a task row, the
 * (unit, month) the task left and the one it entered.
 *
 * Recomputes of one (organization, unit, month) are serialized with a transaction-scoped advisory
 * lock taken before counting: in READ COMMITTED each statement sees what committed before it, so
 * two transactions changing two tasks of the same unit and month cannot both count without the
 * other's change and the later write lose the earlier one.
 */
import { DataSource, EntityManager } from 'typeorm';
import { CalendarDate, DomainError, type IsoDate } from '@app/domain';

export interface UnitMonthlyRating {
  /** 'YYYY-MM' */
  month: string;
  unitId: string;
  unitCode: string;
  unitName: string;
  tasksDue: number;
  completedOnTime: number;
  completedLate: number;
  overdueOpen: number;
  openInTime: number;
  cancelled: number;
  waitingForEvent: number;
  /** Closed as "Không phát sinh" (an event row whose event never came by the plan end): apart, never due. */
  notArisen: number;
  /** Share of the decided tasks (completed or overdue) done on time, 0–1; null while none is decided. */
  onTimeRate: number | null;
  computedAt: Date;
}

export interface RatingOptions {
  /** Today in Asia/Ho_Chi_Minh (tests pin it); defaults to the clock. */
  today?: IsoDate;
}

interface Pair {
  unitId: string;
  month: IsoDate;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MONTH = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;

/** 'YYYY-MM' or any date 'YYYY-MM-DD' → the first day of its month; null when it is neither. */
export function ratingMonthOf(value: string | null | undefined): IsoDate | null {
  const m = value ? MONTH.exec(value) : null;
  if (!m) return null;
  const first = `${m[1]}-${m[2]}-01`;
  if (!CalendarDate.isValid(first) || (m[3] !== undefined && !CalendarDate.isValid(value))) return null;
  return first;
}

function todayOf(options: RatingOptions): IsoDate {
  return options.today ? CalendarDate.assertValid(options.today) : CalendarDate.fromInstant(Date.now());
}

/**
 * Recomputes the ratings of every combination of `unitIds` × `months` (units of other
 * organizations and nulls are ignored; a month is 'YYYY-MM' or any date in it). Call it inside the
 * transaction that changed the task rows.
 */
export async function refreshUnitMonthlyRatings(
  tx: EntityManager,
  organizationId: string,
  unitIds: ReadonlyArray<string | null | undefined>,
  months: ReadonlyArray<string | null | undefined>,
  options: RatingOptions = {},
): Promise<void> {
  const units = [...new Set(unitIds.filter((u): u is string => !!u))];
  const firstDays = [...new Set(months.map(ratingMonthOf).filter((m): m is IsoDate => m !== null))];
  const pairs = units.flatMap((unitId) => firstDays.map((month) => ({ unitId, month })));
  await refreshPairs(tx, organizationId, pairs, todayOf(options));
}

/** The ratings of the one task's (unit, month), e.g. after a change that moved neither. */
export async function refreshUnitMonthlyRatingsOfTask(tx: EntityManager, taskId: string, options: RatingOptions = {}): Promise<void> {
  const [task]: Array<{ organization_id: string; owner_unit_id: string | null; due: string | null }> = await tx.query(
    `SELECT organization_id, owner_unit_id, to_char(COALESCE(extended_due_on, due_on), 'YYYY-MM-DD') AS due FROM tasks WHERE id = $1`,
    [taskId],
  );
  if (task) await refreshUnitMonthlyRatings(tx, task.organization_id, [task.owner_unit_id], [task.due], options);
}

/**
 * Rebuilds every rating of an organization from its task rows (after an import, or for an
 * administrator); the result is the same as the incremental updates'.
 */
export async function recomputeOrganizationRatings(
  db: DataSource | EntityManager,
  organizationId: string,
  options: RatingOptions = {},
): Promise<{ rows: number }> {
  const today = todayOf(options);
  const run = async (tx: EntityManager) => {
    const pairs: Pair[] = await tx.query(
      `SELECT owner_unit_id AS "unitId", to_char(date_trunc('month', COALESCE(extended_due_on, due_on)), 'YYYY-MM-DD') AS month
       FROM tasks WHERE organization_id = $1 AND owner_unit_id IS NOT NULL AND COALESCE(extended_due_on, due_on) IS NOT NULL
       UNION
       SELECT unit_id, to_char(month, 'YYYY-MM-DD') FROM unit_monthly_ratings WHERE organization_id = $1`,
      [organizationId],
    );
    await refreshPairs(tx, organizationId, pairs, today);
    const [{ rows }] = await tx.query(`SELECT count(*)::int AS rows FROM unit_monthly_ratings WHERE organization_id = $1`, [organizationId]);
    return { rows: rows as number };
  };
  // A savepoint inside a caller's transaction; a transaction of its own otherwise (the locks need one).
  return (db instanceof DataSource ? db.manager : db).transaction(run);
}

/**
 * Ratings of an organization from month `from` to month `to` ('YYYY-MM', both included), optionally
 * of one unit, ordered by month then unit code. Rows counted before a due day inside their month
 * was over may show a task as in time that is overdue now (when no event followed its due day, as
 * with workflows older than the deadline ladder): those rows are recomputed before they are read.
 */
export async function unitMonthlyRatings(
  db: DataSource | EntityManager,
  organizationId: string,
  range: { from: string; to: string; unitId?: string },
  options: RatingOptions = {},
): Promise<UnitMonthlyRating[]> {
  const from = /^\d{4}-\d{2}$/.test(range.from) ? ratingMonthOf(range.from) : null;
  const to = /^\d{4}-\d{2}$/.test(range.to) ? ratingMonthOf(range.to) : null;
  if (range.unitId !== undefined && !UUID.test(range.unitId)) {
    throw new DomainError('VALIDATION_FAILED', 'Mã đơn vị không hợp lệ.', { unitId: range.unitId });
  }
  if (!from || !to || from > to) {
    throw new DomainError('VALIDATION_FAILED', 'Khoảng thời gian không hợp lệ: cần tháng bắt đầu và kết thúc dạng YYYY-MM, bắt đầu không sau kết thúc.', {
      from: range.from,
      to: range.to,
    });
  }
  const today = todayOf(options);
  const unitId = range.unitId ?? null;
  const run = async (tx: EntityManager) => {
    // Stale: counted on an earlier day than today, with tasks in time, in a month that has begun.
    const stale: Pair[] = await tx.query(
      `SELECT unit_id AS "unitId", to_char(month, 'YYYY-MM-DD') AS month FROM unit_monthly_ratings
       WHERE organization_id = $1 AND month BETWEEN $2 AND $3 AND ($4::uuid IS NULL OR unit_id = $4)
         AND open_in_time > 0 AND month <= $5::date AND (computed_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date < $5::date`,
      [organizationId, from, to, unitId, today],
    );
    if (stale.length) await refreshPairs(tx, organizationId, stale, today);
    const rows: Array<Record<string, unknown>> = await tx.query(
      `SELECT to_char(r.month, 'YYYY-MM') AS month, r.unit_id, u.code, u.name, r.tasks_due, r.completed_on_time, r.completed_late,
              r.overdue_open, r.open_in_time, r.cancelled, r.waiting_for_event, r.not_arisen, r.on_time_rate, r.computed_at
       FROM unit_monthly_ratings r JOIN units u ON u.id = r.unit_id
       WHERE r.organization_id = $1 AND r.month BETWEEN $2 AND $3 AND ($4::uuid IS NULL OR r.unit_id = $4)
       ORDER BY r.month, u.code`,
      [organizationId, from, to, unitId],
    );
    return rows.map(
      (r): UnitMonthlyRating => ({
        month: r.month as string,
        unitId: r.unit_id as string,
        unitCode: r.code as string,
        unitName: r.name as string,
        tasksDue: r.tasks_due as number,
        completedOnTime: r.completed_on_time as number,
        completedLate: r.completed_late as number,
        overdueOpen: r.overdue_open as number,
        openInTime: r.open_in_time as number,
        cancelled: r.cancelled as number,
        waitingForEvent: r.waiting_for_event as number,
        notArisen: r.not_arisen as number,
        onTimeRate: r.on_time_rate === null ? null : Number(r.on_time_rate),
        computedAt: r.computed_at as Date,
      }),
    );
  };
  return (db instanceof DataSource ? db.manager : db).transaction(run);
}

/**
 * Counts the tasks of each (unit, month) in one grouped statement, upserts the pairs that have
 * tasks and deletes the pairs that have none.
 */
async function refreshPairs(tx: EntityManager, organizationId: string, pairs: readonly Pair[], today: IsoDate): Promise<void> {
  if (!pairs.length) return;
  const unitIds = pairs.map((p) => p.unitId);
  const months = pairs.map((p) => p.month);
  // Locks in a fixed order (by hash), so two transactions locking overlapping pairs cannot deadlock.
  await tx.query(
    `SELECT pg_advisory_xact_lock(h) FROM (
       SELECT DISTINCT hashtextextended('unit-monthly-rating:' || $1 || ':' || p.unit_id || ':' || p.month, 0) AS h
       FROM unnest($2::text[], $3::text[]) AS p(unit_id, month) ORDER BY h) locks`,
    [organizationId, unitIds, months],
  );
  await tx.query(
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
    [organizationId, unitIds, months, today],
  );
}
