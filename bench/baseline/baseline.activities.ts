import type { Pool } from 'pg';

/** Bare tables of the timer-storm baseline (no entity, no trigger, no index beyond the key). */
export const BASELINE_TABLES_SQL = `
  CREATE TABLE IF NOT EXISTS bench_timer_rows (id int PRIMARY KEY, status_word text NOT NULL, done_at timestamptz);
  CREATE TABLE IF NOT EXISTS bench_timer_notifications (row_id int NOT NULL, recipient int NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
`;

export function baselineActivities(pool: Pool) {
  return {
    /** The row becomes overdue and its three people are notified, in one transaction (as recordTaskEvent does). */
    async markOverdue(rowId: number): Promise<void> {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        await c.query(`UPDATE bench_timer_rows SET status_word = 'OPEN_OVERDUE', done_at = now() WHERE id = $1`, [rowId]);
        await c.query(`INSERT INTO bench_timer_notifications (row_id, recipient) SELECT $1, r FROM generate_series(1, 3) r`, [rowId]);
        await c.query('COMMIT');
      } catch (err) {
        await c.query('ROLLBACK');
        throw err;
      } finally {
        c.release();
      }
    },
  };
}

export type BaselineActivities = ReturnType<typeof baselineActivities>;
