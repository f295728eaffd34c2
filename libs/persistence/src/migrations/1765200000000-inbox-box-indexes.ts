import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every inbox box × filter × sort at 100,000 tasks in at most 20 ms (issue 20;
 * test/api/inbox-explain.int-spec.ts). The boxes of one state (approve, waiting, draft and review
 * of the whole organization) read the organization's due-date order and dropped 80,000 rows of
 * other states before finding 50: one index per (state, sort key) answers them in order. The open
 * boxes (overdue, escalated) get the same on open tasks only (partial). The escalated box starts
 * from the person's escalation notifications (user, type, task). Expression and partial indexes
 * are declared in the entities with `synchronize: false` (TypeORM cannot describe them).
 */
export class InboxBoxIndexes1765200000000 implements MigrationInterface {
  name = 'InboxBoxIndexes1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS "ix_tasks_org_state_due_key" ON "tasks" ("organization_id", "state", (coalesce(coalesce("extended_due_on", "due_on"), DATE '9999-12-31')), "id")`,
    );
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "ix_tasks_org_state_activity" ON "tasks" ("organization_id", "state", "last_activity_at", "id")`);
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS "ix_tasks_open_due_key" ON "tasks" ("organization_id", (coalesce(coalesce("extended_due_on", "due_on"), DATE '9999-12-31')), "id")
       WHERE "state" IN ('DRAFTING', 'IN_REVIEW', 'AWAITING_APPROVAL')`,
    );
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS "ix_tasks_open_activity" ON "tasks" ("organization_id", "last_activity_at", "id") WHERE "state" IN ('DRAFTING', 'IN_REVIEW', 'AWAITING_APPROVAL')`,
    );
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "ix_notifications_user_type_task" ON "notifications" ("user_id", "type", "task_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "public"."ix_notifications_user_type_task"`);
    await queryRunner.query(`DROP INDEX IF EXISTS "public"."ix_tasks_open_activity"`);
    await queryRunner.query(`DROP INDEX IF EXISTS "public"."ix_tasks_open_due_key"`);
    await queryRunner.query(`DROP INDEX IF EXISTS "public"."ix_tasks_org_state_activity"`);
    await queryRunner.query(`DROP INDEX IF EXISTS "public"."ix_tasks_org_state_due_key"`);
  }
}
