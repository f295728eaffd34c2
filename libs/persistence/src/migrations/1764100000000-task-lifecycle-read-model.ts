import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the full task lifecycle keeps on the task row for inboxes and the detail page: completion
 * date, progress, the units whose review is awaited (GIN: "tasks waiting on my unit"), who the task
 * waits on, the workflow's last snapshot and the current milestone; plus an index for the children
 * of group-led rows.
 */
export class TaskLifecycleReadModel1764100000000 implements MigrationInterface {
  name = 'TaskLifecycleReadModel1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tasks" ADD "completed_on" date`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD "progress_percent" integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD "pending_review_unit_ids" uuid array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD "waiting_on" jsonb NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD "detail" jsonb NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD "current_milestone" integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`CREATE INDEX "ix_tasks_pending_review_units" ON "tasks" USING GIN ("pending_review_unit_ids")`);
    await queryRunner.query(`CREATE INDEX "ix_tasks_parent" ON "tasks" ("parent_task_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_tasks_parent"`);
    await queryRunner.query(`DROP INDEX "public"."ix_tasks_pending_review_units"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "current_milestone"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "detail"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "waiting_on"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "pending_review_unit_ids"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "progress_percent"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "completed_on"`);
  }
}
