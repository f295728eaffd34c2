import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for task listings of an organization-wide reader at scale (issue 6: "inbox queries with
 * 100,000 tasks answer from indexes"; test/api/inbox-explain.int-spec.ts EXPLAINs every statement
 * on 100,000 tasks). The monitor, the director and "KT." see every task of the organization, so
 * `GET /tasks` without a selective filter must read one page in the sort's order rather than every
 * task of the organization and sort them:
 *  - `ix_tasks_org_created`, `ix_tasks_org_activity`: the `created` and `lastActivity` sorts (the
 *    latter scanned backwards for DESC) with their keyset cursors `(key, id)`;
 *  - `ix_tasks_org_due_key`: the `dueOn` sort, on the sort's own expression (the deadline in force,
 *    tasks without one last);
 *  - `ix_tasks_org_effective_due`: the `dueBefore` / `dueAfter` filters on the deadline in force, of
 *    every state (the overdue box keeps its smaller partial index of open tasks);
 *  - `ix_tasks_org_status_word`: the `statusWord` filter (written so that this index and the
 *    overdue box's partial index serve it, see repositories/task-search.sql.ts).
 * The two on expressions cannot be described by TypeORM's @Index: the entity declares them with
 * `synchronize: false`. Plain CREATE INDEX (migrations run in a transaction): a department's
 * tasks table builds in well under a second; a province-sized table would take them CONCURRENTLY
 * by hand first (the names are the same, so this migration then only records itself).
 */
export class InboxScaleIndexes1764700000000 implements MigrationInterface {
  name = 'InboxScaleIndexes1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "ix_tasks_org_created" ON "tasks" ("organization_id", "created_at", "id")`);
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "ix_tasks_org_activity" ON "tasks" ("organization_id", "last_activity_at", "id")`);
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS "ix_tasks_org_due_key" ON "tasks" ("organization_id", (coalesce(coalesce("extended_due_on", "due_on"), DATE '9999-12-31')), "id")`,
    );
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "ix_tasks_org_effective_due" ON "tasks" ("organization_id", (coalesce("extended_due_on", "due_on")))`);
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS "ix_tasks_org_status_word" ON "tasks" ("organization_id", "status_word")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_tasks_org_status_word"`);
    await queryRunner.query(`DROP INDEX "public"."ix_tasks_org_effective_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_tasks_org_due_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_tasks_org_activity"`);
    await queryRunner.query(`DROP INDEX "public"."ix_tasks_org_created"`);
  }
}
