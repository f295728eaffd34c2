import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Giao cho cán bộ (issue 19 item 4): the officer of the lead unit a task is given to. Existing
 * tasks have nobody (null); the read-model activity writes it with every event from now on. The
 * draft box "Việc của tôi" of an officer reads it (index per organization and person).
 */
export class TaskAssignee1765151000000 implements MigrationInterface {
  name = 'TaskAssignee1765151000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tasks" ADD COLUMN IF NOT EXISTS "assignee_user_id" uuid`);
    await queryRunner.query(`CREATE INDEX "ix_tasks_assignee" ON "tasks" ("organization_id", "assignee_user_id") WHERE "assignee_user_id" IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "ix_tasks_assignee"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN IF EXISTS "assignee_user_id"`);
  }
}
