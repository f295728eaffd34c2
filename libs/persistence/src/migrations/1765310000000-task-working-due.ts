import { MigrationInterface, QueryRunner } from 'typeorm';
import { refreshWorkingDue } from '../calendar/working-due';

/**
 * The day-off rule in the read model (issue 16, BLDS 2015 art. 148(5)): `tasks.working_due_on`,
 * the working end of the deadline in force by the organization's calendar and day-off rule, what
 * status words, the overdue box and counts, plan progress, monthly ratings and the exports judge
 * by. Existing rows are backfilled with the function the workflow uses (refreshWorkingDue over
 * every task of every organization, closed ones too: a task done on the Monday after a Saturday
 * deadline is "Hoàn thành đúng hạn"), their status words and the monthly ratings recomputed. The
 * overdue box's partial index moves to the working end (`ix_tasks_open_working_due`, on
 * coalesce(working_due_on, extended_due_on, due_on): a row written before its first event counts
 * on its deadline as written).
 * The monthly ratings get `not_arisen`: rows closed as "Không phát sinh" (an event row whose event
 * never came by the plan end, issue 16 item 7) are counted apart, never as due or done.
 * Down drops the columns and the index; status words and ratings stay as recomputed (the next
 * event of each task writes them again).
 */
export class TaskWorkingDue1765310000000 implements MigrationInterface {
  name = 'TaskWorkingDue1765310000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tasks" ADD COLUMN IF NOT EXISTS "working_due_on" date`);
    // Rows closed as "Không phát sinh" (issue 16 item 7) are counted apart in the monthly ratings.
    await queryRunner.query(`ALTER TABLE "unit_monthly_ratings" ADD COLUMN IF NOT EXISTS "not_arisen" integer NOT NULL DEFAULT 0`);
    await queryRunner.query(
      `CREATE INDEX "ix_tasks_open_working_due" ON "tasks" ("organization_id", (coalesce("working_due_on", "extended_due_on", "due_on"))) WHERE "state" IN ('DRAFTING', 'IN_REVIEW', 'AWAITING_APPROVAL')`,
    );
    const organizations: Array<{ id: string }> = await queryRunner.query(`SELECT id FROM organizations ORDER BY id`);
    for (const { id } of organizations) await refreshWorkingDue(queryRunner.manager, id, { scope: 'all' });
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "ix_tasks_open_working_due"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN IF EXISTS "working_due_on"`);
    await queryRunner.query(`ALTER TABLE "unit_monthly_ratings" DROP COLUMN IF EXISTS "not_arisen"`);
  }
}
