import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes of the inboxes and task listings (issue 6):
 *  - `ix_tasks_search_trgm`: trigram GIN on the folded title (`tasks.search_text`), so the
 *    diacritics-insensitive search `search_text LIKE '%cai cach%'` is an index scan. pg_trgm is a
 *    contrib extension shipped with Postgres (the embedded server and the postgres image carry it;
 *    it is "trusted" since Postgres 13, so the database owner may create it);
 *  - `ix_tasks_open_effective_due`: the overdue box, open tasks by their deadline in force
 *    (the extended date, else the plan's), partial on the states that have a deadline running;
 *  - `ix_task_units_unit`: the tasks a unit leads or coordinates, for the visibility rule of every
 *    listing (the primary key starts with the task).
 * The first two cannot be described by TypeORM's @Index (access method, expression): their
 * entities declare them with `synchronize: false`.
 */
export class InboxIndexes1764500000000 implements MigrationInterface {
  name = 'InboxIndexes1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE INDEX "ix_tasks_search_trgm" ON "tasks" USING GIN ("search_text" gin_trgm_ops)`);
    await queryRunner.query(
      `CREATE INDEX "ix_tasks_open_effective_due" ON "tasks" ("organization_id", (coalesce("extended_due_on", "due_on"))) WHERE "state" IN ('DRAFTING', 'IN_REVIEW', 'AWAITING_APPROVAL')`,
    );
    await queryRunner.query(`CREATE INDEX "ix_task_units_unit" ON "task_units" ("unit_id", "task_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_task_units_unit"`);
    await queryRunner.query(`DROP INDEX "public"."ix_tasks_open_effective_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_tasks_search_trgm"`);
    // pg_trgm stays: it may have been there before (IF NOT EXISTS), and other objects may use it.
  }
}
