import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The leadership inbox's `extensions` box (libs/persistence/src/repositories/task-inbox.repository.ts): tasks whose
 * extension request waits for a decision. The read model already holds the request in the
 * workflow's snapshot (`tasks.detail -> extensions -> pending`, JSON null when there is none), so
 * no new column: a partial index on the few tasks with a request pending, by organization and lead
 * unit (the director's box, a deputy's portfolio). Its predicate is the box's condition
 * (`extensionPendingSql`), written the same way so that the planner matches it. The entity
 * declares it with `synchronize: false` (TypeORM cannot describe a partial index on an expression).
 * A predicate has no statistics of its own: without them the planner takes `… IS NOT NULL` for
 * 99.5 % of the rows and counts the director's box with a scan of every task of the organization
 * (test/api/inbox-explain.int-spec.ts); statistics on the expression (Postgres 14+) give it the real,
 * tiny share.
 */
export class InboxExtensionIndex1764900000000 implements MigrationInterface {
  name = 'InboxExtensionIndex1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS "ix_tasks_extension_pending" ON "tasks" ("organization_id", "owner_unit_id") WHERE ("detail" #>> '{extensions,pending}') IS NOT NULL`,
    );
    await queryRunner.query(`CREATE STATISTICS IF NOT EXISTS "st_tasks_extension_pending" ON (("detail" #>> '{extensions,pending}')) FROM "tasks"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP STATISTICS IF EXISTS "public"."st_tasks_extension_pending"`);
    await queryRunner.query(`DROP INDEX "public"."ix_tasks_extension_pending"`);
  }
}
