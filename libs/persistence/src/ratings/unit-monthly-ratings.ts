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
import { UnitMonthlyRatingsRepository, type RatingPair } from '../repositories/unit-monthly-ratings.repository';

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
  const task = await new UnitMonthlyRatingsRepository(tx).ratingKeyOfTask(taskId);
  if (task) await refreshUnitMonthlyRatings(tx, task.organizationId, [task.ownerUnitId], [task.due], options);
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
    const ratings = new UnitMonthlyRatingsRepository(tx);
    await refreshPairs(tx, organizationId, await ratings.pairsOfOrganization(organizationId), today);
    return { rows: await ratings.countOfOrganization(organizationId) };
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
    const ratings = new UnitMonthlyRatingsRepository(tx);
    const months = { from, to, unitId };
    // Stale: counted on an earlier day than today, with tasks in time, in a month that has begun.
    const stale = await ratings.stalePairs(organizationId, months, today);
    if (stale.length) await refreshPairs(tx, organizationId, stale, today);
    return ratings.ratings(organizationId, months);
  };
  return (db instanceof DataSource ? db.manager : db).transaction(run);
}

/**
 * Counts the tasks of each (unit, month) in one grouped statement, upserts the pairs that have
 * tasks and deletes the pairs that have none.
 */
async function refreshPairs(tx: EntityManager, organizationId: string, pairs: readonly RatingPair[], today: IsoDate): Promise<void> {
  if (!pairs.length) return;
  const ratings = new UnitMonthlyRatingsRepository(tx);
  // Locked first (in a fixed order): two transactions counting the same pair wait for each other.
  await ratings.lockPairs(organizationId, pairs);
  await ratings.recountPairs(organizationId, pairs, today);
}
